"""Demo history: 30 days of a busy Satpas and today's applicants in progress.

About 150 applications a working day in the real mix of types; stage times drawn so that most
applications meet the standard and some do not; a share of failed tests. Written with bulk
inserts (and their history rows) so that `make run` stays quick. Idempotent: days that already
have applications are left alone.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from applicants.models import (
    ELDERLY_FROM_AGE,
    QUEUE_PREFIX,
    Applicant,
    Application,
    Priority,
    QueueCounter,
    SimClass,
)
from applicants.nik import age_on
from demo.held_sims import record_handed_over
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
from satpas.calendar import OfficeCalendar
from satpas.models import Unit, User
from satpas.roles import Role
from satpas.selectors import office_calendar
from service_timing.clock import read_clock
from service_timing.models import Journey, ServicePoint, ServiceStandard, StageRecord
from service_timing.selectors import route_steps, standard_in_force

HISTORY_DAYS = 30
PER_DAY = 150
# Seeding before opening: today's applicants arrived within this time before now.
EARLY_ARRIVAL_MINUTES = 45


@dataclass
class _Plan:
    """One application as simulated, before it is written."""

    application: Application
    route: list[dict]
    standard: ServiceStandard
    records: list[StageRecord] = field(default_factory=list)
    journey_state: str = Journey.State.DONE
    current_index: int = 0
    ready_since: dt.datetime | None = None


def seed_history(
    *, unit: Unit, users: dict[Role, User], staff: list[User], today: dt.date, rng: random.Random
) -> str:
    calendar = office_calendar(unit)
    zone = ZoneInfo(unit.time_zone)
    now = timezone.now()
    points = {
        p.stage_id: p
        for p in ServicePoint.objects.filter(unit=unit, is_active=True).order_by("number")
    }
    servers = _servers(points, staff, users)
    seeded_days = set(
        Application.objects.filter(
            unit=unit, service_date__gte=today - dt.timedelta(days=HISTORY_DAYS)
        )
        .values_list("service_date", flat=True)
        .distinct()
    )
    made = 0
    with transaction.atomic():
        for offset in range(HISTORY_DAYS, -1, -1):
            day = today - dt.timedelta(days=offset)
            if day in seeded_days or not calendar.is_open_day(day):
                continue
            count = PER_DAY if day.weekday() < 5 else PER_DAY // 2
            until = now if day == today else None
            if until is not None:
                count = max(12, int(count * _share_of_day_passed(calendar, day, now)))
            made += _seed_day(
                unit, day, count, calendar, zone, points, servers, users[Role.OFFICER], rng, until
            )
    return f"service timing: {made} demo applications over {HISTORY_DAYS} days and today"


def _servers(
    points: dict[str, ServicePoint], staff: list[User], users: dict[Role, User]
) -> dict[str, list[User]]:
    """Who serves each stage: the counter staff spread over the stages."""
    people = staff or [users[Role.OFFICER]]
    return {
        code: [people[i % len(people)], people[(i + 3) % len(people)]]
        for i, code in enumerate(points)
    }


def _share_of_day_passed(calendar: OfficeCalendar, day: dt.date, now: dt.datetime) -> float:
    periods = calendar.day_periods(day)
    if not periods:
        return 0.0
    total = sum((b - a).total_seconds() for a, b in periods)
    passed = sum(max(0.0, (min(b, now) - a).total_seconds()) for a, b in periods)
    return passed / total if total else 0.0


def _seed_day(
    unit: Unit,
    day: dt.date,
    count: int,
    calendar: OfficeCalendar,
    zone: ZoneInfo,
    points: dict[str, ServicePoint],
    servers: dict[str, list[User]],
    registrar: User,
    rng: random.Random,
    until: dt.datetime | None,
) -> int:
    opens, closes = calendar.hours[day.weekday()]
    start = dt.datetime.combine(day, opens, tzinfo=zone)
    # Registration closes early enough for the slowest route to finish before the office does.
    last_registration = dt.datetime.combine(day, closes, tzinfo=zone) - dt.timedelta(minutes=150)
    if until is not None and until <= start:
        # Seeded before opening: today's applicants are the early ones queueing at the door,
        # registered before now, never at an opening time still to come.
        start = until - dt.timedelta(minutes=EARLY_ARRIVAL_MINUTES)
        last_registration = until
    elif until is not None:
        last_registration = min(last_registration, until)
    span = max(0.0, (last_registration - start).total_seconds())
    moments = sorted(start + dt.timedelta(seconds=rng.random() ** 1.4 * span) for _ in range(count))
    routes: dict[tuple[str, bool], tuple[list[dict], ServiceStandard]] = {}
    sequences: dict[str, int] = {}
    applicants: list[Applicant] = []
    plans: list[_Plan] = []
    for index, registered_at in enumerate(moments):
        application_type = pick(rng, TYPE_MIX)
        sim_class = pick(rng, CLASS_MIX.get(application_type, CLASS_MIX[T.PERPANJANGAN]))
        # Some renewals are elderly (they renew every five years for life), now and then an
        # expectant mother: the priority service shows on the board and at the counters.
        # Chosen by position, not drawn, so the rest of the demo stays the same.
        elderly = application_type == T.PERPANJANGAN and index % ELDERLY_EVERY == 5
        applicant = _applicant(unit, day, sim_class, index, rng, elderly=elderly)
        priority = _priority(applicant, day, index)
        applicants.append(applicant)
        prefix = QUEUE_PREFIX[application_type]
        sequences[prefix] = sequences.get(prefix, 0) + 1
        current_class, issued = current_sim(application_type, sim_class, day, rng)
        key = (application_type, sim_class in SimClass.umum())
        if key not in routes:
            routes[key] = _route(unit, application_type, sim_class, day)
        application = Application(
            unit=unit,
            application_type=application_type,
            sim_class=sim_class,
            current_sim_class=current_class,
            current_sim_issued_on=issued,
            service_date=day,
            queue_number=f"{prefix}-{sequences[prefix]:03d}",
            ticket_code=f"{rng.getrandbits(128):032x}",
            registered_at=registered_at,
            registered_by=registrar,
            priority=priority,
        )
        plans.append(_Plan(application, *routes[key]))
    _distinct_niks(unit, applicants)
    Applicant.objects.bulk_create(applicants)
    for plan, applicant in zip(plans, applicants, strict=True):
        plan.application.applicant = applicant
    desks = _desks(plans, servers, span / 60)
    _simulate_queue(plans, calendar, points, desks, rng, until)
    busy_points: set[int | None] = set()
    for plan in plans:
        # One applicant at a time per counter: extra "at the counter" ones wait instead.
        if plan.journey_state in (Journey.State.CALLED, Journey.State.IN_SERVICE):
            record = plan.records[-1]
            if record.service_point_id in busy_points:
                plan.records.pop()
                plan.journey_state = Journey.State.WAITING
            else:
                busy_points.add(record.service_point_id)
    bulk_create_with_history(
        [plan.application for plan in plans], Application, default_user=registrar
    )
    # The counters record the SIM they hand over (the renewal kiosk matches its number).
    record_handed_over([plan.application for plan in plans], registrar=registrar)
    for plan in plans:
        for record in plan.records:
            record.application_id = plan.application.pk
    records = [record for plan in plans for record in plan.records]
    bulk_create_with_history(records, StageRecord, default_user=registrar)
    journeys = []
    for plan in plans:
        app = plan.application
        active = plan.journey_state in (Journey.State.CALLED, Journey.State.IN_SERVICE)
        current = plan.records[-1] if active else None
        journeys.append(
            Journey(
                application=app,
                unit=unit,
                service_date=day,
                standard=plan.standard,
                standard_minutes=plan.standard.minutes,
                warning_percent=plan.standard.warning_percent,
                route=plan.route,
                current_index=plan.current_index,
                current_stage_id=None
                if plan.journey_state == Journey.State.DONE
                else plan.route[plan.current_index]["code"],
                state=plan.journey_state,
                ready_since=plan.ready_since or app.registered_at,
                current_point_id=current.service_point_id if current else None,
                called_at=current.called_at if current else None,
                current_record=current,
                priority=app.is_priority,
            )
        )
    Journey.objects.bulk_create(journeys)
    QueueCounter.objects.bulk_create(
        QueueCounter(unit=unit, service_date=day, prefix=prefix, last=last)
        for prefix, last in sequences.items()
    )
    return len(plans)


def _route(
    unit: Unit, application_type: str, sim_class: str, day: dt.date
) -> tuple[list[dict], ServiceStandard]:
    standard = standard_in_force(unit, application_type, day)
    if standard is None:  # the demo office sets every type's standard first (demo.office)
        raise ValueError(f"no service standard for {application_type} on {day}")
    allowances = {a.stage_id: a.minutes for a in standard.allowances.all()}
    route = [
        {"code": s.stage_id, "allowance": allowances.get(s.stage_id), "is_test": s.stage.is_test}
        for s in route_steps(unit, application_type, sim_class)
    ]
    return route, standard


def _applicant(
    unit: Unit,
    day: dt.date,
    sim_class: str,
    index: int,
    rng: random.Random,
    *,
    elderly: bool = False,
) -> Applicant:
    minimum = 23 if sim_class in SimClass.umum() else 20
    birth = day - dt.timedelta(days=rng.randint(minimum * 366, 58 * 365))
    if elderly:  # 60 to 72 years old, from the same draw
        birth = day - dt.timedelta(days=ELDERLY_FROM_AGE * 366 + (day - birth).days % (12 * 365))
    female = rng.random() < 0.38
    serial = (day.toordinal() * 1000 + index) % 9999 + 1
    district = rng.randint(1, 4)
    nik = f"2172{district:02d}{birth.day + (40 if female else 0):02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return Applicant(
        unit=unit, nik=nik, full_name=name, birth_date=birth, sex="P" if female else "L"
    )


def _priority(applicant: Applicant, day: dt.date, index: int) -> str:
    """The priority the registration gives: elderly by age (as the form suggests), and an
    expectant mother now and then."""
    if age_on(applicant.birth_date, day) >= ELDERLY_FROM_AGE:
        return Priority.ELDERLY
    if (
        applicant.sex == "P"
        and index % PREGNANT_EVERY == 17
        and age_on(applicant.birth_date, day) < 40
    ):
        return Priority.PREGNANT
    return Priority.NONE


def _distinct_niks(unit: Unit, applicants: list[Applicant]) -> None:
    """A drawn NIK can repeat one of another day (the serial wraps at 9999 and birth dates
    repeat): such a one takes the next free serial, as the unit has one applicant per NIK.
    Draws nothing from the random generator, so the rest of the demo stays the same."""
    taken = set(
        Applicant.objects.filter(unit=unit, nik__in=[a.nik for a in applicants]).values_list(
            "nik", flat=True
        )
    )
    for applicant in applicants:
        while applicant.nik in taken:
            serial = int(applicant.nik[-4:]) % 9999 + 1
            applicant.nik = f"{applicant.nik[:-4]}{serial:04d}"
            if Applicant.objects.filter(unit=unit, nik=applicant.nik).exists():
                taken.add(applicant.nik)
        taken.add(applicant.nik)


# One renewal in this many is an elderly applicant; one applicant in this many an expectant
# mother (when a woman under 40).
ELDERLY_EVERY = 12
PREGNANT_EVERY = 40

# The unit opens enough desks at each stage for the day's average flow to keep them this
# busy; the morning rush (most applicants come early) still queues, and those waits make the
# month's late applications.
DESK_UTILISATION = 0.6


def _desks(plans: list[_Plan], servers: dict[str, list[User]], span_minutes: float) -> dict:
    """Who works each stage today: as many desks as the day's load needs (at least the two
    officers of the stage), filled by the stage's officers and then the other staff."""
    minutes: dict[str, float] = {}
    for plan in plans:
        for step in plan.route:
            minutes[step["code"]] = minutes.get(step["code"], 0.0) + SERVICE_MINUTES.get(
                step["code"], 5
            )
    staff = list(dict.fromkeys(person for people in servers.values() for person in people))
    desks = {}
    for code, people in servers.items():
        needed = math.ceil(minutes.get(code, 0.0) / max(span_minutes, 60.0) / DESK_UTILISATION)
        others = [person for person in staff if person not in people]
        cycle = people + others
        desks[code] = [cycle[i % len(cycle)] for i in range(max(len(people), needed))]
    return desks


