"""The applicant's own status page, reached from the QR code on the ticket (no login)."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import ALL

from applicants.models import Application
from satpas.ratelimits import over_limit, too_many
from service_timing.extensions import status_panels
from service_timing.models import Journey
from service_timing.selectors import timeline
from service_timing.selectors.waits import application_wait, called_around

TICKET_CODE = re.compile(r"^[0-9a-f]{32}$")


def _context(ticket_code: str) -> dict:
    if not TICKET_CODE.match(ticket_code):
        raise Http404
    application = Application.objects.filter(ticket_code=ticket_code).select_related("unit").first()
    if application is None:
        raise Http404
    timezone.activate(application.unit.time_zone)
    now = timezone.now()
    line = timeline(application, now=now)
    waits = application_wait(line.journey, now=now, pauses=line.pauses)
    steps = [{**step, "wait": waits.get(step["code"])} for step in line.steps()]
    # The headline estimate is the current stage's, while the applicant waits to be called.
    wait = next(
        (
            s["wait"]
            for s in steps
            if s["is_current"] and line.journey.state == Journey.State.WAITING
        ),
        None,
    )
    return {
        "application": application,
        "timeline": line,
        "steps": steps,
        "wait": wait,
        "wait_at": called_around(application.unit_id, wait, now=now),
        "now": now,
        "panels": status_panels(application, now),
    }


def _render(request: HttpRequest, ticket_code: str, template: str) -> HttpResponse:
    # Per address before the look-up (guessing codes costs too), per unit after it.
    if over_limit(request, "status", method=ALL):
        return too_many(request)
    try:
        context = _context(ticket_code)
    except Http404:
        return render(request, "service_timing/status/not_found.html", status=404)
    unit_code = context["application"].unit.code
    if over_limit(request, "status", unit_code=unit_code, method=ALL, address=False):
        return too_many(request)
    return render(request, template, context)


@login_not_required
def status(request: HttpRequest, ticket_code: str) -> HttpResponse:
    return _render(request, ticket_code, "service_timing/status/page.html")


@login_not_required
def status_partial(request: HttpRequest, ticket_code: str) -> HttpResponse:
    return _render(request, ticket_code, "service_timing/status/_content.html")
