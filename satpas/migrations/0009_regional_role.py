from django.db import migrations

REGIONAL_GROUP = "Ditlantas"


def create_regional_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=REGIONAL_GROUP)


def remove_regional_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REGIONAL_GROUP).delete()


class Migration(migrations.Migration):
    """The regional role (Ditlantas / Subdit Regident) and its permission to open the regional
    view; the group's permissions follow satpas.roles.ROLE_PERMISSIONS after every migrate."""

    dependencies = [
        ("satpas", "0008_evidence_models_moved"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="unit",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("switch_unit", "Dapat membaca lebih dari satu satuan"),
                    ("view_regional", "Dapat membuka tampilan wilayah (satuan berdampingan)"),
                ],
                "verbose_name": "satuan",
                "verbose_name_plural": "satuan",
            },
        ),
        migrations.RunPython(create_regional_role, remove_regional_role),
    ]
