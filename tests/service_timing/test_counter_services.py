from __future__ import annotations

import datetime as dt

import pytest

from applicants.models import Application
from service_timing.models import Journey, ServicePoint, StageRecord
from service_timing.services import (
    CounterError,
    call_next,
    stage_call,
    stage_finish,
    stage_start,
)
from tests.factories import register

pytestmark = pytest.mark.django_db


def point(unit, code: str) -> ServicePoint:
    return ServicePoint.objects.filter(unit=unit, stage_id=code).order_by("number").first()


def walk(application, officer, codes, outcome="PASSED"):
    for code in codes:
        counter = point(application.unit, code)
        stage_call(application_id=application.pk, point=counter, user=officer)
        stage_start(application_id=application.pk, point=counter, user=officer)
        is_test = code in ("TEORI", "SIMULATOR", "PRAKTIK")
        stage_finish(
            application_id=application.pk,
            point=counter,
            user=officer,
            outcome=outcome if is_test else "",
        )


def test_a_full_journey_completes_the_application(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 40)
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"])
    application.refresh_from_db()
    assert application.status == Application.Status.COMPLETED
    assert application.elapsed_minutes == 40
    assert application.standard_minutes == 60
    assert StageRecord.objects.filter(application=application).count() == 6
    assert Journey.objects.get(pk=application.pk).state == Journey.State.DONE


def test_call_next_is_first_come_first_served(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8)
    first = register(unit, officer)
    frozen(2026, 11, 27, 8, 1)
    second = register(unit, officer)
    result = call_next(point=point(unit, "REG"), user=officer)
    assert result.journey.pk == first.pk
    stage_start(application_id=first.pk, point=point(unit, "REG"), user=officer)
    stage_finish(application_id=first.pk, point=point(unit, "REG"), user=officer)
    assert call_next(point=point(unit, "REG"), user=officer).journey.pk == second.pk


def test_call_next_with_nobody_waiting_returns_none(unit, officer) -> None:
    assert call_next(point=point(unit, "REG"), user=officer) is None


def test_calling_next_while_serving_is_refused(unit, officer) -> None:
    first, _second = register(unit, officer), register(unit, officer)
    stage_start(application_id=first.pk, point=point(unit, "REG"), user=officer)
    with pytest.raises(CounterError, match="Selesaikan dulu"):
        call_next(point=point(unit, "REG"), user=officer)


def test_a_no_show_goes_back_to_the_queue_keeping_its_place(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8)
    first = register(unit, officer)
    frozen(2026, 11, 27, 8, 1)
    second = register(unit, officer)
    call_next(point=point(unit, "REG"), user=officer)  # first called, does not come
    stage_call(application_id=second.pk, point=point(unit, "REG"), user=officer)
    assert Journey.objects.get(pk=first.pk).state == Journey.State.WAITING
    stage_finish_ready = stage_start(
        application_id=second.pk, point=point(unit, "REG"), user=officer
    )
    assert stage_finish_ready.changed


def test_the_wrong_stage_is_refused_and_nothing_written(unit, officer) -> None:
    application = register(unit, officer)
    with pytest.raises(CounterError, match="Bukan giliran loket ini") as info:
        stage_call(application_id=application.pk, point=point(unit, "BIO"), user=officer)
    assert "Pendaftaran" in str(info.value)
    assert not StageRecord.objects.exists()


def test_another_units_ticket_is_refused(unit, other_unit, officer, other_officer) -> None:
    application = register(unit, officer)
    with pytest.raises(CounterError, match="tidak ditemukan di satuan ini"):
        stage_call(
            application_id=application.pk, point=point(other_unit, "REG"), user=other_officer
        )


def test_finishing_before_starting_is_refused(unit, officer) -> None:
    application = register(unit, officer)
    stage_call(application_id=application.pk, point=point(unit, "REG"), user=officer)
    with pytest.raises(CounterError, match="Mulai dulu"):
        stage_finish(application_id=application.pk, point=point(unit, "REG"), user=officer)


