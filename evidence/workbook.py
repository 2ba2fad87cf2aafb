"""Excel registers written row by row, straight into the workbook's ZIP (evidence.xlsx):
constant memory for any size.

Indonesian headers, a frozen header row, filters on every column, sensible widths, and
dates and times in the unit's office time. The same data always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.utils.functional import Promise

from evidence import xlsx
from satpas.spreadsheets import FORMULA_TRIGGERS

# Excel sheets hold at most 1,048,576 rows; a register that large continues on a new sheet.
MAX_ROWS_PER_SHEET = 1_000_000
EMPTY = "(tidak ada data pada periode ini)"
MAX_CELL_TEXT = 32_767  # characters in one cell, Excel's limit


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
    package = xlsx.Package(target)
    total = 0
    try:
        for sheet in sheets:
            total += _write_sheet(package, sheet, zone)
    finally:
        package.close()
    return total


def _write_sheet(package: xlsx.Package, sheet: Sheet, zone: ZoneInfo) -> int:
    part = 1
    worksheet = _new_worksheet(package, sheet, part)
    cells = _Cells(worksheet.letters, zone)
    row_number = 1
    for row in sheet.rows:
        if row_number > MAX_ROWS_PER_SHEET:
            worksheet.close()
            part += 1
            worksheet = _new_worksheet(package, sheet, part)
            row_number = 1
        row_number += 1
        worksheet.row(row_number, cells.row(row_number, row))
        sheet.written += 1
    if sheet.written == 0:
        worksheet.row(2, cells.row(2, [EMPTY]))
    worksheet.close()
    return sheet.written


def _new_worksheet(package: xlsx.Package, sheet: Sheet, part: int) -> xlsx.SheetPart:
    title = sheet.title[:31] if part == 1 else f"{sheet.title[:27]} ({part})"
    worksheet = package.sheet(title, [c.width for c in sheet.columns], MAX_ROWS_PER_SHEET)
    header = "".join(
        f'<c r="{letter}1" s="{xlsx.HEADER}" t="inlineStr"><is><t>'
        f"{xlsx.text(str(column.header))}</t></is></c>"
        for letter, column in zip(worksheet.letters, sheet.columns, strict=False)
    )
    worksheet.row(1, header)
    return worksheet


class _Cells:
    """What each value becomes in the sheet: dates and times as real Excel dates in office
    time, a lazily translated label as its text (translated once per sheet, not once per
    row), None or "" as an empty cell, text that looks like a formula as text with Excel's
    quote prefix (satpas.spreadsheets), numbers as numbers.

    One formatted string per cell: this loop runs some two million times for a year's pack.
    """

    def __init__(self, letters: list[str], zone: ZoneInfo) -> None:
        self.letters = letters
        self.zone = zone
        self.labels: dict[int, tuple[Promise, str]] = {}

    def row(self, number: int, values: Sequence[Any]) -> str:
        letters = self.letters
        if len(values) > len(letters):
            letters.extend(xlsx.column_letter(i) for i in range(len(letters), len(values)))
        out = []
        for column, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    out.append(self._text(f"{letters[column]}{number}", value))
            elif kind is int:
                out.append(f'<c r="{letters[column]}{number}"><v>{value}</v></c>')
            elif value is not None:
                out.append(self._other(f"{letters[column]}{number}", value))
        return "".join(out)

    def _text(self, ref: str, value: str) -> str:
        if len(value) > MAX_CELL_TEXT:
            value = value[:MAX_CELL_TEXT]  # Excel refuses a longer cell as a damaged file
        style = f' s="{xlsx.QUOTED}"' if value.startswith(FORMULA_TRIGGERS) else ""
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{xlsx.text(value)}</t></is></c>'

    def _other(self, ref: str, value: Any) -> str:
        if isinstance(value, dt.datetime):
            if value.tzinfo:
                value = value.astimezone(self.zone).replace(tzinfo=None)
            return self._date(ref, value, xlsx.DATETIME)
        if isinstance(value, dt.date):
            return self._date(ref, value, xlsx.DATE)
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{int(value)}</v></c>'
        if isinstance(value, float | Decimal) and Decimal(value).is_finite():
            return f'<c r="{ref}"><v>{float(value)!r}</v></c>'
        if isinstance(value, Promise):
            known = self.labels.get(id(value))
            if known is None:
                # Keep the label itself too, so that its id is not reused while cached.
                known = self.labels[id(value)] = (value, str(value))
            label = known[1]
        else:
            label = str(value)
        return self._text(ref, label) if label else ""

    def _date(self, ref: str, value: dt.date, style: int) -> str:
        number = xlsx.serial(value)
        if number is None:
            return self._text(ref, value.isoformat())
        return f'<c r="{ref}" s="{style}"><v>{number!r}</v></c>'
