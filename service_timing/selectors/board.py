"""The live board: readings of a day's applications, in board order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from applicants.models import Application, Priority, SimClass
from satpas.models import Unit
from satpas.selectors import office_calendar
from service_timing.clock import ClockReading, read_clock, state_of
from service_timing.models import (
    Journey,
    Pause,
)
from service_timing.selectors.catalogue import stages_by_code

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
    # The priority reason's label ("" for none).
    priority: str = ""

    @property
    def percent(self) -> int:
        return (
            round(100 * self.elapsed_minutes / self.standard_minutes)
            if self.standard_minutes
            else 100
        )


def pause_spans(
    application_ids: list[int],
) -> dict[int, list[tuple[dt.datetime, dt.datetime | None]]]:
    """(start, end) of each application's pauses, for the clock: one query, none without ids."""
    spans: dict[int, list[tuple[dt.datetime, dt.datetime | None]]] = {}
    if application_ids:
        for application_id, started, ended in Pause.objects.filter(
            application_id__in=application_ids
        ).values_list("application_id", "started_at", "ended_at"):
            spans.setdefault(application_id, []).append((started, ended))
    return spans


def board_rows(unit: Unit, *, now: dt.datetime, day: dt.date) -> list[BoardRow]:
    """Today's open applications, overdue and at-risk first (fixed number of queries).

    Read as plain values (no model instances: the board has hundreds of rows and refreshes
    every few seconds). The day's counted periods are worked out once; an application without
    pauses then needs only their overlap with its own span."""
    from applicants.models import ApplicationType

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
            "application__priority",
        )
    )
    pauses = pause_spans([row[0] for row in values if row[12]])
    calendar = office_calendar(unit)
    periods = calendar.day_periods(day)
    kinds, classes = dict(ApplicationType.choices), dict(SimClass.choices)
    priorities = {value: str(label) for value, label in Priority.choices if value}
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
        priority,
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
                priority=priorities.get(priority, ""),
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
