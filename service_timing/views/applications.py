"""Applications for officers: the list, one application's timeline and ticket, and the
supervisor's corrections, pauses and withdrawals."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from applicants.models import Application
from applicants.rules import health_check_reminder
from satpas.access import UnitRequest, get_in_unit, permission_required, scoped
from satpas.querystrings import canonical_query, paginate
from service_timing.filters import ApplicationFilter
from service_timing.forms import (
    CorrectionForm,
    OutageForm,
    PauseForm,
    PriorityForm,
    WithdrawForm,
)
from service_timing.models import Journey, Pause, StageRecord, SystemOutage
from service_timing.selectors import corrections_of, timeline
from service_timing.selectors.heatmap import WEEKDAYS
from service_timing.selectors.waits import application_wait, called_around
from service_timing.services import (
    application_withdraw,
    journey_priority_set,
    outage_add,
    pause_add,
    pause_end,
    stage_record_correct,
)
from service_timing.views.held_sims import held_sims_context

APPLICATIONS = Application.objects.select_related("applicant")


def _application(request: HttpRequest, pk: int) -> Application:
    return get_in_unit(request, APPLICATIONS, pk=pk)


@require_safe
@permission_required("applicants.view_application")
@canonical_query(periods=False)
def application_list(request: UnitRequest) -> HttpResponse:
    """One office day's applications (today by default), or a period's narrowed to a
    weekday, an hour and a stage (the drill-down of the hour-by-hour picture)."""
    zone = ZoneInfo(request.unit.time_zone)
    today = timezone.localdate(timezone=zone)
    data = request.GET.copy()
    if not data.get("periode"):
        data.setdefault("tanggal", today.isoformat())
    in_unit = scoped(request, APPLICATIONS.select_related("journey"))
    filters = ApplicationFilter(data, queryset=in_unit, zone=zone)
    valid = filters.is_valid()
    period = filters.form.cleaned_data.get("periode") if valid else None
    day = filters.form.cleaned_data.get("tanggal") if valid else today
    weekday, hour, stage = filters.cell() if valid else (None, None, None)
    applications = filters.narrowed(in_unit.filter(service_date=today))
    return render(
        request,
        "service_timing/applications/list.html",
        {
            "form": filters.form,
            "page": paginate(request, applications.order_by("service_date", "registered_at", "pk")),
            "day": day,
            "period": period,
            "drill": {
                "weekday": WEEKDAYS.get(weekday or 0),
                "hour": hour,
                "stage": stage or "",
            },
        },
    )


@require_safe
@permission_required("applicants.view_application")
def application_detail(request: UnitRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    now = timezone.now()
    steps = timeline(application, now=now, with_outages=True)
    context = {
        "application": application,
        "timeline": steps,
        "corrections": corrections_of(application),
        # Three forms on one page, each with a "reason": ids of their own so labels match.
        "correction_form": CorrectionForm(auto_id="id_correction_%s"),
        "pause_form": PauseForm(auto_id="id_pause_%s"),
        "withdraw_form": WithdrawForm(auto_id="id_withdraw_%s"),
        "priority_form": PriorityForm(
            auto_id="id_priority_%s",
            initial={"priority": application.priority, "note": application.priority_note},
        ),
        **held_sims_context(application, journey=steps.journey, unit=request.unit, now=now),
    }
    return render(request, "service_timing/applications/detail.html", context)


@require_safe
@permission_required("applicants.view_application")
def ticket(request: UnitRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    url = request.build_absolute_uri(
        reverse("service_timing:status", args=[application.ticket_code])
    )
    qr = segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=False)
    width = "58" if request.GET.get("lebar") == "58" else "80"
    now = timezone.now()
    journey = application.journey
    waits = application_wait(journey, now=now) if application.is_open else {}
    # Printed for someone still waiting to be called at their current stage.
    waiting = journey.state == Journey.State.WAITING
    wait = waits.get(journey.current_stage_id or "") if waiting else None
    return render(
        request,
        "service_timing/applications/ticket.html",
        {
            "application": application,
            "journey": journey,
            "wait": wait,
            "wait_at": called_around(application.unit_id, wait, now=now),
            "now": now,
            "qr": qr,
            "status_url": url,
            "width": width,
            "autoprint": request.GET.get("cetak") == "1",
            "health_reminder": health_check_reminder(
                sim_class=application.sim_class,
                birth_date=application.applicant.birth_date,
                service_date=application.service_date,
            ),
        },
    )


@require_POST
@permission_required("service_timing.correct_stagerecord")
def correct(request: UnitRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        record = StageRecord.objects.filter(
            application=application, pk=form.cleaned_data["record"]
        ).first()
        if record is None:
            messages.error(request, _("Catatan tahap tidak ditemukan pada permohonan ini."))
        else:
            try:
                stage_record_correct(
                    record=record,
                    field=form.cleaned_data["field"],
                    value=form.cleaned_data["value"],
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Waktu dikoreksi; nilai lama tersimpan di riwayat."))
    else:
        messages.error(request, _("Koreksi tidak disimpan: %(errors)s") % {"errors": _flat(form)})
    return redirect("service_timing:application", pk=application.pk)


@require_POST
@permission_required("service_timing.add_pause")
def pause(request: UnitRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = PauseForm(request.POST)
    if form.is_valid():
        try:
            pause_add(application=application, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Jeda dicatat; waktu layanan berhenti selama jeda."))
    else:
        messages.error(request, _("Jeda tidak disimpan: %(errors)s") % {"errors": _flat(form)})
    return redirect("service_timing:application", pk=application.pk)


@require_POST
@permission_required("service_timing.change_pause")
def pause_finish(request: UnitRequest, pk: int, pause_pk: int) -> HttpResponse:
    application = _application(request, pk)
    pause_row = Pause.objects.filter(application=application, pk=pause_pk).first()
    if pause_row is None:
        messages.error(request, _("Jeda tidak ditemukan."))
    else:
        try:
            pause_end(pause=pause_row, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Jeda selesai; waktu layanan berjalan lagi."))
    return redirect("service_timing:application", pk=application.pk)


@require_POST
@permission_required("applicants.add_application")
def priority(request: UnitRequest, pk: int) -> HttpResponse:
    """Set or clear the priority later (the applicant showed a reason, or declined one)."""
    application = _application(request, pk)
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            changed = journey_priority_set(
                application=application,
                priority=form.cleaned_data["priority"],
                note=form.cleaned_data["note"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if changed:
                messages.success(request, _("Layanan prioritas diubah; alasannya tersimpan."))
            else:
                messages.info(request, _("Layanan prioritas tidak berubah."))
    else:
        messages.error(request, _("Prioritas tidak diubah: %(errors)s") % {"errors": _flat(form)})
    return redirect("service_timing:application", pk=application.pk)


@require_POST
@permission_required("applicants.change_application")
def withdraw(request: UnitRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            application_withdraw(
                application=application, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Permohonan dibatalkan."))
    else:
        messages.error(request, _("Alasan pembatalan wajib diisi."))
    return redirect("service_timing:application", pk=application.pk)


@permission_required("service_timing.add_systemoutage")
def outage(request: UnitRequest) -> HttpResponse:
    form = OutageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outage_add(unit_id=request.unit.pk, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Gangguan sistem dicatat."))
            return redirect("service_timing:board")
    outages = scoped(request, SystemOutage.objects.select_related("recorded_by"))[:20]
    return render(
        request, "service_timing/applications/outage.html", {"form": form, "outages": outages}
    )


def _flat(form: CorrectionForm | PauseForm | PriorityForm) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
