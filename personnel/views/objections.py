"""Objections (keberatan): the officer objects to a finding about them; a supervisor or the
Kasat Lantas decides, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from personnel import services
from personnel.forms import ObjectionDecisionForm, ObjectionForm
from personnel.models import Finding, Objection
from satpas.access import UnitRequest, get_in_unit, permission_required
from satpas.querystrings import canonical_query, paginate


@require_POST
@permission_required("personnel.add_objection")
def objection_file(request: UnitRequest, pk: int) -> HttpResponse:
    finding = get_in_unit(request, Finding.objects.all(), pk=pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alasan keberatan wajib diisi."))
        return redirect("personnel:me")
    try:
        services.objection_file(
            finding=finding, reason=form.cleaned_data["reason"], by=request.user, now=timezone.now()
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Keberatan diajukan. Usulan atas temuan ini ditahan sampai keberatan diputus."),
        )
    return redirect("personnel:me")


@require_safe
@permission_required("personnel.view_objection")
@canonical_query(periods=False)
def objection_list(request: UnitRequest) -> HttpResponse:
    status = request.GET.get("status", Objection.Status.PENDING)
    objections = Objection.objects.filter(unit=request.unit).select_related(
        "officer", "finding__objection__decided_by", "decided_by"
    )
    if status in Objection.Status.values:
        objections = objections.filter(status=status)
    else:
        status = ""
    return render(
        request,
        "personnel/objection_list.html",
        {
            "page": paginate(request, objections.order_by("-filed_at", "-pk")),
            "status": status,
            "statuses": Objection.Status.choices,
            "may_decide": request.user.has_perm("personnel.decide_objection"),
        },
    )


@require_POST
@permission_required("personnel.decide_objection")
def objection_decide(request: UnitRequest, pk: int) -> HttpResponse:
    objection = get_in_unit(request, Objection.objects.select_related("officer"), pk=pk)
    form = ObjectionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih kabulkan atau tolak, dan isi alasannya."))
    else:
        try:
            services.objection_decide(
                objection=objection,
                annul=form.cleaned_data["annul"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            text = (
                _("Keberatan %(officer)s dikabulkan: temuan dibatalkan.")
                if form.cleaned_data["annul"]
                else _("Keberatan %(officer)s ditolak: temuan tetap.")
            )
            messages.success(request, text % {"officer": objection.officer})
    return redirect("personnel:objections")
