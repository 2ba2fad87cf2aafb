"""Reads for the estimated wait (`service_timing.wait`): who is ahead in a stage's queue, the
open counters and their recent service times, for one applicant, a whole queue, or a new
arrival at each stage. Each in a fixed number of queries, whatever the queue's length.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber

from satpas import memo
from satpas.calendar import OfficeCalendar
from satpas.selectors import office_calendar
from service_timing.clock import counted_seconds
from service_timing.models import (
    Journey,
    Pause,
    ServicePoint,
    ServiceStandard,
    StageAllowance,
    StageRecord,
)
from service_timing.priority import calls_before
from service_timing.selectors.counter import counter_policy, held_by_pause
from service_timing.wait import StageEstimate, StageLoad, estimate_route, median, office_moment

# The recent pace of a counter: its last services today (its own median from this many on;
# with fewer it works at the stage's pace).
RECENT_SERVICES = 10
OWN_PACE_FROM = 3
# The display polls every few seconds; its estimates are worked out at most this often.
ARRIVAL_CACHE_SECONDS = 10


def queue_order() -> tuple[str, ...]:
    """Arrival order among those waiting for a stage, the one place the estimate reads it
    from: a field name per key, "-" for descending. Call-next follows it except where the
    unit's priority policy lets a priority applicant go first (`priority.calls_before`)."""
    return ("ready_since", "pk")


def in_queue(unit_id: int, stage_code: str) -> QuerySet[Journey]:
    """Who call-next picks from at a stage: waiting, not absent, not held by a pause."""
    return Journey.objects.filter(
        unit_id=unit_id, current_stage_id=stage_code, state=Journey.State.WAITING
    ).exclude(held_by_pause())


def ahead_of(journey: Journey) -> Q:
    """Those before `journey` in `queue_order()`: first key before it, or equal and the next
    key before it, and so on."""
    ahead = Q(pk__in=[])
    equal = Q()
    for key in queue_order():
        name = key.lstrip("-")
        value = getattr(journey, name)
        before = Q(**{f"{name}__gt" if key.startswith("-") else f"{name}__lt": value})
        ahead |= equal & before
        equal &= Q(**{name: value})
    return ahead


@dataclass(frozen=True)
class Pace:
    """The open counters of one stage and their recent service minutes."""

    # One entry per open counter: its own recent median, or None (too few services today).
    counters: tuple[float | None, ...]
    # The stage's median over its recent services at all its counters (None: none today).
    recent_minutes: float | None


def pace_by_stage(
    unit_id: int,
    *,
    day: dt.date,
    now: dt.datetime,
    calendar: OfficeCalendar | None = None,
    open_points: Iterable[tuple[int, str]] | None = None,
) -> dict[str, Pace]:
    """Each stage's pace now (two queries: the counters open now, unless given as (counter,
    stage) pairs, and each counter's last services of the day). Service time is counted in
    office minutes, as the service clock counts it."""
    calendar = calendar or office_calendar(unit_id)
    if open_points is None:
        open_points = (
            ServicePoint.objects.filter(
                unit_id=unit_id, is_active=True, state=ServicePoint.State.OPEN
            )
            .order_by()
            .values_list("pk", "stage_id")
        )
    samples: dict[int, list[float]] = defaultdict(list)
    by_stage: dict[str, list[float]] = defaultdict(list)
    for point_id, stage_id, started, finished in _recent_services(unit_id, day, now):
        if started is None or finished is None:
            continue
        minutes = counted_seconds(started, finished, calendar) / 60
        samples[point_id].append(minutes)
        by_stage[stage_id].append(minutes)
    counters: dict[str, list[float | None]] = defaultdict(list)
    for point_id, stage_id in open_points:
        own = samples.get(point_id, [])
        counters[stage_id].append(median(own) if len(own) >= OWN_PACE_FROM else None)
    return {
        code: Pace(tuple(counters.get(code, ())), median(by_stage.get(code, [])))
        for code in {*counters, *by_stage}
    }


