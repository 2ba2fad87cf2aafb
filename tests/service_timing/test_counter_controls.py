from __future__ import annotations

import datetime as dt

import pytest

from satpas import memo
from service_timing.models import (
    CounterPolicy,
    CounterStateChange,
    Journey,
    Pause,
    ServicePoint,
    StageRecord,
)
from service_timing.selectors import clock_for, counter_queue
from service_timing.selectors.capacity import closed_while_waiting
from service_timing.services import (
    CounterError,
    call_next,
    counter_state_set,
    pause_add,
    stage_call,
    stage_recall,
    stage_skip,
    stage_start,
    stage_transfer,
)
from tests.factories import register

pytestmark = pytest.mark.django_db


def reg(unit) -> ServicePoint:
    """The unit's first registration counter, as the console holds it (state as stored)."""
    return ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()


def second_reg(unit) -> ServicePoint:
    point = ServicePoint.objects.create(unit=unit, number=20, name="Pendaftaran 2", stage_id="REG")
    memo.clear()
    return point


def journey(application) -> Journey:
    return Journey.objects.get(pk=application.pk)


def record(application) -> StageRecord:
    return StageRecord.objects.get(application=application, stage_id="REG")


def queue_of(unit, officer, n: int, frozen) -> list:
    applications = []
    for minute in range(n):
        frozen(2026, 11, 27, 8, minute)
        applications.append(register(unit, officer))
    return applications


# --- recall -------------------------------------------------------------------------------


