"""Office periods: bounds in the unit's zone, their one textual form, and bad input."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from satpas import periods
from satpas.periods import PeriodError

WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
UTC = dt.UTC


@pytest.mark.parametrize(
    ("year", "number", "last"),
    [(2026, 1, 31), (2026, 2, 28), (2028, 2, 29), (2026, 4, 30), (2026, 12, 31)],
)
def test_a_month_ends_on_its_last_day(year, number, last) -> None:
    month = periods.month(year, number, WIB)
    assert (month.start, month.end) == (dt.date(year, number, 1), dt.date(year, number, last))
    assert month.days == last
    assert periods.month_end(dt.date(year, number, 17)) == month.end


def test_quarter_semester_and_year_bounds() -> None:
    assert (periods.quarter(2026, 4, WIB).start, periods.quarter(2026, 4, WIB).end) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert periods.quarter(2026, 1, WIB).end == dt.date(2026, 3, 31)
    assert periods.semester(2026, 1, WIB).end == dt.date(2026, 6, 30)
    assert periods.semester(2026, 2, WIB).start == dt.date(2026, 7, 1)
    assert periods.year(2026, WIB).days == 365
    assert periods.year(2028, WIB).days == 366


@pytest.mark.parametrize(("zone", "offset"), [(WIB, 7), (WITA, 8), (WIT, 9)])
def test_bounds_are_in_the_units_zone(zone, offset) -> None:
    quarter = periods.quarter(2026, 4, zone)
    assert quarter.start_at == dt.datetime(2026, 9, 30, 24 - offset, tzinfo=UTC)
    assert quarter.end_at == dt.datetime(2026, 12, 31, 24 - offset, tzinfo=UTC)  # exclusive
    assert quarter.start_at.utcoffset() == dt.timedelta(hours=offset)


def test_the_last_minutes_of_the_year_belong_to_that_year_in_jakarta() -> None:
    late = dt.datetime(2026, 12, 31, 23, 50, tzinfo=WIB)  # 16:50 UTC
    year = periods.containing_moment(periods.YEAR, late, WIB)
    assert year.text() == "2026"
    assert year.start_at <= late < year.end_at
    assert periods.containing_moment(periods.MONTH, late, WIB).text() == "2026-12"
    assert periods.containing_moment(periods.QUARTER, late, WIB).text() == "2026-Q4"
    # The same moment is already the new year in Jayapura.
    assert periods.containing_moment(periods.YEAR, late, WIT).text() == "2027"
    assert periods.containing_moment(periods.MONTH, late, WIT).text() == "2027-01"


@pytest.mark.parametrize(
    ("kind", "text", "name"),
    [
        (periods.MONTH, "2026-11", "November 2026"),
        (periods.QUARTER, "2026-Q4", "Triwulan IV 2026"),
        (periods.SEMESTER, "2026-S2", "Semester 2 2026"),
        (periods.YEAR, "2026", "Tahun 2026"),
    ],
)
def test_one_textual_form_read_back(kind, text, name) -> None:
    period = periods.containing(kind, dt.date(2026, 11, 25), WIB)
    assert period.text() == text
    assert periods.parse(text, WIB) == period
    assert period.name() == name
    assert dt.date(2026, 11, 25) in period


def test_a_range_is_two_dates() -> None:
    period = periods.parse("2026-06-10..2026-06-20", WITA)
    assert (period.kind, period.start, period.end, period.days) == (
        periods.RANGE,
        dt.date(2026, 6, 10),
        dt.date(2026, 6, 20),
        11,
    )
    assert period.text() == "2026-06-10..2026-06-20"
    assert period.label() == "10-06-2026 s.d. 20-06-2026"
    assert period.previous() == periods.span(dt.date(2026, 5, 30), dt.date(2026, 6, 9), WITA)


def test_previous_and_following() -> None:
    assert periods.parse("2026-01", WIB).previous().text() == "2025-12"
    assert periods.parse("2026-Q1", WIB).previous().text() == "2025-Q4"
    assert periods.parse("2026-S1", WIB).previous().text() == "2025-S2"
    assert periods.parse("2026", WIB).previous().text() == "2025"
    assert periods.parse("2026-12", WIB).following().text() == "2027-01"


@pytest.mark.parametrize(
    "text",
    ["", "bulan", "2026-13", "2026-00", "2026-Q5", "2026-S3", "26-11", "2026-1-1", "1999",
     "2026-06-20..2026-06-10", "2026-06-10..", "2026-02-30..2026-03-01"],
)  # fmt: skip
def test_bad_input_is_a_clear_error(text) -> None:
    with pytest.raises(PeriodError):
        periods.parse(text, WIB)


def test_bad_numbers_and_kinds() -> None:
    with pytest.raises(PeriodError, match="month 13"):
        periods.month(2026, 13, WIB)
    with pytest.raises(PeriodError, match="unknown kind"):
        periods.containing("minggu", dt.date(2026, 1, 1), WIB)
    with pytest.raises(PeriodError, match="before"):
        periods.span(dt.date(2026, 2, 1), dt.date(2026, 1, 1), WIB)


def test_months_by_their_first_day() -> None:
    assert periods.parse_month("2026-05") == dt.date(2026, 5, 1)
    with pytest.raises(ValueError, match="5-2026"):
        periods.parse_month("5-2026")
    assert periods.next_month(dt.date(2026, 12, 1)) == dt.date(2027, 1, 1)
    assert periods.months_back(dt.date(2026, 2, 1), 3) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]
    assert periods.semester_of(dt.date(2026, 6, 30)) == (2026, 1)
    assert periods.semester_of(dt.date(2026, 7, 1)) == (2026, 2)
    assert periods.semester_bounds(2026, 2) == (dt.date(2026, 7, 1), dt.date(2027, 1, 1))
    assert periods.parse_semester("2026-S2") == periods.parse_semester("2026-2") == (2026, 2)
