"""A unit's service calendar as plain data: when the office is open, for the service clock.

No database here: `selectors.office_calendar(unit)` builds one from the unit's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

Period = tuple[dt.datetime, dt.datetime]


@dataclass(frozen=True)
class OfficeCalendar:
    zone: ZoneInfo
    # weekday (Monday = 0) → (opens, closes); a weekday that is missing is closed.
    hours: Mapping[int, tuple[dt.time, dt.time]]
    # weekday → breaks on that day; key None holds the breaks of every open day.
    breaks: Mapping[int | None, tuple[tuple[dt.time, dt.time], ...]] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()
    breaks_stop_clock: bool = True

    def is_open_day(self, day: dt.date) -> bool:
        return day.weekday() in self.hours and day not in self.holidays

    def breaks_on(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        return sorted([*self.breaks.get(None, ()), *self.breaks.get(day.weekday(), ())])

    def day_periods(self, day: dt.date) -> list[Period]:
        """The counted periods of one day, in order, as aware datetimes."""
        if not self.is_open_day(day):
            return []
        opens, closes = self.hours[day.weekday()]
        periods = [(self._at(day, opens), self._at(day, closes))]
        if self.breaks_stop_clock:
            holes = [(self._at(day, a), self._at(day, b)) for a, b in self.breaks_on(day)]
            periods = subtract(periods, holes)
        return periods

    def counted_periods(self, start: dt.datetime, end: dt.datetime) -> Iterator[Period]:
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


def subtract(periods: list[Period], holes: list[Period]) -> list[Period]:
    """Periods minus holes (both may overlap themselves); the result is sorted and disjoint."""
    result: list[Period] = []
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


def merge(periods: list[Period]) -> list[Period]:
    """Overlapping or touching periods joined into one, sorted."""
    merged: list[Period] = []
    for start, end in sorted(p for p in periods if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlap_seconds(periods: list[Period], window: Period) -> float:
    """Seconds of `periods` (disjoint) that fall inside `window`."""
    lo, hi = window
    return sum(max(0.0, (min(b, hi) - max(a, lo)).total_seconds()) for a, b in periods)
