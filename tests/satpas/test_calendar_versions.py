"""History cannot be rewritten silently: opening hours, breaks and holidays that judged
applications stay as they were for those days; a change is a new version from a later date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from satpas.models import Holiday, OpeningHours, ServiceBreak
from satpas.selectors import build_office_calendar
from tests.factories import register

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 11, 27)  # weekday 4


@pytest.fixture
def judged_friday(unit, officer, frozen):
    """An application served on Friday 27 November 2026."""
    frozen(2026, 11, 27, 9, 30)
    return register(unit, officer)


def friday_hours(unit) -> OpeningHours:
    return OpeningHours.objects.get(unit=unit, weekday=4)


def test_hours_that_judged_a_day_cannot_be_changed(unit, judged_friday) -> None:
    hours = friday_hours(unit)
    hours.closes_at = dt.time(14)
    with pytest.raises(ValidationError) as refused:
        hours.full_clean()
    message = " ".join(refused.value.messages)
    assert "sudah dipakai menilai permohonan sampai 27-11-2026" in message
    assert "mulai 28-11-2026" in message


def test_a_weekday_without_judged_applications_may_change(unit, judged_friday) -> None:
    monday = OpeningHours.objects.get(unit=unit, weekday=0)
    monday.closes_at = dt.time(14)
    monday.full_clean()


def test_a_new_version_from_a_later_date_holds_from_then_on(unit, judged_friday) -> None:
    early = OpeningHours(
        unit=unit, weekday=4, opens_at=dt.time(8), closes_at=dt.time(11), valid_from=FRIDAY
    )
    with pytest.raises(ValidationError):
        early.full_clean()
    later = OpeningHours(
        unit=unit,
        weekday=4,
        opens_at=dt.time(8),
        closes_at=dt.time(11),
        valid_from=dt.date(2026, 12, 4),
    )
    later.full_clean()
    later.save()
    calendar = build_office_calendar(unit)
    assert calendar.hours_on(FRIDAY) == (dt.time(8), dt.time(15))
    assert calendar.hours_on(dt.date(2026, 12, 4)) == (dt.time(8), dt.time(11))
    assert calendar.hours_on(dt.date(2026, 12, 11)) == (dt.time(8), dt.time(11))


def test_breaks_that_judged_a_day_cannot_be_changed_a_new_schedule_can_start(
    unit, judged_friday
) -> None:
    ishoma = ServiceBreak.objects.get(unit=unit)
    ishoma.ends_at = dt.time(13, 30)
    with pytest.raises(ValidationError):
        ishoma.full_clean()
    new = ServiceBreak(
        unit=unit,
        starts_at=dt.time(11, 30),
        ends_at=dt.time(12, 30),
        label="Ishoma",
        valid_from=dt.date(2026, 11, 28),
    )
    new.full_clean()
    new.save()
    calendar = build_office_calendar(unit)
    assert calendar.breaks_on(FRIDAY) == [(dt.time(12), dt.time(13))]
    assert calendar.breaks_on(dt.date(2026, 11, 30)) == [(dt.time(11, 30), dt.time(12, 30))]


def test_a_holiday_cannot_be_declared_on_a_judged_day(unit, judged_friday) -> None:
    with pytest.raises(ValidationError) as refused:
        Holiday(unit=unit, date=FRIDAY, name="Cuti bersama").full_clean()
    assert "Sudah ada permohonan yang dinilai pada 27-11-2026" in " ".join(refused.value.messages)
    Holiday(unit=unit, date=dt.date(2026, 12, 25), name="Natal").full_clean()


def test_the_judged_applications_clock_is_unchanged_by_a_new_version(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 9, 30)
    register(unit, officer)
    before = build_office_calendar(unit).day_periods(FRIDAY)
    OpeningHours.objects.create(
        unit=unit,
        weekday=4,
        opens_at=dt.time(10),
        closes_at=dt.time(11),
        valid_from=dt.date(2026, 12, 4),
    )
    assert build_office_calendar(unit).day_periods(FRIDAY) == before


def test_the_admin_explains_and_changes_nothing(client_for, admin_user, unit, judged_friday):
    hours = friday_hours(unit)
    url = reverse("admin:satpas_openinghours_change", args=[hours.pk])
    response = client_for(admin_user).post(
        url,
        {
            "unit": unit.pk,
            "weekday": 4,
            "opens_at": "08:00",
            "closes_at": "14:00",
            "valid_from": "2000-01-01",
        },
    )
    assert response.status_code == 200
    assert "sudah dipakai menilai permohonan sampai 27-11-2026" in response.content.decode()
    assert friday_hours(unit).closes_at == dt.time(15)
    delete = reverse("admin:satpas_openinghours_delete", args=[hours.pk])
    assert client_for(admin_user).post(delete, {"post": "yes"}).status_code == 403
    assert OpeningHours.objects.filter(pk=hours.pk).exists()


def test_the_units_zone_and_breaks_rule_are_fixed_once_applications_were_judged(
    client_for, admin_user, unit, judged_friday
) -> None:
    body = (
        client_for(admin_user)
        .get(reverse("admin:satpas_unit_change", args=[unit.pk]))
        .content.decode()
    )
    assert 'name="time_zone"' not in body
    assert 'name="breaks_stop_clock"' not in body
