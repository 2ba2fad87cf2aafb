"""The regional view (Ditlantas / Subdit Regident): the assigned units side by side, and its
Excel download. Read-only; a unit's own reports are opened by switching to it (the unit
switch checks the unit is one of the user's, and a visited unit is read-only)."""

from __future__ import annotations

import tempfile
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from evidence.charts import bar_chart
from evidence.regional.figures import Comparison, compare, sort_rows
from evidence.regional.sheets import sheets
from evidence.reports.forms import PeriodForm
from evidence.workbook import write_workbook
from satpas import periods
from satpas.access import readable_units
from satpas.models import Unit
from satpas.querystrings import canonical_query, period_form_data

REGIONAL_PERMISSION = "satpas.view_regional"
SORT = "urut"  # the query parameter of the sorted column ("-" first: descending)
# The sortable columns of the table (SORT_KEYS), in order, with their headings.
COLUMNS = {
    "satuan": gettext_lazy("Satuan"),
    "permohonan": gettext_lazy("Permohonan"),
    "sesuai": gettext_lazy("Sesuai standar"),
    "median": gettext_lazy("Median"),
    "p90": gettext_lazy("P90"),
    "kompensasi": gettext_lazy("Kompensasi terutang"),
    "diberikan": gettext_lazy("Diberikan"),
    "ikm": gettext_lazy("IKM"),
    "temuan": gettext_lazy("Temuan"),
    "rujukan": gettext_lazy("Rujukan belum diputus"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _comparison(request: HttpRequest) -> tuple[PeriodForm, Comparison]:
    """403 unless the user holds the regional role; then the user's units for the period."""
    if not request.user.has_perm(REGIONAL_PERMISSION):
        raise PermissionDenied(_("Anda tidak berwenang membuka tampilan wilayah."))
    units = list(readable_units(request.user).order_by("name"))
    # The default month is read on the office clock of the user's unit (or the first one).
    anchor = getattr(request, "unit", None) or (units[0] if units else Unit())
    today = timezone.localdate(timezone=ZoneInfo(anchor.time_zone))
    form = PeriodForm(period_form_data(request.GET), unit=anchor, today=today)
    chosen = form.period()
    period = periods.Period(chosen.kind, chosen.start, chosen.end, chosen.zone)
    return form, compare(units, period)


@require_safe
@canonical_query()
def regional(request: HttpRequest) -> HttpResponse:
    form, comparison = _comparison(request)
    rows, current = sort_rows(comparison.rows, request.GET.get(SORT, ""))
    # A column's link sorts it ascending, or descending when it is already ascending.
    columns = [(key, label, f"-{key}" if current == key else key) for key, label in COLUMNS.items()]
    chart = bar_chart(
        [(row.unit.name, row.share) for row in rows if row.share is not None],
        maximum=100.0,
        unit="%",
        width=640,
        label_width=220,
    )
    return render(
        request,
        "evidence/regional.html",
        {
            "form": form,
            "period": comparison.period,
            "rows": rows,
            "types": comparison.types,
            "sort": current,
            "columns": columns,
            "per_type": [
                {
                    "unit": row.unit,
                    "cells": [row.per_type.get(value) for value, _ in comparison.types],
                }
                for row in rows
            ],
            "chart": mark_safe(chart),  # noqa: S308 (bar_chart escapes every label)
        },
    )


@require_safe
@canonical_query()
def regional_excel(request: HttpRequest) -> FileResponse:
    """The same figures as a workbook: one sheet per unit row, one per unit and type."""
    _form, comparison = _comparison(request)
    rows, _current = sort_rows(comparison.rows, request.GET.get(SORT, ""))
    period = comparison.period
    handle = tempfile.TemporaryFile(prefix="satpas-regional-")  # noqa: SIM115 (FileResponse closes it)
    try:
        with translation.override("id"):  # registers are Indonesian documents
            write_workbook(handle, sheets(rows, comparison.types, period), zone=period.zone)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    name = f"wilayah-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
