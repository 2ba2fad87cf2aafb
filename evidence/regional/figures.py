"""The regional view's figures: the units of a region side by side for one period.

Each figure is one query grouped by unit, whatever the number of units (the percentiles of
`satpas.stats.summarise`: one query on PostgreSQL, two elsewhere), so a Polda of 30 units
costs the page the same queries as one of 2. A period is a run of office days: dates are
compared as dates, and timestamps against each unit's own office day (units of one Polda
may sit in different time zones), all in the same query.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When
from django.db.models.functions import Cast, Concat

from applicants.models import Application, ApplicationType
from compensation import ikm
from compensation.models import CompensationCase, SurveyResponse
from compensation.skm import FIELDS
from personnel.models import DisciplinaryReferral, Finding
from satpas import periods
from satpas.models import Unit
from satpas.stats import summarise

CLOSED = [Application.Status.COMPLETED, Application.Status.NOT_PASSED]


@dataclass(frozen=True)
class TypeFigures:
    """One application type of one unit: closed applications, share within, median, p90."""

    total: int
    within: int
    median: float | None
    p90: float | None

    @property
    def share(self) -> float | None:
        return round(100 * self.within / self.total, 1) if self.total else None


@dataclass
class UnitFigures:
    unit: Unit
    applications: int = 0
    closed: int = 0
    within: int = 0
    median: float | None = None
    p90: float | None = None
    per_type: dict[str, TypeFigures] = field(default_factory=dict)
    owed: int = 0
    given: int = 0
    still_due: int = 0
    respondents: int = 0
    ikm: Decimal | None = None
    grade: str = ""
    findings: int = 0
    punishments: int = 0
    rewards: int = 0
    referrals: int = 0
    open_referrals: int = 0

    @property
    def share(self) -> float | None:
        """Closed applications within the SOP standard, per cent."""
        return round(100 * self.within / self.closed, 1) if self.closed else None

    @property
    def given_share(self) -> float | None:
        """Compensation handed over out of all owed, per cent."""
        return round(100 * self.given / self.owed, 1) if self.owed else None


@dataclass(frozen=True)
class Comparison:
    period: periods.Period
    rows: list[UnitFigures]
    types: list[tuple[str, str]]  # (value, label) of the types that occur, in catalogue order


# Sortable columns: the query parameter's value and how a row is ranked by it.
SORT_KEYS: dict[str, Any] = {
    "satuan": lambda row: row.unit.name.lower(),
    "permohonan": lambda row: row.applications,
    "sesuai": lambda row: row.share,
    "median": lambda row: row.median,
    "p90": lambda row: row.p90,
    "kompensasi": lambda row: row.owed,
    "diberikan": lambda row: row.given_share,
    "ikm": lambda row: row.ikm,
    "temuan": lambda row: row.findings,
    "rujukan": lambda row: row.open_referrals,
}
DEFAULT_SORT = "satuan"


def compare(units: Sequence[Unit], period: periods.Period) -> Comparison:
    """Every figure of the regional view for `units` over `period` (dates, read per unit)."""
    rows = {unit.pk: UnitFigures(unit=unit) for unit in units}
    if not rows:
        return Comparison(period, [], [])
    ids = list(rows)
    types = _applications(rows, ids, period)
    _compensation(rows, units, period)
    _satisfaction(rows, units, period)
    _people(rows, ids, units, period)
    occurring = [(kind.value, str(kind.label)) for kind in ApplicationType if kind.value in types]
    return Comparison(period, list(rows.values()), occurring)


def sort_rows(rows: Iterable[UnitFigures], key: str) -> tuple[list[UnitFigures], str]:
    """Rows ranked by a column of SORT_KEYS ("-" first: descending); units without a figure
    last either way. An unknown key ranks by unit name. Returns the rows and the key used."""
    name = key.removeprefix("-")
    if name not in SORT_KEYS:
        key, name = DEFAULT_SORT, DEFAULT_SORT
    rank = SORT_KEYS[name]
    rows = sorted(rows, key=lambda row: row.unit.name.lower())
    known = [row for row in rows if rank(row) is not None]
    missing = [row for row in rows if rank(row) is None]
    return sorted(known, key=rank, reverse=key.startswith("-")) + missing, key


def _in_period(field_name: str, units: Iterable[Unit], period: periods.Period) -> Q:
    """Rows whose timestamp falls on one of the period's office days of their own unit."""
    by_zone: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        by_zone[unit.time_zone].append(unit.pk)
    conditions = []
    for zone, ids in sorted(by_zone.items()):
        start = dt.datetime.combine(period.start, dt.time(), tzinfo=ZoneInfo(zone))
        end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(), tzinfo=start.tzinfo)
        conditions.append(
            Q(unit_id__in=ids, **{f"{field_name}__gte": start, f"{field_name}__lt": end})
        )
    return reduce(operator.or_, conditions)


