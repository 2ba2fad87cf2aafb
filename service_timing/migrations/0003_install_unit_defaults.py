from django.db import migrations


def install(apps, schema_editor):
    """Units that existed before this app get its defaults (new units get them on creation)."""
    from service_timing import defaults

    Unit = apps.get_model("satpas", "Unit")
    RouteStep = apps.get_model("service_timing", "RouteStep")
    ServiceStandard = apps.get_model("service_timing", "ServiceStandard")
    StageAllowance = apps.get_model("service_timing", "StageAllowance")
    ServicePoint = apps.get_model("service_timing", "ServicePoint")
    for unit in Unit.objects.all():
        for application_type, codes in defaults.ROUTES.items():
            if RouteStep.objects.filter(unit=unit, application_type=application_type).exists():
                continue
            for position, code in enumerate(codes, start=1):
                RouteStep.objects.create(
                    unit=unit,
                    application_type=application_type,
                    stage_id=code,
                    position=position,
                    umum_only=code in defaults.UMUM_ONLY,
                    is_default=True,
                )
        for application_type, minutes in defaults.STANDARD_MINUTES.items():
            if ServiceStandard.objects.filter(unit=unit, application_type=application_type).exists():
                continue
            standard = ServiceStandard.objects.create(
                unit=unit,
                application_type=application_type,
                minutes=minutes,
                warning_percent=80,
                effective_from=defaults.DEFAULT_EFFECTIVE_FROM,
                sop_reference=defaults.DEFAULT_SOP_REFERENCE,
                is_default=True,
            )
            allowances = (
                defaults.ALLOWANCES_WITH_TESTS
                if "TEORI" in defaults.ROUTES[application_type]
                else defaults.ALLOWANCES_WITHOUT_TESTS
            )
            for code, allowance in allowances.items():
                StageAllowance.objects.create(standard=standard, stage_id=code, minutes=allowance)
        if not ServicePoint.objects.filter(unit=unit).exists():
            for number, name, code in defaults.COUNTERS:
                ServicePoint.objects.create(unit=unit, number=number, name=name, stage_id=code)


class Migration(migrations.Migration):
    dependencies = [("service_timing", "0002_fill_default_stages"), ("satpas", "0002_create_roles")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
