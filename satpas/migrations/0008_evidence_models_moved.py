"""EvidencePack and SigningKey now belong to the evidence app (its 0001_initial): they leave
this app's state only; their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("satpas", "0007_shared_cache_table"),
        ("evidence", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="signingkey", name="unit"),
                migrations.DeleteModel(name="EvidencePack"),
                migrations.DeleteModel(name="SigningKey"),
            ],
        ),
    ]
