from django.db import migrations


def install(apps, schema_editor):
    """Units that existed before this app get the SOP's default rule (new units get it on
    creation): air mineral or permen, the applicant's choice, from one minute over."""
    from compensation import services

    Unit = apps.get_model("satpas", "Unit")
    CompensationItem = apps.get_model("compensation", "CompensationItem")
    CompensationRule = apps.get_model("compensation", "CompensationRule")
    for unit in Unit.objects.all():
        items = []
        for name, label in services.DEFAULT_ITEMS:
            item, _created = CompensationItem.objects.get_or_create(
                unit=unit, name=name, defaults={"unit_label": label}
            )
            items.append(item)
        if CompensationRule.objects.filter(unit=unit).exists():
            continue
        rule = CompensationRule.objects.create(
            unit=unit,
            min_minutes_over=services.DEFAULT_TIER_MINUTES,
            note=services.DEFAULT_RULE_NOTE,
            is_default=True,
        )
        rule.items.set(items)


class Migration(migrations.Migration):
    dependencies = [("compensation", "0002_complaint_open_index")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
