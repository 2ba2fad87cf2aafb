"""The live board (officers) and the waiting-room display (public TV, no personal data)."""

from __future__ import annotations

import functools
import html

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from satpas.access import UnitRequest, permission_required
from satpas.models import Unit
from service_timing.extensions import board_panels
from service_timing.models import ServicePoint
from service_timing.selectors import (
    board_rows,
    closed_with_compensation_due,
    counter_states_panel,
    display_state,
    service_points,
    stale_open_count,
)
from service_timing.selectors.announcements import shown_texts
from service_timing.selectors.waits import cached_arrival_waits
from service_timing.templatetags.timing import STATE_COLOURS, STATE_LABELS

# The board refreshes every few seconds with up to a few hundred rows: each row is one
# str.format of values escaped as the template would escape them (html.escape, as Django's
# escape does), each distinct value escaped once, instead of ~17 template nodes per row.
ROW_HTML = (
    '<tr class="{css}" data-testid="board-row-{queue}" data-state="{state}">'
    '<td class="fw-semibold"><a href="{url}">{queue}</a>{priority}</td>'
    '<td class="d-none d-md-table-cell">{kind} · {sim_class}</td>'
    '<td>{stage}<span class="text-body-secondary small d-none d-sm-inline"> · {journey_state}</span></td>'
    '<td class="d-none d-md-table-cell">{point}</td>'
    '<td class="text-end d-none d-md-table-cell">{ready}</td>'
    '<td class="text-end board-time">{elapsed} / {standard} {mnt}</td>'
    '<td><span class="badge text-bg-{colour} text-wrap" data-state="{state}">{label}</span>{owed}</td>'
    "</tr>\n"
)
PRIORITY_HTML = ' <span class="badge text-bg-primary" data-testid="priority-{}">{}</span>'
OWED_HTML = ' <span class="badge text-bg-danger text-wrap" data-testid="compensation-due">{}</span>'


def _board_context(request: UnitRequest) -> dict:
    now = timezone.now()
    day = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    esc = functools.cache(lambda value: html.escape(str(value)))
    # One reverse for the address pattern, not one per row.
    detail = esc(reverse("service_timing:application", args=[0]).rsplit("0/", 1)[0])
    badges = {
        state: (esc(STATE_COLOURS[state]), esc(label)) for state, label in STATE_LABELS.items()
    }
    mnt, owed = esc(_("mnt")), OWED_HTML.format(esc(_("Kompensasi terutang")))
    counts = {"overdue": 0, "at_risk": 0, "on_track": 0}
    lines = []
    for row in board_rows(request.unit, now=now, day=day):
        counts[row.state] += 1
        colour, label = badges[row.state]
        lines.append(
            ROW_HTML.format(
                css="table-danger"
                if row.state == "overdue" or row.compensation_due
                else "table-warning"
                if row.state == "at_risk"
                else "",
                queue=esc(row.queue_number),
                state=esc(row.state),
                url=f"{detail}{int(row.pk)}/",
                kind=esc(row.kind),
                sim_class=esc(row.sim_class),
                stage=esc(row.stage),
                journey_state=esc(row.journey_state),
                point=esc(row.point_number or "–"),
                ready=row.ready_since.astimezone(zone).strftime("%H.%M"),
                elapsed=int(row.elapsed_minutes),
                standard=int(row.standard_minutes),
                mnt=mnt,
                colour=colour,
                label=label,
                owed=owed if row.compensation_due else "",
                priority=PRIORITY_HTML.format(
                    esc(row.queue_number), esc(_("Prioritas: %(why)s") % {"why": row.priority})
                )
                if row.priority
                else "",
            )
        )
    return {
        "rows": mark_safe("".join(lines)),  # noqa: S308 (every value in it is escaped above)
        "counts": counts,
        "now": now,
        "stale": stale_open_count(request.unit, day=day),
        "owed": closed_with_compensation_due(request.unit),
        "panels": board_panels(request.unit, now),
        "counters": counter_states_panel(request.unit, now),
    }


@require_safe
@permission_required("applicants.view_application")
def board(request: UnitRequest) -> HttpResponse:
    return render(request, "service_timing/board/page.html", _board_context(request))


@require_safe
@permission_required("applicants.view_application")
def board_rows_partial(request: UnitRequest) -> HttpResponse:
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
    now = timezone.now()
    day = timezone.localdate(now)
    state = display_state(unit, day=day)
    waits = cached_arrival_waits(
        unit.pk,
        day=day,
        now=now,
        open_points=[
            (point.pk, point.stage_id)
            for point, _queue, counter_state in state.serving
            if counter_state == ServicePoint.State.OPEN
        ],
    )
    # The display's stages are its counters' stages in counter order, as `state.waiting`.
    codes = list(dict.fromkeys(point.stage_id for point in service_points(unit)))
    return {
        "unit": unit,
        "state": state,
        "waiting": [
            (code, name, count, waits.get(code))
            for code, (name, count) in zip(codes, state.waiting, strict=True)
        ],
        "announcements": shown_texts(unit, now),
        # The page's clock starts from the server's time (a TV's own clock is often wrong)
        # and is set again on every refresh of the content.
        "now": now,
        "now_ms": int(now.timestamp() * 1000),
    }