def test_a_recall_repeats_the_call_and_counts_it(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    frozen(2026, 11, 27, 9)
    call_next(point=reg(unit), user=officer)
    frozen(2026, 11, 27, 9, 2)
    result = stage_recall(application_id=first.pk, point=reg(unit), user=officer)
    assert "dipanggil ulang" in result.message
    again = record(first)
    assert again.call_count == 2
    assert again.called_at == dt.datetime(2026, 11, 27, 2, 2, tzinfo=dt.UTC)
    assert journey(first).state == Journey.State.CALLED


def test_a_recall_of_someone_being_served_is_refused(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    stage_start(application_id=first.pk, point=reg(unit), user=officer)
    with pytest.raises(CounterError, match="sudah dilayani"):
        stage_recall(application_id=first.pk, point=reg(unit), user=officer)
    assert record(first).call_count == 1


def test_a_recall_at_another_counter_is_refused(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    other = second_reg(unit)
    call_next(point=reg(unit), user=officer)
    with pytest.raises(CounterError, match="tidak sedang di loket ini"):
        stage_recall(application_id=first.pk, point=other, user=officer)


# --- skip and absent ----------------------------------------------------------------------


def test_a_skipped_applicant_comes_back_after_three_places(unit, officer, frozen) -> None:
    applications = queue_of(unit, officer, 6, frozen)
    frozen(2026, 11, 27, 9)
    call_next(point=reg(unit), user=officer)
    result = stage_skip(application_id=applications[0].pk, point=reg(unit), user=officer)
    assert "setelah 3 pemohon" in result.message
    assert journey(applications[0]).state == Journey.State.WAITING
    order = [entry.queue_number for entry in counter_queue(reg(unit)).waiting]
    numbers = [a.queue_number for a in applications]
    assert order == [numbers[1], numbers[2], numbers[3], numbers[0], numbers[4], numbers[5]]
    assert counter_queue(reg(unit)).waiting[3].missed_calls == 1
    called = []
    for _ in range(4):
        result = call_next(point=reg(unit), user=officer)
        called.append(result.journey.application.queue_number)
        stage_skip(application_id=result.journey.pk, point=reg(unit), user=officer)
    assert called[3] == numbers[0]


def test_the_places_come_from_the_units_policy(unit, officer, frozen) -> None:
    CounterPolicy.objects.create(unit=unit, requeue_places=1, absent_after_calls=5)
    applications = queue_of(unit, officer, 3, frozen)
    call_next(point=reg(unit), user=officer)
    stage_skip(application_id=applications[0].pk, point=reg(unit), user=officer)
    order = [entry.queue_number for entry in counter_queue(reg(unit)).waiting]
    assert order[:2] == [applications[1].queue_number, applications[0].queue_number]


def test_with_fewer_waiting_than_the_places_the_skipped_go_last(unit, officer, frozen) -> None:
    applications = queue_of(unit, officer, 2, frozen)
    frozen(2026, 11, 27, 9)
    call_next(point=reg(unit), user=officer)
    stage_skip(application_id=applications[0].pk, point=reg(unit), user=officer)
    order = [entry.queue_number for entry in counter_queue(reg(unit)).waiting]
    assert order == [applications[1].queue_number, applications[0].queue_number]


def test_after_three_calls_without_coming_the_applicant_is_absent(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    frozen(2026, 11, 27, 9)
    for minute in range(3):
        frozen(2026, 11, 27, 9, minute)
        assert call_next(point=reg(unit), user=officer).journey.pk == first.pk
        result = stage_skip(application_id=first.pk, point=reg(unit), user=officer)
    assert "tidak hadir" in result.message
    assert journey(first).state == Journey.State.ABSENT
    assert record(first).call_count == 3
    # Call-next passes the absent applicant by; the list shows them to be called by choice.
    assert call_next(point=reg(unit), user=officer) is None
    queue = counter_queue(reg(unit))
    assert queue.waiting_count == 0
    assert [(e.queue_number, e.held) for e in queue.held] == [(first.queue_number, "absent")]


def test_a_recall_counts_toward_absence(unit, officer, frozen) -> None:
    CounterPolicy.objects.create(unit=unit, requeue_places=3, absent_after_calls=2)
    first = queue_of(unit, officer, 1, frozen)[0]
    call_next(point=reg(unit), user=officer)
    stage_recall(application_id=first.pk, point=reg(unit), user=officer)
    stage_skip(application_id=first.pk, point=reg(unit), user=officer)
    assert journey(first).state == Journey.State.ABSENT


def test_the_time_from_the_missed_call_until_the_return_is_a_pause(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]  # registered 08.00
    frozen(2026, 11, 27, 8, 10)
    call_next(point=reg(unit), user=officer)
    frozen(2026, 11, 27, 8, 12)
    stage_skip(application_id=first.pk, point=reg(unit), user=officer)
    pause = Pause.objects.get(application=first)
    assert pause.no_show
    assert pause.ended_at is None
    assert pause.started_at == dt.datetime(2026, 11, 27, 1, 10, tzinfo=dt.UTC)
    assert journey(first).pause_count == 1
    # While they are away the clock stands still at the minutes before the call.
    frozen(2026, 11, 27, 8, 30)
    now = dt.datetime(2026, 11, 27, 1, 30, tzinfo=dt.UTC)
    assert clock_for(journey(first), now=now).elapsed_minutes == 10
    # Called again (call-next reaches them), not there: the pause runs on.
    frozen(2026, 11, 27, 8, 31)
    call_next(point=reg(unit), user=officer)
    stage_skip(application_id=first.pk, point=reg(unit), user=officer)
    assert Pause.objects.filter(application=first).count() == 1
    # They come back and are served at 08.40: the pause ends then.
    frozen(2026, 11, 27, 8, 40)
    call_next(point=reg(unit), user=officer)
    stage_start(application_id=first.pk, point=reg(unit), user=officer)
    pause.refresh_from_db()
    assert pause.ended_at == dt.datetime(2026, 11, 27, 1, 40, tzinfo=dt.UTC)
    assert journey(first).missed_calls == 0
    frozen(2026, 11, 27, 8, 45)
    later = dt.datetime(2026, 11, 27, 1, 45, tzinfo=dt.UTC)
    assert clock_for(journey(first), now=later).elapsed_minutes == 15


def test_skipping_someone_being_served_is_refused(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    stage_start(application_id=first.pk, point=reg(unit), user=officer)
    with pytest.raises(CounterError, match="sedang dilayani"):
        stage_skip(application_id=first.pk, point=reg(unit), user=officer)
    assert not Pause.objects.exists()


# --- paused and absent applicants, called by choice ---------------------------------------


def test_a_paused_applicant_is_passed_by_and_called_by_choice(
    unit, officer, supervisor, frozen
) -> None:
    first, second = queue_of(unit, officer, 2, frozen)
    frozen(2026, 11, 27, 8, 5)
    pause_add(
        application=first,
        started_at=dt.datetime(2026, 11, 27, 1, 5, tzinfo=dt.UTC),
        ended_at=None,
        reason="Mengambil fotokopi KTP",
        user=supervisor,
    )
    queue = counter_queue(reg(unit))
    assert [e.queue_number for e in queue.waiting] == [second.queue_number]
    assert [(e.queue_number, e.held) for e in queue.held] == [(first.queue_number, "paused")]
    frozen(2026, 11, 27, 8, 20)
    assert call_next(point=reg(unit), user=officer).journey.pk == second.pk
    stage_start(application_id=second.pk, point=reg(unit), user=officer)
    with pytest.raises(CounterError):
        stage_call(application_id=first.pk, point=reg(unit), user=officer)  # still serving
    other = second_reg(unit)
    result = stage_call(application_id=first.pk, point=other, user=officer)
    assert result.journey.state == Journey.State.CALLED
    pause = Pause.objects.get(application=first)
    assert pause.ended_at == dt.datetime(2026, 11, 27, 1, 20, tzinfo=dt.UTC)
    assert counter_queue(reg(unit)).held == []


def test_calling_an_absent_applicant_by_choice_ends_the_absence(unit, officer, frozen) -> None:
    CounterPolicy.objects.create(unit=unit, requeue_places=3, absent_after_calls=1)
    first = queue_of(unit, officer, 1, frozen)[0]
    frozen(2026, 11, 27, 8, 10)
    call_next(point=reg(unit), user=officer)
    stage_skip(application_id=first.pk, point=reg(unit), user=officer)
    assert journey(first).state == Journey.State.ABSENT
    frozen(2026, 11, 27, 8, 50)
    stage_call(application_id=first.pk, point=reg(unit), user=officer)
    assert journey(first).state == Journey.State.CALLED
    assert record(first).call_count == 2
    # The pause from the missed call runs until they are at the counter.
    frozen(2026, 11, 27, 8, 52)
    stage_start(application_id=first.pk, point=reg(unit), user=officer)
    assert journey(first).missed_calls == 0
    pause = Pause.objects.get(application=first)
    assert (pause.ended_at - pause.started_at) == dt.timedelta(minutes=42)


# --- transfer -----------------------------------------------------------------------------


def test_a_called_applicant_is_transferred_to_a_counter_of_the_same_stage(
    unit, officer, frozen
) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    other = second_reg(unit)
    call_next(point=reg(unit), user=officer)
    frozen(2026, 11, 27, 9)
    result = stage_transfer(
        application_id=first.pk, point=reg(unit), to_point_id=other.pk, user=officer
    )
    assert "dialihkan" in result.message
    assert journey(first).current_point_id == other.pk
    assert record(first).service_point_id == other.pk
    assert record(first).call_count == 2  # the display sends them to the new counter
    stage_start(application_id=first.pk, point=other, user=officer)


def test_transfer_to_a_counter_of_another_stage_is_refused(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    verif = ServicePoint.objects.get(unit=unit, stage_id="VERIF")
    call_next(point=reg(unit), user=officer)
    with pytest.raises(CounterError, match="tahap yang sama"):
        stage_transfer(application_id=first.pk, point=reg(unit), to_point_id=verif.pk, user=officer)
    assert journey(first).current_point_id == reg(unit).pk


def test_transfer_to_a_busy_or_closed_counter_is_refused(unit, officer, frozen) -> None:
    first, second = queue_of(unit, officer, 2, frozen)
    other = second_reg(unit)
    call_next(point=reg(unit), user=officer)
    call_next(point=other, user=officer)
    with pytest.raises(CounterError, match="melayani pemohon lain"):
        stage_transfer(application_id=first.pk, point=reg(unit), to_point_id=other.pk, user=officer)
    stage_skip(application_id=second.pk, point=other, user=officer)
    counter_state_set(point=other, state="CLOSED", user=officer)
    with pytest.raises(CounterError, match="tutup"):
        stage_transfer(application_id=first.pk, point=reg(unit), to_point_id=other.pk, user=officer)
    assert journey(first).current_point_id == reg(unit).pk


# --- counter state ------------------------------------------------------------------------


def test_counter_state_changes_are_kept_with_who_and_when(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 10)
    result = counter_state_set(point=reg(unit), state="BREAK", user=officer)
    assert "istirahat" in result.message
    frozen(2026, 11, 27, 10, 15)
    counter_state_set(point=reg(unit), state="OPEN", user=officer)
    again = counter_state_set(point=reg(unit), state="OPEN", user=officer)
    assert not again.changed
    history = list(
        CounterStateChange.objects.filter(service_point=reg(unit)).values_list(
            "state", "changed_at", "changed_by"
        )
    )
    assert history == [
        ("BREAK", dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC), officer.pk),
        ("OPEN", dt.datetime(2026, 11, 27, 3, 15, tzinfo=dt.UTC), officer.pk),
    ]
    assert ServicePoint.objects.get(pk=reg(unit).pk).state == "OPEN"


def test_an_unknown_counter_state_is_refused(unit, officer) -> None:
    with pytest.raises(CounterError, match="tidak dikenal"):
        counter_state_set(point=reg(unit), state="GONE", user=officer)
    assert not CounterStateChange.objects.exists()


def test_a_closed_counter_does_not_call(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    counter_state_set(point=reg(unit), state="CLOSED", user=officer)
    point = ServicePoint.objects.get(pk=reg(unit).pk)
    with pytest.raises(CounterError, match="tutup"):
        call_next(point=point, user=officer)
    with pytest.raises(CounterError, match="tutup"):
        stage_call(application_id=first.pk, point=point, user=officer)
    assert journey(first).state == Journey.State.WAITING


def test_closing_sends_a_called_applicant_back_to_the_queue(unit, officer, frozen) -> None:
    first = queue_of(unit, officer, 1, frozen)[0]
    call_next(point=reg(unit), user=officer)
    counter_state_set(point=reg(unit), state="CLOSED", user=officer)
    assert journey(first).state == Journey.State.WAITING


def test_closed_minutes_while_applicants_waited(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8)
    counter_state_set(point=reg(unit), state="CLOSED", user=officer)
    frozen(2026, 11, 27, 8, 30)
    first = register(unit, officer)  # waits from 08.30
    frozen(2026, 11, 27, 9)
    counter_state_set(point=reg(unit), state="BREAK", user=officer)
    frozen(2026, 11, 27, 9, 10)
    counter_state_set(point=reg(unit), state="OPEN", user=officer)
    frozen(2026, 11, 27, 9, 20)
    stage_call(application_id=first.pk, point=reg(unit), user=officer)
    now = dt.datetime(2026, 11, 27, 5, 0, tzinfo=dt.UTC)
    day = dt.date(2026, 11, 27)
    rows = closed_while_waiting(unit, first=day, last=day, now=now)
    assert [(r.point_id, r.day, r.closed_minutes, r.break_minutes) for r in rows] == [
        (reg(unit).pk, day, 30, 10)
    ]
    # Nobody waited for verification: its counters lost nothing.
    assert (
        closed_while_waiting(
            unit, first=day + dt.timedelta(days=1), last=day + dt.timedelta(days=1), now=now
        )
        == []
    )
