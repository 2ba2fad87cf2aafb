"""The Kasat Lantas dashboard and its drill-down to the applications behind a figure."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from applicants.models import Application, ApplicationType
from personnel import dashboard as board
from personnel.views.common import office_today, period_from
from satpas import periods
from satpas.access import UnitRequest, permission_required, scoped
from satpas.db_router import replica_reads
from satpas.querystrings import canonical_query, paginate
from service_timing.selectors import heatmap


def _chart_data(data: board.Dashboard) -> dict:
    """What the charts draw, with the URL each bar or point drills down to."""
    apps = reverse("personnel:dashboard_applications")
    findings = reverse("personnel:findings")
    return {
        "labels": {
            "applications": _("Permohonan"),
            "breaches": _("Melewati standar"),
            "median": _("Median (menit)"),
            "p90": _("Persentil 90 (menit)"),
            "owed": _("Seluruh kasus"),  # every case, settled or not ("terutang" = still owed)
            "given": _("Diberikan"),
            "ikm": _("IKM"),
            "punishments": _("Sanksi"),
            "rewards": _("Penghargaan"),
        },
        "months": [date_format(row["month"], "M Y") for row in data.series],
        "applications": [row["applications"] for row in data.series],
        "breaches": [row["breaches"] for row in data.series],
        "share": [row["share"] for row in data.series],
        "median": [row["median"] for row in data.series],
        "p90": [row["p90"] for row in data.series],
        "owed": [row["owed"] for row in data.series],
        "given": [row["given"] for row in data.series],
        "ikm": [float(row["ikm"]) if row["ikm"] is not None else None for row in data.series],
        "findings": [row["findings"] for row in data.series],
        "rewards": [row["rewards"] for row in data.series],
        "month_links": [f"{apps}?periode={row['month']:%Y-%m}" for row in data.series],
        "finding_links": [f"{findings}?periode={row['month']:%Y-%m}" for row in data.series],
        "criteria": [str(row["label"]) for row in data.criteria],
        "criteria_punishments": [row["punishments"] for row in data.criteria],
        "criteria_rewards": [row["rewards"] for row in data.criteria],
        "criteria_links": [
            f"{findings}?periode={data.period:%Y-%m}&kriteria={row['criterion']}"
            for row in data.criteria
        ],
    }


@require_safe
@permission_required("personnel.view_dashboard")
@canonical_query(periods=False)
@replica_reads()
def dashboard(request: UnitRequest) -> HttpResponse:
    data = board.build(request.unit, period_from(request))
    days, arrivals = board.arrival_hours(
        request.unit, period=data.period, today=office_today(request)
    )
    return render(
        request,
        "personnel/dashboard.html",
        {
            "board": data,
            "arrival_days": days,
            "arrivals": heatmap.table(arrivals, period=days),
            "chart": _chart_data(data),
            "previous": periods.months_back(data.period, 2)[0],
            "next": periods.next_month(data.period),
        },
    )


@require_safe
@permission_required("personnel.view_dashboard")
@canonical_query(periods=False)
@replica_reads()
def applications(request: UnitRequest) -> HttpResponse:
    """The applications of a month (optionally one type, optionally only breaches)."""
    period = period_from(request)
    rows = scoped(
        request,
        Application.objects.filter(
            service_date__gte=period, service_date__lt=periods.next_month(period)
        ),
    ).select_related("applicant")
    kind = request.GET.get("jenis", "")
    if kind in ApplicationType.values:
        rows = rows.filter(application_type=kind)
    breached = request.GET.get("lewat") == "1"
    if breached:
        rows = rows.filter(elapsed_minutes__gt=F("standard_minutes"))
    return render(
        request,
        "personnel/dashboard_applications.html",
        {
            "page": paginate(request, rows.order_by("-service_date", "queue_number")),
            "period": period,
            "kind": kind,
            "kinds": ApplicationType.choices,
            "breached": breached,
        },
    )
