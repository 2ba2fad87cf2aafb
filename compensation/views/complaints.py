"""Complaints (pengaduan): list, new, detail, follow-up notes and closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from applicants.models import Application
from compensation import selectors, services
from compensation.filters import ComplaintFilter
from compensation.forms import (
    ComplaintCloseForm,
    ComplaintForm,
    ComplaintNoteForm,
)
from compensation.models import Complaint
from compensation.views.common import (
    error_messages,
    office_today,
    office_zone,
)
from satpas.access import UnitRequest, get_in_unit, permission_required, require_unit, scoped
from satpas.querystrings import canonical_query, paginate, period_form_data


@require_safe
@permission_required("compensation.view_complaint")
@canonical_query()
def complaints(request: UnitRequest) -> HttpResponse:
    unit = require_unit(request)
    filters = ComplaintFilter(
        period_form_data(request.GET),
        selectors.complaint_list(unit),
        form_kwargs={"today": office_today(request), "zone": office_zone(request)},
    )
    period = filters.period()
    start, end = (period.start_at, period.end_at) if period else (None, None)
    return render(
        request,
        "compensation/complaints.html",
        {
            "form": filters.form,
            "period": period,
            "handling": selectors.complaint_handling(unit, start, end),
            "page": paginate(request, filters.narrowed()),
        },
    )


@permission_required("compensation.add_complaint")
def complaint_new(request: UnitRequest) -> HttpResponse:
    unit = require_unit(request)
    form = ComplaintForm(request.POST or None, officers=selectors.unit_officers(unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = None
        if data["queue_number"]:
            application = (
                scoped(request, Application.objects.all())
                .filter(
                    queue_number=data["queue_number"].upper(), service_date=data["service_date"]
                )
                .first()
            )
            if application is None:
                form.add_error("queue_number", _("Permohonan dengan nomor antrean ini tidak ada."))
        if not form.errors:
            try:
                complaint = services.complaint_create(
                    unit=unit,
                    channel=data["channel"],
                    lapor_reference=data["lapor_reference"],
                    received_at=data["received_at"],
                    description=data["description"],
                    application=application,
                    about_officer=data["about_officer"],
                    user=request.user,
                )
            except ValidationError as exc:
                for message in error_messages(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Pengaduan dicatat."))
                return redirect("compensation:complaint_detail", pk=complaint.pk)
    return render(request, "compensation/complaint_form.html", {"form": form})


def _complaint(request: HttpRequest, pk: int) -> Complaint:
    return get_in_unit(
        request,
        Complaint.objects.select_related(
            "application", "about_officer", "handled_by", "compensation_case"
        ),
        pk=pk,
    )


def _render_complaint(
    request: HttpRequest,
    complaint: Complaint,
    note_form: Any = None,
    close_form: Any = None,
) -> HttpResponse:
    officers = selectors.responsible_candidates(complaint.application)
    return render(
        request,
        "compensation/complaint_detail.html",
        {
            "complaint": complaint,
            "notes": complaint.notes.select_related("written_by").order_by("written_at", "pk"),
            "note_form": note_form or ComplaintNoteForm(),
            "close_form": close_form or ComplaintCloseForm(officers=officers),
            "may_handle": request.user.has_perms(
                ["compensation.change_complaint", "compensation.add_complaintnote"]
            )
            and complaint.status != Complaint.Status.DONE,
        },
    )


@require_safe
@permission_required("compensation.view_complaint")
def complaint_detail(request: UnitRequest, pk: int) -> HttpResponse:
    return _render_complaint(request, _complaint(request, pk))


@require_POST
@permission_required("compensation.add_complaintnote", "compensation.change_complaint")
def complaint_note(request: UnitRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = ComplaintNoteForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_add_note(
                complaint=complaint, text=form.cleaned_data["text"], user=request.user
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Tindak lanjut dicatat."))
            return redirect("compensation:complaint_detail", pk=complaint.pk)
    return _render_complaint(request, complaint, note_form=form)


@require_POST
@permission_required("compensation.add_complaintnote", "compensation.change_complaint")
def complaint_close(request: UnitRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = ComplaintCloseForm(
        request.POST, officers=selectors.responsible_candidates(complaint.application)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_close(
                complaint=complaint,
                substantiated=data["substantiated"],
                about_officer=data["about_officer"],
                conclusion=data["conclusion"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Pengaduan selesai ditangani."))
            return redirect("compensation:complaint_detail", pk=complaint.pk)
    return _render_complaint(request, complaint, close_form=form)
