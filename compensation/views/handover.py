"""Hand-over pages (also an htmx partial in the counter console): give, decline, waive,
attribute, a dissatisfied applicant, and the hand-over photo."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_POST,
    require_safe,
)

from applicants.models import Application
from compensation import selectors, services
from compensation.forms import (
    AttributeForm,
    DeclineForm,
    DissatisfiedForm,
    GiveForm,
    WaiveForm,
)
from compensation.models import CompensationCase
from compensation.views.common import error_messages
from satpas.access import UnitRequest, get_in_unit, permission_required, require_unit


def _handover_context(
    request: HttpRequest,
    application: Application,
    *,
    bound: dict[tuple[str, int], Any] | None = None,
    notice: str = "",
    errors: list[str] | None = None,
) -> dict[str, Any]:
    bound = bound or {}
    rows = []
    for case in selectors.cases_of_application(application):
        row: dict[str, Any] = {"case": case}
        if case.status == CompensationCase.Status.DUE:
            prefix = f"c{case.pk}"
            row["give_form"] = bound.get(("give", case.pk)) or GiveForm(
                items=services.offered_items(case), prefix=prefix
            )
            row["decline_form"] = bound.get(("decline", case.pk)) or DeclineForm(prefix=prefix)
            row["waive_form"] = bound.get(("waive", case.pk)) or WaiveForm(prefix=prefix)
        rows.append(row)
    has_dissatisfied = any(
        row["case"].reason == CompensationCase.Reason.DISSATISFIED for row in rows
    )
    return {
        "application": application,
        "rows": rows,
        "due_count": sum(row["case"].status == CompensationCase.Status.DUE for row in rows),
        "dissatisfied_form": None
        if has_dissatisfied
        else bound.get(("dissatisfied", application.pk)) or DissatisfiedForm(),
        "notice": notice,
        "errors": errors or [],
        "may_settle": request.user.has_perm("compensation.settle_compensationcase"),
        "may_waive": request.user.has_perm("compensation.waive_compensationcase"),
    }


def _render_handover(request: HttpRequest, application: Application, **kwargs: Any) -> HttpResponse:
    context = _handover_context(request, application, **kwargs)
    if request.htmx:  # type: ignore[attr-defined]
        # Embedded in the counter console or the application page: the focus stays where
        # the officer is (the console's scan field), so nothing here takes it.
        return render(request, "compensation/_handover.html", {**context, "embedded": True})
    return render(request, "compensation/handover.html", context)


def _after_action(request: HttpRequest, application: Application, notice: str) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return _render_handover(request, application, notice=notice)
    messages.success(request, notice)
    return redirect("compensation:handover", pk=application.pk)


def _application(request: HttpRequest, pk: int) -> Application:
    return get_in_unit(request, Application.objects.select_related("applicant"), pk=pk)


def _case(request: HttpRequest, pk: int) -> CompensationCase:
    return get_in_unit(
        request,
        CompensationCase.objects.select_related("application__applicant"),
        pk=pk,
    )


@require_GET
@permission_required("compensation.view_compensationcase")
def case_photo(request: UnitRequest, pk: int) -> FileResponse:
    """The hand-over photo, only to those who may read the case (media is not public)."""
    case = _case(request, pk)
    if not case.photo:
        raise Http404(_("Kasus ini tidak berfoto."))
    content_type = mimetypes.guess_type(case.photo.name or "")[0] or "application/octet-stream"
    return FileResponse(case.photo.open("rb"), content_type=content_type)


@require_safe
@permission_required("compensation.view_compensationcase")
def handover(request: UnitRequest, pk: int) -> HttpResponse:
    """What an application is owed, settled at the SERAH counter."""
    return _render_handover(request, _application(request, pk))


@require_POST
@permission_required("compensation.settle_compensationcase")
def case_give(request: UnitRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = GiveForm(
        request.POST, request.FILES, items=services.offered_items(case), prefix=f"c{case.pk}"
    )
    if form.is_valid():
        try:
            services.case_give(
                case=case,
                item=form.cleaned_data["item"],
                acknowledged=form.cleaned_data["acknowledged"],
                note=form.cleaned_data["note"],
                photo=form.cleaned_data["photo"],
                user=request.user,
            )
        except ValidationError as exc:
            return _render_handover(request, case.application, errors=error_messages(exc))
        return _after_action(
            request,
            case.application,
            _("%(item)s diserahkan kepada pemohon %(q)s.")
            % {"item": form.cleaned_data["item"].name, "q": case.application.queue_number},
        )
    return _render_handover(request, case.application, bound={("give", case.pk): form})


@require_POST
@permission_required("compensation.settle_compensationcase")
def case_decline(request: UnitRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = DeclineForm(request.POST, prefix=f"c{case.pk}")
    form.is_valid()
    try:
        services.case_decline(case=case, note=form.cleaned_data.get("note", ""), user=request.user)
    except ValidationError as exc:
        return _render_handover(request, case.application, errors=error_messages(exc))
    return _after_action(
        request,
        case.application,
        _("Dicatat: pemohon %(q)s menolak kompensasi.") % {"q": case.application.queue_number},
    )


@require_POST
@permission_required("compensation.waive_compensationcase")
def case_waive(request: UnitRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = WaiveForm(request.POST, prefix=f"c{case.pk}")
    if not form.is_valid():
        return _render_handover(request, case.application, bound={("waive", case.pk): form})
    try:
        services.case_waive(case=case, reason=form.cleaned_data["reason"], user=request.user)
    except ValidationError as exc:
        return _render_handover(request, case.application, errors=error_messages(exc))
    return _after_action(
        request,
        case.application,
        _("Kompensasi pemohon %(q)s dibebaskan.") % {"q": case.application.queue_number},
    )


@require_POST
@permission_required("compensation.settle_compensationcase")
def dissatisfied(request: UnitRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DissatisfiedForm(request.POST)
    form.is_valid()
    try:
        _case, complaint = services.case_open_dissatisfied(
            application=application,
            description=form.cleaned_data.get("description", ""),
            complaint_text=form.cleaned_data.get("complaint", ""),
            user=request.user,
        )
    except ValidationError as exc:
        return _render_handover(request, application, errors=error_messages(exc))
    if complaint is not None:
        text = _("Dicatat: pemohon %(q)s kurang puas. Kompensasi terutang dan pengaduan dibuat.")
    else:
        text = _("Dicatat: pemohon %(q)s kurang puas. Kompensasi terutang.")
    return _after_action(request, application, text % {"q": application.queue_number})


@permission_required("compensation.attribute_compensationcase")
def case_attribute(request: UnitRequest, pk: int) -> HttpResponse:
    """A supervisor names the officer when the clock could not."""
    case = get_in_unit(
        request,
        CompensationCase.objects.select_related(
            "application", "attributed_stage", "attributed_point", "attributed_officer"
        ),
        pk=pk,
    )
    officers = selectors.unit_officers(require_unit(request))
    form = AttributeForm(request.POST or None, officers=officers)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_attribute(
                case=case,
                officer=form.cleaned_data["officer"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Petugas ditetapkan untuk kasus ini."))
            return redirect("compensation:register")
    return render(request, "compensation/attribute.html", {"case": case, "form": form})
