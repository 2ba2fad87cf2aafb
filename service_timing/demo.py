"""Demo history: 30 days of a busy Satpas and today's applicants in progress.

About 150 applications a working day in the real mix of types; stage times drawn so that most
applications meet the standard and some do not; a share of failed tests. Written with bulk
inserts (and their history rows) so that `make run` stays quick. Idempotent: days that already
have applications are left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from applicants.models import (
    QUEUE_PREFIX,
    Applicant,
    Application,
    ApplicationType,
    QueueCounter,
    SimClass,
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
T = ApplicationType
TYPE_MIX = [
    (T.PERPANJANGAN, 48),
    (T.BARU, 24),
    (T.HILANG_RUSAK, 8),
    (T.PENINGKATAN, 7),
    (T.MUTASI, 6),
    (T.PERUBAHAN_DATA, 4),
    (T.PENURUNAN, 3),
]
CLASS_MIX = {
    T.BARU: [
        (SimClass.C, 55),
        (SimClass.A, 37),
        (SimClass.A_UMUM, 4),
        (SimClass.CI, 2),
        (SimClass.D, 2),
    ],
    T.PERPANJANGAN: [
        (SimClass.C, 58),
        (SimClass.A, 34),
        (SimClass.BI, 4),
        (SimClass.BI_UMUM, 2),
        (SimClass.BII, 2),
    ],
    T.PENINGKATAN: [(SimClass.BI, 60), (SimClass.A_UMUM, 25), (SimClass.CI, 15)],
    T.PENURUNAN: [(SimClass.A, 100)],
}
UPGRADE_FROM = {SimClass.BI: SimClass.A, SimClass.A_UMUM: SimClass.A, SimClass.CI: SimClass.C}
# Seeding before opening: today's applicants arrived within this time before now.
EARLY_ARRIVAL_MINUTES = 45
FAIL_RATE = {"TEORI": 0.08, "SIMULATOR": 0.05, "PRAKTIK": 0.10}
# Typical service minutes per stage (waits come on top), well within each stage's allowance:
# an officer's own service seldom overruns (tests/personnel/test_demo.py, README "Demo").
SERVICE_MINUTES = {
    "REG": 4,
    "VERIF": 6,
    "BAYAR": 4,
    "BIO": 5,
    "TEORI": 18,
    "SIMULATOR": 10,
    "PRAKTIK": 12,
    "CETAK": 4,
    "SERAH": 2,
}
FIRST_NAMES = [
    "Budi",
    "Siti",
    "Andi",
    "Dewi",
    "Rudi",
    "Sri",
    "Agus",
    "Nur",
    "Eko",
    "Rina",
    "Hendra",
    "Wati",
    "Joko",
    "Fitri",
    "Yusuf",
    "Ayu",
    "Bayu",
    "Lestari",
    "Doni",
    "Indah",
    "Fajar",
    "Maya",
    "Rizal",
    "Putri",
    "Hadi",
    "Sari",
    "Iwan",
    "Nanda",
    "Arif",
    "Yuni",
    "Teguh",
    "Ratna",
    "Samsul",
    "Dian",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Lestari",
    "Pratama",
    "Hidayat",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Rahman",
    "Kurniawan",
    "Setiawan",
    "Gunawan",
    "Sembiring",
    "Tanjung",
    "Purba",
    "Lubis",
    "Manurung",
    "Syahputra",
    "Ramadhan",
    "Permana",
    "Firmansyah",
    "Hasibuan",
]


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


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


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
        application_type = _pick(rng, TYPE_MIX)
        sim_class = _pick(rng, CLASS_MIX.get(application_type, CLASS_MIX[T.PERPANJANGAN]))
        applicant = _applicant(unit, day, sim_class, index, rng)
        applicants.append(applicant)
        prefix = QUEUE_PREFIX[application_type]
        sequences[prefix] = sequences.get(prefix, 0) + 1
        current_class, issued = _current_sim(application_type, sim_class, day, rng)
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
        )
        plans.append(_Plan(application, *routes[key]))
    Applicant.objects.bulk_create(applicants)
    for plan, applicant in zip(plans, applicants, strict=True):
        plan.application.applicant = applicant
    for plan in plans:
        _simulate(plan, calendar, points, servers, rng, until)
    busy_points: set[int] = set()
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
    allowances = {a.stage_id: a.minutes for a in standard.allowances.all()}
    route = [
        {"code": s.stage_id, "allowance": allowances.get(s.stage_id), "is_test": s.stage.is_test}
        for s in route_steps(unit, application_type, sim_class)
    ]
    return route, standard


def _applicant(
    unit: Unit, day: dt.date, sim_class: str, index: int, rng: random.Random
) -> Applicant:
    minimum = 23 if sim_class in SimClass.umum() else 20
    birth = day - dt.timedelta(days=rng.randint(minimum * 366, 58 * 365))
    female = rng.random() < 0.38
    serial = (day.toordinal() * 1000 + index) % 9999 + 1
    district = rng.randint(1, 4)
    nik = f"2172{district:02d}{birth.day + (40 if female else 0):02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return Applicant(
        unit=unit, nik=nik, full_name=name, birth_date=birth, sex="P" if female else "L"
    )


def _current_sim(
    application_type: str, sim_class: str, day: dt.date, rng: random.Random
) -> tuple[str, dt.date | None]:
    if application_type == T.BARU and sim_class not in UPGRADE_FROM:
        return "", None
    if application_type in (T.BARU, T.PENINGKATAN):
        # A class issued for the first time needs its prerequisite held 12 months.
        return UPGRADE_FROM[sim_class], day - dt.timedelta(days=rng.randint(400, 1500))
    if application_type == T.PENURUNAN:
        return SimClass.BI, day - dt.timedelta(days=rng.randint(400, 1500))
    if application_type == T.PERPANJANGAN:
        return sim_class, day - dt.timedelta(days=rng.randint(4 * 365, 5 * 365 - 5))
    return sim_class, day - dt.timedelta(days=rng.randint(100, 4 * 365))


def _simulate(
    plan: _Plan,
    calendar: OfficeCalendar,
    points: dict[str, ServicePoint],
    servers: dict[str, list[User]],
    rng: random.Random,
    until: dt.datetime | None,
) -> None:
    """Walk the route with drawn waits and service times; stop at `until` (today)."""
    app = plan.application
    cursor = app.registered_at
    # About one in twelve waits long somewhere: most applications meet the standard, as a
    # unit under the SOP would (README, "What the demo month looks like").
    slow = rng.random() < 0.08
    slow_stage = rng.randrange(len(plan.route))
    for index, step in enumerate(plan.route):
        code = step["code"]
        allowance = step.get("allowance") or 10
        wait = rng.uniform(0.1, 0.5) * allowance
        service = max(
            1.0, rng.gauss(SERVICE_MINUTES.get(code, 5), SERVICE_MINUTES.get(code, 5) / 4)
        )
        if slow and index == slow_stage:
            wait += rng.uniform(20, 70)
        called = _open_moment(calendar, cursor + dt.timedelta(minutes=wait))
        started = called + dt.timedelta(minutes=rng.uniform(0.3, 1.5))
        finished = started + dt.timedelta(minutes=service)
        point = points[code]
        record = StageRecord(
            stage_id=code,
            service_point=point,
            served_by=rng.choice(servers[code]),
            called_at=called,
        )
        if until is not None and called > until:
            plan.journey_state, plan.current_index, plan.ready_since = (
                Journey.State.WAITING,
                index,
                cursor,
            )
            return
        plan.records.append(record)
        if until is not None and started > until:
            plan.journey_state, plan.current_index, plan.ready_since = (
                Journey.State.CALLED,
                index,
                cursor,
            )
            return
        record.started_at = started
        if until is not None and finished > until:
            plan.journey_state, plan.current_index, plan.ready_since = (
                Journey.State.IN_SERVICE,
                index,
                cursor,
            )
            return
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
                return
        cursor = finished
    _close(plan, calendar, cursor, Application.Status.COMPLETED, "")


def _open_moment(calendar: OfficeCalendar, moment: dt.datetime) -> dt.datetime:
    """Nobody is called during a break: the call waits for the counter to reopen."""
    local = moment.astimezone(calendar.zone)
    for start, end in calendar.day_periods(local.date()):
        if local < start:
            return start + dt.timedelta(minutes=1)
        if local < end:
            return moment
    return moment


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
