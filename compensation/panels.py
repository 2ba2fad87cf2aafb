"""What compensation adds to the service-timing pages (see service_timing/extensions.py)."""

from __future__ import annotations

import datetime as dt

from applicants.models import Application
from compensation.models import CompensationCase, SurveyResponse
from compensation.selectors import low_stock_items
from satpas.models import Unit
from service_timing.extensions import Panel


def low_stock_panel(unit: Unit, now: dt.datetime) -> Panel | None:
    """A warning above the live board when a compensation item runs low (one query)."""
    items = low_stock_items(unit)
    if not items:
        return None
    return Panel("compensation/panels/low_stock.html", {"low_stock_items": items})


def status_panel(application: Application, now: dt.datetime) -> Panel:
    """On the applicant's status page: each compensation with its true reason, and the survey
    until it is answered (two queries)."""
    cases = list(
        CompensationCase.objects.filter(application=application)
        .select_related("item")
        .order_by("opened_at", "pk")
    )
    surveyed = SurveyResponse.objects.filter(application=application).exists()
    return Panel(
        "compensation/panels/status.html",
        {"application": application, "cases": cases, "surveyed": surveyed},
    )
