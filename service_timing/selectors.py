"""Reads of the service timing: standards, routes, and clock readings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Q, QuerySet

from applicants.models import Application, SimClass
from satpas.calendar import OfficeCalendar
from satpas.models import Unit
from satpas.selectors import office_calendar
from service_timing.clock import ClockReading, StageSpan, read_clock
from service_timing.models import (
    Journey,
    Pause,
    RouteStep,
    ServiceStandard,
    Stage,
    StageRecord,
    SystemOutage,
)

STAGE_CACHE_KEY = "service_timing:stages"
STAGE_CACHE_SECONDS = 300


def stages_by_code() -> dict[str, Stage]:
    """The stage catalogue (cached; a save clears it in this process)."""
    stages = cache.get(STAGE_CACHE_KEY)
    if stages is None:
        stages = {stage.code: stage for stage in Stage.objects.all()}
        cache.set(STAGE_CACHE_KEY, stages, STAGE_CACHE_SECONDS)
    return stages


def stage_name(code: str | None) -> str:
    if not code:
        return ""
    stage = stages_by_code().get(code)
    return stage.name if stage else code


def standard_in_force(unit: Unit, application_type: str, day: dt.date) -> ServiceStandard | None:
    """The version whose `effective_from` is the latest on or before the day."""
    return (
        ServiceStandard.objects.filter(
            unit=unit, application_type=application_type, effective_from__lte=day
        )
        .prefetch_related("allowances")
        .order_by("-effective_from")
        .first()
    )


def standard_is_used(standard: ServiceStandard) -> bool:
    return Journey.objects.filter(standard=standard).exists()


def route_steps(unit: Unit, application_type: str, sim_class: str) -> list[RouteStep]:
    steps = RouteStep.objects.filter(unit=unit, application_type=application_type)
    if sim_class not in SimClass.umum():
        steps = steps.filter(umum_only=False)
    return list(steps.select_related("stage").order_by("position"))


def spans_of(journey: Journey, records: Iterable[StageRecord]) -> list[StageSpan]:
    by_stage = {record.stage_id: record for record in records}
    spans = []
    for step in journey.route:
        record = by_stage.get(step["code"])
        spans.append(
            StageSpan(
                code=step["code"],
                allowance_minutes=step.get("allowance"),
                started_at=record.started_at if record else None,
                finished_at=record.finished_at if record else None,
            )
        )
    return spans


def clock_for(
    journey: Journey,
    *,
    now: dt.datetime,
    records: Iterable[StageRecord] | None = None,
    pauses: Iterable[Pause] | None = None,
    outages: Iterable[SystemOutage] | None = None,
    calendar: OfficeCalendar | None = None,
) -> ClockReading:
    """Read one application's clock. Pass what was prefetched to save queries."""
    application = journey.application
    if records is None:
        records = StageRecord.objects.filter(application_id=journey.pk)
    if pauses is None:
        pauses = Pause.objects.filter(application_id=journey.pk) if journey.pause_count else []
    return read_clock(
        registered_at=application.registered_at,
        now=now,
        closed_at=application.closed_at,
        calendar=calendar or office_calendar(journey.unit_id),
        standard_minutes=journey.standard_minutes,
        threshold_percent=journey.warning_percent,
        pauses=[(p.started_at, p.ended_at) for p in pauses],
        outages=[(o.started_at, o.ended_at) for o in (outages or [])],
        stages=spans_of(journey, records),
    )


def outages_between(unit: Unit, start: dt.datetime, end: dt.datetime) -> QuerySet[SystemOutage]:
    return SystemOutage.objects.filter(unit=unit, started_at__lt=end).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=start)
    )


def journey_of(application: Application) -> Journey:
    return Journey.objects.select_related("application", "unit").get(pk=application.pk)
