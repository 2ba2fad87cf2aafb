"""Small helpers the personnel pages share."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from personnel import selectors
from personnel.forms import PeriodForm
from satpas import periods


def office_today(request: HttpRequest) -> dt.date:
    return selectors.office_today(request.unit, timezone.now())  # type: ignore[attr-defined]


def period_from(request: HttpRequest, *, default: dt.date | None = None) -> dt.date:
    """?periode=YYYY-MM, or this month (office time)."""
    fallback = default or periods.month_start(office_today(request))
    return PeriodForm(request.GET).period(fallback)
