"""The SIM card handed over at the last stage: the counter records its number (the renewal
kiosk matches it later), a supervisor corrects a wrong number with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.held_sims import held_sim_correct, held_sim_record
from applicants.models import Application, HeldSim
from applicants.services import office_date
from satpas.access import UnitRequest, get_in_unit, permission_required
from satpas.models import Unit
from service_timing.forms import HeldSimCorrectionForm, HeldSimForm
from service_timing.models import Journey

HANDOVER_STAGE = "SERAH"


def handover_reached(application: Application, journey: Journey | None = None) -> bool:
    """The application is at the hand-over of the SIM (or past it: completed)."""
    if application.status == Application.Status.COMPLETED:
        return True
    if application.status != Application.Status.OPEN:
        return False
    journey = journey or Journey.objects.filter(application=application).first()
    if journey is None:
        return False
    codes = [str(step["code"]) for step in journey.route]
    at = codes.index(HANDOVER_STAGE) if HANDOVER_STAGE in codes else len(codes) - 1
    return journey.current_index >= at


def held_sims_context(
    application: Application, *, journey: Journey | None, unit: Unit, now: dt.datetime
) -> dict[str, Any]:
    """The application page's part: the SIM handed over, its corrections, the two forms.
    No query before the hand-over (a SIM is recorded only then)."""
    if not handover_reached(application, journey):
        return {"handover": False, "held_sims": []}
    held_sims = list(HeldSim.objects.filter(application=application))
    changes = (
        list(
            HeldSim.history.filter(
                id__in=[held.pk for held in held_sims], history_change_reason__isnull=False
            )
            .select_related("history_user")
            .order_by("history_date")
        )
        if held_sims
        else []
    )
    return {
        "handover": True,
        "held_sims": held_sims,
        "held_sim_changes": changes,
        "held_sim_form": HeldSimForm(
            auto_id="id_held_%s",
            initial={"sim_class": application.sim_class, "issued_on": office_date(unit, now)},
        ),
        "held_sim_fix_form": HeldSimCorrectionForm(auto_id="id_held_fix_%s"),
    }


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _form_errors(form: HeldSimForm | HeldSimCorrectionForm) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@require_POST
@permission_required("applicants.add_heldsim")
def held_sim_add(request: UnitRequest, pk: int) -> HttpResponse:
    application = get_in_unit(request, Application.objects.select_related("applicant__unit"), pk=pk)
    form = HeldSimForm(request.POST)
    if not handover_reached(application):
        messages.error(
            request,
            _("Nomor SIM dicatat saat SIM diserahkan (tahap Penyerahan SIM atau sesudahnya)."),
        )
    elif not form.is_valid():
        messages.error(
            request, _("Nomor SIM tidak dicatat: %(errors)s") % {"errors": _form_errors(form)}
        )
    else:
        try:
            held_sim_record(
                applicant=application.applicant,
                application=application,
                user=request.user,
                now=timezone.now(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            messages.error(
                request, _("Nomor SIM tidak dicatat: %(errors)s") % {"errors": _errors(exc)}
            )
        else:
            messages.success(request, _("SIM yang diserahkan dicatat."))
    return redirect("service_timing:application", pk=application.pk)


@require_POST
@permission_required("applicants.change_heldsim")
def held_sim_fix(request: UnitRequest, pk: int) -> HttpResponse:
    application = get_in_unit(request, Application.objects.all(), pk=pk)
    form = HeldSimCorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Nomor SIM tidak dikoreksi: %(errors)s") % {"errors": _form_errors(form)}
        )
        return redirect("service_timing:application", pk=application.pk)
    held = (
        HeldSim.objects.select_related("applicant")
        .filter(pk=form.cleaned_data["held"], application=application)
        .first()
    )
    if held is None:
        messages.error(request, _("SIM yang dicatat tidak ditemukan pada permohonan ini."))
        return redirect("service_timing:application", pk=application.pk)
    try:
        held_sim_correct(
            held=held,
            number=form.cleaned_data["number"],
            reason=form.cleaned_data["reason"],
            user=request.user,
        )
    except ValidationError as exc:
        messages.error(
            request, _("Nomor SIM tidak dikoreksi: %(errors)s") % {"errors": _errors(exc)}
        )
    else:
        messages.success(request, _("Nomor SIM dikoreksi; nomor lama tersimpan di riwayat."))
    return redirect("service_timing:application", pk=application.pk)
