"""Reads of the office core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from satpas import memo, periods
from satpas.calendar import OfficeCalendar
from satpas.models import CALENDAR_BEGINNING, Holiday, OpeningHours, ServiceBreak, Unit

# Calendars change rarely and are read on every clock reading. Saving a calendar row clears
# the cache in this process at once; other processes pick the change up within this time.
CALENDAR_CACHE_SECONDS = 300


@dataclass(frozen=True)
class UnitPeriod(periods.Period):
    """A period of one unit's office days: what a report or an evidence pack reads."""

    unit: Unit


def unit_period(unit: Unit, start: dt.date, end: dt.date) -> UnitPeriod:
    """The unit's office days from `start` to `end` (inclusive), in the unit's zone; a whole
    month, quarter, semester or year is recognised as one."""
    zone = ZoneInfo(unit.time_zone)
    return of_unit(unit, _recognised(start, end, zone))


def of_unit(unit: Unit, period: periods.Period) -> UnitPeriod:
    """`period` (read in the unit's zone) for that unit."""
    zone = ZoneInfo(unit.time_zone)
    return UnitPeriod(period.kind, period.start, period.end, zone, unit)


def _recognised(start: dt.date, end: dt.date, zone: ZoneInfo) -> periods.Period:
    for kind in (periods.MONTH, periods.QUARTER, periods.SEMESTER, periods.YEAR):
        try:
            whole = periods.containing(kind, start, zone)
        except periods.PeriodError:
            break
        if (whole.start, whole.end) == (start, end):
            return whole
    return periods.span(start, end, zone)


def calendar_cache_key(unit_id: int) -> str:
    return f"satpas:calendar:{unit_id}"


def office_calendar(unit: Unit | int) -> OfficeCalendar:
    """The unit's service calendar (remembered; a unit id is enough once it is)."""
    unit_id = unit if isinstance(unit, int) else unit.pk

    def load() -> OfficeCalendar:
        return build_office_calendar(
            unit if isinstance(unit, Unit) else Unit.objects.get(pk=unit_id)
        )

    return memo.remember(calendar_cache_key(unit_id), CALENDAR_CACHE_SECONDS, load)


def build_office_calendar(unit: Unit) -> OfficeCalendar:
    """The calendar with its versions: `hours` and `breaks` are the latest, in force from
    their start on; earlier versions are kept only when there are several."""
    per_weekday: dict[int, list] = {}
    for row in OpeningHours.objects.filter(unit=unit).order_by("weekday", "valid_from"):
        per_weekday.setdefault(row.weekday, []).append(
            (row.valid_from, row.opens_at, row.closes_at)
        )
    hours = {day: (rows[-1][1], rows[-1][2]) for day, rows in per_weekday.items()}
    starts = {rows[0][0] for rows in per_weekday.values()}
    versioned = any(len(rows) > 1 for rows in per_weekday.values()) or starts - {CALENDAR_BEGINNING}
    schedules: dict[dt.date, dict[int | None, list[tuple[dt.time, dt.time]]]] = {}
    for brk in ServiceBreak.objects.filter(unit=unit).order_by("valid_from", "starts_at"):
        schedule = schedules.setdefault(brk.valid_from, {})
        schedule.setdefault(brk.weekday, []).append((brk.starts_at, brk.ends_at))
    break_versions = tuple(
        (start, {day: tuple(rows) for day, rows in schedule.items()})
        for start, schedule in sorted(schedules.items())
    )
    holidays = frozenset(Holiday.objects.filter(unit=unit).values_list("date", flat=True))
    return OfficeCalendar(
        zone=ZoneInfo(unit.time_zone),
        hours=hours,
        breaks=break_versions[-1][1] if break_versions else {},
        holidays=holidays,
        breaks_stop_clock=unit.breaks_stop_clock,
        hour_versions={day: tuple(rows) for day, rows in per_weekday.items()} if versioned else {},
        break_versions=break_versions
        if len(break_versions) > 1
        or (break_versions and break_versions[0][0] != CALENDAR_BEGINNING)
        else (),
    )


def forget_calendar(unit_id: int) -> None:
    memo.forget(calendar_cache_key(unit_id))
