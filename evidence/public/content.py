"""What the public page shows, read in a fixed number of queries per part. Nothing here
reads a person: no applicant, no officer, no queue number; counts, minutes and the unit's
own published texts only.

Three parts, because they change at different speeds (see `evidence.public.cache`):
- `standards`: the pledge and, per application type, its stages in route order, the SOP
  minutes in force today, the requirements and the PNBP fees;
- `results`: last month's on-time share and compensation, the IKM, the complaints;
- `live`: per stage, who waits now, the counters open and the estimated wait of a newcomer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, OuterRef, Q, Subquery

from applicants.models import ApplicationType, SimClass
from compensation.models import CompensationCase
from compensation.selectors import complaint_handling, ikm_report
from evidence.models import ServiceFee, ServicePledge, ServiceRequirements
from evidence.public import defaults
from evidence.reports.service_time import overall
from satpas import periods
from satpas.selectors import UnitPeriod, of_unit
from service_timing.models import (
    Journey,
    RouteStep,
    ServicePoint,
    ServiceStandard,
    StageAllowance,
)
from service_timing.selectors.waits import arrival_waits
from service_timing.wait import StageEstimate

CLASS_LABELS = dict(SimClass.choices)


@dataclass(frozen=True)
class Fee:
    rupiah: int | None  # None: not set (neither configured nor in PP 76/2020)
    classes: tuple[str, ...]  # class labels paying it


@dataclass(frozen=True)
class Stage:
    code: str
    name: str
    allowance: int | None  # minutes under the standard in force
    umum_only: bool


@dataclass(frozen=True)
class Service:
    """One application type as the unit publishes it."""

    code: str
    name: str
    minutes: int | None  # the SOP standard in force today
    effective_from: dt.date | None
    sop_reference: str
    stages: tuple[Stage, ...]
    requirements: tuple[str, ...]
    fees: tuple[Fee, ...]


@dataclass(frozen=True)
class Standards:
    pledge: tuple[str, ...]  # paragraphs
    pledge_updated: dt.datetime | None
    services: tuple[Service, ...] = field(default_factory=tuple)


def standards(unit_id: int, day: dt.date) -> Standards:
    """The pledge and every application type the unit serves (a route or a standard), in the
    order of `ApplicationType` (six queries)."""
    pledge = ServicePledge.objects.filter(unit_id=unit_id).first()
    routes: dict[str, list[RouteStep]] = defaultdict(list)
    for step in (
        RouteStep.objects.filter(unit_id=unit_id)
        .select_related("stage")
        .order_by("application_type", "position")
    ):
        routes[step.application_type].append(step)
    latest = ServiceStandard.objects.filter(
        unit_id=unit_id, application_type=OuterRef("application_type"), effective_from__lte=day
    ).order_by("-effective_from", "-pk")
    in_force = {
        standard.application_type: standard
        for standard in ServiceStandard.objects.filter(
            unit_id=unit_id, effective_from__lte=day, pk=Subquery(latest.values("pk")[:1])
        )
    }
    allowances: dict[int, dict[str, int]] = defaultdict(dict)
    for standard_id, code, minutes in StageAllowance.objects.filter(
        standard_id__in=[s.pk for s in in_force.values()]
    ).values_list("standard_id", "stage_id", "minutes"):
        allowances[standard_id][code] = minutes
    requirements = {
        row.application_type: tuple(row.lines)
        for row in ServiceRequirements.objects.filter(unit_id=unit_id)
    }
    configured: dict[str, dict[str, int]] = defaultdict(dict)
    for kind, sim_class, rupiah in ServiceFee.objects.filter(unit_id=unit_id).values_list(
        "application_type", "sim_class", "rupiah"
    ):
        configured[kind][sim_class] = rupiah
    services = []
    for kind in ApplicationType:
        standard = in_force.get(kind.value)
        steps = routes.get(kind.value, [])
        if standard is None and not steps:
            continue
        own = allowances.get(standard.pk, {}) if standard else {}
        services.append(
            Service(
                code=kind.value,
                name=str(kind.label),
                minutes=standard.minutes if standard else None,
                effective_from=standard.effective_from if standard else None,
                sop_reference=standard.sop_reference if standard else "",
                stages=tuple(
                    Stage(s.stage_id, s.stage.name, own.get(s.stage_id), s.umum_only) for s in steps
                ),
                requirements=requirements.get(kind.value)
                or defaults.default_requirements(kind.value),
                fees=fees_of(kind.value, configured.get(kind.value, {})),
            )
        )
    text = pledge.text if pledge else defaults.PLEDGE
    return Standards(
        pledge=tuple(line.strip() for line in text.splitlines() if line.strip()),
        pledge_updated=pledge.updated_at if pledge else None,
        services=tuple(services),
    )


def fees_of(application_type: str, configured: dict[str, int]) -> tuple[Fee, ...]:
    """The type's fee per class (configured, else PP 76/2020's), classes sharing a fee shown
    together, highest fee first, classes without a fee last."""
    by_amount: dict[int | None, list[str]] = defaultdict(list)
    for sim_class in SimClass:
        rupiah = configured.get(sim_class.value, defaults.default_fee(application_type, sim_class))
        by_amount[rupiah].append(CLASS_LABELS[sim_class.value])
    return tuple(
        Fee(rupiah, tuple(classes))
        for rupiah, classes in sorted(
            by_amount.items(), key=lambda item: (item[0] is None, -(item[0] or 0))
        )
    )


@dataclass(frozen=True)
class Results:
    period: periods.Period
    applications: int  # closed in the period
    on_time_percent: float | None
    compensation_owed: int
    compensation_given: int
    ikm_respondents: int
    ikm_value: Any  # Decimal 25.00–100.00, or None without answers
    ikm_grade: str
    ikm_grade_label: str
    ikm_sample_reached: bool
    complaints_received: int
    complaints_done: int
    complaints_done_percent: int | None


def last_month(zone: ZoneInfo, today: dt.date) -> periods.Period:
    return periods.containing(periods.MONTH, today, zone).previous()


def results(period: UnitPeriod) -> Results:
    """Last month's figures, each as the unit's reports compute it (about six queries)."""
    service = overall(period)
    cases = CompensationCase.objects.filter(
        unit=period.unit, opened_at__gte=period.start_at, opened_at__lt=period.end_at
    ).aggregate(owed=Count("pk"), given=Count("pk", filter=Q(status=CompensationCase.Status.GIVEN)))
    ikm = ikm_report(period.unit, period.start_at, period.end_at)
    complaints = complaint_handling(period.unit, period.start_at, period.end_at)
    return Results(
        period=period,
        applications=service["closed"] or 0,
        on_time_percent=service["share"],
        compensation_owed=cases["owed"],
        compensation_given=cases["given"],
        ikm_respondents=ikm.respondents,
        ikm_value=ikm.result.converted if ikm.result else None,
        ikm_grade=ikm.result.grade.letter if ikm.result else "",
        ikm_grade_label=str(ikm.grade_label),
        ikm_sample_reached=ikm.sample_reached,
        complaints_received=complaints["total"],
        complaints_done=complaints["done"],
        complaints_done_percent=complaints["done_percent"],
    )


def unit_results(unit: Any, today: dt.date) -> Results:
    return results(of_unit(unit, last_month(unit_zone(unit), today)))


def unit_zone(unit: Any) -> ZoneInfo:
    return ZoneInfo(unit.time_zone)


@dataclass(frozen=True)
class LiveStage:
    code: str
    name: str
    waiting: int
    counters_open: int
    counters: int
    wait: StageEstimate | None


def live(unit_id: int, *, day: dt.date, now: dt.datetime) -> tuple[LiveStage, ...]:
    """Per stage with a counter, in counter order: who waits, counters open of all, and the
    wait of someone joining the queue now (`service_timing.wait`; four queries)."""
    points = list(
        ServicePoint.objects.filter(unit_id=unit_id, is_active=True)
        .select_related("stage")
        .order_by("number")
    )
    open_points = [(p.pk, p.stage_id) for p in points if p.state == ServicePoint.State.OPEN]
    waits = arrival_waits(unit_id, day=day, now=now, open_points=open_points)
    waiting = waiting_per_stage(unit_id, day)
    stages: dict[str, list[ServicePoint]] = {}
    for point in points:
        stages.setdefault(point.stage_id, []).append(point)
    return tuple(
        LiveStage(
            code=code,
            name=group[0].stage.name,
            waiting=waiting.get(code, 0),
            counters_open=sum(1 for p in group if p.state == ServicePoint.State.OPEN),
            counters=len(group),
            wait=waits.get(code),
        )
        for code, group in stages.items()
    )


def waiting_per_stage(unit_id: int, day: dt.date) -> dict[str, int]:
    """Applicants of today waiting to be called, per stage (one query)."""
    return dict(
        Journey.objects.filter(
            unit_id=unit_id,
            service_date=day,
            state=Journey.State.WAITING,
            current_stage__isnull=False,
        )
        .order_by()
        .values("current_stage")
        .annotate(count=Count("pk"))
        .values_list("current_stage", "count")
    )