def _simulate_queue(
    plans: list[_Plan],
    calendar: OfficeCalendar,
    points: dict[str, ServicePoint],
    servers: dict[str, list[User]],
    rng: random.Random,
    until: dt.datetime | None,
) -> None:
    """Walk every route through the counters as a queue; stop at `until` (today).

    Each officer of a stage calls the applicant who has been ready longest as soon as they
    are free, as a counter does: an officer's counter never stands idle while somebody waits
    for it (what an officer answers for), and long waits come from too few counters at the
    busy hours (what the unit answers for, in the service-time report)."""
    free_at: dict[tuple[str, int], dt.datetime] = {}
    ready = [(plan.application.registered_at, n, 0) for n, plan in enumerate(plans)]
    heapq.heapify(ready)
    while ready:
        cursor, n, index = heapq.heappop(ready)
        plan = plans[n]
        step = plan.route[index]
        code = step["code"]
        people = servers[code]
        desk = min(range(len(people)), key=lambda i: free_at.get((code, i), cursor))
        counter_free = max(cursor, free_at.get((code, desk), cursor))
        finished = _serve(
            plan, index, cursor, counter_free, people[desk], points, calendar, rng, until
        )
        if finished is None:
            continue
        free_at[(code, desk)] = finished
        if plan.application.closed_at is not None:  # failed a test
            continue
        if index + 1 < len(plan.route):
            heapq.heappush(ready, (finished, n, index + 1))
        else:
            _close(plan, calendar, finished, Application.Status.COMPLETED, "")


