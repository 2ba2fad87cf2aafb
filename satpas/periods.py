"""Office dates and periods: month, quarter, semester, year or a range of office days.

A period is a run of whole office days in one unit's time zone. Its bounds come twice:
`start` and `end` are dates (both inclusive, for people and registers), `start_at` and
`end_at` are aware datetimes (`end_at` exclusive, for queries on timestamps). One textual
form stands for a period in URLs and wherever it is typed (`?periode=`):

    2026-11                    the month November 2026
    2026-Q4                    the fourth quarter (triwulan) of 2026
    2026-S2                    the second semester of 2026
    2026                       the year 2026
    2026-06-10..2026-06-20     a range of office days, both ends inclusive

Pure: no database and no Django, so it can be used (and type-checked strictly) anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MONTH, QUARTER, SEMESTER, YEAR, RANGE = "month", "quarter", "semester", "year", "range"
KINDS = (MONTH, QUARTER, SEMESTER, YEAR, RANGE)
MONTHS_IN = {MONTH: 1, QUARTER: 3, SEMESTER: 6, YEAR: 12}
FIRST_YEAR, LAST_YEAR = 2000, 2100

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV")

_TEXT = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>\d)|S(?P<semester>\d)))?$",
    re.IGNORECASE,
)


class PeriodError(ValueError):
    """Text that is not a period, or a period that cannot be (month 13, end before start)."""


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive
    zone: ZoneInfo

    @property
    def start_at(self) -> dt.datetime:
        """The first moment of the period in its zone."""
        return dt.datetime.combine(self.start, dt.time(), tzinfo=self.zone)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period (exclusive bound)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def number(self) -> int:
        """Month 1–12, quarter 1–4, semester 1–2, or 1 for a year or a range."""
        if self.kind in MONTHS_IN:
            return (self.start.month - 1) // MONTHS_IN[self.kind] + 1
        return 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def text(self) -> str:
        """The one textual form (for URLs); `parse` reads it back."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{self.number}"
        if self.kind == SEMESTER:
            return f"{self.start.year}-S{self.number}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def label(self) -> str:
        """Its days in Indonesian, e.g. "01-06-2026 s.d. 30-06-2026" (registers, reports)."""
        return f"{self.start:%d-%m-%Y} s.d. {self.end:%d-%m-%Y}"

    def name(self) -> str:
        """Its name in Indonesian, e.g. "Juni 2026", "Triwulan II 2026", "Semester 2 2026"."""
        year = self.start.year
        if self.kind == MONTH:
            return f"{MONTH_NAMES[self.start.month - 1]} {year}"
        if self.kind == QUARTER:
            return f"Triwulan {ROMAN[self.number - 1]} {year}"
        if self.kind == SEMESTER:
            return f"Semester {self.number} {year}"
        if self.kind == YEAR:
            return f"Tahun {year}"
        return self.label()

    def previous(self) -> Period:
        """The period of the same kind just before (a range: as many days just before)."""
        if self.kind == RANGE:
            end = self.start - dt.timedelta(days=1)
            return span(end - dt.timedelta(days=self.days - 1), end, self.zone)
        return containing(self.kind, self.start - dt.timedelta(days=1), self.zone)

    def following(self) -> Period:
        """The period of the same kind just after (a range: as many days just after)."""
        if self.kind == RANGE:
            start = self.end + dt.timedelta(days=1)
            return span(start, start + dt.timedelta(days=self.days - 1), self.zone)
        return containing(self.kind, self.end + dt.timedelta(days=1), self.zone)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    after = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return after - dt.timedelta(days=1)


# Months by their first day (the ledger's periods: findings and adjustments are monthly).


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(period: dt.date) -> dt.date:
    return dt.date(period.year + period.month // 12, period.month % 12 + 1, 1)


def months_back(period: dt.date, count: int) -> list[dt.date]:
    """The `count` months ending with `period`, oldest first."""
    months = [period]
    for _ in range(count - 1):
        first = months[0]
        months.insert(0, dt.date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1))
    return months


