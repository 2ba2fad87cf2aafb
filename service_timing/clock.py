"""The service clock: counted minutes from registration to the end, held against the standard.

Pure arithmetic, no database. Counted time is time inside the unit's opening hours (breaks
excluded when the calendar says so), minus pauses the applicant caused. A system outage does
not stop the clock (the applicant is still owed), but its minutes are reported per stage so
that nobody is blamed for them. Minutes are whole minutes, rounded down: exactly at the
standard is met, one minute over is a breach.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from satpas.calendar import Interval, OfficeCalendar, merge, overlap_seconds, subtract


class ClockState(enum.StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True)
class StageSpan:
    """One stage of the route, as recorded so far (times are None until they happen)."""

    code: str
    allowance_minutes: int | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None


@dataclass(frozen=True)
class StageTiming:
    code: str
    allowance_minutes: int | None
    wait_seconds: float | None  # from the previous stage's end (or registration) to the start
    service_seconds: float | None  # from start to finish (or now, while being served)
    outage_seconds: float = 0.0  # counted seconds of this stage that fell in a system outage

    @property
    def wait_minutes(self) -> int | None:
        return None if self.wait_seconds is None else int(self.wait_seconds // 60)

    @property
    def service_minutes(self) -> int | None:
        return None if self.service_seconds is None else int(self.service_seconds // 60)

    @property
    def used_minutes(self) -> int:
        return int(((self.wait_seconds or 0) + (self.service_seconds or 0)) // 60)

    @property
    def overrun_minutes(self) -> int | None:
        """Minutes beyond the stage's allowance (waiting plus service); None without one."""
        if self.allowance_minutes is None:
            return None
        return self.used_minutes - self.allowance_minutes


@dataclass(frozen=True)
class ClockReading:
    elapsed_minutes: int
    standard_minutes: int
    threshold_percent: int
    state: ClockState
    stages: tuple[StageTiming, ...] = ()

    @property
    def over_minutes(self) -> int:
        return max(0, self.elapsed_minutes - self.standard_minutes)

    @property
    def percent(self) -> int:
        if self.standard_minutes <= 0:
            return 100
        return round(100 * self.elapsed_minutes / self.standard_minutes)

    @property
    def is_late(self) -> bool:
        return self.state in (ClockState.OVERDUE, ClockState.BREACHED)


def counted_seconds(
    start: dt.datetime, end: dt.datetime, calendar: OfficeCalendar, pauses: Sequence[Interval] = ()
) -> float:
    """Seconds of [start, end) inside opening hours and outside the pauses."""
    if end <= start:
        return 0.0
    periods = list(calendar.counted_periods(start, end))
    if pauses:
        periods = subtract(periods, list(pauses))
    return sum((b - a).total_seconds() for a, b in periods)


def state_of(
    elapsed_minutes: int, standard_minutes: int, threshold_percent: int, *, closed: bool
) -> ClockState:
    if closed:
        return ClockState.MET if elapsed_minutes <= standard_minutes else ClockState.BREACHED
    if elapsed_minutes > standard_minutes:
        return ClockState.OVERDUE
    if elapsed_minutes * 100 >= threshold_percent * standard_minutes:
        return ClockState.AT_RISK
    return ClockState.ON_TRACK


