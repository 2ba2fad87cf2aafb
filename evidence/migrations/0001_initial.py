"""EvidencePack and SigningKey move here from the satpas app; their tables stay as they are.

Only Django's picture of the models changes (`SeparateDatabaseAndState`): the tables keep their
names (`db_table`) and their rows. The content types are renamed, so the permissions on them
(and the groups and users holding those permissions) stay the same rows; and evidence packs
still waiting in the task queue are pointed at the task's new module path.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["evidencepack", "signingkey"]
OLD_TASK = "satpas.evidence.tasks.build_evidence_pack"
NEW_TASK = "evidence.tasks.build_evidence_pack"


def _move_content_types(apps, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue  # a new database: post_migrate creates the content type later
        # A content type already made under the new label (it holds nothing yet) gives way.
        ContentType.objects.filter(app_label=new_label, model=model).delete()
        old.app_label = new_label
        old.save(update_fields=["app_label"])


def _move_waiting_tasks(apps, old_path, new_path):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old_path, status="READY").update(task_path=new_path)


def forwards(apps, schema_editor):
    _move_content_types(apps, "satpas", "evidence")
    _move_waiting_tasks(apps, OLD_TASK, NEW_TASK)


def backwards(apps, schema_editor):
    _move_content_types(apps, "evidence", "satpas")
    _move_waiting_tasks(apps, NEW_TASK, OLD_TASK)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("satpas", "0007_shared_cache_table"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SigningKey',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('public_key', models.CharField(max_length=64, verbose_name='kunci publik (base64)')),
                        ('fingerprint', models.CharField(max_length=80, verbose_name='sidik jari')),
                        ('private_key_encrypted', models.TextField(verbose_name='kunci privat (terenkripsi)')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                        ('unit', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='signing_key', to='satpas.unit', verbose_name='satuan')),
                    ],
                    options={
                        'verbose_name': 'kunci tanda tangan',
                        'verbose_name_plural': 'kunci tanda tangan',
                        'db_table': 'satpas_signingkey',
                    },
                ),
                migrations.CreateModel(
                    name='EvidencePack',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period_start', models.DateField(verbose_name='dari tanggal')),
                        ('period_end', models.DateField(verbose_name='sampai tanggal')),
                        ('status', models.CharField(choices=[('QUEUED', 'Menunggu'), ('RUNNING', 'Sedang disusun'), ('DONE', 'Selesai'), ('FAILED', 'Gagal')], default='QUEUED', max_length=8, verbose_name='status')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='kemajuan (%)')),
                        ('step', models.CharField(blank=True, max_length=120, verbose_name='langkah')),
                        ('file', models.FileField(blank=True, upload_to='evidence/', verbose_name='berkas')),
                        ('size', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='ukuran (byte)')),
                        ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 berkas')),
                        ('error', models.TextField(blank=True, verbose_name='galat')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='diminta pada')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='selesai pada')),
                        ('signed_with', models.CharField(blank=True, help_text='Sidik jari kunci publik Ed25519 satuan yang menandatangani manifest.', max_length=80, verbose_name='sidik jari kunci penanda tangan')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diminta oleh')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evidence_packs', to='satpas.unit', verbose_name='satuan')),
                    ],
                    options={
                        'verbose_name': 'paket bukti',
                        'verbose_name_plural': 'paket bukti',
                        'db_table': 'satpas_evidencepack',
                        'ordering': ['-requested_at'],
                        'permissions': [('export_evidence', 'Dapat menyusun dan mengunduh paket bukti')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='evidence_pack_period_in_order'), models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='evidence_pack_progress_0_100')],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
