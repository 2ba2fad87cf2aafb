"""Records called before calls were counted were called once, at their call time."""

from __future__ import annotations

from django.db import migrations



def fill(apps, schema_editor) -> None:
    StageRecord = apps.get_model("service_timing", "StageRecord")
    StageRecord.objects.filter(called_at__isnull=False, call_count=0).update(
        call_count=1
    )


class Migration(migrations.Migration):
    dependencies = [("service_timing", "0005_counter_controls")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
