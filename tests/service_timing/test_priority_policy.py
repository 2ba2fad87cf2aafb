"""Priority service at the counters (UU 25/2009 Pasal 29): call next under the unit's policy,
"always first" or "one in every N calls", without starving ordinary applicants."""

from __future__ import annotations

import datetime as dt

import pytest

from applicants.models import Priority
from satpas import memo
from service_timing.models import CounterPolicy, Journey, ServicePoint, StageQueue
from service_timing.priority import most_calls_until_called
from service_timing.services import (
    call_next,
    journey_priority_set,
    pause_add,
    stage_call,
    stage_finish,
    stage_skip,
    stage_start,
)
from tests.factories import register

pytestmark = pytest.mark.django_db

ELDERLY = dt.date(1950, 3, 4)


def reg(unit) -> ServicePoint:
    return ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()


def policy(unit, mode: str, every: int = 3) -> None:
    CounterPolicy.objects.create(unit=unit, priority_mode=mode, priority_every=every)


def arrive(unit, officer, frozen, minute: int, *, priority: str = "") -> object:
    frozen(2026, 11, 27, 8, minute)
    if priority == Priority.ELDERLY:
        return register(unit, officer, priority=priority, birth=ELDERLY)
    return register(unit, officer, priority=priority, female=bool(priority))


def serve(unit, officer, frozen, minute: int) -> Journey | None:
    """Call next at the registration counter, then start and hand the applicant on."""
    frozen(2026, 11, 27, 9, minute)
    result = call_next(point=reg(unit), user=officer)
    if result is None:
        return None
    stage_start(application_id=result.journey.pk, point=reg(unit), user=officer)
    stage_finish(application_id=result.journey.pk, point=reg(unit), user=officer)
    return result.journey


# --- the pure bound ---------------------------------------------------------------------


def test_the_bound_grows_with_the_applicants_ahead_and_shrinks_with_n() -> None:
    assert most_calls_until_called(ahead=0, every=2) == 2
    assert most_calls_until_called(ahead=3, every=2) == 8
    assert most_calls_until_called(ahead=3, every=3) == 6
    with pytest.raises(ValueError, match="no bound"):
        most_calls_until_called(ahead=3, every=1)


# --- always first -----------------------------------------------------------------------


def test_always_first_calls_a_later_priority_applicant_before_earlier_ordinary_ones(
    unit, officer, frozen
) -> None:
    policy(unit, CounterPolicy.PriorityMode.ALWAYS)
    ordinary = [arrive(unit, officer, frozen, minute) for minute in range(3)]
    elderly = arrive(unit, officer, frozen, 10, priority=Priority.ELDERLY)
    called = [serve(unit, officer, frozen, minute).pk for minute in range(4)]
    assert called == [elderly.pk, *(a.pk for a in ordinary)]
    assert not StageQueue.objects.exists()  # "always first" keeps no turn count


def test_always_first_still_passes_by_paused_and_absent_priority_applicants(
    unit, officer, supervisor, frozen
) -> None:
    policy(unit, CounterPolicy.PriorityMode.ALWAYS)
    CounterPolicy.objects.filter(unit=unit).update(absent_after_calls=1)
    memo.clear()
    ordinary = arrive(unit, officer, frozen, 0)
    paused = arrive(unit, officer, frozen, 1, priority=Priority.ELDERLY)
    absent = arrive(unit, officer, frozen, 2, priority=Priority.PREGNANT)
    frozen(2026, 11, 27, 8, 30)
    pause_add(
        application=paused,
        user=supervisor,
        started_at=dt.datetime(2026, 11, 27, 1, 20, tzinfo=dt.UTC),
        ended_at=None,
        reason="Mengambil dokumen",
    )
    stage_call(application_id=absent.pk, point=reg(unit), user=officer)
    stage_skip(application_id=absent.pk, point=reg(unit), user=officer)  # absent after 1 call
    assert Journey.objects.get(pk=absent.pk).state == Journey.State.ABSENT
    assert serve(unit, officer, frozen, 0).pk == ordinary.pk
    assert serve(unit, officer, frozen, 1) is None


# --- one in every N -----------------------------------------------------------------------


def test_one_in_three_gives_every_third_call_to_a_priority_applicant(unit, officer, frozen) -> None:
    policy(unit, CounterPolicy.PriorityMode.ONE_IN_N, every=3)
    ordinary = [arrive(unit, officer, frozen, minute) for minute in range(4)]
    first, second = (
        arrive(unit, officer, frozen, 10 + n, priority=Priority.DISABILITY) for n in range(2)
    )
    called = [serve(unit, officer, frozen, minute).pk for minute in range(6)]
    o = [a.pk for a in ordinary]
    assert called == [first.pk, o[0], o[1], second.pk, o[2], o[3]]


