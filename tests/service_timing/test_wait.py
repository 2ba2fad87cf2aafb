"""The estimated wait's arithmetic (no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from satpas.calendar import OfficeCalendar
from service_timing.wait import (
    MIN_SERVICE_MINUTES,
    Basis,
    StageEstimate,
    StageLoad,
    Unknown,
    estimate_route,
    median,
    office_moment,
    queue_minutes,
)

WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = OfficeCalendar(
    zone=WIB,
    hours={d: (dt.time(8), dt.time(15)) for d in range(5)},
    breaks={None: ((dt.time(12), dt.time(13)),)},
    holidays=frozenset({dt.date(2027, 1, 1)}),
)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WIB)


def test_one_counter_calls_the_applicants_ahead_one_service_time_each() -> None:
    estimate = queue_minutes(StageLoad("VERIF", ahead=4, counters=(6.0,), recent_minutes=6.0))
    assert estimate == StageEstimate("VERIF", 24.0, basis=Basis.RECENT)


def test_several_counters_share_the_queue_at_their_own_pace() -> None:
    # Two counters at 6 minutes and one at 3: together 1/6 + 1/6 + 1/3 = 2/3 applicant a minute.
    load = StageLoad("VERIF", ahead=8, counters=(6.0, 6.0, 3.0), recent_minutes=5.0)
    assert queue_minutes(load).minutes == pytest.approx(12.0)


def test_a_counter_without_its_own_recent_services_works_at_the_stages_pace() -> None:
    load = StageLoad("BIO", ahead=6, counters=(None, 4.0), recent_minutes=4.0)
    assert queue_minutes(load).minutes == pytest.approx(12.0)


def test_without_recent_services_the_standards_allowance_is_the_service_time() -> None:
    load = StageLoad("BAYAR", ahead=3, counters=(None,), allowance_minutes=10)
    assert queue_minutes(load) == StageEstimate("BAYAR", 30.0, basis=Basis.STANDARD)


def test_no_open_counter_gives_no_number() -> None:
    load = StageLoad("BAYAR", ahead=3, counters=(), recent_minutes=4.0, allowance_minutes=10)
    estimate = queue_minutes(load)
    assert estimate.minutes is None
    assert estimate.shown_minutes is None
    assert estimate.unknown == Unknown.NO_COUNTER


def test_neither_recent_services_nor_an_allowance_gives_no_number() -> None:
    estimate = queue_minutes(StageLoad("BAYAR", ahead=3, counters=(None,)))
    assert (estimate.minutes, estimate.unknown) == (None, Unknown.NO_DATA)


def test_nobody_ahead_is_called_at_once_but_shown_as_about_a_minute() -> None:
    estimate = queue_minutes(StageLoad("REG", ahead=0, counters=(4.0,), recent_minutes=4.0))
    assert estimate.minutes == 0
    assert estimate.shown_minutes == 1


def test_a_service_recorded_as_instant_does_not_make_a_counter_infinitely_fast() -> None:
    load = StageLoad("SERAH", ahead=2, counters=(0.0,), recent_minutes=0.0)
    assert queue_minutes(load).minutes == pytest.approx(2 * MIN_SERVICE_MINUTES)


def test_later_stages_add_the_service_times_of_the_stages_before_them() -> None:
    route = [
        StageLoad("VERIF", ahead=2, counters=(6.0,), recent_minutes=6.0, allowance_minutes=15),
        StageLoad("BAYAR", counters=(4.0,), recent_minutes=4.0, allowance_minutes=10),
        StageLoad("BIO", counters=(None,), allowance_minutes=10),
        StageLoad("CETAK", counters=(3.0,), recent_minutes=3.0),
    ]
    estimates = estimate_route(route)
    assert [e.minutes for e in estimates] == [12.0, 18.0, 22.0, 32.0]
    # BIO has no recent services: what lies behind its allowance is an estimate from the SOP.
    assert [e.basis for e in estimates] == [
        Basis.RECENT,
        Basis.RECENT,
        Basis.RECENT,
        Basis.STANDARD,
    ]


def test_already_called_waits_no_more_here_but_later_stages_wait_for_its_service() -> None:
    route = [
        StageLoad("VERIF", ahead=5, counters=(6.0,), recent_minutes=6.0),
        StageLoad("BAYAR", counters=(4.0,), recent_minutes=4.0),
    ]
    assert [e.minutes for e in estimate_route(route, called=True)] == [0.0, 6.0]


def test_a_closed_stage_on_the_route_stops_the_estimates_from_there_on() -> None:
    route = [
        StageLoad("VERIF", ahead=1, counters=(6.0,), recent_minutes=6.0),
        StageLoad("BAYAR", counters=(), recent_minutes=4.0),
        StageLoad("BIO", counters=(5.0,), recent_minutes=5.0),
    ]
    estimates = estimate_route(route)
    assert estimates[0].minutes == 6.0
    assert [(e.minutes, e.unknown) for e in estimates[1:]] == [
        (None, Unknown.NO_COUNTER),
        (None, Unknown.BEHIND),
    ]


def test_no_counter_at_the_current_stage_leaves_the_whole_route_without_numbers() -> None:
    route = [StageLoad("VERIF", ahead=1), StageLoad("BAYAR", counters=(4.0,), recent_minutes=4.0)]
    assert [e.unknown for e in estimate_route(route)] == [Unknown.NO_COUNTER, Unknown.BEHIND]


def test_an_empty_route_has_no_estimates() -> None:
    assert estimate_route([]) == []


@given(
    ahead=st.integers(min_value=0, max_value=500),
    counters=st.lists(st.floats(min_value=0, max_value=120), min_size=1, max_size=6),
)
def test_one_more_counter_never_makes_the_wait_longer(ahead: int, counters: list[float]) -> None:
    before = queue_minutes(StageLoad("X", ahead=ahead, counters=tuple(counters), recent_minutes=5))
    after = queue_minutes(StageLoad("X", ahead=ahead, counters=(*counters, 30.0), recent_minutes=5))
    assert before.minutes is not None
    assert after.minutes is not None
    assert after.minutes <= before.minutes + 1e-9


def test_median_of_odd_even_and_no_values() -> None:
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([]) is None


def test_the_clock_time_steps_over_the_lunch_break() -> None:
    day = dt.date(2026, 11, 25)
    assert office_moment(at(day, 11, 50), 20, CALENDAR) == at(day, 13, 10)


def test_a_wait_past_closing_time_ends_on_the_next_open_day() -> None:
    # Monday 30 November 14.55 (the last day of the month): 15 office minutes = 5 today,
    # then 10 after Tuesday 1 December opens.
    assert office_moment(at(dt.date(2026, 11, 30), 14, 55), 15, CALENDAR) == at(
        dt.date(2026, 12, 1), 8, 10
    )


def test_the_year_end_evening_waits_for_the_first_open_day_of_the_new_year() -> None:
    # Thursday 31 December 23.50; 1 January is a holiday and 2-3 January a weekend.
    moment = office_moment(at(dt.date(2026, 12, 31), 23, 50), 5, CALENDAR)
    assert moment == at(dt.date(2027, 1, 4), 8, 5)


def test_no_opening_hours_within_the_horizon_gives_no_clock_time() -> None:
    closed = OfficeCalendar(zone=WIB, hours={})
    assert office_moment(at(dt.date(2026, 11, 25), 9), 5, closed) is None
