"""Small helpers the personnel pages share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils import timezone

from personnel import selectors
from personnel.forms import PeriodForm
from satpas import periods

PER_PAGE = 50


def paginate(request: HttpRequest, rows: Any) -> Page:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("halaman"))


def office_today(request: HttpRequest) -> dt.date:
    return selectors.office_today(request.unit, timezone.now())  # type: ignore[attr-defined]


def period_from(request: HttpRequest, *, default: dt.date | None = None) -> dt.date:
    """?periode=YYYY-MM, or this month (office time)."""
    fallback = default or periods.month_start(office_today(request))
    return PeriodForm(request.GET).period(fallback)


def query_without_page(request: HttpRequest) -> str:
    """The current filters, for pagination links."""
    params = request.GET.copy()
    params.pop("halaman", None)
    return params.urlencode()
