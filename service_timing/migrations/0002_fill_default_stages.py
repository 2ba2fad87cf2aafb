from django.db import migrations

# Frozen copy of the default catalogue at the time of this migration.
STAGES = [
    ("REG", "Pendaftaran (formulir)", False),
    ("VERIF", "Verifikasi dokumen", False),
    ("BAYAR", "Pembayaran PNBP", False),
    ("BIO", "Foto, sidik jari & tanda tangan", False),
    ("TEORI", "Ujian teori", True),
    ("SIMULATOR", "Ujian simulator", True),
    ("PRAKTIK", "Ujian praktik", True),
    ("CETAK", "Pencetakan SIM", False),
    ("SERAH", "Penyerahan SIM", False),
]


def fill_stages(apps, schema_editor):
    Stage = apps.get_model("service_timing", "Stage")
    for code, name, is_test in STAGES:
        Stage.objects.get_or_create(code=code, defaults={"name": name, "is_test": is_test, "is_default": True})


def remove_stages(apps, schema_editor):
    apps.get_model("service_timing", "Stage").objects.filter(
        code__in=[code for code, _name, _test in STAGES], is_default=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("service_timing", "0001_initial")]

    operations = [migrations.RunPython(fill_stages, remove_stages)]
