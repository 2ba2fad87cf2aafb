"""Report periods (month, quarter, year) as [start, end) in the unit's office time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MONTH, QUARTER, YEAR = "bulan", "kuartal", "tahun"


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # month 1–12, quarter 1–4, or 1 for a year
    start: dt.datetime
    end: dt.datetime

    @property
    def first_day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        return (self.end - dt.timedelta(days=1)).date()


def period(kind: str, year: int, number: int, zone: ZoneInfo) -> Period:
    if kind == MONTH:
        first_month, months = number, 1
    elif kind == QUARTER:
        first_month, months = 3 * (number - 1) + 1, 3
    elif kind == YEAR:
        first_month, months = 1, 12
    else:
        raise ValueError(kind)
    if not 1 <= first_month <= 12:
        raise ValueError(number)
    last_year, last_month = divmod(first_month - 1 + months, 12)
    start = dt.datetime(year, first_month, 1, tzinfo=zone)
    end = dt.datetime(year + last_year, last_month + 1, 1, tzinfo=zone)
    return Period(kind, year, number, start, end)


def containing(kind: str, day: dt.date, zone: ZoneInfo) -> Period:
    number = {MONTH: day.month, QUARTER: (day.month - 1) // 3 + 1, YEAR: 1}[kind]
    return period(kind, day.year, number, zone)