def _recent_services(
    unit_id: int, day: dt.date, now: dt.datetime
) -> list[tuple[int, str, dt.datetime | None, dt.datetime | None]]:
    """Each counter's last services finished today by `now` (one query; both times are
    set, the types cannot say so)."""
    return list(
        StageRecord.objects.filter(
            application__unit_id=unit_id,
            application__service_date=day,
            service_point__isnull=False,
            started_at__isnull=False,
            finished_at__lte=now,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("service_point_id")],
                order_by=[F("finished_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=RECENT_SERVICES)
        .order_by()
        .values_list("service_point_id", "stage_id", "started_at", "finished_at")
    )


def _load(code: str, pace: Pace | None, allowance: int | None, ahead: int = 0) -> StageLoad:
    return StageLoad(
        code,
        ahead=ahead,
        counters=pace.counters if pace else (),
        recent_minutes=pace.recent_minutes if pace else None,
        allowance_minutes=allowance,
    )


def _remaining(journey: Journey, paces: dict[str, Pace], ahead: int) -> list[StageLoad]:
    return [
        _load(step["code"], paces.get(step["code"]), step.get("allowance"), ahead if i == 0 else 0)
        for i, step in enumerate(journey.route[journey.current_index :])
    ]


def application_wait(
    journey: Journey,
    *,
    now: dt.datetime,
    pauses: Sequence[Pause] | None = None,
) -> dict[str, StageEstimate]:
    """One applicant's estimate per stage still ahead, by stage code (empty: none to give,
    because they are done, absent or held by a supervisor's pause). At most three queries,
    the pauses' when they are not given."""
    if journey.state in (Journey.State.DONE, Journey.State.ABSENT) or not journey.route:
        return {}
    if pauses is None:
        pauses = (
            list(Pause.objects.filter(application_id=journey.pk)) if journey.pause_count else []
        )
    if any(p.ended_at is None and not p.no_show for p in pauses):
        return {}
    called = journey.state != Journey.State.WAITING
    ahead = 0
    if not called and journey.current_stage_id:
        before = ahead_of(journey)
        counts = (
            in_queue(journey.unit_id, journey.current_stage_id)
            .order_by()
            .aggregate(
                ahead=Count("pk", filter=before),
                priority_ahead=Count("pk", filter=before & Q(priority=True)),
                priority_behind=Count("pk", filter=~before & ~Q(pk=journey.pk) & Q(priority=True)),
            )
        )
        ahead = calls_before(
            **counts,
            priority=journey.priority,
            every=counter_policy(journey.unit_id).priority_turn_every,
        )
    paces = pace_by_stage(journey.unit_id, day=journey.service_date, now=now)
    estimates = estimate_route(_remaining(journey, paces, ahead), called=called)
    return {estimate.code: estimate for estimate in estimates}


@dataclass(frozen=True)
class QueuedWait:
    pk: int
    queue_number: str
    ahead: int
    estimate: StageEstimate


def queue_waits(
    unit_id: int, stage_code: str, *, day: dt.date, now: dt.datetime
) -> list[QueuedWait]:
    """Everyone in a stage's queue, in arrival order, with their wait there as the unit's
    priority policy orders the calls (three
    queries: the queue, the open counters, the recent services)."""
    rows = list(
        in_queue(unit_id, stage_code)
        .order_by(*queue_order())
        .values_list("pk", "application__queue_number", "route", "priority")
    )
    pace = pace_by_stage(unit_id, day=day, now=now).get(stage_code)
    every = counter_policy(unit_id).priority_turn_every
    priority_total = sum(1 for row in rows if row[3])
    priority_ahead = 0
    waits = []
    for position, (pk, queue_number, route, priority) in enumerate(rows):
        ahead = calls_before(
            ahead=position,
            priority_ahead=priority_ahead,
            priority_behind=priority_total - priority_ahead - priority,
            priority=priority,
            every=every,
        )
        priority_ahead += priority
        allowance = next((s.get("allowance") for s in route if s["code"] == stage_code), None)
        (estimate,) = estimate_route([_load(stage_code, pace, allowance, ahead)])
        waits.append(QueuedWait(pk, queue_number, ahead, estimate))
    return waits


def arrival_waits(
    unit_id: int,
    *,
    day: dt.date,
    now: dt.datetime,
    open_points: Iterable[tuple[int, str]] | None = None,
) -> dict[str, StageEstimate]:
    """Per stage, the wait of someone who joins its queue now (four queries, three when the
    open counters are given; without recent services, the largest allowance of the stage in
    the standards in force today)."""
    ahead = dict(
        Journey.objects.filter(unit_id=unit_id, state=Journey.State.WAITING)
        .exclude(current_stage__isnull=True)
        .exclude(held_by_pause())
        .order_by()
        .values("current_stage")
        .annotate(count=Count("pk"))
        .values_list("current_stage", "count")
    )
    paces = pace_by_stage(unit_id, day=day, now=now, open_points=open_points)
    allowances = allowances_in_force(unit_id, day)
    codes = {*paces, *ahead, *allowances}
    return {
        code: estimate_route(
            [_load(code, paces.get(code), allowances.get(code), ahead.get(code, 0))]
        )[0]
        for code in codes
    }


def cached_arrival_waits(
    unit_id: int, *, day: dt.date, now: dt.datetime, open_points: Iterable[tuple[int, str]]
) -> dict[str, StageEstimate]:
    """`arrival_waits`, worked out at most every few seconds per unit (the display polls);
    a counter that opens or closes, or another day, is seen at once."""
    points = sorted(open_points)
    key = f"service_timing:arrival_waits:{unit_id}"

    def load() -> tuple[dt.date, list[tuple[int, str]], dict[str, StageEstimate]]:
        return day, points, arrival_waits(unit_id, day=day, now=now, open_points=points)

    remembered = memo.remember(key, ARRIVAL_CACHE_SECONDS, load)
    if remembered[:2] != (day, points):
        memo.discard(key)
        remembered = memo.remember(key, ARRIVAL_CACHE_SECONDS, load)
    return remembered[2]


def allowances_in_force(unit_id: int, day: dt.date) -> dict[str, int]:
    """Each stage's largest allowance among the unit's standards in force on `day` (one
    query): the cautious service time for someone whose application type is not known."""
    latest = (
        ServiceStandard.objects.filter(
            unit_id=OuterRef("standard__unit_id"),
            application_type=OuterRef("standard__application_type"),
            effective_from__lte=day,
        )
        .order_by("-effective_from")
        .values("pk")[:1]
    )
    largest: dict[str, int] = {}
    for code, minutes in (
        StageAllowance.objects.filter(standard__unit_id=unit_id, standard__effective_from__lte=day)
        .filter(standard_id=Subquery(latest))
        .values_list("stage_id", "minutes")
    ):
        largest[code] = max(minutes, largest.get(code, 0))
    return largest


def called_around(
    unit_id: int, estimate: StageEstimate | None, *, now: dt.datetime
) -> dt.datetime | None:
    """The clock time an estimate points at, on the unit's calendar (breaks and closed days
    stepped over); None without an estimate."""
    if estimate is None or estimate.minutes is None:
        return None
    return office_moment(now, estimate.minutes, office_calendar(unit_id))
