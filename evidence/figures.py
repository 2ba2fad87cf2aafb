"""The period's key figures for the report, each aggregated in SQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from compensation.models import CompensationCase
from evidence.reports import compensation, complaints, discipline, reward_punishment
from evidence.reports import satisfaction as skm
from evidence.reports.service_time import overall, per_type
from satpas.selectors import UnitPeriod
from service_timing.models import ServiceStandard


def key_figures(period: UnitPeriod) -> dict[str, Any]:
    return {
        "service": _service(period),
        **_standards(period),
        "compensation": _compensation(period),
        "satisfaction": _satisfaction(period),
        "complaints": _complaints(period),
        "people": _people(period),
    }


def _standards(period: UnitPeriod) -> dict[str, Any]:
    """The latest version per type by the period's end, and their SOP references once each."""
    latest: dict[str, ServiceStandard] = {}
    for standard in ServiceStandard.objects.filter(
        unit=period.unit, effective_from__lte=period.end
    ).order_by("application_type", "-effective_from", "-pk"):
        latest.setdefault(standard.application_type, standard)
    standards = list(latest.values())
    return {
        "standards": standards,
        "sop_references": list(dict.fromkeys(s.sop_reference for s in standards)),
    }


def _service(period: UnitPeriod) -> dict[str, Any]:
    totals = overall(period)
    totals["per_type"] = per_type(period)
    return totals


def _compensation(period: UnitPeriod) -> dict[str, Any]:
    totals = CompensationCase.objects.filter(
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
    rows = compensation.per_type(period)
    totals["per_type"] = rows
    totals["all_types_covered"] = all(row["covered"] for row in rows)
    totals["uncovered"] = [row["type"] for row in rows if not row["covered"]]
    totals["items"] = compensation.stock_summary(period)
    return totals


def _satisfaction(period: UnitPeriod) -> dict[str, Any] | None:
    whole, months = skm.results(period)
    if not whole.respondents:
        return None
    return {
        "responses": whole.respondents,
        "population": whole.population,
        "required_sample": whole.required_sample,
        "sample_reached": whole.sample_reached,
        "index": whole.index,
        "ikm": whole.converted,
        "grade": whole.grade,
        "grade_label": whole.grade_label,
        "elements": [(element.name, float(element.nrr)) for element in whole.elements],
        "months": [month for month in months if month.respondents],
    }


def _complaints(period: UnitPeriod) -> dict[str, Any]:
    totals = complaints.handling(period)
    totals["share"] = round(100 * totals["done"] / totals["total"], 1) if totals["total"] else None
    totals["lapor"] = next(
        (row["total"] for row in complaints.per_channel(period) if row["channel"] == "LAPOR"), 0
    )
    return totals


def _people(period: UnitPeriod) -> dict[str, Any] | None:
    """Findings per criterion, the Kasat's decisions, referrals, and discipline violations
    against the same period a year earlier; None when the period holds none of them."""
    summary = reward_punishment.summary(period)
    if not any(
        summary[key] for key in ("findings", "proposed", "approved", "rejected", "referrals")
    ):
        return None
    compared = discipline.comparison(period)
    return {
        "findings": summary["findings"],
        "punishment_findings": summary["punishment_findings"],
        "reward_findings": summary["reward_findings"],
        "proposed": summary["proposed"],
        "approved": summary["approved"],
        "rejected": summary["rejected"],
        "rewards": summary["rewards"],
        "punishments": summary["punishments"],
        "referrals": summary["referrals"],
        "per_criterion": [
            row for row in summary["criteria"] if row["punishments"] or row["rewards"]
        ],
        "violations": compared["now"],
        "violations_before": compared["before"],
    }
