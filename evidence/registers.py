"""What a register of the evidence pack is. Each register lives in its report's module
(`evidence.reports.<topic>`), beside the report page it feeds; `evidence.reports.catalogue`
lists them in the pack's order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evidence.workbook import Sheet


@dataclass(frozen=True)
class Register:
    slug: str  # file name in the pack, without .xlsx
    title: str
    indicator: str  # the LKE indicator it supports (PermenPANRB 90/2021)
    # sheets(period, *, masked=True, filters=None): the pack always masks and never filters;
    # a report's download passes the page's filters (its `Report.filters`) and masks only for
    # users without personal-data access.
    sheets: Callable[..., Iterable[Sheet]]


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "ya" if value else "tidak"
