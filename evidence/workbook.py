"""Excel registers written row by row (openpyxl write-only): constant memory for any size.

Indonesian headers, a frozen header row, filters on every column, sensible widths, and
dates and times in the unit's office time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from satpas.spreadsheets import safe_cell

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B2545")
DATE_FORMAT = "DD-MM-YYYY"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
# Excel sheets hold at most 1,048,576 rows; a register that large continues on a new sheet.
MAX_ROWS_PER_SHEET = 1_000_000


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
    workbook = Workbook(write_only=True)
    total = 0
    for sheet in sheets:
        total += _write_sheet(workbook, sheet, zone)
    workbook.save(target)
    return total


def _write_sheet(workbook: Workbook, sheet: Sheet, zone: ZoneInfo) -> int:
    part = 1
    worksheet = _new_worksheet(workbook, sheet, zone, part)
    cells = _Cells(worksheet, zone)
    rows_here = 0
    for row in sheet.rows:
        if rows_here >= MAX_ROWS_PER_SHEET:
            part += 1
            worksheet = _new_worksheet(workbook, sheet, zone, part)
            cells = _Cells(worksheet, zone)
            rows_here = 0
        worksheet.append(cells.row(row))
        rows_here += 1
        sheet.written += 1
    if sheet.written == 0:
        worksheet.append(["(tidak ada data pada periode ini)"])
    return sheet.written


def _new_worksheet(workbook: Workbook, sheet: Sheet, zone: ZoneInfo, part: int) -> Any:
    title = sheet.title[:31] if part == 1 else f"{sheet.title[:27]} ({part})"
    worksheet = workbook.create_sheet(title)
    last = get_column_letter(len(sheet.columns))
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{last}{MAX_ROWS_PER_SHEET + 1}"
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(worksheet, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    worksheet.append(header)
    return worksheet


class _Cells:
    """What each value becomes in the sheet: dates and times as real Excel dates in office
    time, a lazily translated label as its text, None as an empty cell, text that looks like
    a formula as plain text (satpas.spreadsheets), the rest as it is.

    A write-only sheet writes each appended row out at once, so the styled cell of a date is
    made once per column and reused on every row (as openpyxl reuses its own plain cell), and
    each label is translated once per sheet rather than once per row.
    """

    def __init__(self, worksheet: Any, zone: ZoneInfo) -> None:
        self.worksheet = worksheet
        self.zone = zone
        self.styled: dict[tuple[int, str], Any] = {}
        self.labels: dict[int, tuple[Promise, str]] = {}

    def row(self, values: Sequence[Any]) -> list[Any]:
        return [self.cell(column, value) for column, value in enumerate(values)]

    def cell(self, column: int, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            if value.tzinfo:
                value = value.astimezone(self.zone).replace(tzinfo=None)
            return self._styled(column, DATETIME_FORMAT, value)
        if isinstance(value, dt.date):
            return self._styled(column, DATE_FORMAT, value)
        if isinstance(value, Promise):
            known = self.labels.get(id(value))
            if known is None:
                # Keep the label itself too, so that its id is not reused while cached.
                known = self.labels[id(value)] = (value, str(value))
            return safe_cell(self.worksheet, known[1])
        # Text typed by people (a kiosk comment, a complaint) must never run as a formula.
        return safe_cell(self.worksheet, value)

    def _styled(self, column: int, number_format: str, value: Any) -> Any:
        cell = self.styled.get((column, number_format))
        if cell is None:
            cell = self.styled[column, number_format] = WriteOnlyCell(self.worksheet)
            cell.number_format = number_format
        cell.value = value
        return cell
