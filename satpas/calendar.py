"""A unit's service calendar as plain data: when the office is open, for the service clock.

No database here: `selectors.office_calendar(unit)` builds one from the unit's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

# A stretch of time [start, end) as aware datetimes (a report's period is `satpas.periods`).
Interval = tuple[dt.datetime, dt.datetime]


@dataclass(frozen=True)
class OfficeCalendar:
    zone: ZoneInfo
    # weekday (Monday = 0) → (opens, closes); a weekday that is missing is closed.
    hours: Mapping[int, tuple[dt.time, dt.time]]
    # weekday → breaks on that day; key None holds the breaks of every open day.
    breaks: Mapping[int | None, tuple[tuple[dt.time, dt.time], ...]] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()
    breaks_stop_clock: bool = True
    # Versions, when the calendar changed from a date on (a change never reaches days already
    # judged): weekday → ((valid from, opens, closes), …) ascending, and ((valid from,
    # breaks as above), …) ascending. Empty: `hours` and `breaks` hold on every day.
    hour_versions: Mapping[int, tuple[tuple[dt.date, dt.time, dt.time], ...]] = field(
        default_factory=dict
    )
    break_versions: tuple[
        tuple[dt.date, Mapping[int | None, tuple[tuple[dt.time, dt.time], ...]]], ...
    ] = ()

    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        versions = self.hour_versions.get(day.weekday())
        if versions is None:
            return self.hours.get(day.weekday())
        in_force = [(opens, closes) for start, opens, closes in versions if start <= day]
        return in_force[-1] if in_force else None

    def is_open_day(self, day: dt.date) -> bool:
        return day not in self.holidays and self.hours_on(day) is not None

    def breaks_on(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        breaks = self.breaks
        if self.break_versions:
            in_force = [rows for start, rows in self.break_versions if start <= day]
            breaks = in_force[-1] if in_force else {}
        return sorted([*breaks.get(None, ()), *breaks.get(day.weekday(), ())])

    def day_periods(self, day: dt.date) -> list[Interval]:
        """The counted periods of one day, in order, as aware datetimes."""
        hours = None if day in self.holidays else self.hours_on(day)
        if hours is None:
            return []
        opens, closes = hours
        periods = [(self._at(day, opens), self._at(day, closes))]
        if self.breaks_stop_clock:
            holes = [(self._at(day, a), self._at(day, b)) for a, b in self.breaks_on(day)]
            periods = subtract(periods, holes)
        return periods

    def counted_periods(self, start: dt.datetime, end: dt.datetime) -> Iterator[Interval]:
        """Counted periods clipped to [start, end)."""
        if end <= start:
            return
        day = start.astimezone(self.zone).date()
        last = end.astimezone(self.zone).date()
        while day <= last:
            for a, b in self.day_periods(day):
                lo, hi = max(a, start), min(b, end)
                if lo < hi:
                    yield lo, hi
            day += dt.timedelta(days=1)

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.zone)


def subtract(periods: list[Interval], holes: list[Interval]) -> list[Interval]:
    """Periods minus holes (both may overlap themselves); the result is sorted and disjoint."""
    result: list[Interval] = []
    merged_holes = merge(holes)
    for start, end in merge(periods):
        cursor = start
        for hole_start, hole_end in merged_holes:
            if hole_end <= cursor or hole_start >= end:
                continue
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def merge(periods: list[Interval]) -> list[Interval]:
    """Overlapping or touching periods joined into one, sorted."""
    merged: list[Interval] = []
    for start, end in sorted(p for p in periods if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlap_seconds(periods: list[Interval], window: Interval) -> float:
    """Seconds of `periods` (disjoint) that fall inside `window`."""
    lo, hi = window
    return sum(max(0.0, (min(b, hi) - max(a, lo)).total_seconds()) for a, b in periods)
