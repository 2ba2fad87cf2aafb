"""What a report is: its register (the Excel download and the pack share it), its filters
(with the period form), the permissions it needs, and the function that gathers its summaries
and detail rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from evidence.registers import Register
from evidence.reports.filters import ReportFilters
from satpas.selectors import UnitPeriod

# Every report is evidence: only the roles that may read evidence open them.
REPORT_PERMISSION = "evidence.view_evidencepack"


@dataclass(frozen=True)
class Content:
    """What a report page shows: summaries, and the detail rows to be paged (a queryset)."""

    rows: QuerySet[Any]
    summary: dict[str, Any]
    # Turns one page of rows into what the table shows (e.g. history rows into events).
    describe: Callable[[list[Any]], list[Any]] | None = None


@dataclass(frozen=True)
class Report:
    slug: str  # URL name ("service_time") and, with dashes, its address
    path: str  # address under /laporan/
    title: str | Promise
    description: str | Promise
    register: Register
    # (query, unit=, today=) → the filled filters; the page and its download share them.
    filters: Callable[..., ReportFilters]
    permissions: tuple[str, ...]
    content: Callable[[UnitPeriod, Any], Content]  # (period, the filters)
    template: str

    @property
    def all_permissions(self) -> tuple[str, ...]:
        return (REPORT_PERMISSION, *self.permissions)
