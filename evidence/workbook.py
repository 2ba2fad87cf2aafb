"""Excel registers written row by row (XlsxWriter, constant-memory mode): each row goes to a
temporary file as soon as the next one starts, so memory stays flat for any size.

Indonesian headers, a frozen header row, filters on every column, sensible widths, and
dates and times in the unit's office time.

XlsxWriter rather than openpyxl's write-only mode: a year's pack holds some two million
cells, and openpyxl spent about four fifths of the pack's time serialising them (measured
in bench/pack.py). The same data always gives the same bytes: XlsxWriter stamps the files
inside the workbook with a fixed date, and the document's own creation date is fixed below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any
from zoneinfo import ZoneInfo

import xlsxwriter
from django.utils.functional import Promise
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from satpas.spreadsheets import FORMULA_TRIGGERS

HEADER_STYLE = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": "#0B2545",
    "pattern": 1,
    "text_wrap": True,
    "valign": "top",
}
DATE_FORMAT = "DD-MM-YYYY"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
# Excel sheets hold at most 1,048,576 rows; a register that large continues on a new sheet.
MAX_ROWS_PER_SHEET = 1_000_000
# The workbook's "created" property. The day a file was written is not evidence (the pack's
# record in the database keeps when it was built), and a fixed value keeps the bytes of a
# register the same for the same data.
CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
EMPTY = "(tidak ada data pada periode ini)"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    note: str = ""
    written: int = field(default=0, init=False)


def write_workbook(target: str | IO[bytes], sheets: Iterable[Sheet], *, zone: ZoneInfo) -> int:
    """Write the sheets to `target`; returns the number of data rows written."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            # What people typed stays text, whatever it looks like (satpas.spreadsheets).
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    workbook.set_properties({"created": CREATED})
    formats = _Formats(
        header=workbook.add_format(HEADER_STYLE),
        date=workbook.add_format({"num_format": DATE_FORMAT}),
        datetime=workbook.add_format({"num_format": DATETIME_FORMAT}),
        text=workbook.add_format({"quote_prefix": True}),
    )
    total = 0
    try:
        for sheet in sheets:
            total += _write_sheet(workbook, sheet, zone, formats)
    finally:
        workbook.close()
    return total


@dataclass(frozen=True)
class _Formats:
    header: Format
    date: Format
    datetime: Format
    text: Format  # a string that a spreadsheet would read as a formula: Excel's quote prefix


def _write_sheet(workbook: Any, sheet: Sheet, zone: ZoneInfo, formats: _Formats) -> int:
    part = 1
    worksheet = _new_worksheet(workbook, sheet, part, formats)
    cells = _Cells(worksheet, zone, formats)
    row_number = 0
    for row in sheet.rows:
        if row_number >= MAX_ROWS_PER_SHEET:
            part += 1
            worksheet = _new_worksheet(workbook, sheet, part, formats)
            cells = _Cells(worksheet, zone, formats)
            row_number = 0
        row_number += 1
        cells.write(row_number, row)
        sheet.written += 1
    if sheet.written == 0:
        worksheet.write_string(1, 0, EMPTY)
    return sheet.written


def _new_worksheet(workbook: Any, sheet: Sheet, part: int, formats: _Formats) -> Worksheet:
    title = sheet.title[:31] if part == 1 else f"{sheet.title[:27]} ({part})"
    worksheet = workbook.add_worksheet(title)
    for index, column in enumerate(sheet.columns):
        worksheet.set_column(index, index, column.width)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, MAX_ROWS_PER_SHEET, len(sheet.columns) - 1)
    for index, column in enumerate(sheet.columns):
        worksheet.write_string(0, index, str(column.header), formats.header)
    return worksheet


class _Cells:
    """What each value becomes in the sheet: dates and times as real Excel dates in office
    time, a lazily translated label as its text (translated once per sheet, not once per
    row), None as an empty cell, text that looks like a formula as text with the quote
    prefix, numbers as numbers.

    Each value goes to the writer's method for its type: XlsxWriter's generic `write` would
    look at every string to guess whether it is a formula, a number or a link.
    """

    def __init__(self, worksheet: Worksheet, zone: ZoneInfo, formats: _Formats) -> None:
        self.worksheet = worksheet
        self.zone = zone
        self.formats = formats
        self.labels: dict[int, tuple[Promise, str]] = {}

    def write(self, row_number: int, values: Sequence[Any]) -> None:
        worksheet = self.worksheet
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    self._text(row_number, column, value)
            elif kind is int or kind is float:
                worksheet.write_number(row_number, column, value)
            elif value is None:
                continue
            else:
                self._other(row_number, column, value)

    def _other(self, row_number: int, column: int, value: Any) -> None:
        worksheet = self.worksheet
        if isinstance(value, dt.datetime):
            if value.tzinfo:
                value = value.astimezone(self.zone).replace(tzinfo=None)
            worksheet.write_datetime(row_number, column, value, self.formats.datetime)
        elif isinstance(value, dt.date):
            worksheet.write_datetime(row_number, column, value, self.formats.date)
        elif isinstance(value, bool):
            worksheet.write_boolean(row_number, column, value)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row_number, column, float(value))
        elif isinstance(value, Promise):
            known = self.labels.get(id(value))
            if known is None:
                # Keep the label itself too, so that its id is not reused while cached.
                known = self.labels[id(value)] = (value, str(value))
            self._text(row_number, column, known[1])
        else:
            self._text(row_number, column, str(value))

    def _text(self, row_number: int, column: int, value: str) -> None:
        if value.startswith(FORMULA_TRIGGERS):
            self.worksheet.write_string(row_number, column, value, self.formats.text)
        elif value:
            self.worksheet.write_string(row_number, column, value)
