"""Queries of the reward and punishment register: findings, adjustments, objections,
referrals, petugas teladan, the summary and the SMK semesters of the period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from personnel import scoring
from personnel.models import (
    Criterion,
    DisciplinaryReferral,
    Finding,
    Objection,
    Recognition,
    ScoreAdjustment,
    Severity,
)
from satpas import periods
from satpas.selectors import UnitPeriod

BASIS_LABELS = {
    scoring.DISCIPLINE: "Disiplin",
    scoring.PERFORMANCE: "Kinerja",
    scoring.USERS: "Penilaian pengguna layanan",
}


@dataclass(frozen=True)
class Filters:
    officer_id: int | None = None
    criterion: str = ""
    kind: str = ""
    status: str = ""  # of a proposal


def first_month(period: UnitPeriod) -> dt.date:
    return periods.month_start(period.start)


def basis(criterion: str) -> str:
    return BASIS_LABELS.get(scoring.LKE_BASIS.get(criterion, ""), "")


def findings(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[Finding]:
    filters = filters or Filters()
    rows = Finding.objects.filter(
        unit=period.unit, occurred_on__gte=period.start, occurred_on__lte=period.end
    )
    if filters.officer_id:
        rows = rows.filter(officer_id=filters.officer_id)
    if filters.criterion:
        rows = rows.filter(criterion=filters.criterion)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return rows


def adjustments(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[ScoreAdjustment]:
    """Proposals of the months the period touches (the ledger is kept per month)."""
    filters = filters or Filters()
    rows = ScoreAdjustment.objects.filter(
        unit=period.unit, period__gte=first_month(period), period__lte=period.end
    )
    if filters.officer_id:
        rows = rows.filter(officer_id=filters.officer_id)
    if filters.criterion:
        rows = rows.filter(criterion=filters.criterion)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return rows


def referrals(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[DisciplinaryReferral]:
    filters = filters or Filters()
    rows = DisciplinaryReferral.objects.filter(
        unit=period.unit, opened_at__gte=period.start_at, opened_at__lt=period.end_at
    )
    if filters.officer_id:
        rows = rows.filter(officer_id=filters.officer_id)
    return rows


def recognitions(period: UnitPeriod) -> QuerySet[Recognition]:
    return Recognition.objects.filter(
        unit=period.unit, period__gte=first_month(period), period__lte=period.end
    )


def summary(period: UnitPeriod, filters: Filters | None = None) -> dict:
    """Findings per criterion and the decisions, counted in SQL (3 queries)."""
    Kind, Status = Finding.Kind, ScoreAdjustment.Status
    per_criterion: dict[str, Mapping[str, Any]] = {
        row["criterion"]: row
        for row in findings(period, filters)
        .filter(status=Finding.Status.ACTIVE)
        .order_by()
        .values("criterion")
        .annotate(
            punishments=Count("pk", filter=Q(kind=Kind.PUNISHMENT)),
            rewards=Count("pk", filter=Q(kind=Kind.REWARD)),
            heavy=Count("pk", filter=Q(severity=Severity.BERAT)),
        )
    }
    criteria = [
        {
            "criterion": code,
            "label": label,
            "basis": basis(code),
            "punishments": per_criterion.get(code, {}).get("punishments", 0),
            "rewards": per_criterion.get(code, {}).get("rewards", 0),
            "heavy": per_criterion.get(code, {}).get("heavy", 0),
        }
        for code, label in Criterion.choices
    ]
    decisions = (
        adjustments(period, filters)
        .order_by()
        .aggregate(
            proposed=Count("pk", filter=Q(status=Status.PROPOSED)),
            approved=Count("pk", filter=Q(status=Status.APPROVED)),
            rejected=Count("pk", filter=Q(status=Status.REJECTED)),
            rewards=Count("pk", filter=Q(status=Status.APPROVED, kind=Kind.REWARD)),
            punishments=Count("pk", filter=Q(status=Status.APPROVED, kind=Kind.PUNISHMENT)),
        )
    )
    return {
        "criteria": criteria,
        "findings": sum(row["punishments"] + row["rewards"] for row in criteria),
        "punishment_findings": sum(row["punishments"] for row in criteria),
        "reward_findings": sum(row["rewards"] for row in criteria),
        **decisions,
        "referrals": referrals(period, filters).count(),
    }


def semesters(period: UnitPeriod) -> list[tuple[int, int]]:
    """The SMK semesters the period touches, in order."""
    first = periods.semester_of(period.start)
    last = periods.semester_of(period.end)
    found = [first]
    while found[-1] != last:
        year, half = found[-1]
        found.append((year, 2) if half == 1 else (year + 1, 1))
    return found


def objections(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[Objection]:
    filters = filters or Filters()
    rows = Objection.objects.filter(
        unit=period.unit, filed_at__gte=period.start_at, filed_at__lt=period.end_at
    )
    if filters.officer_id:
        rows = rows.filter(officer_id=filters.officer_id)
    return rows
