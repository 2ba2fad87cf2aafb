"""Counter capacity: minutes a counter was not open while applicants waited for its stage.

A counter on a break or closed while nobody waits costs nothing; while applicants wait it is
queue capacity the unit chose not to give (the unit's matter, never an officer's finding).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery

from satpas.calendar import Interval, merge, overlap_seconds
from satpas.models import Unit
from satpas.selectors import office_calendar
from service_timing.models import CounterStateChange, Journey, ServicePoint, StageRecord


@dataclass(frozen=True)
class ClosedWhileWaiting:
    point_id: int
    day: dt.date
    # Minutes by state (ServicePoint.State.BREAK / CLOSED) while someone waited for the stage.
    break_minutes: int
    closed_minutes: int


def closed_while_waiting(
    unit: Unit, *, first: dt.date, last: dt.date, now: dt.datetime
) -> list[ClosedWhileWaiting]:
    """Per counter and office day from `first` to `last`: minutes on a break and minutes
    closed while at least one applicant waited for that counter's stage (a fixed number of
    queries: counters, state changes, journeys with their records)."""
    zone = office_calendar(unit).zone
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = min(dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone), now)
    if end <= start:
        return []
    points = list(
        ServicePoint.objects.filter(unit=unit).annotate(
            state_before=Subquery(
                CounterStateChange.objects.filter(
                    service_point=OuterRef("pk"), changed_at__lt=start
                )
                .order_by("-changed_at", "-pk")
                .values("state")[:1]
            )
        )
    )
    changes: dict[int, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for point_id, at, state in (
        CounterStateChange.objects.filter(
            service_point__unit=unit, changed_at__gte=start, changed_at__lt=end
        )
        .order_by("changed_at", "pk")
        .values_list("service_point_id", "changed_at", "state")
    ):
        changes[point_id].append((at, state))
    waiting = _waiting_by_stage(unit, start, end, now)
    rows = []
    for point in points:
        before = point.state_before or ServicePoint.State.OPEN  # no change yet: open
        not_open = _not_open(before, changes[point.pk], start, end)
        queue = waiting.get(point.stage_id, [])
        day = first
        while day <= last:
            window = (
                max(start, dt.datetime.combine(day, dt.time(), tzinfo=zone)),
                min(end, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)),
            )
            minutes = {
                state: int(_overlap(queue, periods, window) // 60)
                for state, periods in not_open.items()
            }
            if any(minutes.values()):
                rows.append(
                    ClosedWhileWaiting(
                        point_id=point.pk,
                        day=day,
                        break_minutes=minutes.get(ServicePoint.State.BREAK, 0),
                        closed_minutes=minutes.get(ServicePoint.State.CLOSED, 0),
                    )
                )
            day += dt.timedelta(days=1)
    return rows


def _overlap(queue: list[Interval], periods: list[Interval], window: Interval) -> float:
    """Seconds of `periods` inside `window` during which someone was in the queue."""
    total = 0.0
    for a, b in periods:
        a, b = max(a, window[0]), min(b, window[1])
        if b > a:
            total += overlap_seconds(queue, (a, b))
    return total


def _not_open(
    state: str, changes: list[tuple[dt.datetime, str]], start: dt.datetime, end: dt.datetime
) -> dict[str, list[Interval]]:
    """The counter's periods on a break and closed between start and end."""
    periods: dict[str, list[Interval]] = defaultdict(list)
    since = start
    for at, new_state in [*changes, (end, "")]:
        if state != ServicePoint.State.OPEN and at > since:
            periods[state].append((since, at))
        state, since = new_state, at
    return periods


def _waiting_by_stage(
    unit: Unit, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> dict[str, list[Interval]]:
    """When applicants waited for each stage (merged): from the previous stage's end (or
    registration) to their call, or to now while they still wait."""
    journeys = (
        Journey.objects.filter(
            unit=unit,
            application__registered_at__lt=end,
            service_date__gte=(start - dt.timedelta(days=1)).date(),
        )
        .select_related("application")
        .prefetch_related(
            Prefetch(
                "application__stage_records",
                queryset=StageRecord.objects.only(
                    "application_id", "stage_id", "called_at", "started_at", "finished_at"
                ),
            )
        )
    )
    periods: dict[str, list[Interval]] = defaultdict(list)
    for journey in journeys:
        records = {r.stage_id: r for r in journey.application.stage_records.all()}
        ready: dt.datetime | None = journey.application.registered_at
        for index, code in enumerate(journey.stage_codes):
            if ready is None:
                break
            record = records.get(code)
            came = record and (record.called_at or record.started_at)
            if came:
                periods[code].append((ready, min(came, end)))
            elif index == journey.current_index and journey.state in (
                Journey.State.WAITING,
                Journey.State.ABSENT,
            ):
                periods[code].append((ready, min(now, end)))
            ready = record.finished_at if record else None
    return {code: merge(found) for code, found in periods.items()}
