"""The period's key figures for the report, each aggregated in SQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q

from compensation.models import CompensationCase, Complaint, SurveyResponse
from satpas.evidence.period import Period
from satpas.evidence.registers.service_time import CLOSED, applications, per_type
from service_timing.models import ServiceStandard

SKM_ELEMENTS = [
    "Persyaratan",
    "Sistem, mekanisme, prosedur",
    "Waktu penyelesaian",
    "Biaya/tarif",
    "Produk layanan",
    "Kompetensi pelaksana",
    "Perilaku pelaksana",
    "Penanganan pengaduan",
    "Sarana dan prasarana",
]


def key_figures(period: Period) -> dict[str, Any]:
    return {
        "service": _service(period),
        "standards": list(
            ServiceStandard.objects.filter(unit=period.unit, effective_from__lte=period.end)
            .order_by("application_type", "-effective_from")
            .distinct()
        ),
        "compensation": _compensation(period),
        "satisfaction": _satisfaction(period),
        "complaints": _complaints(period),
        "people": _people(period),
    }


def _service(period: Period) -> dict[str, Any]:
    totals = applications(period).aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=Q(status__in=CLOSED)),
        within=Count("pk", filter=Q(status__in=CLOSED, elapsed_minutes__lte=F("standard_minutes"))),
    )
    closed = totals["closed"] or 0
    totals["share"] = round(100 * totals["within"] / closed, 1) if closed else None
    totals["breaches"] = closed - (totals["within"] or 0)
    totals["per_type"] = per_type(period)
    return totals


def _compensation(period: Period) -> dict[str, Any]:
    return CompensationCase.objects.filter(
        unit=period.unit, opened_at__gte=period.start_at, opened_at__lt=period.end_at
    ).aggregate(
        owed=Count("pk"),
        given=Count("pk", filter=Q(status=CompensationCase.Status.GIVEN)),
        declined=Count("pk", filter=Q(status=CompensationCase.Status.DECLINED)),
        waived=Count("pk", filter=Q(status=CompensationCase.Status.WAIVED)),
        open=Count("pk", filter=Q(status=CompensationCase.Status.DUE)),
        overdue=Count("pk", filter=Q(reason=CompensationCase.Reason.OVERDUE)),
        dissatisfied=Count("pk", filter=Q(reason=CompensationCase.Reason.DISSATISFIED)),
    )


def _satisfaction(period: Period) -> dict[str, Any] | None:
    from django.db.models import Avg

    responses = SurveyResponse.objects.filter(
        unit=period.unit, submitted_at__gte=period.start_at, submitted_at__lt=period.end_at
    )
    means = responses.aggregate(n=Count("pk"), **{f"u{i}": Avg(f"u{i}") for i in range(1, 10)})
    if not means["n"]:
        return None
    elements = [(SKM_ELEMENTS[i - 1], round(means[f"u{i}"], 2)) for i in range(1, 10)]
    index = sum(value for _label, value in elements) / 9
    return {"responses": means["n"], "elements": elements, "ikm": round(index * 25, 2)}


def _complaints(period: Period) -> dict[str, Any]:
    totals = Complaint.objects.filter(
        unit=period.unit, received_at__gte=period.start_at, received_at__lt=period.end_at
    ).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Complaint.Status.DONE)),
        in_progress=Count("pk", filter=Q(status=Complaint.Status.IN_PROGRESS)),
    )
    totals["share"] = round(100 * totals["done"] / totals["total"], 1) if totals["total"] else None
    return totals


def _people(period: Period) -> dict[str, Any] | None:
    """Findings and approved adjustments (filled once the personnel layer is present)."""
    return None
