"""Reads of the office core."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.cache import cache

from satpas.calendar import OfficeCalendar
from satpas.models import Holiday, OpeningHours, ServiceBreak, Unit

# Calendars change rarely and are read on every clock reading. Saving a calendar row clears
# the cache in this process at once; other processes pick the change up within this time.
CALENDAR_CACHE_SECONDS = 300


def calendar_cache_key(unit_id: int) -> str:
    return f"satpas:calendar:{unit_id}"


def office_calendar(unit: Unit | int) -> OfficeCalendar:
    """The unit's service calendar (cached; a unit id is enough when it is in the cache)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    key = calendar_cache_key(unit_id)
    calendar = cache.get(key)
    if calendar is None:
        if isinstance(unit, int):
            unit = Unit.objects.get(pk=unit_id)
        calendar = build_office_calendar(unit)
        cache.set(key, calendar, CALENDAR_CACHE_SECONDS)
    return calendar


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
    cache.delete(calendar_cache_key(unit_id))
