"""The estimated wait read from the database: who is ahead, the open counters, recent pace."""

from __future__ import annotations

import datetime as dt

import pytest

from satpas.selectors import office_calendar
from service_timing.models import CounterPolicy, Journey, ServicePoint
from service_timing.selectors.counter import counter_policy
from service_timing.selectors.waits import (
    ahead_of,
    application_wait,
    arrival_waits,
    in_queue,
    queue_waits,
)
from service_timing.services import (
    counter_state_set,
    pause_add,
    stage_call,
    stage_finish,
    stage_skip,
    stage_start,
)
from service_timing.wait import Basis, Unknown
from tests.conftest import JAKARTA
from tests.factories import register

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 25)  # a Wednesday


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JAKARTA)


def reg(unit) -> ServicePoint:
    return ServicePoint.objects.get(unit=unit, stage_id="REG")


def serve(application, point, officer, start: dt.datetime, minutes: int) -> None:
    stage_call(point=point, user=officer, application_id=application.pk, now=start)
    stage_start(point=point, user=officer, application_id=application.pk, now=start)
    end = start + dt.timedelta(minutes=minutes)
    stage_finish(point=point, user=officer, application_id=application.pk, now=end)


def journey(application) -> Journey:
    return Journey.objects.select_related("application").get(pk=application.pk)


@pytest.fixture
def morning(unit, officer, frozen):
    """Seven BARU applicants at 09.00; the first three served at REG in 4, 6 and 5 minutes
    (09.00-09.15), the other four wait for REG."""
    frozen(2026, 11, 25, 9, 0)
    applications = [register(unit, officer, now=at(9)) for _ in range(7)]
    start = at(9)
    for application, minutes in zip(applications[:3], [4, 6, 5], strict=True):
        serve(application, reg(unit), officer, start, minutes)
        start += dt.timedelta(minutes=minutes)
    frozen(2026, 11, 25, 9, 15)
    return applications


def test_the_counters_recent_median_paces_the_queue_and_later_stages_add_up(morning) -> None:
    last = morning[-1]
    waits = application_wait(journey(last), now=at(9, 15))
    # Three ahead at one counter serving in a median of 5 minutes.
    assert waits["REG"].minutes == pytest.approx(15)
    assert waits["REG"].basis == Basis.RECENT
    # VERIF after REG's 5 minutes; BAYAR after VERIF's allowance (no VERIF service yet: 15).
    assert waits["VERIF"].minutes == pytest.approx(20)
    assert waits["BAYAR"].minutes == pytest.approx(35)
    assert waits["BAYAR"].basis == Basis.STANDARD
    assert list(waits) == ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "PRAKTIK", "CETAK", "SERAH"]


def test_a_second_open_counter_halves_the_wait(morning, unit) -> None:
    ServicePoint.objects.create(unit=unit, number=10, name="Pendaftaran 2", stage_id="REG")
    waits = application_wait(journey(morning[-1]), now=at(9, 15))
    assert waits["REG"].minutes == pytest.approx(7.5)
    assert waits["REG"].shown_minutes == 8


def test_no_open_counter_gives_no_number(morning, unit, officer) -> None:
    counter_state_set(point=reg(unit), state=ServicePoint.State.BREAK, user=officer, now=at(9, 15))
    waits = application_wait(journey(morning[-1]), now=at(9, 15))
    assert waits["REG"].minutes is None
    assert waits["REG"].unknown == Unknown.NO_COUNTER
    assert waits["VERIF"].unknown == Unknown.BEHIND


def test_without_services_today_the_standards_allowance_paces_the_queue(
    unit, officer, frozen
) -> None:
    frozen(2026, 11, 25, 9, 0)
    applications = [register(unit, officer, now=at(9)) for _ in range(3)]
    waits = application_wait(journey(applications[-1]), now=at(9))
    # BARU's REG allowance is 10 minutes; two ahead.
    assert waits["REG"].minutes == pytest.approx(20)
    assert waits["REG"].basis == Basis.STANDARD


