"""The live board (officers) and the waiting-room display (public TV, no personal data)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from satpas.access import permission_required
from satpas.models import Unit
from service_timing.extensions import board_panels
from service_timing.selectors import (
    board_rows,
    closed_with_compensation_due,
    display_state,
    stale_open_count,
)
from service_timing.templatetags.timing import STATE_COLOURS, STATE_LABELS


def _board_context(request: HttpRequest) -> dict:
    now = timezone.now()
    day = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    # One reverse for the address pattern, not one per row: the board refreshes every 5 s.
    detail = reverse("service_timing:application", args=[0]).rsplit("0/", 1)[0]
    labels = {state: (str(label), STATE_COLOURS[state]) for state, label in STATE_LABELS.items()}
    rows = [
        {
            "row": row,
            "url": f"{detail}{row.pk}/",
            "ready": row.ready_since.astimezone(zone).strftime("%H.%M"),
            "point": row.point_number or "–",
            "css": "table-danger"
            if row.state == "overdue" or row.compensation_due
            else "table-warning"
            if row.state == "at_risk"
            else "",
            "badge": labels[row.state],
        }
        for row in board_rows(request.unit, now=now, day=day)
    ]
    counts = {"overdue": 0, "at_risk": 0, "on_track": 0}
    for line in rows:
        counts[line["row"].state] += 1
    return {
        "rows": rows,
        "mnt": _("mnt"),
        "owed_label": _("Kompensasi terutang"),
        "labels": {
            state: {"label": str(label), "colour": STATE_COLOURS[state]}
            for state, label in STATE_LABELS.items()
        },
        "counts": counts,
        "now": now,
        "stale": stale_open_count(request.unit, day=day),
        "owed": closed_with_compensation_due(request.unit),
        "panels": board_panels(request.unit, now),
    }


@require_safe
@permission_required("applicants.view_application")
def board(request: HttpRequest) -> HttpResponse:
    return render(request, "service_timing/board/page.html", _board_context(request))


@require_safe
@permission_required("applicants.view_application")
def board_rows_partial(request: HttpRequest) -> HttpResponse:
    return render(request, "service_timing/board/_rows.html", _board_context(request))


@login_not_required
def display(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=unit_code.upper(), is_active=True)
    return render(request, "service_timing/display/page.html", _display_context(unit))


@login_not_required
def display_partial(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=unit_code.upper(), is_active=True)
    return render(request, "service_timing/display/_content.html", _display_context(unit))


def _display_context(unit: Unit) -> dict:
    timezone.activate(unit.time_zone)
    return {"unit": unit, "state": display_state(unit, day=timezone.localdate())}
