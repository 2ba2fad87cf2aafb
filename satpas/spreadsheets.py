"""Cells that are safe to open: text that a spreadsheet would read as a formula stays text.

A register carries what the public and officers typed (a kiosk comment, a complaint, a
name). Spreadsheet programs evaluate a cell that starts with `=`, and on editing or on
import also one that starts with `+`, `-`, `@`, a tab or a carriage return ("formula" or
"CSV injection", OWASP). Every workbook the app writes passes its values through
`safe_cell`, which keeps the text exactly as typed but stores it as a string with Excel's
quote prefix (the cell shows the text, and editing it does not turn it into a formula).
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def text_cell(worksheet: Any, value: str) -> WriteOnlyCell:
    """A write-only cell holding `value` as text, whatever it starts with."""
    cell = WriteOnlyCell(worksheet, value=value)
    # openpyxl turns a string starting with "=" into a formula when the value is bound.
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_cell(worksheet: Any, value: Any) -> Any:
    """The value itself, or a text cell when it would be read as a formula."""
    if looks_like_formula(value):
        return text_cell(worksheet, value)
    return value
