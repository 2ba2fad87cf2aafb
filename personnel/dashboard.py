"""The Kasat Lantas dashboard: this month and the last twelve, in a fixed number of queries.

Service from applications (elapsed and standard minutes are written when one closes) and
compensation cases; people from findings and the ledger; satisfaction (IKM) from the SKM
responses. Every figure is aggregated in SQL; Python only lays out at most twelve rows each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from applicants.models import Application, ApplicationType
from compensation.models import CompensationCase, SurveyResponse
from compensation.selectors import ikm_of, ikm_sums
from personnel import selectors
from personnel.models import Criterion, DisciplinaryReferral, Finding, ScoreAdjustment, Severity
from satpas import periods
from satpas.models import Unit
from satpas.stats import summarise
from service_timing import heatmap as grids
from service_timing.selectors import heatmap

MONTHS = 12
ARRIVAL_DAYS = 28  # the arrivals heat map: the last four weeks, every weekday four times


def _ikm(row: Mapping[str, Any]) -> dict[str, Any]:
    result = ikm_of(row)
    return {
        "respondents": row.get("ikm_n") or 0,
        "ikm": result.converted if result else None,
        "grade": result.grade.letter if result else "",
    }


def _month(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.replace(day=1)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Dashboard:
    period: dt.date
    months: list[dt.date]
    service: list[dict[str, Any]] = field(default_factory=list)
    service_total: dict[str, Any] = field(default_factory=dict)
    compensation: dict[str, int] = field(default_factory=dict)
    series: list[dict[str, Any]] = field(default_factory=list)
    criteria: list[dict[str, Any]] = field(default_factory=list)
    attention: list[Mapping[str, Any]] = field(default_factory=list)
    best: list[dict[str, Any]] = field(default_factory=list)
    pending_approvals: int = 0
    open_referrals: int = 0
    ikm: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not any(row["applications"] for row in self.series) and not any(
            row["findings"] for row in self.series
        )


def _applications(unit: Unit, first: dt.date, after: dt.date) -> QuerySet[Application]:
    return Application.objects.filter(unit=unit, service_date__gte=first, service_date__lt=after)


def _closed_counts() -> dict[str, Any]:
    return {
        "applications": Count("pk"),
        "closed": Count("pk", filter=Q(elapsed_minutes__isnull=False)),
        "within": Count("pk", filter=Q(elapsed_minutes__lte=F("standard_minutes"))),
        "breaches": Count("pk", filter=Q(elapsed_minutes__gt=F("standard_minutes"))),
    }


def build(unit: Unit, period: dt.date) -> Dashboard:
    """Everything the dashboard shows for `period` (a month) and the eleven before it."""
    period = periods.month_start(period)
    after = periods.next_month(period)
    months = periods.months_back(period, MONTHS)
    zone = selectors.office_zone(unit)
    board = Dashboard(period=period, months=months)

    # Service this month, per application type (1 query on PostgreSQL, 2 elsewhere).
    by_type = summarise(
        _applications(unit, period, after),
        value="elapsed_minutes",
        group="application_type",
        aggregates=_closed_counts(),
    )
    labels = dict(ApplicationType.choices)
    total = {"applications": 0, "closed": 0, "within": 0, "breaches": 0}
    for code, (row, (median, p90)) in sorted(
        by_type.items(), key=lambda item: -item[1][0]["applications"]
    ):
        board.service.append(
            {
                **row,
                "label": labels.get(code, code),
                "median": median,
                "p90": p90,
                "share": _share(row["within"], row["closed"]),
            }
        )
        for key in total:
            total[key] += row[key]
    board.service_total = {**total, "share": _share(total["within"], total["closed"])}

    # Compensation this month: owed vs given (1 query).
    start, end = selectors.month_bounds(unit, period)
    board.compensation = CompensationCase.objects.filter(
        unit=unit, opened_at__gte=start, opened_at__lt=end
    ).aggregate(
        owed=Count("pk"),
        given=Count("pk", filter=Q(status=CompensationCase.Status.GIVEN)),
        due=Count("pk", filter=Q(status=CompensationCase.Status.DUE)),
        declined=Count("pk", filter=Q(status=CompensationCase.Status.DECLINED)),
        waived=Count("pk", filter=Q(status=CompensationCase.Status.WAIVED)),
    )

    # Twelve months (4 queries on PostgreSQL, 5 elsewhere).
    first = months[0]
    year_start, year_end = selectors.month_bounds(unit, first)[0], end
    year_apps = _applications(unit, first, after).annotate(month=TruncMonth("service_date"))
    apps, medians = {}, {}
    for key, (row, spread) in summarise(
        year_apps, value="elapsed_minutes", group="month", aggregates=_closed_counts()
    ).items():
        apps[_month(key)] = row
        medians[_month(key)] = spread
    # Rows of .values().annotate(), typed by the plugin as TypedDicts, read here by name.
    cases: dict[dt.date | None, Mapping[str, Any]] = {
        _month(row["month"]): row
        for row in CompensationCase.objects.filter(
            unit=unit, opened_at__gte=year_start, opened_at__lt=year_end
        )
        .annotate(month=TruncMonth("opened_at", tzinfo=zone))
        .values("month")
        .annotate(
            owed=Count("pk"), given=Count("pk", filter=Q(status=CompensationCase.Status.GIVEN))
        )
        .order_by()
    }
    surveys: dict[dt.date | None, Mapping[str, Any]] = {
        _month(row["month"]): row
        for row in SurveyResponse.objects.filter(
            unit=unit, submitted_at__gte=year_start, submitted_at__lt=year_end
        )
        .annotate(month=TruncMonth("submitted_at", tzinfo=zone))
        .values("month")
        .annotate(**ikm_sums())
        .order_by()
    }
    findings: dict[dt.date, Mapping[str, Any]] = {
        row["period"]: row
        for row in Finding.objects.filter(
            unit=unit, period__gte=first, period__lt=after, status=Finding.Status.ACTIVE
        )
        .values("period")
        .annotate(
            findings=Count("pk", filter=Q(kind=Finding.Kind.PUNISHMENT)),
            rewards=Count("pk", filter=Q(kind=Finding.Kind.REWARD)),
        )
        .order_by()
    }
    for month in months:
        app = apps.get(month, {})
        median, p90 = medians.get(month, (None, None))
        survey = _ikm(surveys.get(month, {}))
        board.series.append(
            {
                "month": month,
                "applications": app.get("applications", 0),
                "breaches": app.get("breaches", 0),
                "share": _share(app.get("within", 0), app.get("closed", 0)),
                "median": median,
                "p90": p90,
                "owed": cases.get(month, {}).get("owed", 0),
                "given": cases.get(month, {}).get("given", 0),
                "ikm": survey["ikm"],
                "grade": survey["grade"],
                "respondents": survey["respondents"],
                "findings": findings.get(month, {}).get("findings", 0),
                "rewards": findings.get(month, {}).get("rewards", 0),
            }
        )
    this_month = board.series[-1]
    board.ikm = {
        "ikm": this_month["ikm"],
        "respondents": this_month["respondents"],
        "grade": this_month["grade"],
    }

    # People this month (4 queries).
    per_criterion: dict[str, Mapping[str, Any]] = {
        row["criterion"]: row
        for row in Finding.objects.filter(unit=unit, period=period)
        .values("criterion")
        .annotate(
            punishments=Count("pk", filter=Q(kind=Finding.Kind.PUNISHMENT)),
            rewards=Count("pk", filter=Q(kind=Finding.Kind.REWARD)),
            heavy=Count("pk", filter=Q(severity=Severity.BERAT)),
        )
        .order_by()
    }
    board.criteria = [
        {
            "criterion": code,
            "label": label,
            "punishments": per_criterion.get(code, {}).get("punishments", 0),
            "rewards": per_criterion.get(code, {}).get("rewards", 0),
            "heavy": per_criterion.get(code, {}).get("heavy", 0),
        }
        for code, label in Criterion.choices
    ]
    board.attention = list(
        Finding.objects.filter(unit=unit, period=period, kind=Finding.Kind.PUNISHMENT)
        .values("officer", "officer__full_name", "officer__rank")
        .annotate(findings=Count("pk"), heavy=Count("pk", filter=Q(severity=Severity.BERAT)))
        .order_by("-heavy", "-findings", "officer__full_name")[:5]
    )
    board.best = selectors.month_ranking(unit, period, limit=5)
    # Only the pending rows are read (index adjustment_unit_status), not every decision.
    board.pending_approvals = ScoreAdjustment.objects.filter(
        unit=unit, status=ScoreAdjustment.Status.PROPOSED
    ).count()
    board.open_referrals = (
        DisciplinaryReferral.objects.filter(unit=unit)
        .exclude(status=DisciplinaryReferral.Status.DECIDED)
        .count()
    )
    return board


def arrival_hours(
    unit: Unit, *, period: dt.date, today: dt.date
) -> tuple[periods.Period, grids.Grid]:
    """Arrivals per weekday × hour of the four weeks up to today, or up to the end of the
    month shown when that month is over (2 queries)."""
    end = min(today, periods.month_end(period))
    days = periods.span(end - dt.timedelta(days=ARRIVAL_DAYS - 1), end, selectors.office_zone(unit))
    return days, heatmap.arrivals(unit, days.start, days.end)