def read_clock(
    *,
    registered_at: dt.datetime,
    now: dt.datetime,
    calendar: OfficeCalendar,
    standard_minutes: int,
    threshold_percent: int = 80,
    closed_at: dt.datetime | None = None,
    pauses: Sequence[tuple[dt.datetime, dt.datetime | None]] = (),
    outages: Sequence[tuple[dt.datetime, dt.datetime | None]] = (),
    stages: Sequence[StageSpan] = (),
) -> ClockReading:
    """The clock of one application at `now` (or at its closure)."""
    end = closed_at or now
    applicant_pauses = _close_open_ends(pauses, end)
    outage_periods = _close_open_ends(outages, end)
    elapsed = counted_seconds(registered_at, end, calendar, applicant_pauses)
    elapsed_minutes = int(elapsed // 60)
    timings = _stage_timings(registered_at, end, calendar, applicant_pauses, outage_periods, stages)
    return ClockReading(
        elapsed_minutes=elapsed_minutes,
        standard_minutes=standard_minutes,
        threshold_percent=threshold_percent,
        state=state_of(
            elapsed_minutes, standard_minutes, threshold_percent, closed=bool(closed_at)
        ),
        stages=tuple(timings),
    )


def _close_open_ends(
    periods: Sequence[tuple[dt.datetime, dt.datetime | None]], end: dt.datetime
) -> list[Interval]:
    """An ongoing pause (no end yet) lasts until the reading."""
    return merge([(start, stop or end) for start, stop in periods if (stop or end) > start])


def _stage_timings(
    registered_at: dt.datetime,
    end: dt.datetime,
    calendar: OfficeCalendar,
    pauses: list[Interval],
    outages: list[Interval],
    stages: Sequence[StageSpan],
) -> list[StageTiming]:
    timings = []
    segment_start: dt.datetime | None = registered_at
    for stage in stages:
        wait = service = None
        outage = 0.0
        if segment_start is not None:
            wait_end = stage.started_at or end
            wait = counted_seconds(segment_start, wait_end, calendar, pauses)
            outage += _counted_overlap(segment_start, wait_end, calendar, pauses, outages)
        if stage.started_at is not None:
            service_end = stage.finished_at or end
            service = counted_seconds(stage.started_at, service_end, calendar, pauses)
            outage += _counted_overlap(stage.started_at, service_end, calendar, pauses, outages)
        timings.append(
            StageTiming(
                code=stage.code,
                allowance_minutes=stage.allowance_minutes,
                wait_seconds=wait,
                service_seconds=service,
                outage_seconds=outage,
            )
        )
        # The next stage waits from this one's end; nothing waits behind an unfinished stage.
        segment_start = stage.finished_at if stage.finished_at is not None else None
    return timings


def _counted_overlap(
    start: dt.datetime,
    end: dt.datetime,
    calendar: OfficeCalendar,
    pauses: list[Interval],
    outages: list[Interval],
) -> float:
    if not outages or end <= start:
        return 0.0
    periods = subtract(list(calendar.counted_periods(start, end)), pauses)
    return sum(overlap_seconds(periods, outage) for outage in outages)


def at_risk_seconds(standard_minutes: int, threshold_percent: int) -> int:
    """Counted seconds at which the clock turns at risk (the first whole minute `state_of`
    calls at risk)."""
    return 60 * -(-threshold_percent * standard_minutes // 100)


def overdue_seconds(standard_minutes: int) -> int:
    """Counted seconds at which the clock turns overdue: one whole minute over the standard."""
    return 60 * (standard_minutes + 1)


def counted_course(
    *,
    start: dt.datetime,
    now: dt.datetime,
    periods: Sequence[Interval],
    pauses: Sequence[tuple[dt.datetime, dt.datetime | None]] = (),
) -> list[Interval]:
    """The intervals the clock ran from `start` to `now`, in order: `periods` (the counted
    periods covering them) minus the pauses, an open pause lasting until `now`."""
    clipped = [(max(a, start), min(b, now)) for a, b in periods if min(b, now) > max(a, start)]
    if pauses:
        return subtract(clipped, _close_open_ends(pauses, now))
    return sorted(clipped)


def crossing_instant(course: Sequence[Interval], target_seconds: float) -> dt.datetime | None:
    """The instant the clock running over `course` (see `counted_course`) reached
    `target_seconds`; None if it has not.

    Worked out rather than stored, so that a poll needs no remembered state: the instant is
    the same whenever it is asked."""
    left = float(target_seconds)
    for a, b in course:
        span = (b - a).total_seconds()
        if span >= left:
            return a + dt.timedelta(seconds=max(0.0, left))
        left -= span
    return None
