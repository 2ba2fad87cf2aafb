"""The renewal kiosk: a tablet a supervisor enrols, where a known applicant renewing a SIM
types their NIK and SIM number, confirms, and gets a queue ticket (no login).

Each step is reached by a redirect and shown by a GET, as at the survey kiosk, so that Back
never resends a form on the shared tablet. Between the steps the session keeps only the
recorded SIM's id (never the NIK)."""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from applicants.models import Application, HeldSim
from applicants.renewals import elderly_age_of, office_closed_reason, renewal_find, renewal_register
from satpas.access import UnitRequest, permission_required
from satpas.devices import DevicePurpose, device_enrol, device_enrolled, enrolling_unit
from satpas.models import Unit
from satpas.privacy import mask_name
from satpas.ratelimits import over_limit, too_many

RENEWAL_KIOSK = DevicePurpose(cookie="satpas_renewal_kiosk", salt="satpas.applicants.renewal_kiosk")
ENROL_PERMISSION = "applicants.enrol_renewal_kiosk"
# The recorded SIM being renewed, and the ticket just issued: {"unit": code, "pk": id}.
SESSION_SIM = "renewal_kiosk_sim"
SESSION_TICKET = "renewal_kiosk_ticket"
# The ticket page goes back to the first step by itself when left alone (a touch or key press
# gives it the time again: no fixed timeout, WCAG 2.2.1): the next applicant must not find it.
TICKET_SHOWN_SECONDS = 90


class RenewalKioskForm(forms.Form):
    nik = forms.CharField(
        label=gettext_lazy("NIK (16 angka, sesuai KTP)"),
        max_length=40,
        error_messages={"required": gettext_lazy("Isi NIK Anda.")},
    )
    sim_number = forms.CharField(
        label=gettext_lazy("Nomor SIM (tertera pada kartu SIM)"),
        max_length=40,
        error_messages={"required": gettext_lazy("Isi nomor SIM Anda.")},
    )


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200):
    response = render(request, template, context, status=status)
    # A shared tablet must not show the previous applicant's pages from the cache.
    response["Cache-Control"] = "no-store"
    return response


def _kiosk_unit(unit_code: str) -> Unit:
    return get_object_or_404(Unit, code=unit_code, is_active=True)


def _refused(request: HttpRequest, unit: Unit) -> HttpResponse | None:
    """Staff signed in are refused (they register at the counter, under their own name), and
    so is a device not enrolled as this unit's renewal kiosk. None when the kiosk may serve."""
    if request.user.is_authenticated:
        may_enrol = request.user.has_perm(ENROL_PERMISSION) and request.user.home_unit_id == unit.pk
        return _page(
            request,
            "applicants/kiosk/staff.html",
            {"unit": unit, "may_enrol": may_enrol},
            status=403,
        )
    if not device_enrolled(request, unit, RENEWAL_KIOSK):
        return _page(request, "applicants/kiosk/unenrolled.html", {"unit": unit}, status=403)
    return None


def _stored(request: HttpRequest, key: str, unit: Unit) -> int | None:
    value = request.session.get(key)
    if isinstance(value, dict) and value.get("unit") == unit.code:
        return int(value["pk"])
    return None


@require_http_methods(["GET", "POST"])
@permission_required(ENROL_PERMISSION)
def renewal_kiosk_enrol(request: UnitRequest, unit_code: str) -> HttpResponse:
    """A supervisor makes this tablet the unit's renewal kiosk, then is signed out."""
    unit = enrolling_unit(request, unit_code)
    if request.method == "GET":
        return render(request, "applicants/kiosk/enrol.html", {"unit": unit})
    response = redirect("applicants:renewal_kiosk", unit_code=unit.code)
    device_enrol(response, unit=unit, purpose=RENEWAL_KIOSK, by=request.user)
    logout(request)
    messages.success(
        request,
        _("Perangkat ini terdaftar sebagai kios perpanjangan SIM %(unit)s. Anda telah keluar.")
        % {"unit": unit.name},
    )
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def renewal_kiosk(request: HttpRequest, unit_code: str) -> HttpResponse:
    """Step 1: NIK and SIM number."""
    unit = _kiosk_unit(unit_code)
    if (refused := _refused(request, unit)) is not None:
        return refused
    if request.method == "POST" and over_limit(request, "renewal_kiosk", unit_code=unit.code):
        return too_many(request)
    form = RenewalKioskForm(request.POST or None)
    if request.method == "GET":
        request.session.pop(SESSION_SIM, None)
        request.session.pop(SESSION_TICKET, None)
    elif form.is_valid():
        try:
            held = renewal_find(
                unit=unit,
                nik=form.cleaned_data["nik"],
                sim_number=form.cleaned_data["sim_number"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            # A mismatch names neither field: which one is wrong is not told.
            field = {"nik_format": "nik"}
            form.add_error(field.get(exc.code or ""), exc.messages[0])
        else:
            request.session[SESSION_SIM] = {"unit": unit.code, "pk": held.pk}
            return redirect("applicants:renewal_kiosk_confirm", unit_code=unit.code)
    closed = office_closed_reason(unit, timezone.now())
    return _page(
        request, "applicants/kiosk/start.html", {"unit": unit, "form": form, "closed": closed}
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def renewal_kiosk_confirm(request: HttpRequest, unit_code: str) -> HttpResponse:
    """Step 2: the applicant sees what will be registered and takes the ticket."""
    unit = _kiosk_unit(unit_code)
    if (refused := _refused(request, unit)) is not None:
        return refused
    held_pk = _stored(request, SESSION_SIM, unit)
    if held_pk is None:
        return redirect("applicants:renewal_kiosk", unit_code=unit.code)
    held = (
        HeldSim.objects.select_related("applicant__unit")
        .filter(pk=held_pk, applicant__unit=unit)
        .first()
    )
    if held is None:
        return redirect("applicants:renewal_kiosk", unit_code=unit.code)
    now = timezone.now()
    errors: list[str] = []
    if request.method == "POST":
        if over_limit(request, "renewal_kiosk", unit_code=unit.code):
            return too_many(request)
        try:
            application = renewal_register(
                unit=unit,
                held_sim_id=held.pk,
                elderly_priority=request.POST.get("lansia") == "1",
                now=now,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            request.session.pop(SESSION_SIM, None)
            request.session[SESSION_TICKET] = {"unit": unit.code, "pk": application.pk}
            return redirect("applicants:renewal_kiosk_ticket", unit_code=unit.code)
    return _page(
        request,
        "applicants/kiosk/confirm.html",
        {
            "unit": unit,
            "held": held,
            "masked_name": mask_name(held.applicant.full_name),
            "elderly_age": elderly_age_of(held, now),
            "errors": errors,
        },
    )


@login_not_required
@require_safe
def renewal_kiosk_ticket(request: HttpRequest, unit_code: str) -> HttpResponse:
    """Step 3: the queue number, large, with the status QR code; printable."""
    unit = _kiosk_unit(unit_code)
    if (refused := _refused(request, unit)) is not None:
        return refused
    pk = _stored(request, SESSION_TICKET, unit)
    application = Application.objects.filter(pk=pk, unit=unit).first() if pk is not None else None
    if application is None:
        return redirect("applicants:renewal_kiosk", unit_code=unit.code)
    url = request.build_absolute_uri(
        reverse("service_timing:status", args=[application.ticket_code])
    )
    return _page(
        request,
        "applicants/kiosk/ticket.html",
        {
            "unit": unit,
            "application": application,
            "qr": segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=False),
            "status_url": url,
            "shown_seconds": TICKET_SHOWN_SECONDS,
        },
    )
