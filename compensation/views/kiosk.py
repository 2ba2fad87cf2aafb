"""The exit kiosk: a tablet a supervisor enrols, where applicants scan a ticket and answer
the survey (public once enrolled)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from applicants.models import Application
from compensation import services
from compensation.forms import (
    KioskTicketForm,
    SurveyForm,
)
from compensation.views.common import error_messages
from compensation.views.survey import owed_for_dissatisfaction, staff_refused, survey_page
from satpas.access import UnitRequest, permission_required
from satpas.devices import DevicePurpose, device_enrol, device_enrolled, enrolling_unit
from satpas.models import Unit
from satpas.ratelimits import over_limit, too_many

# The signed cookie that makes a tablet the unit's exit kiosk (set by a supervisor). Its name
# and salt predate satpas.devices: tablets enrolled before keep their enrolment.
KIOSK_COOKIE = "satpas_kiosk"
KIOSK_SALT = "satpas.compensation.kiosk"
SURVEY_KIOSK = DevicePurpose(cookie=KIOSK_COOKIE, salt=KIOSK_SALT)


# that every page it shows is a GET (Back never asks to resend a form on the shared tablet).
KIOSK_TICKET = "kiosk_ticket"
KIOSK_OWED = "kiosk_owed"


def kiosk_enrolled(request: HttpRequest, unit: Unit) -> bool:
    """This device carries a supervisor's enrolment as the unit's kiosk, still valid."""
    return device_enrolled(request, unit, SURVEY_KIOSK)


def _kiosk_unenrolled(request: HttpRequest, unit: Unit) -> HttpResponse:
    response = survey_page(request, "compensation/kiosk_unenrolled.html", {"unit": unit})
    response.status_code = 403
    return response


@require_http_methods(["GET", "POST"])
@permission_required("compensation.enrol_kiosk")
def kiosk_enrol(request: UnitRequest, unit_code: str) -> HttpResponse:
    """A supervisor makes this tablet the unit's exit kiosk: a signed cookie, then signs out so
    that the tablet is left to applicants, not logged in as staff."""
    unit = enrolling_unit(request, unit_code)
    if request.method == "GET":
        return render(request, "compensation/kiosk_enrol.html", {"unit": unit})
    response = redirect("compensation:kiosk", unit_code=unit.code)
    device_enrol(response, unit=unit, purpose=SURVEY_KIOSK, by=request.user)
    logout(request)
    messages.success(
        request,
        _("Perangkat ini terdaftar sebagai kios survei %(unit)s. Anda telah keluar.")
        % {"unit": unit.name},
    )
    return response


def _kiosk_unit(unit_code: str) -> Unit:
    return get_object_or_404(Unit, code=unit_code, is_active=True)


def _ticket_from_scan(text: str) -> str:
    """A scanner reading the ticket's QR types the status URL: the code is its last part."""
    parts = [part for part in text.strip().split("/") if part]
    return parts[-1] if parts else ""


def _kiosk_application(unit: Unit, ticket_code: str) -> Application:
    application = (
        Application.objects.select_related("survey_response")
        .filter(unit=unit, ticket_code=ticket_code)
        .first()
    )
    if application is None:
        raise ValidationError(_("Tiket tidak ditemukan di satuan ini. Periksa kembali kodenya."))
    if hasattr(application, "survey_response"):
        raise ValidationError(_("Survei untuk tiket ini sudah diisi. Terima kasih."))
    return application


@login_not_required
def kiosk(request: HttpRequest, unit_code: str) -> HttpResponse:
    """A tablet at the exit: scan or type the ticket (or answer without one), then the survey."""
    unit = _kiosk_unit(unit_code)
    if (refused := staff_refused(request, unit)) is not None:
        return refused
    if request.method == "POST" and over_limit(request, "kiosk", unit_code=unit.code):
        return too_many(request)
    enrolled = kiosk_enrolled(request, unit)
    ticket_form = KioskTicketForm(request.POST or None)
    if request.method == "POST":
        if "anonymous" in request.POST:
            if not enrolled:
                return _kiosk_unenrolled(request, unit)
            request.session[KIOSK_TICKET] = ""
            return redirect("compensation:kiosk_survey", unit_code=unit.code)
        if ticket_form.is_valid():
            code = _ticket_from_scan(ticket_form.cleaned_data["ticket_code"])
            try:
                _kiosk_application(unit, code)
            except ValidationError as exc:
                ticket_form.add_error("ticket_code", exc.messages[0])
            else:
                request.session[KIOSK_TICKET] = code
                return redirect("compensation:kiosk_survey", unit_code=unit.code)
    return survey_page(
        request,
        "compensation/kiosk.html",
        {"unit": unit, "form": ticket_form, "enrolled": enrolled},
    )


@login_not_required
@require_safe
def kiosk_survey(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The questionnaire for the ticket just scanned (or anonymous), reached by redirect."""
    unit = _kiosk_unit(unit_code)
    if KIOSK_TICKET not in request.session:
        return redirect("compensation:kiosk", unit_code=unit.code)
    code = request.session[KIOSK_TICKET]
    try:
        application = _kiosk_application(unit, code) if code else None
    except ValidationError:
        del request.session[KIOSK_TICKET]
        return redirect("compensation:kiosk", unit_code=unit.code)
    return survey_page(
        request,
        "compensation/kiosk_survey.html",
        {"unit": unit, "form": SurveyForm(), "ticket_code": code, "application": application},
    )


@login_not_required
@require_safe
def kiosk_thanks(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _kiosk_unit(unit_code)
    owed = request.session.pop(KIOSK_OWED, False)
    return survey_page(
        request, "compensation/survey_thanks.html", {"unit": unit, "kiosk": True, "owed": owed}
    )


@login_not_required
@require_POST
def kiosk_submit(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _kiosk_unit(unit_code)
    if (refused := staff_refused(request, unit)) is not None:
        return refused
    if over_limit(request, "kiosk", unit_code=unit.code):
        return too_many(request)
    code = request.POST.get("ticket_code", "")
    if not code and not kiosk_enrolled(request, unit):
        return _kiosk_unenrolled(request, unit)
    application = None
    form = SurveyForm(request.POST)
    try:
        application = _kiosk_application(unit, code) if code else None
    except ValidationError as exc:
        return survey_page(
            request,
            "compensation/kiosk.html",
            {
                "unit": unit,
                "form": KioskTicketForm(),
                "errors": exc.messages,
                "enrolled": kiosk_enrolled(request, unit),
            },
        )
    if form.is_valid():
        try:
            services.survey_submit(
                unit=unit,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                as_complaint=form.cleaned_data["as_complaint"],
                channel="KIOSK",
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            request.session.pop(KIOSK_TICKET, None)
            request.session[KIOSK_OWED] = owed_for_dissatisfaction(application)
            return redirect("compensation:kiosk_thanks", unit_code=unit.code)
    return survey_page(
        request,
        "compensation/kiosk_survey.html",
        {"unit": unit, "form": form, "ticket_code": code, "application": application},
    )
