"""One open day of a generated unit: applications walked through their stages, their
surveys and complaints, and the day's roster."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from applicants.models import QUEUE_PREFIX, Application, Channel, SimClass
from demo.generate.cast import UnitCast
from demo.generate.people import compensate, roster
from demo.generate.writers import Writers
from demo.mix import (
    CLASS_MIX,
    FAIL_RATE,
    FIRST_NAMES,
    LAST_NAMES,
    SERVICE_MINUTES,
    TYPE_MIX,
    T,
    current_sim,
    open_moment,
    pick,
)
from service_timing.clock import StageSpan, read_clock
from service_timing.models import Journey, StageRecord
from service_timing.selectors import route_steps, standard_in_force

SURVEY_SHARE = 0.3
COMPLAINT_SHARE = 0.004


def simulate_day(
    cast: UnitCast, day: dt.date, per_day: int, rng: random.Random, w: Writers
) -> None:
    calendar = cast.calendar
    zone: ZoneInfo = calendar.zone
    opens, closes = calendar.hours[day.weekday()]
    count = max(1, round(per_day * (0.5 if day.weekday() == 5 else 1.0) * rng.uniform(0.85, 1.15)))
    first = dt.datetime.combine(day, opens, tzinfo=zone)
    last = dt.datetime.combine(day, closes, tzinfo=zone) - dt.timedelta(minutes=150)
    span = max(60.0, (last - first).total_seconds())
    moments = sorted(first + dt.timedelta(seconds=rng.random() ** 1.4 * span) for _ in range(count))
    sequences: dict[str, int] = {}
    for moment in moments:
        _application(cast, day, moment, rng, w, sequences)
    for prefix, last_number in sequences.items():
        w.counters.add((cast.unit.pk, day, prefix, last_number))
    roster(cast, day, rng, w)


def _route(
    cast: UnitCast, application_type: str, sim_class: str, day: dt.date
) -> tuple[list[dict], Any]:
    key = (application_type, sim_class in SimClass.umum())
    if key not in cast.routes:
        standard = standard_in_force(cast.unit, application_type, day)
        if standard is None:  # every generated unit has every type's standard (demo.generate)
            raise ValueError(f"no service standard for {application_type} on {day}")
        allowances = {a.stage_id: a.minutes for a in standard.allowances.all()}
        route = [
            {
                "code": s.stage_id,
                "allowance": allowances.get(s.stage_id),
                "is_test": s.stage.is_test,
            }
            for s in route_steps(cast.unit, application_type, sim_class)
        ]
        cast.routes[key] = (route, standard)
    return cast.routes[key]


def _application(
    cast: UnitCast,
    day: dt.date,
    registered_at: dt.datetime,
    rng: random.Random,
    w: Writers,
    sequences: dict[str, int],
) -> None:
    application_type = pick(rng, TYPE_MIX)
    sim_class = pick(rng, CLASS_MIX.get(application_type, CLASS_MIX[T.PERPANJANGAN]))
    route, standard = _route(cast, application_type, sim_class, day)
    applicant_id = w.applicants.new_id()
    minimum = 23 if sim_class in SimClass.umum() else 20
    birth = day - dt.timedelta(days=rng.randint(minimum * 366, 58 * 365))
    female = rng.random() < 0.38
    head = f"2172{rng.randint(1, 4):02d}{birth.day + (40 if female else 0):02d}{birth.month:02d}{birth.year % 100:02d}"
    serial = applicant_id % 9999 + 1
    while f"{head}{serial:04d}" in cast.niks:  # the next free serial, as Dukcapil would give
        serial = serial % 9999 + 1
    nik = f"{head}{serial:04d}"
    cast.niks.add(nik)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    w.applicants.add(
        (applicant_id, cast.unit.pk, nik, name, birth, "P" if female else "L", "", registered_at)
    )
    prefix = QUEUE_PREFIX[application_type]
    sequences[prefix] = sequences.get(prefix, 0) + 1
    current_class, issued = current_sim(application_type, sim_class, day, rng)
    application_id = w.applications.new_id()

    records, spans, status, closed_at, note = _walk(cast, route, registered_at, rng)
    reading = read_clock(
        registered_at=registered_at,
        now=closed_at,
        closed_at=closed_at,
        calendar=cast.calendar,
        standard_minutes=standard.minutes,
        threshold_percent=standard.warning_percent,
        stages=spans,
    )
    breached = status == Application.Status.COMPLETED and reading.elapsed_minutes > standard.minutes
    w.applications.add(
        (
            application_id,
            cast.unit.pk,
            applicant_id,
            application_type,
            sim_class,
            current_class,
            issued,
            day,
            f"{prefix}-{sequences[prefix]:03d}",
            f"{rng.getrandbits(128):032x}",
            registered_at,
            cast.registrar.pk,
            Channel.COUNTER,
            status,
            closed_at,
            note,
            "",
            reading.elapsed_minutes,
            standard.minutes,
            Application.Compensation.SETTLED if breached else "",
            "",  # priority: the volume data is about time and scale, not the queue order
            "",
        )
    )
    w.journeys.add(
        (
            application_id,
            cast.unit.pk,
            day,
            standard.pk,
            standard.minutes,
            standard.warning_percent,
            route,
            len(route),
            None,
            Journey.State.DONE,
            closed_at,
            0,
            closed_at,
            0,  # missed calls: the generated applicants always came
            False,  # no priority
        )
    )
    for code, point, user, called, started, finished, outcome in records:
        w.records.add(
            (
                w.records.new_id(),
                application_id,
                code,
                point,
                user,
                called,
                started,
                finished,
                outcome,
                called,
                1,  # called once
            )
        )
    if breached:
        compensate(cast, application_id, reading, records, closed_at, rng, w)
    if status == Application.Status.COMPLETED and rng.random() < SURVEY_SHARE:
        scores = [min(4, max(1, round(rng.gauss(3.4, 0.55)))) for _ in range(9)]
        w.surveys.add(
            (
                cast.unit.pk,
                application_id,
                closed_at + dt.timedelta(minutes=rng.randint(1, 30)),
                "QR",
                *scores,
                "",
            )
        )
    if rng.random() < COMPLAINT_SHARE:
        w.complaints.add(
            (
                cast.unit.pk,
                application_id,
                "COUNTER",
                "",
                closed_at,
                "Antrean di loket terlalu lama.",
                "DONE",
                False,
                closed_at + dt.timedelta(days=2),
                cast.supervisor.pk,
            )
        )


def _walk(
    cast: UnitCast, route: list[dict], registered_at: dt.datetime, rng: random.Random
) -> tuple[list[tuple], list[StageSpan], str, dt.datetime, str]:
    """The stages as drawn: waits, service times, a slow stage now and then, failed tests."""
    cursor = registered_at
    slow = rng.random() < 0.16
    slow_stage = rng.randrange(len(route))
    records, spans = [], []
    for index, step in enumerate(route):
        code = step["code"]
        allowance = step.get("allowance") or 10
        wait = rng.uniform(0.1, 0.5) * allowance + (
            rng.uniform(20, 70) if slow and index == slow_stage else 0
        )
        typical = SERVICE_MINUTES.get(code, 5)
        service = max(1.0, rng.gauss(typical, typical / 4))
        called = open_moment(cast.calendar, cursor + dt.timedelta(minutes=wait))
        started = called + dt.timedelta(minutes=rng.uniform(0.3, 1.5))
        finished = started + dt.timedelta(minutes=service)
        user, _officer = rng.choice(cast.servers[code])
        outcome = ""
        if step["is_test"]:
            outcome = (
                StageRecord.Outcome.FAILED
                if rng.random() < FAIL_RATE.get(code, 0.05)
                else StageRecord.Outcome.PASSED
            )
        records.append((code, cast.points[code].pk, user.pk, called, started, finished, outcome))
        spans.append(StageSpan(code, step.get("allowance"), started, finished))
        cursor = finished
        if outcome == StageRecord.Outcome.FAILED:
            spans.extend(StageSpan(s["code"], s.get("allowance")) for s in route[index + 1 :])
            return (
                records,
                spans,
                Application.Status.NOT_PASSED,
                finished,
                f"Tidak lulus {code.lower()}",
            )
    return records, spans, Application.Status.COMPLETED, cursor, ""
