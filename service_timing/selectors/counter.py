"""The counter console and the waiting-room display: queues, service points, display state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from applicants.models import Application
from satpas import memo
from satpas.models import Unit
from service_timing.clock import ClockReading
from service_timing.models import (
    Journey,
    ServicePoint,
    StageRecord,
)
from service_timing.selectors.board import ACTIVE_STATES, elapsed_reading


@dataclass(frozen=True)
class CounterView:
    current: Journey | None
    reading: ClockReading | None


@dataclass(frozen=True)
class CounterQueue:
    waiting: list[tuple[str, dt.datetime]]
    waiting_count: int


def counter_view(point: ServicePoint, *, now: dt.datetime) -> CounterView:
    """Who stands at this counter now (called or being served)."""
    current = (
        Journey.objects.filter(current_point=point, state__in=ACTIVE_STATES)
        .select_related("application__applicant")
        .order_by("-called_at")
        .first()
    )
    return CounterView(
        current=current, reading=elapsed_reading(current, now=now) if current else None
    )


def counter_view_after(
    point: ServicePoint, journey: Journey | None, *, now: dt.datetime
) -> CounterView:
    """The console after an action: the journey just handled is known, nothing is read."""
    here = (
        journey
        if journey is not None
        and journey.current_point_id == point.pk
        and journey.state in ACTIVE_STATES
        else None
    )
    return CounterView(current=here, reading=elapsed_reading(here, now=now) if here else None)


def counter_queue(point: ServicePoint) -> CounterQueue:
    """Who waits for this counter's stage: the first few and how many (one query)."""
    from django.db.models import Count, Window

    waiting = list(
        Journey.objects.filter(
            unit_id=point.unit_id, current_stage_id=point.stage_id, state=Journey.State.WAITING
        )
        .order_by("ready_since", "pk")
        .annotate(total=Window(Count("pk")))
        .values_list("application__queue_number", "ready_since", "total")[:6]
    )
    return CounterQueue(
        waiting=[(queue, since) for queue, since, _total in waiting],
        waiting_count=waiting[0][2] if waiting else 0,
    )


POINTS_CACHE_SECONDS = 300


def points_cache_key(unit_id: int) -> str:
    return f"service_timing:points:{unit_id}"


def active_points(unit_id: int) -> dict[int, ServicePoint]:
    """The unit's open counters by id (cached: the console reads them on every key press)."""
    return memo.remember(
        points_cache_key(unit_id),
        POINTS_CACHE_SECONDS,
        lambda: {
            p.pk: p
            for p in ServicePoint.objects.filter(unit_id=unit_id, is_active=True)
            .select_related("stage")
            .order_by("number")
        },
    )


def service_points(unit: Unit) -> list[ServicePoint]:
    return list(active_points(unit.pk).values())


@dataclass(frozen=True)
class DisplayState:
    serving: list[tuple[ServicePoint, str | None]]
    last_calls: list[StageRecord]
    # (stage name, applicants waiting for it), in counter order.
    waiting: list[tuple[str, int]]
    closed_today: int
    average_minutes: int | None
    within_standard_percent: int | None


def display_state(unit: Unit, *, day: dt.date) -> DisplayState:
    """The waiting-room screen: no personal data, only queue numbers and counters."""
    from django.db.models import Avg, Count, F

    points = service_points(unit)
    serving = dict(
        Journey.objects.filter(unit=unit, state__in=ACTIVE_STATES, current_point__isnull=False)
        .order_by("called_at")
        .values_list("current_point_id", "application__queue_number")
    )
    last_calls = list(
        StageRecord.objects.filter(
            application__unit=unit, application__service_date=day, called_at__isnull=False
        )
        .select_related("application", "service_point")
        .order_by("-called_at")[:8]
    )
    waiting_by_stage = dict(
        Journey.objects.filter(
            unit=unit, service_date=day, state=Journey.State.WAITING, current_stage__isnull=False
        )
        .order_by()
        .values("current_stage")
        .annotate(count=Count("pk"))
        .values_list("current_stage", "count")
    )
    stages = {point.stage_id: point.stage.name for point in points}
    stats = Application.objects.filter(
        unit=unit, service_date=day, status=Application.Status.COMPLETED
    ).aggregate(
        closed=Count("pk"),
        average=Avg("elapsed_minutes"),
        within=Count("pk", filter=Q(elapsed_minutes__lte=F("standard_minutes"))),
    )
    closed = stats["closed"] or 0
    return DisplayState(
        serving=[(point, serving.get(point.pk)) for point in points],
        last_calls=last_calls,
        waiting=[(name, waiting_by_stage.get(code, 0)) for code, name in stages.items()],
        closed_today=closed,
        average_minutes=round(stats["average"]) if stats["average"] is not None else None,
        within_standard_percent=round(100 * stats["within"] / closed) if closed else None,
    )
