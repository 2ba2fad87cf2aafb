"""The service clock at its boundaries, and its properties under any input."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from satpas.calendar import OfficeCalendar
from service_timing.clock import ClockState, StageSpan, counted_seconds, read_clock, state_of

WIB = ZoneInfo("Asia/Jakarta")
WEEKDAYS = {d: (dt.time(8), dt.time(15)) for d in range(5)} | {5: (dt.time(8), dt.time(12))}
CALENDAR = OfficeCalendar(
    zone=WIB,
    hours=WEEKDAYS,
    breaks={None: ((dt.time(12), dt.time(13)),)},
    holidays=frozenset({dt.date(2026, 12, 25)}),
    breaks_stop_clock=True,
)
FRIDAY = dt.date(2026, 11, 27)


def at(hour: int, minute: int = 0, day: dt.date = FRIDAY, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=WIB)


def reading(end: dt.datetime, *, start: dt.datetime | None = None, closed: bool = False, **kwargs):
    return read_clock(
        registered_at=start or at(8),
        now=end,
        closed_at=end if closed else None,
        calendar=kwargs.pop("calendar", CALENDAR),
        standard_minutes=kwargs.pop("standard", 120),
        **kwargs,
    )


# --- the standard's boundary -----------------------------------------------------------


def test_exactly_at_the_standard_is_met() -> None:
    assert reading(at(10), closed=True).elapsed_minutes == 120
    assert reading(at(10), closed=True).state is ClockState.MET


def test_one_minute_over_the_standard_is_a_breach() -> None:
    result = reading(at(10, 1), closed=True)
    assert result.elapsed_minutes == 121
    assert result.state is ClockState.BREACHED
    assert result.over_minutes == 1


def test_seconds_short_of_a_whole_minute_do_not_count() -> None:
    assert reading(at(10, 0, second=59), closed=True).state is ClockState.MET


def test_open_application_states_follow_the_threshold() -> None:
    assert reading(at(9, 35)).state is ClockState.ON_TRACK  # 95 of 120 min < 80 %
    assert reading(at(9, 36)).state is ClockState.AT_RISK  # 96 = 80 %
    assert reading(at(10)).state is ClockState.AT_RISK
    assert reading(at(10, 1)).state is ClockState.OVERDUE


def test_state_of_respects_a_custom_threshold() -> None:
    assert state_of(50, 100, 50, closed=False) is ClockState.AT_RISK
    assert state_of(49, 100, 50, closed=False) is ClockState.ON_TRACK


# --- opening hours ------------------------------------------------------------------------


def test_a_break_stops_the_clock_when_the_calendar_says_so() -> None:
    # 11.00 → 13.30 is 150 minutes on the wall, 90 counted (12.00–13.00 break).
    assert reading(at(13, 30), start=at(11)).elapsed_minutes == 90


def test_a_break_counts_when_the_calendar_says_it_does_not_stop_the_clock() -> None:
    calendar = OfficeCalendar(
        zone=WIB, hours=WEEKDAYS, breaks=CALENDAR.breaks, breaks_stop_clock=False
    )
    assert reading(at(13, 30), start=at(11), calendar=calendar).elapsed_minutes == 150


def test_time_after_closing_does_not_count() -> None:
    assert reading(at(18), start=at(14)).elapsed_minutes == 60


def test_the_clock_resumes_on_the_next_open_day() -> None:
    # Friday 14.30 → Monday 08.30: 30 min on Friday, 30 on Monday; the weekend is closed
    # except Saturday 08.00–12.00 with no break in those hours.
    monday = FRIDAY + dt.timedelta(days=3)
    result = reading(at(8, 30, day=monday), start=at(14, 30))
    assert result.elapsed_minutes == 30 + 4 * 60 + 30


def test_holidays_do_not_count() -> None:
    christmas_eve = dt.date(2026, 12, 24)
    boxing_day = dt.date(2026, 12, 26)  # a Saturday
    result = reading(at(8, 30, day=boxing_day), start=at(14, 30, day=christmas_eve))
    assert result.elapsed_minutes == 60


def test_registration_before_opening_counts_from_opening() -> None:
    assert reading(at(8, 30), start=at(7, 15)).elapsed_minutes == 30


# --- pauses and outages -------------------------------------------------------------------


def test_an_applicant_pause_moves_the_boundary() -> None:
    pause = [(at(9), at(9, 10))]
    assert reading(at(10, 10), closed=True, pauses=pause).state is ClockState.MET
    assert reading(at(10, 11), closed=True, pauses=pause).state is ClockState.BREACHED


def test_overlapping_pauses_count_once() -> None:
    pauses = [(at(9), at(9, 20)), (at(9, 10), at(9, 30)), (at(9, 25), at(9, 30))]
    assert reading(at(10), pauses=pauses).elapsed_minutes == 90


def test_an_ongoing_pause_lasts_until_now() -> None:
    assert reading(at(10), pauses=[(at(9, 30), None)]).elapsed_minutes == 90


def test_a_pause_across_the_break_is_not_subtracted_twice() -> None:
    assert reading(at(14), start=at(11), pauses=[(at(11, 30), at(13, 30))]).elapsed_minutes == 60


def test_an_outage_does_not_stop_the_clock_but_is_reported_on_the_stage() -> None:
    stages = [StageSpan("REG", 10, at(8, 5), at(8, 40))]
    result = reading(at(8, 40), outages=[(at(8, 20), at(8, 30))], stages=stages)
    assert result.elapsed_minutes == 40
    assert result.stages[0].outage_seconds == 600


# --- per stage ------------------------------------------------------------------------------


def test_waits_and_service_times_per_stage() -> None:
    stages = [
        StageSpan("REG", 10, at(8, 5), at(8, 12)),
        StageSpan("VERIF", 15, at(8, 30), at(8, 40)),
        StageSpan("BAYAR", 10, None, None),
        StageSpan("BIO", 15, None, None),
    ]
    result = reading(at(8, 50), stages=stages)
    reg, verif, bayar, bio = result.stages
    assert (reg.wait_minutes, reg.service_minutes, reg.overrun_minutes) == (5, 7, 2)
    assert (verif.wait_minutes, verif.service_minutes, verif.overrun_minutes) == (18, 10, 13)
    assert (bayar.wait_minutes, bayar.service_minutes) == (10, None)  # waiting since 08.40
    assert (bio.wait_minutes, bio.service_minutes, bio.overrun_minutes) == (None, None, -15)


def test_a_stage_without_allowance_has_no_overrun() -> None:
    result = reading(at(9), stages=[StageSpan("REG", None, at(8), at(9))])
    assert result.stages[0].overrun_minutes is None


# --- properties --------------------------------------------------------------------------

moments = st.datetimes(
    min_value=dt.datetime(2026, 11, 20), max_value=dt.datetime(2026, 12, 31), timezones=st.just(WIB)
)


@given(start=moments, end=moments)
def test_counted_time_never_exceeds_wall_time_and_is_never_negative(start, end) -> None:
    seconds = counted_seconds(start, end, CALENDAR)
    assert 0 <= seconds <= max(0.0, (end - start).total_seconds())


@given(st.lists(moments, min_size=3, max_size=3))
def test_counted_time_adds_up_over_consecutive_spans(points) -> None:
    start, middle, end = sorted(points)
    whole = counted_seconds(start, end, CALENDAR)
    parts = counted_seconds(start, middle, CALENDAR) + counted_seconds(middle, end, CALENDAR)
    assert abs(whole - parts) < 1e-6


@given(start=moments, end=moments, pause_start=moments, pause_minutes=st.integers(0, 600))
def test_a_pause_never_adds_time(start, end, pause_start, pause_minutes) -> None:
    pause = (pause_start, pause_start + dt.timedelta(minutes=pause_minutes))
    assert counted_seconds(start, end, CALENDAR, [pause]) <= counted_seconds(start, end, CALENDAR)


@given(elapsed=st.integers(0, 2000), standard=st.integers(1, 600), threshold=st.integers(1, 100))
def test_states_are_ordered_by_elapsed_time(elapsed, standard, threshold) -> None:
    state = state_of(elapsed, standard, threshold, closed=False)
    later = state_of(elapsed + 1, standard, threshold, closed=False)
    order = [ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.OVERDUE]
    assert order.index(later) >= order.index(state)
    assert (state_of(elapsed, standard, threshold, closed=True) is ClockState.MET) == (
        elapsed <= standard
    )
