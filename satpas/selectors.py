"""Reads of the office core."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from satpas import memo
from satpas.calendar import OfficeCalendar
from satpas.models import Holiday, OpeningHours, ServiceBreak, Unit

# Calendars change rarely and are read on every clock reading. Saving a calendar row clears
# the cache in this process at once; other processes pick the change up within this time.
CALENDAR_CACHE_SECONDS = 300


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
    hours = {
        row.weekday: (row.opens_at, row.closes_at) for row in OpeningHours.objects.filter(unit=unit)
    }
    breaks: dict[int | None, list] = {}
    for row in ServiceBreak.objects.filter(unit=unit):
        breaks.setdefault(row.weekday, []).append((row.starts_at, row.ends_at))
    holidays = frozenset(Holiday.objects.filter(unit=unit).values_list("date", flat=True))
    return OfficeCalendar(
        zone=ZoneInfo(unit.time_zone),
        hours=hours,
        breaks={day: tuple(rows) for day, rows in breaks.items()},
        holidays=holidays,
        breaks_stop_clock=unit.breaks_stop_clock,
    )


def forget_calendar(unit_id: int) -> None:
    memo.forget(calendar_cache_key(unit_id))
