"""Clock readings of one application: spans, the clock, outages, timeline and corrections."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from applicants.models import Application
from satpas.calendar import OfficeCalendar
from satpas.meta import model_field
from satpas.models import Unit, User
from satpas.selectors import office_calendar
from service_timing.clock import ClockReading, StageSpan, read_clock
from service_timing.models import (
    Journey,
    Pause,
    StageRecord,
    SystemOutage,
)
from service_timing.selectors.catalogue import stage_name


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
                        field=str(model_field(StageRecord, field).verbose_name),
                        old=getattr(previous, field),
                        new=getattr(row, field),
                        reason=row.history_change_reason,
                    )
                )
    corrections.sort(key=lambda c: c.when, reverse=True)
    return corrections
