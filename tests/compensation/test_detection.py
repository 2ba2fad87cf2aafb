"""When an application's counted time passes its standard, one OVERDUE case opens."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from applicants.models import Application
from compensation.models import CompensationCase
from compensation.services import sweep_overdue
from service_timing.models import StageRecord
from service_timing.services import pause_add
from tests.compensation.helpers import PERPANJANGAN, at, serve, walk
from tests.factories import register

pytestmark = pytest.mark.django_db


def late_perpanjangan(unit, officer):
    """Registered at 08.00 on a Friday; the standard for perpanjangan is 60 minutes."""
    return register(unit, officer, application_type="PERPANJANGAN", now=at(8))


def test_exactly_at_the_standard_opens_no_case(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    assert sweep_overdue(now=at(9)) == 0
    assert not CompensationCase.objects.exists()
    application.refresh_from_db()
    assert application.compensation_state == ""


def test_one_minute_over_the_standard_opens_a_case(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    assert sweep_overdue(now=at(9, 1)) == 1
    case = CompensationCase.objects.get()
    assert (case.application, case.reason, case.status) == (
        application,
        CompensationCase.Reason.OVERDUE,
        CompensationCase.Status.DUE,
    )
    assert case.minutes_over == 1
    assert case.opened_at == at(9, 1)
    application.refresh_from_db()
    assert application.compensation_state == Application.Compensation.DUE


def test_a_second_sweep_opens_nothing_new(unit, officer) -> None:
    late_perpanjangan(unit, officer)
    assert sweep_overdue(now=at(9, 1)) == 1
    assert sweep_overdue(now=at(9, 2)) == 0
    assert sweep_overdue(now=at(10)) == 0
    assert CompensationCase.objects.count() == 1


def test_the_command_sweeps_and_says_how_many(unit, officer, frozen) -> None:
    late_perpanjangan(unit, officer)
    frozen(2026, 11, 27, 9, 5)
    out = io.StringIO()
    call_command("sweep_overdue", stdout=out)
    call_command("sweep_overdue", stdout=out)
    assert out.getvalue().splitlines() == [
        "Compensation cases opened: 1",
        "Compensation cases opened: 0",
    ]


def test_a_pause_moves_the_boundary(unit, officer, supervisor) -> None:
    application = late_perpanjangan(unit, officer)
    pause_add(
        application=application,
        started_at=at(8, 10),
        ended_at=at(8, 20),
        reason="Pemohon mengambil fotokopi KTP",
        user=supervisor,
        now=at(8, 30),
    )
    assert sweep_overdue(now=at(9, 10)) == 0
    assert sweep_overdue(now=at(9, 11)) == 1
    assert CompensationCase.objects.get().minutes_over == 1


def test_the_lunch_break_does_not_count(unit, officer) -> None:
    register(unit, officer, application_type="PERPANJANGAN", now=at(11, 30))
    # 11.30–12.00 and 13.00–13.30 make 60 counted minutes.
    assert sweep_overdue(now=at(13, 30)) == 0
    assert sweep_overdue(now=at(13, 31)) == 1


def test_a_counter_event_past_the_standard_opens_the_case(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    serve(application, "REG", officer, at(9, 1))
    case = CompensationCase.objects.get(application=application)
    assert case.minutes_over == 1


def test_finishing_exactly_at_the_standard_opens_no_case(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    walk(application, officer, PERPANJANGAN, at(8), minutes_each=10)  # ends at 09.00
    application.refresh_from_db()
    assert application.status == Application.Status.COMPLETED
    assert application.elapsed_minutes == 60
    assert not CompensationCase.objects.exists()
    assert sweep_overdue(now=at(9, 30)) == 0


def test_finishing_a_minute_late_opens_a_case_at_closure(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    end = walk(application, officer, PERPANJANGAN[:-1], at(8), minutes_each=10)
    serve(application, "SERAH", officer, end, end + dt.timedelta(minutes=11))
    case = CompensationCase.objects.get(application=application)
    assert case.minutes_over == 1
    assert case.attributed_stage_id == "SERAH"


def test_the_case_follows_the_clock_while_still_due(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    sweep_overdue(now=at(9, 1))
    serve(application, "REG", officer, at(9, 20), at(9, 25))
    assert CompensationCase.objects.get().minutes_over == 25


def test_one_case_per_application_and_reason(unit, officer) -> None:
    application = late_perpanjangan(unit, officer)
    sweep_overdue(now=at(9, 1))
    serve(application, "REG", officer, at(9, 20), at(9, 25))
    serve(application, "VERIF", officer, at(9, 30), at(9, 35))
    assert CompensationCase.objects.filter(application=application).count() == 1


def test_a_correction_that_removes_the_lateness_closes_the_due_case_with_a_reason(
    unit, officer, supervisor
) -> None:
    application = late_perpanjangan(unit, officer)
    serve(application, "REG", officer, at(9, 1))
    assert CompensationCase.objects.get().status == CompensationCase.Status.DUE
    record = StageRecord.objects.get(application=application, stage_id="REG")
    # Registration was typed in late: the applicant really arrived at 08.30.
    pause_add(
        application=application,
        started_at=at(8),
        ended_at=at(8, 30),
        reason="Pemohon keluar antrean untuk fotokopi",
        user=supervisor,
        now=at(9, 2),
    )
    case = CompensationCase.objects.get()
    assert case.status == CompensationCase.Status.WAIVED
    assert "koreksi" in case.settlement_note
    application.refresh_from_db()
    assert application.compensation_state == Application.Compensation.SETTLED
    assert record.pk  # the stage record stays


def test_the_sweep_leaves_other_units_apart(unit, other_unit, officer, other_officer) -> None:
    register(other_unit, other_officer, application_type="PERPANJANGAN", now=at(8, 30))
    late_perpanjangan(unit, officer)
    assert sweep_overdue(now=at(9, 1)) == 1
    assert CompensationCase.objects.get().unit == unit
