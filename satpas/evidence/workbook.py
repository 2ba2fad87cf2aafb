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
    rows_here = 0
    for row in sheet.rows:
        if rows_here >= MAX_ROWS_PER_SHEET:
            part += 1
            worksheet = _new_worksheet(workbook, sheet, zone, part)
            rows_here = 0
        worksheet.append([_cell(worksheet, value, zone) for value in row])
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


def _cell(worksheet: Any, value: Any, zone: ZoneInfo) -> Any:
    """Dates and times as real Excel dates in office time; everything else as it is."""
    if isinstance(value, dt.datetime):
        local = value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value
        cell = WriteOnlyCell(worksheet, value=local)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if value is None:
        return ""
    if isinstance(value, Promise):  # a lazily translated label
        return str(value)
    return value
