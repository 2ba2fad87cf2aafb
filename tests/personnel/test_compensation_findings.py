from __future__ import annotations

import datetime as dt

import pytest

from compensation.models import CompensationCase, Complaint
from personnel.models import Finding
from personnel.selectors import month_bounds
from personnel.services import findings_from_compensation
from tests.factories import UserFactory, register
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

MAY = dt.date(2026, 5, 1)


def _case(unit, officer_user, reason="OVERDUE", when=None, minutes_over=25, officer_minutes=25):
    """A case whose officer's own part (service beyond the allowance) was `officer_minutes`."""
    application = register(unit, officer_user, now=when or office(dt.date(2026, 5, 12), 9))
    return CompensationCase.objects.create(
        unit=unit,
        application=application,
        reason=reason,
        opened_at=when or office(dt.date(2026, 5, 12), 11),
        minutes_over=minutes_over,
        attributed_officer=officer_user,
        attributed_stage_id="VERIF" if reason == "OVERDUE" else None,
        officer_minutes=officer_minutes if reason == "OVERDUE" else 0,
        attribution_detail={"stage": "VERIF", "allowance": 15, "service": 40, "service_over": 25}
        if reason == "OVERDUE"
        else {},
    )


def _derive(unit):
    start, end = month_bounds(unit, MAY)
    return findings_from_compensation(unit=unit, start=start, end=end, now=end)


def test_an_overdue_case_is_a_service_timeliness_finding(unit, officer, profile) -> None:
    case = _case(unit, officer)
    assert _derive(unit) == 1
    finding = Finding.objects.get()
    assert (finding.officer, finding.criterion, finding.compensation_case) == (
        profile,
        "SERVICE_TIMELINESS",
        case,
    )
    assert "25 menit" in finding.description
    assert finding.facts["allowance"] == 15
    assert finding.policy_version == 1


def test_an_overdue_case_within_the_officers_threshold_is_no_finding(
    unit, officer, profile
) -> None:
    # The application was 25 minutes late, but the officer's own part was 5 (the threshold):
    # the rest was queue waiting, the unit's capacity.
    _case(unit, officer, officer_minutes=5)
    assert _derive(unit) == 0


def test_a_dissatisfied_case_is_not_a_finding(unit, officer, profile) -> None:
    # "Kurang puas" is owed compensation, not a judgment: only a substantiated complaint is.
    _case(unit, officer, reason="DISSATISFIED", minutes_over=0)
    assert _derive(unit) == 0
    assert not Finding.objects.exists()


def test_a_substantiated_complaint_is_a_medium_users_rating_finding(
    unit, officer, profile, supervisor
) -> None:
    complaint = Complaint.objects.create(
        unit=unit,
        channel="COUNTER",
        received_at=office(dt.date(2026, 5, 5), 10),
        description="Petugas membentak pemohon",
        about_officer=officer,
        status="DONE",
        substantiated=True,
        resolved_at=office(dt.date(2026, 5, 7), 10),
        handled_by=supervisor,
    )
    Complaint.objects.create(
        unit=unit,
        channel="COUNTER",
        received_at=office(dt.date(2026, 5, 5), 10),
        description="Tidak terbukti",
        about_officer=officer,
        status="DONE",
        substantiated=False,
        resolved_at=office(dt.date(2026, 5, 7), 10),
    )
    assert _derive(unit) == 1
    finding = Finding.objects.get()
    assert (finding.criterion, finding.severity, finding.complaint) == (
        "USER_RATING",
        "SEDANG",
        complaint,
    )


def test_deriving_again_makes_no_second_finding(unit, officer, profile) -> None:
    _case(unit, officer)
    assert _derive(unit) == 1
    assert _derive(unit) == 0
    assert Finding.objects.count() == 1


def test_a_case_of_someone_without_an_officer_profile_is_skipped(unit, officer) -> None:
    _case(unit, officer)
    assert _derive(unit) == 0


def test_a_case_of_another_month_waits_for_its_own_month(unit, officer, profile) -> None:
    _case(unit, officer, when=office(dt.date(2026, 6, 1), 8))
    assert _derive(unit) == 0


def test_another_units_cases_are_not_read(unit, other_unit, officer, profile) -> None:
    stranger = UserFactory(username="03020499", home_unit=other_unit)
    _case(other_unit, stranger)
    assert _derive(unit) == 0