def parse_month(text: str) -> dt.date:
    """A month by its first day: "2026-05" to 1 May 2026; PeriodError otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise PeriodError(f"not a month: {text!r} (e.g. 2026-05)")
    return dt.date(int(match[1]), int(match[2]), 1)


def semester_of(day: dt.date) -> tuple[int, int]:
    """SMK semesters: 1 = January–June, 2 = July–December."""
    return day.year, 1 if day.month <= 6 else 2


def semester_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    """First month of the semester and the first month after it."""
    if half not in (1, 2):
        raise PeriodError(f"semester {half} is not 1–2")
    start = dt.date(year, 1 if half == 1 else 7, 1)
    end = dt.date(year, 7, 1) if half == 1 else dt.date(year + 1, 1, 1)
    return start, end


def parse_semester(text: str) -> tuple[int, int]:
    """ "2026-S1" (January–June 2026) or "2026-S2"; the older "2026-1" is read too."""
    match = re.fullmatch(r"(\d{4})-S?([12])", text.strip(), re.IGNORECASE)
    if match is None:
        raise PeriodError(f"not a semester: {text!r} (e.g. 2026-S1)")
    return int(match[1]), int(match[2])


def _months(kind: str, year: int, first_month: int, zone: ZoneInfo) -> Period:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")
    last_month = first_month + MONTHS_IN[kind] - 1
    return Period(
        kind, dt.date(year, first_month, 1), month_end(dt.date(year, last_month, 1)), zone
    )


def month(year: int, number: int, zone: ZoneInfo) -> Period:
    if not 1 <= number <= 12:
        raise PeriodError(f"month {number} is not 1–12")
    return _months(MONTH, year, number, zone)


def quarter(year: int, number: int, zone: ZoneInfo) -> Period:
    if not 1 <= number <= 4:
        raise PeriodError(f"quarter {number} is not 1–4")
    return _months(QUARTER, year, 3 * number - 2, zone)


def semester(year: int, number: int, zone: ZoneInfo) -> Period:
    if not 1 <= number <= 2:
        raise PeriodError(f"semester {number} is not 1–2")
    return _months(SEMESTER, year, 6 * number - 5, zone)


def year(number: int, zone: ZoneInfo) -> Period:
    return _months(YEAR, number, 1, zone)


def span(start: dt.date, end: dt.date, zone: ZoneInfo) -> Period:
    """A range of office days, both ends inclusive."""
    if end < start:
        raise PeriodError(f"{end} is before {start}")
    return Period(RANGE, start, end, zone)


def containing(kind: str, day: dt.date, zone: ZoneInfo) -> Period:
    """The month, quarter, semester or year that holds `day` (a range: that one day)."""
    if kind == RANGE:
        return span(day, day, zone)
    if kind not in MONTHS_IN:
        raise PeriodError(f"unknown kind of period: {kind!r}")
    size = MONTHS_IN[kind]
    return _months(kind, day.year, (day.month - 1) // size * size + 1, zone)


def containing_moment(kind: str, moment: dt.datetime, zone: ZoneInfo) -> Period:
    """The period that holds an aware moment, read on the office clock of `zone`."""
    return containing(kind, moment.astimezone(zone).date(), zone)


def parse(text: str, zone: ZoneInfo) -> Period:
    """A period from its textual form (see the module's docstring); PeriodError otherwise."""
    cleaned = text.strip()
    if ".." in cleaned:
        first, _, last = cleaned.partition("..")
        try:
            start, end = dt.date.fromisoformat(first.strip()), dt.date.fromisoformat(last.strip())
        except ValueError as exc:
            raise PeriodError(f"not a range of dates: {text!r}") from exc
        return span(start, end, zone)
    match = _TEXT.match(cleaned)
    if match is None:
        raise PeriodError(f"not a period: {text!r} (e.g. 2026-11, 2026-Q4, 2026-S2, 2026)")
    number = int(match["year"])
    if match["month"] is not None:
        return month(number, int(match["month"]), zone)
    if match["quarter"] is not None:
        return quarter(number, int(match["quarter"]), zone)
    if match["semester"] is not None:
        return semester(number, int(match["semester"]), zone)
    return year(number, zone)
