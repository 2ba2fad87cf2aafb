"""Reads of the service timing: standards, routes, and clock readings."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from applicants.models import Application, SimClass
from satpas import memo
from satpas.calendar import OfficeCalendar
from satpas.models import Unit, User
from satpas.selectors import office_calendar
from service_timing.clock import ClockReading, StageSpan, read_clock, state_of
from service_timing.models import (
    Journey,
    Pause,
    RouteStep,
    ServicePoint,
    ServiceStandard,
    Stage,
    StageAllowance,
    StageRecord,
    SystemOutage,
)

STAGE_CACHE_KEY = "service_timing:stages"
STAGE_CACHE_SECONDS = 300


def stages_by_code() -> dict[str, Stage]:
    """The stage catalogue (cached; a save clears it in this process)."""
    return memo.remember(
        STAGE_CACHE_KEY, STAGE_CACHE_SECONDS, lambda: {s.code: s for s in Stage.objects.all()}
    )


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


def version_would_change_judged_days(
    unit: Unit, application_type: str, effective_from: dt.date
) -> bool:
    """A new version from this day would change the standard of applications already made."""
    return Journey.objects.filter(
        unit=unit, application__application_type=application_type, service_date__gte=effective_from
    ).exists()


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


# --- pages ------------------------------------------------------------------------------

ACTIVE_STATES = (Journey.State.CALLED, Journey.State.IN_SERVICE)
STATE_ORDER = {"overdue": 0, "at_risk": 1, "on_track": 2, "breached": 3, "met": 4}


def elapsed_reading(
    journey: Journey, *, now: dt.datetime, pauses: Iterable[Pause] | None = None
) -> ClockReading:
    """The clock without per-stage detail: needs no stage records."""
    application = journey.application
    if pauses is None:
        pauses = Pause.objects.filter(application_id=journey.pk) if journey.pause_count else []
    return read_clock(
        registered_at=application.registered_at,
        now=now,
        closed_at=application.closed_at,
        calendar=office_calendar(journey.unit_id),
        standard_minutes=journey.standard_minutes,
        threshold_percent=journey.warning_percent,
        pauses=[(p.started_at, p.ended_at) for p in pauses],
    )


def _pauses_by_application(journeys: list[Journey]) -> dict[int, list[Pause]]:
    ids = [j.pk for j in journeys if j.pause_count]
    grouped: dict[int, list[Pause]] = {}
    if ids:
        for pause in Pause.objects.filter(application_id__in=ids):
            grouped.setdefault(pause.application_id, []).append(pause)
    return grouped


@dataclass(frozen=True)
class BoardRow:
    """One line of the live board, with everything it shows already worked out."""

    pk: int
    queue_number: str
    kind: str
    sim_class: str
    stage: str
    journey_state: str
    point_number: int | None
    ready_since: dt.datetime
    elapsed_minutes: int
    standard_minutes: int
    state: str
    compensation_due: bool

    @property
    def percent(self) -> int:
        return (
            round(100 * self.elapsed_minutes / self.standard_minutes)
            if self.standard_minutes
            else 100
        )


def board_rows(unit: Unit, *, now: dt.datetime, day: dt.date) -> list[BoardRow]:
    """Today's open applications, overdue and at-risk first (fixed number of queries).

    Read as plain values (no model instances: the board has hundreds of rows and refreshes
    every few seconds). The day's counted periods are worked out once; an application without
    pauses then needs only their overlap with its own span."""
    from applicants.models import ApplicationType, SimClass

    values = list(
        Journey.objects.filter(
            unit=unit, service_date=day, application__status=Application.Status.OPEN
        )
        .order_by("application__registered_at")
        .values_list(
            "application_id",
            "application__queue_number",
            "application__application_type",
            "application__sim_class",
            "application__registered_at",
            "application__compensation_state",
            "current_stage_id",
            "state",
            "current_point__number",
            "ready_since",
            "standard_minutes",
            "warning_percent",
            "pause_count",
        )
    )
    paused = [row[0] for row in values if row[12]]
    pauses: dict[int, list[tuple[dt.datetime, dt.datetime | None]]] = {}
    if paused:
        for application_id, started, ended in Pause.objects.filter(
            application_id__in=paused
        ).values_list("application_id", "started_at", "ended_at"):
            pauses.setdefault(application_id, []).append((started, ended))
    calendar = office_calendar(unit)
    periods = calendar.day_periods(day)
    kinds, classes = dict(ApplicationType.choices), dict(SimClass.choices)
    states = {value: str(label) for value, label in Journey.State.choices}
    stage_names = {code: stage.name for code, stage in stages_by_code().items()}
    rows = []
    for (
        pk,
        queue,
        kind,
        sim,
        registered,
        compensation,
        stage,
        state,
        point,
        ready,
        standard,
        warning,
        pause_count,
    ) in values:
        if pause_count:
            elapsed = read_clock(
                registered_at=registered,
                now=now,
                calendar=calendar,
                standard_minutes=standard,
                pauses=pauses.get(pk, []),
            ).elapsed_minutes
        else:
            seconds = sum(
                max(0.0, (min(b, now) - max(a, registered)).total_seconds()) for a, b in periods
            )
            elapsed = int(seconds // 60)
        rows.append(
            BoardRow(
                pk=pk,
                queue_number=queue,
                kind=str(kinds[kind]),
                sim_class=str(classes[sim]),
                stage=stage_names.get(stage, stage or ""),
                journey_state=states[state],
                point_number=point,
                ready_since=ready,
                elapsed_minutes=elapsed,
                standard_minutes=standard,
                state=state_of(elapsed, standard, warning, closed=False),
                compensation_due=compensation == Application.Compensation.DUE,
            )
        )
    rows.sort(key=lambda r: (STATE_ORDER[r.state], -r.percent))
    return rows


def closed_with_compensation_due(unit: Unit) -> list[Application]:
    """Closed applications whose compensation is still owed: they stay on the board."""
    return list(
        Application.objects.filter(unit=unit, compensation_state=Application.Compensation.DUE)
        .exclude(status=Application.Status.OPEN)
        .order_by("closed_at")[:50]
    )


def stale_open_count(unit: Unit, *, day: dt.date) -> int:
    """Applications of earlier days never closed (the board warns about them)."""
    return Application.objects.filter(
        unit=unit, status=Application.Status.OPEN, service_date__lt=day
    ).count()


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


@dataclass(frozen=True)
class Timeline:
    journey: Journey
    reading: ClockReading
    records: dict[str, StageRecord]
    pauses: list[Pause]

    def steps(self) -> list[dict]:
        timings = {t.code: t for t in self.reading.stages}
        return [
            {
                "code": step["code"],
                "name": stage_name(step["code"]),
                "is_test": step["is_test"],
                "allowance": step.get("allowance"),
                "record": self.records.get(step["code"]),
                "timing": timings.get(step["code"]),
                "is_current": index == self.journey.current_index
                and self.journey.state != Journey.State.DONE,
                "is_done": bool(
                    self.records.get(step["code"]) and self.records[step["code"]].finished_at
                ),
            }
            for index, step in enumerate(self.journey.route)
        ]


def timeline(application: Application, *, now: dt.datetime, with_outages: bool = False) -> Timeline:
    journey = Journey.objects.select_related(
        "application__applicant", "current_point", "unit", "standard"
    ).get(pk=application.pk)
    records = list(
        StageRecord.objects.filter(application_id=application.pk).select_related(
            "service_point", "served_by"
        )
    )
    pauses = list(Pause.objects.filter(application_id=application.pk).select_related("recorded_by"))
    outages = (
        list(outages_between(journey.unit, application.registered_at, application.closed_at or now))
        if with_outages
        else None
    )
    reading = clock_for(journey, now=now, records=records, pauses=pauses, outages=outages)
    return Timeline(journey, reading, {r.stage_id: r for r in records}, pauses)


@dataclass(frozen=True)
class Correction:
    """One supervisor's correction of a stage timestamp: what it was, what it became, why."""

    when: dt.datetime
    user: User | None
    stage_code: str
    field: str
    old: dt.datetime | None
    new: dt.datetime | None
    reason: str


