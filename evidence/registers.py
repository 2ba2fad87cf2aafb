"""What a register of the evidence pack is. Each register lives in its report's module
(`evidence.reports.<topic>`), beside the report page it feeds; `evidence.reports.catalogue`
lists them in the pack's order."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import translation

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


def short_rank(code: str) -> str:
    """The rank's label without its explanation in brackets ("AKP", not "AKP (Ajun …)")."""
    return _short_ranks(translation.get_language()).get(code, code)


@functools.cache
def _short_ranks(language: str | None) -> dict[str, str]:
    # Once per language rather than once per row: a year's registers name ranks some 40,000
    # times, and each lazy label is translated anew when read.
    from personnel.models import Rank

    return {code: str(label).split(" (")[0] for code, label in Rank.choices}
