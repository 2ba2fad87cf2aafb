"""The duty roster: a weekly grid, one shift at a time, or a whole sheet imported."""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from personnel import selectors, services
from personnel.forms import RosterImportForm, ShiftForm
from personnel.models import DutyShift
from personnel.resources import COLUMNS, RosterFileError, dataset_from_file
from personnel.views.common import office_today
from satpas.access import UnitRequest, get_in_unit, permission_required

IMPORT_SESSION_KEY = "personnel_roster_import"
# Model fields as the sheet calls them.
COLUMN_OF = {
    "date": "tanggal",
    "officer": "nrp_nip",
    "service_point": "loket",
    "shift": "sif",
    "starts_at": "mulai",
    "ends_at": "selesai",
}


def _monday(request: HttpRequest) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("minggu", ""))
    except ValueError:
        day = office_today(request)
    return day - dt.timedelta(days=day.weekday())


@require_safe
@permission_required("personnel.view_dutyshift")
def week(request: UnitRequest) -> HttpResponse:
    monday = _monday(request)
    days, rows = selectors.week_grid(request.unit, monday)
    return render(
        request,
        "personnel/roster_week.html",
        {
            "days": days,
            "rows": rows,
            "monday": monday,
            "previous": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
            "today": office_today(request),
            "has_shifts": any(any(cell) for row in rows for cell in row["cells"]),
        },
    )


@permission_required("personnel.add_dutyshift")
def shift_add(request: UnitRequest) -> HttpResponse:
    initial = {"date": request.GET.get("tanggal") or office_today(request)}
    form = ShiftForm(request.POST or None, unit=request.unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            duty = services.duty_shift_create(unit=request.unit, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Jadwal %(shift)s disimpan.") % {"shift": duty})
            return redirect(f"{reverse('personnel:roster')}?minggu={duty.date.isoformat()}")
    return render(request, "personnel/shift_form.html", {"form": form})


@require_POST
@permission_required("personnel.delete_dutyshift")
def shift_delete(request: UnitRequest, pk: int) -> HttpResponse:
    duty = get_in_unit(request, DutyShift.objects.select_related("officer"), pk=pk)
    try:
        services.duty_shift_delete(duty=duty)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jadwal dihapus."))
    return redirect(f"{reverse('personnel:roster')}?minggu={duty.date.isoformat()}")


@permission_required("personnel.add_dutyshift", "personnel.change_dutyshift")
def roster_import(request: UnitRequest) -> HttpResponse:
    """Check a sheet first (dry run); import what was checked after confirmation."""
    form = RosterImportForm()
    context: dict = {"columns": COLUMNS}
    if request.method == "POST" and request.POST.get("action") == "impor":
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored:
            messages.error(request, _("Periksa berkas terlebih dahulu."))
            return redirect("personnel:roster_import")
        dataset = dataset_from_file(stored["name"], base64.b64decode(stored["content"]))
        result = services.roster_import(unit=request.unit, dataset=dataset, dry_run=False)
        if not (result.has_errors() or result.has_validation_errors()):
            del request.session[IMPORT_SESSION_KEY]
            totals = result.totals
            messages.success(
                request,
                _("Jadwal diimpor: %(new)d baru, %(update)d diperbarui, %(skip)d tetap.")
                % {"new": totals["new"], "update": totals["update"], "skip": totals["skip"]},
            )
            return redirect("personnel:roster")
        context["result"] = result
    elif request.method == "POST":
        form = RosterImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                dataset = dataset_from_file(upload.name, content)
            except RosterFileError as exc:
                form.add_error("file", str(exc))
            else:
                result = services.roster_import(unit=request.unit, dataset=dataset, dry_run=True)
                context["result"] = result
                if not (result.has_errors() or result.has_validation_errors()):
                    request.session[IMPORT_SESSION_KEY] = {
                        "name": upload.name,
                        "content": base64.b64encode(content).decode("ascii"),
                    }
                    context["ready"] = True
    context["form"] = form
    if "result" in context:
        context["errors"] = _row_errors(context["result"])
    return render(request, "personnel/roster_import.html", context)


def _row_errors(result: object) -> list[dict]:
    """(row number, messages) for every bad row, in the users' words."""
    rows = []
    for invalid in result.invalid_rows:  # type: ignore[attr-defined]
        messages_ = []
        for field, errors in invalid.error_dict.items():
            label = COLUMN_OF.get(field, "") if field != "__all__" else ""
            for error in errors:
                text = " ".join(error.messages) if hasattr(error, "messages") else str(error)
                messages_.append(f"{label}: {text}" if label else text)
        rows.append({"number": invalid.number, "messages": messages_, "values": invalid.values})
    for number, errors in result.row_errors():  # type: ignore[attr-defined]
        rows.append({"number": number, "messages": [str(e.error) for e in errors], "values": ()})
    return sorted(rows, key=lambda row: row["number"])