CORRECTED_FIELDS = ("called_at", "started_at", "finished_at")


def corrections_of(application: Application) -> list[Correction]:
    """The timestamp corrections of an application, newest first (one query).

    Counter events write history rows too, without a reason; a correction always carries
    the supervisor's reason, and its old value is the record's previous history row."""
    rows = list(
        StageRecord.history.filter(application_id=application.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    corrections: list[Correction] = []
    for previous, row in itertools.pairwise(rows):
        if row.id != previous.id or not (row.history_change_reason or "").strip():
            continue
        for field in CORRECTED_FIELDS:
            if getattr(previous, field) != getattr(row, field):
                corrections.append(
                    Correction(
                        when=row.history_date,
                        user=row.history_user,
                        stage_code=row.stage_id,
                        field=str(StageRecord._meta.get_field(field).verbose_name),
                        old=getattr(previous, field),
                        new=getattr(row, field),
                        reason=row.history_change_reason,
                    )
                )
    corrections.sort(key=lambda c: c.when, reverse=True)
    return corrections


def route_position() -> Subquery:
    """For a StageAllowance row: its stage's position in its standard's route (for ordering)."""
    return Subquery(
        RouteStep.objects.filter(
            unit=OuterRef("standard__unit"),
            application_type=OuterRef("standard__application_type"),
            stage=OuterRef("stage"),
        ).values("position")[:1]
    )


def allowances_in_route_order(allowances: QuerySet[StageAllowance]) -> QuerySet[StageAllowance]:
    return allowances.annotate(route_position=route_position()).order_by(
        "route_position", "stage_id"
    )


def stage_order(unit: Unit) -> dict[str, int]:
    """The unit's stages in the order applicants meet them (one query): the longest route
    sets the order and a stage met only on another route follows its predecessor there."""
    routes: dict[str, list[str]] = {}
    for application_type, code in (
        RouteStep.objects.filter(unit=unit)
        .order_by("application_type", "position")
        .values_list("application_type", "stage_id")
    ):
        routes.setdefault(application_type, []).append(code)
    order: list[str] = []
    for route in sorted(routes.values(), key=len, reverse=True):
        for index, code in enumerate(route):
            if code in order:
                continue
            before = route[index - 1] if index else None
            order.insert(order.index(before) + 1 if before in order else len(order), code)
    return {code: index for index, code in enumerate(order)}