def test_applicants_held_by_a_pause_or_absent_are_not_ahead(
    morning, unit, officer, supervisor
) -> None:
    d, e, _f, g = morning[3:]
    pause_add(
        application=e,
        started_at=at(9, 15),
        ended_at=None,
        reason="Mengambil fotokopi KTP",
        user=supervisor,
        now=at(9, 15),
    )
    CounterPolicy.objects.create(unit=unit, absent_after_calls=1)
    stage_call(point=reg(unit), user=officer, application_id=d.pk, now=at(9, 15))
    stage_skip(point=reg(unit), user=officer, application_id=d.pk, now=at(9, 16))
    assert journey(d).state == Journey.State.ABSENT
    waits = application_wait(journey(g), now=at(9, 16))
    assert waits["REG"].minutes == pytest.approx(5)  # only F ahead
    # The paused and the absent get no estimate: call-next passes them by.
    assert application_wait(journey(e), now=at(9, 16)) == {}
    assert application_wait(journey(d), now=at(9, 16)) == {}


def test_the_position_follows_call_nexts_order(morning, unit) -> None:
    order = list(
        in_queue(unit.pk, "REG").order_by("ready_since", "pk").values_list("pk", flat=True)
    )
    for index, pk in enumerate(order):
        ahead = in_queue(unit.pk, "REG").filter(ahead_of(Journey.objects.get(pk=pk)))
        assert sorted(ahead.values_list("pk", flat=True)) == sorted(order[:index])


def test_called_at_the_counter_waits_no_more_there(morning, unit, officer) -> None:
    d = morning[3]
    stage_call(point=reg(unit), user=officer, application_id=d.pk, now=at(9, 15))
    waits = application_wait(journey(d), now=at(9, 15))
    assert waits["REG"].minutes == 0
    assert waits["VERIF"].minutes == pytest.approx(5)


def test_a_closed_application_has_no_estimate(morning) -> None:
    done = journey(morning[0])
    done.state = Journey.State.DONE
    assert application_wait(done, now=at(9, 15)) == {}


def test_the_whole_queue_in_call_nexts_order(morning, unit) -> None:
    waits = queue_waits(unit.pk, "REG", day=DAY, now=at(9, 15))
    assert [w.queue_number for w in waits] == [a.queue_number for a in morning[3:]]
    assert [w.estimate.minutes for w in waits] == [0, 5, 10, 15]


def test_a_new_arrival_waits_behind_everyone_in_the_queue(morning, unit) -> None:
    waits = arrival_waits(unit.pk, day=DAY, now=at(9, 15))
    assert waits["REG"].minutes == pytest.approx(20)  # four waiting, 5 minutes each
    # VERIF: three waiting (A, B, C), no VERIF service yet: the largest VERIF allowance (15).
    assert waits["VERIF"].minutes == pytest.approx(45)
    assert waits["VERIF"].basis == Basis.STANDARD


def test_one_applicants_estimate_takes_three_queries(morning, max_queries) -> None:
    last = journey(morning[-1])
    office_calendar(last.unit_id)  # cached for minutes: not the estimate's to read
    counter_policy(last.unit_id)  # likewise
    with max_queries(3):
        application_wait(last, now=at(9, 15), pauses=[])


@pytest.mark.parametrize("waiting", [5, 40])
def test_the_queues_estimates_take_three_queries_however_long_the_queue(
    unit, officer, frozen, max_queries, waiting
) -> None:
    frozen(2026, 11, 25, 9, 0)
    for _ in range(waiting):
        register(unit, officer, now=at(9))
    office_calendar(unit)  # cached for minutes: not the estimate's to read
    counter_policy(unit.pk)  # likewise
    with max_queries(3):
        assert len(queue_waits(unit.pk, "REG", day=DAY, now=at(9))) == waiting


@pytest.mark.parametrize("waiting", [5, 40])
def test_a_new_arrivals_estimates_take_four_queries(
    unit, officer, frozen, max_queries, waiting
) -> None:
    frozen(2026, 11, 25, 9, 0)
    for _ in range(waiting):
        register(unit, officer, now=at(9))
    office_calendar(unit)  # cached for minutes: not the estimate's to read
    with max_queries(4):
        assert arrival_waits(unit.pk, day=DAY, now=at(9))["REG"].minutes == pytest.approx(
            10 * waiting
        )