def test_a_double_scan_changes_nothing_and_is_not_an_error(unit, officer) -> None:
    application = register(unit, officer)
    stage_call(application_id=application.pk, point=point(unit, "REG"), user=officer)
    again = stage_call(application_id=application.pk, point=point(unit, "REG"), user=officer)
    assert not again.changed
    stage_start(application_id=application.pk, point=point(unit, "REG"), user=officer)
    assert not stage_start(
        application_id=application.pk, point=point(unit, "REG"), user=officer
    ).changed
    stage_finish(application_id=application.pk, point=point(unit, "REG"), user=officer)
    assert not stage_finish(
        application_id=application.pk, point=point(unit, "REG"), user=officer
    ).changed
    assert StageRecord.objects.count() == 1


def test_finishing_twice_is_rejected_with_no_second_record(unit, officer) -> None:
    application = register(unit, officer)
    walk(application, officer, ["REG"])
    result = stage_finish(application_id=application.pk, point=point(unit, "REG"), user=officer)
    assert not result.changed
    assert StageRecord.objects.filter(stage_id="REG").count() == 1


def test_a_test_stage_needs_an_outcome(unit, officer) -> None:
    application = register(unit, officer)
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO"])
    stage_start(application_id=application.pk, point=point(unit, "TEORI"), user=officer)
    with pytest.raises(CounterError, match="Lulus atau Tidak lulus"):
        stage_finish(application_id=application.pk, point=point(unit, "TEORI"), user=officer)


def test_failing_a_test_closes_the_application_as_not_passed(unit, officer) -> None:
    application = register(unit, officer)
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO"])
    walk(application, officer, ["TEORI"], outcome="FAILED")
    application.refresh_from_db()
    assert application.status == Application.Status.NOT_PASSED
    assert application.closed_at is not None
    with pytest.raises(CounterError, match="sudah ditutup"):
        stage_call(application_id=application.pk, point=point(unit, "PRAKTIK"), user=officer)


def test_a_retake_is_a_new_application_starting_at_the_failed_test(unit, officer) -> None:
    application = register(unit, officer, serial=42)
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO", "TEORI"])
    walk(application, officer, ["PRAKTIK"], outcome="FAILED")
    application.refresh_from_db()
    retake = register(unit, officer, serial=42, retake_of=application)
    journey = Journey.objects.get(pk=retake.pk)
    assert journey.stage_codes == ["PRAKTIK", "CETAK", "SERAH"]
    assert retake.retake_of == application
    assert retake.applicant_id == application.applicant_id


def test_officers_at_two_counters_cannot_both_call_the_same_applicant(
    unit, officer, supervisor
) -> None:
    from service_timing.models import ServicePoint as SP

    second_reg = SP.objects.create(unit=unit, number=11, name="Pendaftaran 2", stage_id="REG")
    application = register(unit, officer)
    stage_call(application_id=application.pk, point=point(unit, "REG"), user=officer)
    with pytest.raises(CounterError, match="sudah dipanggil di Loket 1"):
        stage_start(application_id=application.pk, point=second_reg, user=supervisor)


def test_the_queue_waits_from_the_previous_stage_end(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8)
    application = register(unit, officer)
    frozen(2026, 11, 27, 8, 20)
    walk(application, officer, ["REG"])
    journey = Journey.objects.get(pk=application.pk)
    assert journey.current_stage_id == "VERIF"
    assert journey.ready_since == dt.datetime(2026, 11, 27, 1, 20, tzinfo=dt.UTC)


def test_the_last_stage_cannot_finish_while_compensation_is_owed(unit, officer) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN")
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO", "CETAK"])
    Application.objects.filter(pk=application.pk).update(
        compensation_state=Application.Compensation.DUE
    )
    serah = point(unit, "SERAH")
    stage_call(point=serah, user=officer, application_id=application.pk)
    stage_start(point=serah, user=officer, application_id=application.pk)
    with pytest.raises(CounterError, match="masih terutang"):
        stage_finish(point=serah, user=officer, application_id=application.pk)
    assert Application.objects.get(pk=application.pk).status == Application.Status.OPEN
    Application.objects.filter(pk=application.pk).update(
        compensation_state=Application.Compensation.SETTLED
    )
    stage_finish(point=serah, user=officer, application_id=application.pk)
    assert Application.objects.get(pk=application.pk).status == Application.Status.COMPLETED
