"""The shared cache's table (rate limits, permission sets) exists as soon as the schema does.

The database cache is the default (`CACHE_URL`); `migrate` itself already uses the cache
(roles are re-applied after it and clear the permission sets), so the table cannot wait for a
separate `createcachetable`. The command is idempotent and does nothing for other backends.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("satpas", "0006_merge_20261201_0722")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