def _serve(
    plan: _Plan,
    index: int,
    cursor: dt.datetime,
    counter_free: dt.datetime,
    officer: User,
    points: dict[str, ServicePoint],
    calendar: OfficeCalendar,
    rng: random.Random,
    until: dt.datetime | None,
) -> dt.datetime | None:
    """One stage of one application: called when the counter is free; None when the walk
    stops there (today's live queue) or the applicant failed a test."""
    step = plan.route[index]
    code = step["code"]
    service = max(1.0, rng.gauss(SERVICE_MINUTES.get(code, 5), SERVICE_MINUTES.get(code, 5) / 4))
    called = open_moment(calendar, counter_free + dt.timedelta(minutes=rng.uniform(0.2, 0.8)))
    started = called + dt.timedelta(minutes=rng.uniform(0.3, 1.5))
    finished = started + dt.timedelta(minutes=service)
    record = StageRecord(
        stage_id=code, service_point=points[code], served_by=officer, called_at=called
    )
    if until is not None and called > until:
        plan.journey_state, plan.current_index, plan.ready_since = (
            Journey.State.WAITING,
            index,
            cursor,
        )
        return None
    plan.records.append(record)
    if until is not None and started > until:
        plan.journey_state, plan.current_index, plan.ready_since = (
            Journey.State.CALLED,
            index,
            cursor,
        )
        return None
    record.started_at = started
    if until is not None and finished > until:
        plan.journey_state, plan.current_index, plan.ready_since = (
            Journey.State.IN_SERVICE,
            index,
            cursor,
        )
        return None
    record.finished_at = finished
    if step["is_test"]:
        failed = rng.random() < FAIL_RATE.get(code, 0.05)
        record.outcome = StageRecord.Outcome.FAILED if failed else StageRecord.Outcome.PASSED
        if failed:
            _close(
                plan,
                calendar,
                finished,
                Application.Status.NOT_PASSED,
                f"Tidak lulus {code.lower()}",
            )
    return finished


def _close(plan: _Plan, calendar: OfficeCalendar, at: dt.datetime, status: str, note: str) -> None:
    app = plan.application
    app.status, app.closed_at, app.closing_note = status, at, note
    reading = read_clock(
        registered_at=app.registered_at,
        now=at,
        closed_at=at,
        calendar=calendar,
        standard_minutes=plan.standard.minutes,
    )
    app.elapsed_minutes = reading.elapsed_minutes
    app.standard_minutes = plan.standard.minutes
    plan.journey_state, plan.current_index, plan.ready_since = (
        Journey.State.DONE,
        len(plan.route),
        at,
    )
