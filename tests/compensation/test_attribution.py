"""A late application is attributed to the stage whose officer's own part (service beyond the
allowance, counter idle while the applicant waited) overran the most."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from compensation.models import CompensationCase
from compensation.services import case_attribute
from satpas.roles import Role
from service_timing.services import outage_add
from tests.compensation.helpers import at, point, serve
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_walked_morning(frozen) -> None:
    """The tests walk the morning of Friday 27 November; the clock stands at 09.30 that day, so
    an outage of that morning is recorded after it happened (future outages are refused)."""
    frozen(2026, 11, 27, 9, 30)


@pytest.fixture
def verifier(unit):
    return UserFactory(
        username="96040512", full_name="Andika Saputra", home_unit=unit, role=Role.OFFICER
    )


def slow_verification(unit, officer, verifier):
    """Perpanjangan (60 min; VERIF may take 10): verification takes 40, the rest 5 each."""
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 5), at(8, 45))
    serve(application, "BAYAR", officer, at(8, 45), at(8, 50))
    serve(application, "BIO", officer, at(8, 50), at(8, 55))
    serve(application, "CETAK", officer, at(8, 55), at(9))
    serve(application, "SERAH", officer, at(9), at(9, 5))
    return application


def test_the_stage_that_overran_most_and_its_officer_are_named(unit, officer, verifier) -> None:
    application = slow_verification(unit, officer, verifier)
    case = CompensationCase.objects.get(application=application)
    assert case.minutes_over == 5
    assert case.attributed_stage_id == "VERIF"
    assert case.attributed_point == point(unit, "VERIF")
    assert case.attributed_officer == verifier
    assert case.attribution_note == ""
    # Verification took 40 minutes against an allowance of 10: 30 are the officer's own.
    assert case.officer_minutes == 30
    detail = case.attribution_detail
    assert (detail["allowance"], detail["service"], detail["service_over"], detail["idle"]) == (
        10,
        40,
        30,
        0,
    )


def test_an_overrun_inside_a_system_outage_names_no_officer(
    unit, officer, verifier, supervisor
) -> None:
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 45),
        reason="Server SIM nasional tidak dapat diakses",
        user=supervisor,
    )
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    assert case.attributed_stage_id == "VERIF"
    assert case.attributed_point == point(unit, "VERIF")
    assert case.attributed_officer is None
    assert "gangguan sistem" in case.attribution_note


def test_a_short_outage_does_not_excuse_the_rest_of_the_overrun(
    unit, officer, verifier, supervisor
) -> None:
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 13),
        reason="Listrik padam",
        user=supervisor,
    )
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    # 5 minutes over, 3 of them in the outage: the outage does not explain the overrun.
    assert case.attributed_officer == verifier
    assert case.officer_minutes == 40 - 3 - 10
    assert case.attribution_detail["outage"] == 3


def test_an_outage_covering_the_whole_overrun_names_nobody_even_if_the_service_was_long(
    unit, officer, verifier, supervisor
) -> None:
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 15),
        reason="Listrik padam",
        user=supervisor,
    )
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    assert case.minutes_over == 5
    assert case.attributed_officer is None
    assert case.officer_minutes == 0


def test_a_stage_without_allowance_names_no_officer(unit, officer, verifier) -> None:
    from service_timing.models import StageAllowance

    StageAllowance.objects.filter(standard__unit=unit).delete()
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    assert case.attributed_officer is None
    assert "alokasi" in case.attribution_note


def test_an_applicant_stuck_waiting_is_attributed_to_the_stage_not_yet_served(
    unit, officer
) -> None:
    from compensation.services import sweep_overdue

    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    sweep_overdue(now=at(9, 1))
    case = CompensationCase.objects.get(application=application)
    assert case.attributed_stage_id == "VERIF"
    assert case.attributed_officer is None


def test_a_supervisor_assigns_an_officer_by_hand_with_a_reason(
    unit, officer, verifier, supervisor
) -> None:
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 45),
        reason="Server down",
        user=supervisor,
    )
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    with pytest.raises(ValidationError, match="Alasan"):
        case_attribute(case=case, officer=verifier, reason=" ", user=supervisor)
    case_attribute(
        case=case, officer=verifier, reason="Server pulih 08.20, petugas istirahat", user=supervisor
    )
    case.refresh_from_db()
    assert (case.attributed_officer, case.attributed_by) == (verifier, supervisor)
    # Later counter events never overwrite a hand-made attribution.
    from compensation.services import overdue_check
    from service_timing.models import Journey

    overdue_check(journey=Journey.objects.get(pk=case.application_id), now=at(10))
    case.refresh_from_db()
    assert case.attributed_officer == verifier


def test_an_officer_may_not_assign_blame(unit, officer, verifier, supervisor) -> None:
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 45),
        reason="Server down",
        user=supervisor,
    )
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    with pytest.raises(ValidationError, match="supervisor"):
        case_attribute(case=case, officer=verifier, reason="Menurut saya", user=officer)


def test_a_supervisor_may_re_attribute_an_automatic_attribution_with_a_reason(
    unit, officer, verifier, supervisor
) -> None:
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    with pytest.raises(ValidationError, match="Alasan"):
        case_attribute(case=case, officer=officer, reason="", user=supervisor)
    case_attribute(
        case=case, officer=officer, reason="Verifikasi menunggu data pendaftaran", user=supervisor
    )
    case.refresh_from_db()
    assert (case.attributed_officer, case.attributed_by) == (officer, supervisor)
    assert case.history.first().history_change_reason == "Verifikasi menunggu data pendaftaran"


def test_an_officer_of_another_unit_cannot_be_named(
    unit, officer, verifier, supervisor, other_officer
) -> None:
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 45),
        reason="Server down",
        user=supervisor,
    )
    case = CompensationCase.objects.get(application=slow_verification(unit, officer, verifier))
    with pytest.raises(ValidationError, match="satuan ini"):
        case_attribute(case=case, officer=other_officer, reason="Tugas bantuan", user=supervisor)
