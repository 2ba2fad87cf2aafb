from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from service_timing.models import Journey, ServiceStandard
from service_timing.selectors import standard_in_force
from service_timing.services import standard_revise
from tests.factories import register

pytestmark = pytest.mark.django_db


def test_every_new_unit_gets_the_default_standards_routes_and_counters(unit) -> None:
    assert ServiceStandard.objects.filter(unit=unit).count() == 7
    baru = ServiceStandard.objects.get(unit=unit, application_type="BARU")
    assert (baru.minutes, baru.warning_percent, baru.is_default) == (120, 80, True)
    assert unit.service_points.count() == 9


def test_install_defaults_is_idempotent(unit) -> None:
    from django.core.management import call_command

    call_command("install_defaults", "--unit", unit.code)
    call_command("install_defaults")
    assert ServiceStandard.objects.filter(unit=unit).count() == 7


def test_a_revision_starts_after_the_last_judged_day_and_leaves_earlier_days_alone(
    unit, officer, frozen
) -> None:
    frozen(2026, 11, 27, 9)
    earlier = register(unit, officer)
    standard = ServiceStandard.objects.get(unit=unit, application_type="BARU")
    with pytest.raises(ValidationError, match="besok"):
        standard_revise(
            standard=standard,
            minutes=90,
            warning_percent=80,
            effective_from=dt.date(2026, 11, 27),
            sop_reference="SOP revisi 2026",
            allowances={},
            user=officer,
        )
    revised = standard_revise(
        standard=standard,
        minutes=90,
        warning_percent=75,
        effective_from=dt.date(2026, 11, 28),
        sop_reference="SOP revisi 2026",
        allowances={"REG": 8},
        user=officer,
    )
    assert standard_in_force(unit, "BARU", dt.date(2026, 11, 27)) == standard
    assert standard_in_force(unit, "BARU", dt.date(2026, 11, 28)) == revised
    frozen(2026, 11, 28, 9)
    later = register(unit, officer)
    assert Journey.objects.get(pk=earlier.pk).standard_minutes == 120
    assert Journey.objects.get(pk=later.pk).standard_minutes == 90
    assert Journey.objects.get(pk=later.pk).route[0]["allowance"] == 8
    standard.refresh_from_db()
    assert standard.minutes == 120


def test_admin_refuses_a_version_that_would_rejudge_a_served_day(
    client_for, unit, officer, frozen
) -> None:
    from tests.factories import UserFactory

    frozen(2026, 11, 27, 9)
    register(unit, officer)
    admin = UserFactory(username="10000002", home_unit=unit)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    response = client_for(admin).post(
        reverse("admin:service_timing_servicestandard_add"),
        {
            "unit": unit.pk,
            "application_type": "BARU",
            "minutes": 60,
            "warning_percent": 80,
            "effective_from": "2026-11-27",
            "sop_reference": "coba",
            "allowances-TOTAL_FORMS": 0,
            "allowances-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Versi baru hanya boleh berlaku mulai hari berikutnya" in response.content.decode()
    assert ServiceStandard.objects.filter(unit=unit, application_type="BARU").count() == 1
