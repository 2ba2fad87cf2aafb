"""Attendance that knows real duty: leave and other duty are not findings, checks refer to the
rostered shift and wait for it to start, leaving early is its own finding, and a check on an
officer (or counter) with no shift that day needs a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from personnel import scoring
from personnel.models import AttendanceCheck, Finding
from personnel.selectors import officer_months, officers_on_duty
from personnel.services import (
    appearance_record,
    attendance_record,
    attendance_record_departure,
    cleanliness_record,
    professionalism_record,
)
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 20)


def _present(shift, supervisor, *, now=None):
    return attendance_record(
        shift=shift,
        present=True,
        arrived_at=office(DAY, 8, 0),
        by=supervisor,
        now=now or office(DAY, 8, 5),
    )


# --- before the shift starts ------------------------------------------------------------------


def test_attendance_one_minute_before_the_shift_starts_is_refused(
    profile, on_duty, supervisor
) -> None:
    shift = on_duty(profile, DAY)
    with pytest.raises(ValidationError, match=r"baru mulai pukul 08\.00"):
        attendance_record(
            shift=shift,
            present=True,
            arrived_at=office(DAY, 7, 50),
            by=supervisor,
            now=office(DAY, 7, 59),
        )
    with pytest.raises(ValidationError, match="baru mulai"):
        attendance_record(
            shift=shift, present=False, arrived_at=None, by=supervisor, now=office(DAY, 7, 59)
        )
    assert not AttendanceCheck.objects.exists()
    check = attendance_record(
        shift=shift,
        present=True,
        arrived_at=office(DAY, 7, 50),
        by=supervisor,
        now=office(DAY, 8, 0),
    )
    assert check.status == "PRESENT"


def test_an_appearance_check_before_the_shift_starts_is_refused(
    unit, profile, on_duty, supervisor
) -> None:
    on_duty(profile, DAY)
    with pytest.raises(ValidationError, match=r"baru mulai pukul 08\.00"):
        appearance_record(
            unit=unit,
            officer=profile,
            checked_on=DAY,
            results={},
            notes={},
            by=supervisor,
            now=office(DAY, 7, 59),
        )
    check = appearance_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        results={},
        notes={},
        by=supervisor,
        now=office(DAY, 8, 0),
    )
    assert check.shift.date == DAY


# --- leave and other duty -----------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(AttendanceCheck.LEAVE))
def test_leave_and_other_duty_are_not_findings(profile, on_duty, supervisor, status) -> None:
    shift = on_duty(profile, DAY)
    check = attendance_record(
        shift=shift,
        arrived_at=None,
        status=status,
        note="Surat nomor 12/V/2026",
        by=supervisor,
        now=office(DAY, 7, 0),  # known ahead: may be recorded before the shift
    )
    assert (check.status, check.is_late, check.is_leave) == (status, False, True)
    assert not Finding.objects.exists()


def test_leave_needs_a_note(profile, on_duty, supervisor) -> None:
    with pytest.raises(ValidationError, match="keterangan"):
        attendance_record(
            shift=on_duty(profile, DAY),
            arrived_at=None,
            status="SAKIT",
            by=supervisor,
            now=office(DAY, 9),
        )
    assert not AttendanceCheck.objects.exists()


def test_absence_without_a_reason_is_still_a_finding(profile, on_duty, supervisor) -> None:
    attendance_record(
        shift=on_duty(profile, DAY),
        present=False,
        arrived_at=None,
        by=supervisor,
        now=office(DAY, 9),
    )
    assert Finding.objects.get().criterion == "TIME_DISCIPLINE"


def test_a_leave_day_is_not_a_duty_day_and_keeps_the_officer_off_the_counter(
    unit, profile, colleague, on_duty, supervisor, point
) -> None:
    on_duty(colleague, DAY)
    attendance_record(
        shift=on_duty(profile, DAY),
        arrived_at=None,
        status="CUTI",
        note="Cuti tahunan",
        by=supervisor,
        now=office(DAY, 7),
    )
    assert list(officers_on_duty(point.pk, DAY)) == [colleague]
    months = officer_months(unit, DAY)
    assert (months[profile.pk].duty_days, months[colleague.pk].duty_days) == (0, 1)
    result = cleanliness_record(
        unit=unit,
        service_point=point,
        checked_on=DAY,
        results={"floor": False},
        by=supervisor,
        now=office(DAY, 10),
    )
    assert result.findings == 1
    assert Finding.objects.get().officer == colleague


# --- leaving early ---------------------------------------------------------------------------------


def test_leaving_eleven_minutes_early_is_its_own_finding(profile, on_duty, supervisor) -> None:
    check = _present(on_duty(profile, DAY), supervisor)
    check = attendance_record_departure(
        check=check, left_at=office(DAY, 14, 49), by=supervisor, now=office(DAY, 14, 50)
    )
    assert (check.minutes_early, check.left_early) == (11, True)
    finding = Finding.objects.get()
    assert (finding.criterion, finding.severity, finding.attendance) == (
        "TIME_DISCIPLINE",
        "RINGAN",
        check,
    )
    assert "Pulang 11 menit sebelum jadwal selesai 15.00" in finding.description


def test_leaving_within_the_tolerance_is_not_a_finding(profile, on_duty, supervisor) -> None:
    check = _present(on_duty(profile, DAY), supervisor)
    check = attendance_record_departure(
        check=check, left_at=office(DAY, 14, 50), by=supervisor, now=office(DAY, 15)
    )
    assert (check.minutes_early, check.left_early) == (10, False)
    assert not Finding.objects.exists()


def test_leaving_early_spoils_the_no_lateness_month(profile, on_duty, supervisor) -> None:
    check = _present(on_duty(profile, DAY), supervisor)
    attendance_record_departure(
        check=check, left_at=office(DAY, 12), by=supervisor, now=office(DAY, 13)
    )
    month = officer_months(profile.unit, DAY)[profile.pk]
    assert month.left_early == 1
    rule = scoring.RewardRuleSpec(scoring.NO_LATENESS, points=2, min_duty_days=1)
    assert not scoring.reward_earned(rule, month)


def test_a_departure_is_refused_when_not_present_twice_or_in_the_future(
    profile, colleague, on_duty, supervisor
) -> None:
    check = _present(on_duty(profile, DAY), supervisor)
    with pytest.raises(ValidationError, match="masa depan"):
        attendance_record_departure(
            check=check, left_at=office(DAY, 14), by=supervisor, now=office(DAY, 13)
        )
    with pytest.raises(ValidationError, match="sebelum jam datang"):
        attendance_record_departure(
            check=check, left_at=office(DAY, 7), by=supervisor, now=office(DAY, 13)
        )
    attendance_record_departure(
        check=check, left_at=office(DAY, 15), by=supervisor, now=office(DAY, 15)
    )
    with pytest.raises(ValidationError, match="sudah dicatat"):
        attendance_record_departure(
            check=check, left_at=office(DAY, 15), by=supervisor, now=office(DAY, 15)
        )
    absent = attendance_record(
        shift=on_duty(colleague, DAY),
        present=False,
        arrived_at=None,
        by=supervisor,
        now=office(DAY, 9),
    )
    with pytest.raises(ValidationError, match="hanya dicatat untuk petugas yang hadir"):
        attendance_record_departure(
            check=absent, left_at=office(DAY, 12), by=supervisor, now=office(DAY, 13)
        )


# --- no shift that day ---------------------------------------------------------------------------


def test_a_check_without_a_shift_needs_a_reason(unit, profile, supervisor, point) -> None:
    with pytest.raises(ValidationError) as info:
        professionalism_record(
            unit=unit,
            officer=profile,
            checked_on=DAY,
            scores={"procedure": 3, "accuracy": 3, "courtesy": 3, "integrity": 3},
            by=supervisor,
            now=office(DAY, 10),
        )
    assert "tidak terjadwal" in info.value.message_dict["note"][0]
    with pytest.raises(ValidationError, match="tidak terjadwal"):
        cleanliness_record(
            unit=unit,
            service_point=point,
            checked_on=DAY,
            results={},
            by=supervisor,
            now=office(DAY, 10),
        )
    check = appearance_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        results={"shoes": False},
        notes={},
        note="Apel pagi di luar jadwal loket",
        by=supervisor,
        now=office(DAY, 10),
    )
    assert check.shift is None
    assert Finding.objects.get().appearance == check


# --- pages ------------------------------------------------------------------------------------------


def test_the_supervisor_records_sick_leave_and_a_departure_through_the_pages(
    client_for, profile, colleague, on_duty, supervisor, frozen
) -> None:
    frozen(2026, 5, 20, 14, 45)
    sick = on_duty(profile, DAY)
    client = client_for(supervisor)
    url = reverse("personnel:attendance", args=[sick.pk])
    response = client.post(url, {"present": "SAKIT", "arrived_at": "", "note": ""})
    assert "Isi keterangan" in response.content.decode()
    response = client.post(
        url, {"present": "SAKIT", "arrived_at": "", "note": "Surat dokter"}, follow=True
    )
    assert "Sakit dicatat (bukan temuan)" in response.content.decode()
    present = _present(on_duty(colleague, DAY), supervisor)
    page = client.get(reverse("personnel:checks"), {"tanggal": DAY.isoformat()}).content.decode()
    assert reverse("personnel:departure", args=[present.pk]) in page
    response = client.post(
        reverse("personnel:departure", args=[present.pk]), {"left_at": "14:30"}, follow=True
    )
    assert "pulang 30 menit sebelum jadwal" in response.content.decode()
    assert Finding.objects.get().officer == colleague


def test_departure_page_refuses_others(
    client_for, profile, on_duty, supervisor, officer, other_supervisor
) -> None:
    present = _present(on_duty(profile, DAY), supervisor)
    url = reverse("personnel:departure", args=[present.pk])
    assert client_for(officer).get(url).status_code == 403
    assert client_for(other_supervisor).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    present.refresh_from_db()
    assert present.left_at is None
