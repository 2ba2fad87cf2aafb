"""The SKM survey an applicant reaches from the ticket's QR code (public)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from applicants.models import Application
from compensation import services
from compensation.forms import (
    SurveyForm,
)
from compensation.models import CompensationCase
from compensation.views.common import error_messages
from satpas.models import Unit
from satpas.ratelimits import over_limit, too_many


def survey_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    response = render(request, template, context)
    # A shared tablet or phone must not show the previous person's answers from the cache.
    response["Cache-Control"] = "no-store"
    return response


def staff_refused(request: HttpRequest, unit: Unit) -> HttpResponse | None:
    """Someone signed in is staff, not an applicant: they may see the page, never answer.
    None when the visitor is anonymous."""
    if not request.user.is_authenticated:
        return None
    status = 403 if request.method == "POST" else 200
    response = survey_page(
        request,
        "compensation/survey_staff.html",
        {
            "unit": unit,
            "may_enrol": request.user.has_perm("compensation.enrol_kiosk")
            and request.user.home_unit_id == unit.pk,
        },
    )
    response.status_code = status
    return response


@login_not_required
def survey(request: HttpRequest, ticket_code: str) -> HttpResponse:
    """The SKM questionnaire reached from the ticket's QR code or the status page."""
    application = get_object_or_404(
        Application.objects.select_related("unit", "survey_response"), ticket_code=ticket_code
    )
    if hasattr(application, "survey_response"):
        return survey_page(
            request,
            "compensation/survey_thanks.html",
            {"unit": application.unit, "owed": owed_for_dissatisfaction(application)},
        )
    if (refused := staff_refused(request, application.unit)) is not None:
        return refused
    if request.method == "POST" and over_limit(request, "survey", unit_code=application.unit.code):
        return too_many(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_submit(
                unit=application.unit,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                as_complaint=form.cleaned_data["as_complaint"],
                channel="QR",
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            return redirect("compensation:survey", ticket_code=ticket_code)
    return survey_page(
        request,
        "compensation/survey.html",
        {"form": form, "application": application, "unit": application.unit},
    )


def owed_for_dissatisfaction(application: Application | None) -> bool:
    return (
        application is not None
        and CompensationCase.objects.filter(
            application=application,
            reason=CompensationCase.Reason.DISSATISFIED,
            status=CompensationCase.Status.DUE,
        ).exists()
    )


# The kiosk keeps the ticket being answered and the last answer's outcome in the session, so
