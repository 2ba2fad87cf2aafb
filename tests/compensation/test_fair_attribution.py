"""An officer answers only for their own part of a late application: service beyond the
stage's allowance and their counter idle while the applicant waited for it. Queue waiting,
outages and applicant pauses are nobody's, whenever they are recorded."""

from __future__ import annotations

import pytest

from compensation.models import CompensationCase
from satpas.roles import Role
from service_timing.models import StageRecord
from service_timing.services import outage_add, pause_add, stage_record_correct
from tests.compensation.helpers import at, serve
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def verifier(unit):
    return UserFactory(
        username="96040512", full_name="Andika Saputra", home_unit=unit, role=Role.OFFICER
    )


def finish_quickly(application, officer, start, *, close=True):
    """BAYAR, BIO, CETAK, SERAH in 5 minutes each from `start` (SERAH left in service when
    the applicant is still owed compensation: the hand-over comes first)."""
    five = at(8, 5) - at(8)
    moment = start
    for code in ("BAYAR", "BIO", "CETAK", "SERAH"):
        last = code == "SERAH" and not close
        serve(application, code, officer, moment, None if last else moment + five)
        moment += five
    return moment


def case_of(application) -> CompensationCase:
    return CompensationCase.objects.get(application=application, reason="OVERDUE")


def test_waiting_in_the_queue_before_a_busy_counter_is_nobodys_finding(
    unit, officer, verifier
) -> None:
    # The verifier is busy with another applicant until 08.40; ours waits from 08.05.
    first = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(first, "REG", officer, at(8), at(8, 2))
    serve(first, "VERIF", verifier, at(8, 2), at(8, 40))
    ours = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(ours, "REG", officer, at(8, 2), at(8, 5))
    serve(ours, "VERIF", verifier, at(8, 40), at(8, 45))
    finish_quickly(ours, officer, at(8, 45))
    case = case_of(ours)
    assert case.minutes_over == 5
    assert case.attributed_officer is None
    assert case.officer_minutes == 0
    assert case.attributed_stage_id == "VERIF"
    assert "antrean" in case.attribution_note
    assert case.attribution_detail["queue"] == 35


def test_the_officers_idle_counter_while_the_applicant_waited_is_theirs(
    unit, officer, verifier
) -> None:
    # The verifier finished the previous applicant at 08.10 and called ours only at 08.40.
    first = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(first, "REG", officer, at(8), at(8, 2))
    serve(first, "VERIF", verifier, at(8, 2), at(8, 10))
    ours = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(ours, "REG", officer, at(8, 2), at(8, 5))
    serve(ours, "VERIF", verifier, at(8, 40), at(8, 45))
    finish_quickly(ours, officer, at(8, 45))
    case = case_of(ours)
    assert case.attributed_officer == verifier
    detail = case.attribution_detail
    assert (detail["service_over"], detail["idle"], detail["queue"]) == (0, 30, 5)
    assert case.officer_minutes == 30


def test_idle_time_starts_when_the_applicant_became_ready_not_before(
    unit, officer, verifier
) -> None:
    first = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(first, "REG", officer, at(8), at(8, 1))
    serve(first, "VERIF", verifier, at(8, 1), at(8, 3))
    ours = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(ours, "REG", officer, at(8, 3), at(8, 10))
    serve(ours, "VERIF", verifier, at(8, 40), at(8, 45))
    finish_quickly(ours, officer, at(8, 45))
    case = case_of(ours)
    # Counter free since 08.03, applicant ready at 08.10: idle 08.10–08.40, no queue.
    assert (case.attribution_detail["idle"], case.attribution_detail["queue"]) == (30, 0)
    assert case.attributed_officer == verifier


def test_an_outage_recorded_after_the_application_closed_removes_the_attribution(
    unit, officer, verifier, supervisor
) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 5), at(8, 45))
    finish_quickly(application, officer, at(8, 45))
    case = case_of(application)
    assert case.attributed_officer == verifier
    application.refresh_from_db()
    assert application.closed_at is not None
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 40),
        reason="Server SIM nasional tidak dapat diakses",
        user=supervisor,
        now=at(14),
    )
    case.refresh_from_db()
    assert case.attributed_officer is None
    assert case.officer_minutes == 0
    assert "gangguan sistem" in case.attribution_note
    assert "Gangguan sistem dicatat" in case.history.first().history_change_reason


def test_an_outage_of_another_time_changes_nothing(unit, officer, verifier, supervisor) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 5), at(8, 45))
    finish_quickly(application, officer, at(8, 45))
    outage_add(
        unit_id=unit.pk,
        started_at=at(11),
        ended_at=at(11, 30),
        reason="Listrik padam",
        user=supervisor,
        now=at(14),
    )
    assert case_of(application).attributed_officer == verifier


def test_an_applicant_pause_is_left_out_of_the_officers_part(
    unit, officer, verifier, supervisor
) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 5), at(8, 50))
    finish_quickly(application, officer, at(8, 50), close=False)
    assert case_of(application).officer_minutes == 35
    pause_add(
        application=application,
        started_at=at(8, 10),
        ended_at=at(8, 20),
        reason="Pemohon mengambil fotokopi KTP",
        user=supervisor,
        now=at(9, 10),
    )
    case = case_of(application)
    assert case.minutes_over == 0  # 70 minutes at 09.10, 10 of them paused: the standard
    assert case.attributed_officer is None
    assert case.status == "WAIVED"


def test_a_correction_that_shortens_the_service_moves_the_numbers(
    unit, officer, verifier, supervisor
) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 5), at(8, 45))
    finish_quickly(application, officer, at(8, 45))
    record = StageRecord.objects.get(application=application, stage_id="VERIF")
    stage_record_correct(
        record=record,
        field="started_at",
        value=at(8, 25),
        reason="Petugas menekan Mulai terlambat; pemohon dipanggil 08.25",
        user=supervisor,
        now=at(14),
    )
    case = case_of(application)
    # The applicant waited 08.05–08.25 in the queue (called at 08.05, started 08.25 is the
    # correction): the service is 20 minutes, 10 over its allowance.
    assert case.attribution_detail["service"] == 20
    assert case.officer_minutes == 10