def test_without_priority_applicants_one_in_n_is_first_come_first_served(
    unit, officer, frozen
) -> None:
    policy(unit, CounterPolicy.PriorityMode.ONE_IN_N, every=2)
    ordinary = [arrive(unit, officer, frozen, minute) for minute in range(4)]
    assert [serve(unit, officer, frozen, m).pk for m in range(4)] == [a.pk for a in ordinary]


@pytest.mark.parametrize("every", [2, 3])
def test_a_steady_stream_of_priority_arrivals_does_not_starve_an_ordinary_applicant(
    unit, officer, frozen, every
) -> None:
    """Two priority applicants arrive before every call, more than the counter can serve:
    the ordinary applicant with three ahead is still called within the policy's bound, and
    the priority applicants get their turns meanwhile."""
    policy(unit, CounterPolicy.PriorityMode.ONE_IN_N, every=every)
    ahead = [arrive(unit, officer, frozen, minute) for minute in range(3)]
    waiting = arrive(unit, officer, frozen, 3)
    bound = most_calls_until_called(ahead=len(ahead), every=every)
    calls, priority_calls, arrivals = 0, 0, 0
    while True:
        for _ in range(2):
            arrivals += 1
            arrive(unit, officer, frozen, 4 + arrivals, priority=Priority.ELDERLY)
        called = serve(unit, officer, frozen, calls)
        calls += 1
        priority_calls += called.priority
        if called.pk == waiting.pk or calls > bound:
            break
    assert called.pk == waiting.pk
    assert calls <= bound
    assert priority_calls >= 1  # the policy did put priority applicants first meanwhile


def test_counters_of_one_stage_share_the_turn(unit, officer, supervisor, frozen) -> None:
    policy(unit, CounterPolicy.PriorityMode.ONE_IN_N, every=2)
    second = ServicePoint.objects.create(unit=unit, number=20, name="Pendaftaran 2", stage_id="REG")
    memo.clear()
    ordinary = [arrive(unit, officer, frozen, minute) for minute in range(2)]
    elderly = [arrive(unit, officer, frozen, 10 + n, priority=Priority.ELDERLY) for n in range(2)]
    frozen(2026, 11, 27, 9)
    at_first = call_next(point=reg(unit), user=officer).journey
    at_second = call_next(point=second, user=supervisor).journey
    assert (at_first.pk, at_second.pk) == (elderly[0].pk, ordinary[0].pk)


def test_a_priority_set_later_moves_the_applicant_up_at_once(unit, officer, frozen) -> None:
    policy(unit, CounterPolicy.PriorityMode.ALWAYS)
    first = arrive(unit, officer, frozen, 0)
    later = arrive(unit, officer, frozen, 1)
    assert journey_priority_set(
        application=later,
        priority=Priority.PREGNANT,
        note="",
        reason="Pemohon menunjukkan buku KIA",
        user=officer,
    )
    assert serve(unit, officer, frozen, 0).pk == later.pk
    assert serve(unit, officer, frozen, 1).pk == first.pk


def test_without_a_policy_row_the_default_is_one_in_three(unit, officer, frozen) -> None:
    ordinary = [arrive(unit, officer, frozen, minute) for minute in range(3)]
    elderly = [arrive(unit, officer, frozen, 10 + n, priority=Priority.ELDERLY) for n in range(2)]
    called = [serve(unit, officer, frozen, m).pk for m in range(4)]
    assert called == [elderly[0].pk, ordinary[0].pk, ordinary[1].pk, elderly[1].pk]


def test_a_priority_applicant_of_another_unit_gives_this_one_no_priority_turn(
    unit, officer, other_unit, other_officer, frozen
) -> None:
    """The priority turn's subquery is compiled once per process and reused for every unit
    and stage: each call still asks about its own unit's queue."""
    policy(unit, CounterPolicy.PriorityMode.ONE_IN_N, every=2)
    policy(other_unit, CounterPolicy.PriorityMode.ONE_IN_N, every=2)
    elsewhere = arrive(other_unit, other_officer, frozen, 0, priority=Priority.DISABILITY)
    ordinary = [arrive(unit, officer, frozen, minute) for minute in range(1, 4)]
    here = arrive(unit, officer, frozen, 10, priority=Priority.DISABILITY)
    # The other unit's call comes first (and fills the cache): its priority applicant.
    assert serve(other_unit, other_officer, frozen, 0).pk == elsewhere.pk
    called = [serve(unit, officer, frozen, minute).pk for minute in range(1, 5)]
    o = [a.pk for a in ordinary]
    assert called == [here.pk, o[0], o[1], o[2]]
