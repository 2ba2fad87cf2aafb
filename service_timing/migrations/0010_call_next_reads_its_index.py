from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("service_timing", "0009_journey_receive_alerts_permission"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="journey",
            name="journey_fifo",
        ),
        migrations.RemoveIndex(
            model_name="journey",
            name="journey_priority",
        ),
        migrations.AddIndex(
            model_name="journey",
            index=models.Index(
                fields=["unit", "current_stage", "state", "ready_since", "application"],
                name="journey_fifo",
            ),
        ),
        migrations.AddIndex(
            model_name="journey",
            index=models.Index(
                fields=[
                    "unit",
                    "current_stage",
                    "state",
                    "-priority",
                    "ready_since",
                    "application",
                ],
                name="journey_priority",
            ),
        ),
    ]
