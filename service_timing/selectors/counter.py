"""The counter console and the waiting-room display: queues, service points, display state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery

from applicants.models import Application, Priority
from satpas import memo
from satpas.models import Unit
from service_timing.clock import ClockReading
from service_timing.extensions import Panel
from service_timing.models import (
    CounterPolicy,
    Journey,
    Pause,
    ServicePoint,
    StageRecord,
)
from service_timing.selectors.board import ACTIVE_STATES, elapsed_reading


@dataclass(frozen=True)
class CounterView:
    current: Journey | None
    reading: ClockReading | None


@dataclass(frozen=True)
class QueueEntry:
    pk: int
    queue_number: str
    since: dt.datetime
    # Calls not answered at this stage (the applicant was skipped that many times).
    missed_calls: int
    # "" in the queue; "paused" (a supervisor's open pause) or "absent": call-next passes by.
    held: str = ""
    # The priority reason's label ("" for none).
    priority: str = ""


@dataclass(frozen=True)
class CounterQueue:
    waiting: list[QueueEntry]
    waiting_count: int
    held: list[QueueEntry]
    # The unit's priority policy, as the console states it.
    policy: CounterPolicy | None = None


# Rows shown of each list beside the console.
SHOWN = 6


def held_by_pause() -> Q:
    """Waiting, but held out of call-next by an open pause a supervisor recorded. (A no-show
    pause does not hold: the skipped applicant keeps their new place in the queue.)"""
    return Q(
        Exists(
            Pause.objects.filter(
                application_id=OuterRef("pk"), ended_at__isnull=True, no_show=False
            )
        ),
        pause_count__gt=0,
    )


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
    point: ServicePoint,
    journey: Journey | None,
    *,
    now: dt.datetime,
    pauses: list[Pause] | None = None,
) -> CounterView:
    """The console after an action: the journey just handled is known, nothing is read
    (its pauses neither, when the action knew them)."""
    here = (
        journey
        if journey is not None
        and journey.current_point_id == point.pk
        and journey.state in ACTIVE_STATES
        else None
    )
    return CounterView(
        current=here, reading=elapsed_reading(here, now=now, pauses=pauses) if here else None
    )


def counter_queue(point: ServicePoint) -> CounterQueue:
    """Who waits for this counter's stage: the first few and how many; and the first few
    call-next passes by (paused or absent), to be called by choice. In arrival order, priority
    applicants first under "always first" (call-next's order; under "one in every N" a
    priority turn may call a marked one earlier). One query: the two lists are the two
    partitions of one window."""
    from django.db.models import BooleanField, Case, Count, F, Value, When, Window
    from django.db.models.functions import RowNumber

    held = Case(
        When(Q(state=Journey.State.ABSENT) | held_by_pause(), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    policy = counter_policy(point.unit_id)
    order = [F("ready_since").asc(), F("pk").asc()]
    if policy.priority_turn_every == 1:
        order.insert(0, F("priority").desc())
    rows = list(
        Journey.objects.filter(
            unit_id=point.unit_id,
            current_stage_id=point.stage_id,
            state__in=(Journey.State.WAITING, Journey.State.ABSENT),
        )
        .annotate(
            held=held,
            place=Window(RowNumber(), partition_by=[held], order_by=order),
            total=Window(Count("pk"), partition_by=[held]),
        )
        .filter(place__lte=SHOWN)
        .order_by("held", "place")
        .values_list(
            "pk",
            "application__queue_number",
            "ready_since",
            "missed_calls",
            "state",
            "held",
            "total",
            "application__priority",
        )
    )
    labels = {value: str(label) for value, label in Priority.choices if value}
    waiting = [row for row in rows if not row[5]]
    return CounterQueue(
        waiting=[QueueEntry(*row[:4], priority=labels.get(row[7], "")) for row in waiting],
        waiting_count=waiting[0][6] if waiting else 0,
        held=[
            QueueEntry(
                *row[:4],
                held="absent" if row[4] == Journey.State.ABSENT else "paused",
                priority=labels.get(row[7], ""),
            )
            for row in rows
            if row[5]
        ],
        policy=policy,
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


def policy_cache_key(unit_id: int) -> str:
    return f"service_timing:counter_policy:{unit_id}"


def counter_policy(unit_id: int) -> CounterPolicy:
    """The unit's rules for applicants who do not come (defaults when it has none; cached)."""
    return memo.remember(
        policy_cache_key(unit_id),
        POINTS_CACHE_SECONDS,
        lambda: (
            CounterPolicy.objects.filter(unit_id=unit_id).first() or CounterPolicy(unit_id=unit_id)
        ),
    )


def service_points(unit: Unit) -> list[ServicePoint]:
    return list(active_points(unit.pk).values())


@dataclass(frozen=True)
class DisplayState:
    # (counter, queue number at it, its state: ServicePoint.State) in counter order.
    serving: list[tuple[ServicePoint, str | None, str]]
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
    # Each counter's state read fresh (the cached counters may be minutes old in another
    # process), with whom it calls or serves now.
    now_at = {
        pk: (state, queue)
        for pk, state, queue in ServicePoint.objects.filter(unit=unit, is_active=True)
        .annotate(
            queue=Subquery(
                Journey.objects.filter(current_point=OuterRef("pk"), state__in=ACTIVE_STATES)
                .order_by("-called_at")
                .values("application__queue_number")[:1]
            )
        )
        .order_by()
        .values_list("pk", "state", "queue")
    }
    last_calls = list(
        StageRecord.objects.filter(
            application__unit=unit, application__service_date=day, called_at__isnull=False
        )
        .select_related("application", "service_point")
        .order_by("-called_at", "-pk")[:8]
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
        serving=[
            (
                point,
                now_at.get(point.pk, (point.state, None))[1],
                now_at.get(point.pk, (point.state, None))[0],
            )
            for point in points
        ],
        last_calls=last_calls,
        waiting=[(name, waiting_by_stage.get(code, 0)) for code, name in stages.items()],
        closed_today=closed,
        average_minutes=round(stats["average"]) if stats["average"] is not None else None,
        within_standard_percent=round(100 * stats["within"] / closed) if closed else None,
    )


def counter_states(unit_id: int) -> dict[int, str]:
    """Each counter's state as it is now (read fresh: the cached counters may be minutes old
    in another process, and the board and display must show a break at once)."""
    return dict(
        ServicePoint.objects.filter(unit_id=unit_id, is_active=True).values_list("pk", "state")
    )


def counter_states_panel(unit: Unit, now: dt.datetime) -> Panel | None:
    """The live board's row of counters with their state (one query)."""
    points = service_points(unit)
    if not points:
        return None
    states = counter_states(unit.pk)
    return Panel(
        "service_timing/board/_counter_states.html",
        {"points": [(point, states.get(point.pk, point.state)) for point in points]},
    )