def _applications(rows: dict[int, UnitFigures], ids: list[int], period: periods.Period) -> set[str]:
    """Applications, the share within the standard, median and p90 per unit and per type."""
    of_period = Application.objects.filter(
        unit_id__in=ids, service_date__gte=period.start, service_date__lte=period.end
    )
    within = Q(status__in=CLOSED, elapsed_minutes__lte=F("standard_minutes"))
    per_unit = summarise(
        of_period.annotate(closed_minutes=Case(When(status__in=CLOSED, then=F("elapsed_minutes")))),
        value="closed_minutes",
        group="unit_id",
        aggregates={
            "total": Count("pk"),
            "closed": Count("pk", filter=Q(status__in=CLOSED)),
            "within": Count("pk", filter=within),
        },
    )
    for unit_id, (totals, (median, p90)) in per_unit.items():
        row = rows[unit_id]
        row.applications, row.closed, row.within = (
            totals["total"],
            totals["closed"],
            totals["within"],
        )
        row.median, row.p90 = _rounded(median), _rounded(p90)
    # One group per unit and type: "12:BARU".
    per_type = summarise(
        of_period.filter(status__in=CLOSED, elapsed_minutes__isnull=False).annotate(
            unit_type=Concat(
                Cast("unit_id", CharField()),
                Value(":"),
                "application_type",
                output_field=CharField(),
            )
        ),
        value="elapsed_minutes",
        group="unit_type",
        aggregates={"total": Count("pk"), "within": Count("pk", filter=within)},
    )
    types = set()
    for key, (totals, (median, p90)) in per_type.items():
        unit_id, _sep, kind = str(key).partition(":")
        types.add(kind)
        rows[int(unit_id)].per_type[kind] = TypeFigures(
            total=totals["total"],
            within=totals["within"],
            median=_rounded(median),
            p90=_rounded(p90),
        )
    return types


def _compensation(
    rows: dict[int, UnitFigures], units: Sequence[Unit], period: periods.Period
) -> None:
    """Cases opened in the period: owed (all), given, still due."""
    Status = CompensationCase.Status
    for row in (
        CompensationCase.objects.filter(_in_period("opened_at", units, period))
        .values("unit_id")
        .annotate(
            owed=Count("pk"),
            given=Count("pk", filter=Q(status=Status.GIVEN)),
            due=Count("pk", filter=Q(status=Status.DUE)),
        )
        .order_by()
    ):
        figures = rows[row["unit_id"]]
        figures.owed, figures.given, figures.still_due = row["owed"], row["given"], row["due"]


def _satisfaction(
    rows: dict[int, UnitFigures], units: Sequence[Unit], period: periods.Period
) -> None:
    """IKM of the period's answers, exactly as PermenPANRB 14/2017 (see compensation.ikm)."""
    sums = {f"{name}_sum": Sum(name) for name in FIELDS}
    grouped: Iterable[Mapping[str, Any]] = (
        SurveyResponse.objects.filter(_in_period("submitted_at", units, period))
        .values("unit_id")
        .annotate(respondents=Count("pk"), **sums)
        .order_by()
    )
    for row in grouped:
        if not row["respondents"]:
            continue
        result = ikm.compute([row[f"{name}_sum"] for name in FIELDS], row["respondents"])
        figures = rows[row["unit_id"]]
        figures.respondents = row["respondents"]
        figures.ikm, figures.grade = result.converted, result.grade.letter


def _people(
    rows: dict[int, UnitFigures], ids: list[int], units: Sequence[Unit], period: periods.Period
) -> None:
    """Findings in force of the period (punishments, rewards); referrals opened in the period
    and those not yet decided (whenever opened: still on the Kasat's desk)."""
    Kind = Finding.Kind
    for row in (
        Finding.objects.filter(
            unit_id__in=ids,
            status=Finding.Status.ACTIVE,
            occurred_on__gte=period.start,
            occurred_on__lte=period.end,
        )
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            punishments=Count("pk", filter=Q(kind=Kind.PUNISHMENT)),
            rewards=Count("pk", filter=Q(kind=Kind.REWARD)),
        )
        .order_by()
    ):
        figures = rows[row["unit_id"]]
        figures.findings, figures.punishments = row["total"], row["punishments"]
        figures.rewards = row["rewards"]
    for referral in (
        DisciplinaryReferral.objects.filter(unit_id__in=ids)
        .values("unit_id")
        .annotate(
            opened=Count("pk", filter=_in_period("opened_at", units, period)),
            still_open=Count("pk", filter=~Q(status=DisciplinaryReferral.Status.DECIDED)),
        )
        .order_by()
    ):
        figures = rows[referral["unit_id"]]
        figures.referrals, figures.open_referrals = referral["opened"], referral["still_open"]


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None
