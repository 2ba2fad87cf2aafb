"""Supervisor alerts: today's open applications that turned at risk or overdue since a moment.

Nothing is stored when an application turns: the clock crosses a threshold at an instant that
follows from its registration, the opening hours, its pauses and its standard, so every poll
works the instant out again and returns the crossings that fall after the moment the client
last saw (the cursor) and no later than now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from applicants.models import Application
from satpas.models import Unit
from satpas.selectors import office_calendar
from service_timing.clock import (
    ClockState,
    at_risk_seconds,
    counted_course,
    crossing_instant,
    overdue_seconds,
)
from service_timing.models import Journey
from service_timing.selectors.board import pause_spans
from service_timing.selectors.catalogue import stages_by_code


@dataclass(frozen=True)
class Alert:
    """One application that turned at risk or overdue, with what the board shows of it."""

    pk: int
    queue_number: str
    state: str  # ClockState.AT_RISK or ClockState.OVERDUE
    turned_at: dt.datetime
    stage: str
    point_number: int | None
    elapsed_minutes: int
    standard_minutes: int

    @property
    def key(self) -> str:
        """Names the alert, not the poll: the client remembers it so that it shows once."""
        return f"{self.pk}-{self.state}"


def turned_alerts(unit: Unit, *, since: dt.datetime, now: dt.datetime, day: dt.date) -> list[Alert]:
    """The day's open applications whose clock turned at risk or overdue in (since, now].

    An application that crossed both thresholds in the window is returned once, as overdue.
    A fixed number of queries, as the board: the journeys, their pauses (only when some have
    any), and the cached calendar and stages."""
    values = list(
        Journey.objects.filter(
            unit=unit, service_date=day, application__status=Application.Status.OPEN
        )
        .order_by("application__registered_at")
        .values_list(
            "application_id",
            "application__queue_number",
            "application__registered_at",
            "current_stage_id",
            "current_point__number",
            "standard_minutes",
            "warning_percent",
            "pause_count",
        )
    )
    pauses = pause_spans([row[0] for row in values if row[7]])
    periods = office_calendar(unit).day_periods(day)
    stage_names = {code: stage.name for code, stage in stages_by_code().items()}
    alerts = []
    for pk, queue, registered, stage, point, standard, warning, _count in values:
        risk, overdue = at_risk_seconds(standard, warning), overdue_seconds(standard)
        # Counted time never runs faster than the wall clock: an application registered
        # less than its first threshold ago cannot have crossed it (most of a morning's queue).
        if (now - registered).total_seconds() < min(risk, overdue):
            continue
        course = counted_course(
            start=registered, now=now, periods=periods, pauses=pauses.get(pk, [])
        )
        thresholds = [(ClockState.OVERDUE, overdue)]
        if risk < overdue:  # a threshold at the standard itself: overdue says it all
            thresholds.append((ClockState.AT_RISK, risk))
        for state, target in thresholds:
            instant = crossing_instant(course, target)
            if instant is None:
                continue
            if instant > since:
                alerts.append(
                    Alert(
                        pk=pk,
                        queue_number=queue,
                        state=str(state),
                        turned_at=instant,
                        stage=stage_names.get(stage, stage or ""),
                        point_number=point,
                        elapsed_minutes=int(sum((b - a).total_seconds() for a, b in course) // 60),
                        standard_minutes=standard,
                    )
                )
            # The worse threshold crossed (in the window or before it): the milder one is old news.
            break
    alerts.sort(key=lambda alert: alert.turned_at)
    return alerts
