"""Queries of the discipline logs: the checks of the period, their totals, and the violations
per month against the same months a year earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Model, Q, QuerySet
from django.db.models.functions import TruncMonth

from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    Finding,
    ProfessionalismAssessment,
    ScoreAdjustment,
    Severity,
)
from personnel.scoring import DISCIPLINE, LKE_BASIS
from satpas.selectors import UnitPeriod, unit_period

ATTENDANCE, APPEARANCE, PROFESSIONALISM, CLEANLINESS = (
    "kehadiran",
    "sikap-tampang",
    "profesionalisme",
    "kebersihan",
)


KINDS = [ATTENDANCE, APPEARANCE, PROFESSIONALISM, CLEANLINESS]


PASSED, FAILED = "memenuhi", "tidak"


DISCIPLINE_CRITERIA = [code for code, basis in LKE_BASIS.items() if basis == DISCIPLINE]


@dataclass(frozen=True)
class Filters:
    officer_id: int | None = None
    result: str = ""  # PASSED or FAILED


def _in_period(model: type[Model], period: UnitPeriod) -> QuerySet[Any]:
    return model._default_manager.filter(
        unit=period.unit, checked_on__gte=period.start, checked_on__lte=period.end
    )


def checks(kind: str, period: UnitPeriod, filters: Filters | None = None) -> QuerySet:
    """The checks of one kind in the period that the filters keep."""
    filters = filters or Filters()
    if kind == ATTENDANCE:
        rows = _in_period(AttendanceCheck, period)
        failed = Q(is_late=True) | Q(status=AttendanceCheck.Status.ABSENT)
    elif kind == CLEANLINESS:
        rows = _in_period(CleanlinessCheck, period)
        failed = Q(passed=False)
    else:
        model = AppearanceCheck if kind == APPEARANCE else ProfessionalismAssessment
        rows = _in_period(model, period)
        failed = Q(passed=False)
    if filters.officer_id:
        if kind == CLEANLINESS:
            # A point's check falls on the officers on duty there that day.
            rows = rows.filter(
                service_point__duty_shifts__officer_id=filters.officer_id,
                service_point__duty_shifts__date=F("checked_on"),
            ).distinct()
        else:
            rows = rows.filter(officer_id=filters.officer_id)
    if filters.result == FAILED:
        rows = rows.filter(failed)
    elif filters.result == PASSED:
        rows = rows.exclude(failed)
    return rows


def totals(period: UnitPeriod, filters: Filters | None = None) -> dict[str, dict[str, int]]:
    """Checks and violations of each kind in the period, for one officer or all (4 queries):
    {"attendance": {checks, late, absent, failed}, "appearance": {checks, failed}, …}."""
    base = Filters(officer_id=filters.officer_id if filters else None)
    attendance = checks(ATTENDANCE, period, base).aggregate(
        checks=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        absent=Count("pk", filter=Q(status=AttendanceCheck.Status.ABSENT)),
    )
    attendance["failed"] = attendance["late"] + attendance["absent"]
    result = {"attendance": attendance}
    for name, kind in (
        ("appearance", APPEARANCE),
        ("professionalism", PROFESSIONALISM),
        ("cleanliness", CLEANLINESS),
    ):
        result[name] = checks(kind, period, base).aggregate(
            checks=Count("pk", distinct=kind == CLEANLINESS),
            failed=Count("pk", filter=Q(passed=False), distinct=kind == CLEANLINESS),
        )
    return result


def per_month(period: UnitPeriod) -> list[dict]:
    """Violations per month of the period (4 queries, grouped in SQL)."""
    months: dict[dt.date, dict] = {}

    def merge(rows: QuerySet, **names: str) -> None:
        for row in rows:
            month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
            entry = months.setdefault(month, {"month": month})
            for name, column in names.items():
                entry[name] = row[column]

    merge(
        _in_period(AttendanceCheck, period)
        .annotate(month=TruncMonth("checked_on"))
        .values("month")
        .annotate(
            checks=Count("pk"),
            late=Count("pk", filter=Q(is_late=True)),
            absent=Count("pk", filter=Q(status=AttendanceCheck.Status.ABSENT)),
        )
        .order_by(),
        attendance="checks",
        late="late",
        absent="absent",
    )
    for model, checks_name, failed_name in (
        (AppearanceCheck, "appearance", "appearance_failed"),
        (ProfessionalismAssessment, "professionalism", "professionalism_failed"),
        (CleanlinessCheck, "cleanliness", "cleanliness_failed"),
    ):
        merge(
            _in_period(model, period)
            .annotate(month=TruncMonth("checked_on"))
            .values("month")
            .annotate(checks=Count("pk"), failed=Count("pk", filter=Q(passed=False)))
            .order_by(),
            **{checks_name: "checks", failed_name: "failed"},
        )
    rows = []
    for month in sorted(months):
        entry = {
            key: months[month].get(key, 0)
            for key in (
                "attendance",
                "late",
                "absent",
                "appearance",
                "appearance_failed",
                "professionalism",
                "professionalism_failed",
                "cleanliness",
                "cleanliness_failed",
            )
        }
        entry["month"] = month
        entry["violations"] = (
            entry["late"]
            + entry["absent"]
            + entry["appearance_failed"]
            + entry["professionalism_failed"]
            + entry["cleanliness_failed"]
        )
        rows.append(entry)
    return rows


def a_year_earlier(period: UnitPeriod) -> UnitPeriod:
    def back(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)

    return unit_period(period.unit, back(period.start), back(period.end))


def violations(period: UnitPeriod) -> dict[str, int]:
    """Discipline violations found in the period (punishment findings on the discipline
    criteria) and how many were sanctioned: an approved adjustment or a referral (1 query)."""
    return Finding.objects.filter(
        unit=period.unit,
        occurred_on__gte=period.start,
        occurred_on__lte=period.end,
        kind=Finding.Kind.PUNISHMENT,
        criterion__in=DISCIPLINE_CRITERIA,
        status=Finding.Status.ACTIVE,  # a withdrawn finding is not a violation
    ).aggregate(
        found=Count("pk"),
        sanctioned=Count(
            "pk",
            filter=Q(adjustment__status=ScoreAdjustment.Status.APPROVED)
            | Q(referral__isnull=False),
        ),
        heavy=Count("pk", filter=Q(severity=Severity.BERAT)),
    )


def comparison(period: UnitPeriod) -> dict[str, dict[str, int]]:
    return {"now": violations(period), "before": violations(a_year_earlier(period))}
