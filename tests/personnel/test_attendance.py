from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from personnel.models import AttendanceCheck, Finding
from personnel.services import attendance_record, policy_for
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 20)


def _arrive(shift, supervisor, hour, minute, second=0):
    return attendance_record(
        shift=shift,
        present=True,
        arrived_at=office(DAY, hour, minute, second),
        by=supervisor,
        now=office(DAY, 9, 30),
    )


def test_arriving_ten_minutes_late_is_not_a_finding(profile, on_duty, supervisor) -> None:
    check = _arrive(on_duty(profile, DAY), supervisor, 8, 10)
    assert (check.minutes_late, check.is_late) == (10, False)
    assert not Finding.objects.exists()


def test_ten_minutes_and_59_seconds_is_still_within_the_tolerance(
    profile, on_duty, supervisor
) -> None:
    check = _arrive(on_duty(profile, DAY), supervisor, 8, 10, 59)
    assert not check.is_late
    assert not Finding.objects.exists()


def test_arriving_eleven_minutes_late_is_a_light_time_discipline_finding(
    profile, on_duty, supervisor
) -> None:
    check = _arrive(on_duty(profile, DAY), supervisor, 8, 11)
    assert (check.minutes_late, check.is_late, check.tolerance_minutes) == (11, True, 10)
    finding = Finding.objects.get()
    assert (finding.officer, finding.criterion, finding.severity) == (
        profile,
        "TIME_DISCIPLINE",
        "RINGAN",
    )
    assert finding.attendance == check
    assert finding.period == dt.date(2026, 5, 1)
    assert "Terlambat 11 menit" in finding.description


def test_early_arrival_counts_zero_minutes(profile, on_duty, supervisor) -> None:
    check = _arrive(on_duty(profile, DAY), supervisor, 7, 45)
    assert (check.minutes_late, check.is_late) == (0, False)


def test_the_tolerance_is_the_units_setting(profile, on_duty, supervisor, unit) -> None:
    policy = policy_for(unit)
    policy.lateness_tolerance_minutes = 5
    policy.save()
    check = _arrive(on_duty(profile, DAY), supervisor, 8, 6)
    assert check.is_late
    assert Finding.objects.count() == 1


def test_absence_is_a_medium_finding(profile, on_duty, supervisor) -> None:
    attendance_record(
        shift=on_duty(profile, DAY),
        present=False,
        arrived_at=None,
        by=supervisor,
        now=office(DAY, 9),
    )
    finding = Finding.objects.get()
    assert (finding.criterion, finding.severity) == ("TIME_DISCIPLINE", "SEDANG")


def test_attendance_of_a_shift_is_recorded_once(profile, on_duty, supervisor) -> None:
    shift = on_duty(profile, DAY)
    _arrive(shift, supervisor, 8, 20)
    with pytest.raises(ValidationError, match="sudah dicatat"):
        _arrive(shift, supervisor, 8, 0)
    assert AttendanceCheck.objects.count() == 1
    assert Finding.objects.count() == 1


def test_an_arrival_in_the_future_is_refused(profile, on_duty, supervisor) -> None:
    with pytest.raises(ValidationError):
        _arrive(on_duty(profile, DAY), supervisor, 10, 0)
    assert not AttendanceCheck.objects.exists()


def test_a_shift_in_another_zone_is_measured_in_that_units_office_time(
    profile, on_duty, supervisor, unit
) -> None:
    unit.time_zone = "Asia/Jayapura"  # WIT, two hours ahead of WIB
    unit.save()
    shift = on_duty(profile, DAY)
    check = attendance_record(
        shift=shift,
        present=True,
        arrived_at=office(DAY, 6, 12),  # 06.12 WIB is 08.12 WIT
        by=supervisor,
        now=office(DAY, 9),
    )
    assert (check.minutes_late, check.is_late) == (12, True)
