"""Volume data for benchmarks: years of realistic history for many units, written fast.

Rows are produced as tuples and written with PostgreSQL's COPY (on other databases with
bulk_create, for small volumes). The simulation is the demo's: the real mix of types, stage
times that mostly meet the standard, failed tests, compensation for every breach (mostly
handed over), survey responses, a few complaints, the duty roster with attendance checks,
findings and approved SMK adjustments. Generated rows have no history-table entries: they
stand for data imported into the system, not for changes made in it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from applicants.models import QUEUE_PREFIX, Applicant, Application, QueueCounter, SimClass
from compensation.models import CompensationCase, CompensationItem, Complaint, SurveyResponse
from personnel.models import AttendanceCheck, DutyShift, Finding, Officer, ScoreAdjustment
from personnel.models.officers import Rank
from satpas.calendar import OfficeCalendar
from satpas.models import OpeningHours, ServiceBreak, Unit, User
from satpas.roles import Role
from satpas.selectors import build_office_calendar
from service_timing import demo
from service_timing.clock import StageSpan, read_clock
from service_timing.models import Journey, ServicePoint, StageRecord
from service_timing.selectors import route_steps, standard_in_force

FLUSH_ROWS = 20_000
SURVEY_SHARE = 0.3
COMPLAINT_SHARE = 0.004
LATE_SHARE = 0.03


class TableWriter:
    """Buffered rows for one table, written with COPY (PostgreSQL) or bulk_create."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        self.model = model
        self.fields = list(fields)
        self.columns = [model._meta.get_field(self._name(f)).column for f in self.fields]
        self.json_fields = {
            i
            for i, f in enumerate(self.fields)
            if isinstance(model._meta.get_field(self._name(f)), models.JSONField)
        }
        self.rows: list[tuple] = []
        self.written = 0
        pk = model._meta.pk
        self.next_id = (
            (model.objects.aggregate(top=models.Max(pk.attname))["top"] or 0) + 1
            if isinstance(pk, models.AutoField | models.BigAutoField)
            else None
        )

    @staticmethod
    def _name(attname: str) -> str:
        return attname[:-3] if attname.endswith("_id") and attname != "id" else attname

    def new_id(self) -> int:
        assert self.next_id is not None
        value = self.next_id
        self.next_id += 1
        return value

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            table = self.model._meta.db_table
            columns = ", ".join(f'"{column}"' for column in self.columns)
            sql = f'COPY "{table}" ({columns}) FROM STDIN'
            with connection.cursor() as cursor, cursor.connection.cursor().copy(sql) as copy:
                for row in self.rows:
                    if self.json_fields:
                        row = tuple(
                            json.dumps(v) if i in self.json_fields else v for i, v in enumerate(row)
                        )
                    copy.write_row(row)
        else:
            self.model.objects.bulk_create(
                [self.model(**dict(zip(self.fields, row, strict=True))) for row in self.rows],
                batch_size=500,
            )
        self.written += len(self.rows)
        self.rows = []


@dataclass
class Writers:
    applicants: TableWriter
    applications: TableWriter
    journeys: TableWriter
    records: TableWriter
    counters: TableWriter
    cases: TableWriter
    surveys: TableWriter
    complaints: TableWriter
    shifts: TableWriter
    attendance: TableWriter
    findings: TableWriter
    adjustments: TableWriter

    @classmethod
    def open(cls) -> Writers:
        return cls(
            applicants=TableWriter(
                Applicant,
                ["id", "unit_id", "nik", "full_name", "birth_date", "sex", "phone", "created_at"],
            ),
            applications=TableWriter(
                Application,
                [
                    "id",
                    "unit_id",
                    "applicant_id",
                    "application_type",
                    "sim_class",
                    "current_sim_class",
                    "current_sim_issued_on",
                    "service_date",
                    "queue_number",
                    "ticket_code",
                    "registered_at",
                    "registered_by_id",
                    "status",
                    "closed_at",
                    "closing_note",
                    "first_stage_code",
                    "elapsed_minutes",
                    "standard_minutes",
                    "compensation_state",
                ],
            ),
            journeys=TableWriter(
                Journey,
                [
                    "application_id",
                    "unit_id",
                    "service_date",
                    "standard_id",
                    "standard_minutes",
                    "warning_percent",
                    "route",
                    "current_index",
                    "current_stage_id",
                    "state",
                    "ready_since",
                    "pause_count",
                    "updated_at",
                ],
            ),
            records=TableWriter(
                StageRecord,
                [
                    "id",
                    "application_id",
                    "stage_id",
                    "service_point_id",
                    "served_by_id",
                    "called_at",
                    "started_at",
                    "finished_at",
                    "outcome",
                    "created_at",
                ],
            ),
            counters=TableWriter(QueueCounter, ["unit_id", "service_date", "prefix", "last"]),
            cases=TableWriter(
                CompensationCase,
                [
                    "id",
                    "unit_id",
                    "application_id",
                    "reason",
                    "status",
                    "opened_at",
                    "minutes_over",
                    "attributed_stage_id",
                    "attributed_point_id",
                    "attributed_officer_id",
                    "attribution_note",
                    "item_id",
                    "settled_at",
                    "settled_by_id",
                    "acknowledged",
                    "settlement_note",
                    "photo",
                ],
            ),
            surveys=TableWriter(
                SurveyResponse,
                [
                    "unit_id",
                    "application_id",
                    "submitted_at",
                    "channel",
                    "u1",
                    "u2",
                    "u3",
                    "u4",
                    "u5",
                    "u6",
                    "u7",
                    "u8",
                    "u9",
                    "comment",
                ],
            ),
            complaints=TableWriter(
                Complaint,
                [
                    "unit_id",
                    "application_id",
                    "channel",
                    "lapor_reference",
                    "received_at",
                    "description",
                    "status",
                    "substantiated",
                    "resolved_at",
                    "handled_by_id",
                ],
            ),
            shifts=TableWriter(
                DutyShift,
                [
                    "id",
                    "unit_id",
                    "officer_id",
                    "date",
                    "shift",
                    "service_point_id",
                    "starts_at",
                    "ends_at",
                ],
            ),
            attendance=TableWriter(
                AttendanceCheck,
                [
                    "id",
                    "unit_id",
                    "checked_on",
                    "recorded_at",
                    "recorded_by_id",
                    "note",
                    "shift_id",
                    "officer_id",
                    "status",
                    "arrived_at",
                    "minutes_late",
                    "tolerance_minutes",
                    "is_late",
                ],
            ),
            findings=TableWriter(
                Finding,
                [
                    "id",
                    "unit_id",
                    "officer_id",
                    "criterion",
                    "kind",
                    "severity",
                    "occurred_on",
                    "period",
                    "description",
                    "source_key",
                    "attendance_id",
                    "compensation_case_id",
                    "created_at",
                ],
            ),
            adjustments=TableWriter(
                ScoreAdjustment,
                [
                    "unit_id",
                    "officer_id",
                    "finding_id",
                    "period",
                    "criterion",
                    "kind",
                    "points",
                    "status",
                    "proposed_at",
                    "proposed_by_id",
                    "decided_at",
                    "decided_by_id",
                    "decision_reason",
                ],
            ),
        )

    def all(self) -> list[TableWriter]:
        return [getattr(self, name) for name in self.__dataclass_fields__]

    def flush(self) -> None:
        for writer in self.all():
            writer.flush()


@dataclass
class UnitCast:
    unit: Unit
    calendar: OfficeCalendar
    registrar: User
    supervisor: User
    kasat: User
    points: dict[str, ServicePoint]
    servers: dict[str, list[tuple[User, Officer]]]
    officers: list[Officer]
    items: list[CompensationItem]
    routes: dict[tuple[str, bool], tuple[list[dict], Any]] = field(default_factory=dict)
    niks: set[str] = field(default_factory=set)  # a NIK is unique per unit
    done_days: set[dt.date] = field(default_factory=set)


def make_unit(index: int, *, code: str | None = None) -> UnitCast:
    """A Satpas of the generated country, with its calendar, counters and staff."""
    code = code or f"GEN{index:03d}"
    unit, _created = Unit.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Satpas Polres Contoh {index:03d}",
            "region": "Polda Contoh",
            "city": "Kota Contoh",
            "letterhead": "KEPOLISIAN NEGARA REPUBLIK INDONESIA\nDAERAH CONTOH\nRESOR CONTOH",
            "signatory_title": "KASAT LANTAS POLRES CONTOH",
            "signatory_name": "KASAT CONTOH",
            "signatory_rank": "AKP",
            "signatory_nrp": f"8{index:03d}0001",
        },
    )
    if not unit.opening_hours.exists():
        for weekday, (opens, closes) in {d: (dt.time(8), dt.time(15)) for d in range(5)}.items():
            OpeningHours.objects.create(
                unit=unit, weekday=weekday, opens_at=opens, closes_at=closes
            )
        OpeningHours.objects.create(
            unit=unit, weekday=5, opens_at=dt.time(8), closes_at=dt.time(12)
        )
        ServiceBreak.objects.create(
            unit=unit, starts_at=dt.time(12), ends_at=dt.time(13), label="Ishoma"
        )
    points = {
        p.stage_id: p
        for p in ServicePoint.objects.filter(unit=unit, is_active=True).order_by("number")
    }

    def person(number: int, role: Role, name: str, rank: str) -> tuple[User, Officer | None]:
        username = f"6{index:03d}{number:04d}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": name, "home_unit": unit}
        )
        if created:
            # Generated people never log in with a password; benchmarks open sessions directly.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
        officer, _ = Officer.objects.get_or_create(
            unit=unit,
            number=username,
            defaults={"user": user, "full_name": name, "rank": rank, "position": role.label},
        )
        return user, officer

    staff = [
        person(10 + i, Role.OFFICER, f"Petugas {i + 1:02d}", Rank.BRIPDA)
        for i in range(len(points) + 1)
    ]
    supervisor, _ = person(2, Role.SUPERVISOR, "Kanit Regident", Rank.IPTU)
    kasat, _ = person(1, Role.KASAT, "Kasat Lantas", Rank.AKP)
    servers = {code: [staff[i], staff[(i + 1) % len(staff)]] for i, code in enumerate(points)}
    cast = UnitCast(
        unit=unit,
        calendar=build_office_calendar(unit),
        registrar=staff[0][0],
        supervisor=supervisor,
        kasat=kasat,
        points=points,
        servers=servers,
        officers=[officer for _user, officer in staff],
        items=list(CompensationItem.objects.filter(unit=unit, is_active=True).order_by("name")),
    )
    cast.niks.update(Applicant.objects.filter(unit=unit).values_list("nik", flat=True).iterator())
    cast.done_days.update(
        Application.objects.filter(unit=unit).values_list("service_date", flat=True).distinct()
    )
    return cast


def generate(
    *,
    units: int,
    years: float,
    per_day: int,
    end: dt.date | None = None,
    seed: int = 2022,
    unit_codes: Sequence[str] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Generate history for `units` units over `years` years ending on `end` (yesterday)."""
    rng = random.Random(seed)  # noqa: S311 (invented data, reproducible on purpose)
    end = end or timezone.localdate() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=round(365 * years) - 1)
    writers = Writers.open()
    with transaction.atomic():
        for index in range(1, units + 1):
            code = unit_codes[index - 1] if unit_codes and index <= len(unit_codes) else None
            cast = make_unit(index, code=code)
            _standards_from(cast.unit, start)
            days = 0
            day = start
            while day <= end:
                if cast.calendar.is_open_day(day) and day not in cast.done_days:
                    _day(cast, day, per_day, rng, writers)
                    days += 1
                    if days % 50 == 0:
                        progress(
                            f"{cast.unit.code}: {day:%Y-%m-%d} ({writers.applications.written + len(writers.applications.rows)} permohonan)"
                        )
                day += dt.timedelta(days=1)
        writers.flush()
        _reset_sequences()
    _analyze(writer.model for writer in writers.all())
    return {writer.model._meta.label: writer.written for writer in writers.all()}


def _analyze(models_written: Iterable[type[models.Model]]) -> None:
    """Refresh the planner's statistics after the bulk load, as after any restore: without
    them PostgreSQL plans for empty tables until autovacuum gets round to it (never, where it
    is switched off)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        for model in models_written:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _standards_from(unit: Unit, start: dt.date) -> None:
    """An invented history may begin before the default standards' date: while no application
    is judged yet, the defaults are dated back to it (nothing is judged by a changed rule)."""
    from service_timing.models import ServiceStandard

    if not Journey.objects.filter(unit=unit).exists():
        ServiceStandard.objects.filter(unit=unit, is_default=True, effective_from__gt=start).update(
            effective_from=start
        )


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    tables = [
        Applicant,
        Application,
        StageRecord,
        QueueCounter,
        CompensationCase,
        SurveyResponse,
        Complaint,
        DutyShift,
        AttendanceCheck,
        Finding,
        ScoreAdjustment,
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), tables):
            cursor.execute(statement)


def _day(cast: UnitCast, day: dt.date, per_day: int, rng: random.Random, w: Writers) -> None:
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
    _roster(cast, day, rng, w)


def _route(
    cast: UnitCast, application_type: str, sim_class: str, day: dt.date
) -> tuple[list[dict], Any]:
    key = (application_type, sim_class in SimClass.umum())
    if key not in cast.routes:
        standard = standard_in_force(cast.unit, application_type, day)
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
    application_type = demo._pick(rng, demo.TYPE_MIX)
    sim_class = demo._pick(
        rng, demo.CLASS_MIX.get(application_type, demo.CLASS_MIX[demo.T.PERPANJANGAN])
    )
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
    name = f"{rng.choice(demo.FIRST_NAMES)} {rng.choice(demo.LAST_NAMES)}"
    w.applicants.add(
        (applicant_id, cast.unit.pk, nik, name, birth, "P" if female else "L", "", registered_at)
    )
    prefix = QUEUE_PREFIX[application_type]
    sequences[prefix] = sequences.get(prefix, 0) + 1
    current_class, issued = demo._current_sim(application_type, sim_class, day, rng)
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
            status,
            closed_at,
            note,
            "",
            reading.elapsed_minutes,
            standard.minutes,
            Application.Compensation.SETTLED if breached else "",
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
            )
        )
    if breached:
        _compensation(cast, application_id, reading, records, closed_at, rng, w)
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
        typical = demo.SERVICE_MINUTES.get(code, 5)
        service = max(1.0, rng.gauss(typical, typical / 4))
        called = demo._open_moment(cast.calendar, cursor + dt.timedelta(minutes=wait))
        started = called + dt.timedelta(minutes=rng.uniform(0.3, 1.5))
        finished = started + dt.timedelta(minutes=service)
        user, _officer = rng.choice(cast.servers[code])
        outcome = ""
        if step["is_test"]:
            outcome = (
                StageRecord.Outcome.FAILED
                if rng.random() < demo.FAIL_RATE.get(code, 0.05)
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


def _compensation(
    cast: UnitCast,
    application_id: int,
    reading: Any,
    records: list[tuple],
    closed_at: dt.datetime,
    rng: random.Random,
    w: Writers,
) -> None:
    """A breach: the case, attributed to the stage that overran most, mostly handed over."""
    timings = [t for t in reading.stages if t.overrun_minutes is not None]
    worst = max(timings, key=lambda t: t.overrun_minutes) if timings else None
    record = next((r for r in records if worst and r[0] == worst.code), None)
    officer_user = record[2] if record else None
    case_id = w.cases.new_id()
    roll = rng.random()
    status, note = (
        ("GIVEN", "")
        if roll < 0.9
        else (
            ("DECLINED", "Pemohon tidak berkenan")
            if roll < 0.97
            else ("WAIVED", "Pemohon sudah pulang")
        )
    )
    item = rng.choice(cast.items).pk if cast.items and status == "GIVEN" else None
    w.cases.add(
        (
            case_id,
            cast.unit.pk,
            application_id,
            "OVERDUE",
            status,
            closed_at - dt.timedelta(minutes=1),
            reading.over_minutes,
            worst.code if worst else None,
            record[1] if record else None,
            officer_user,
            "",
            item,
            closed_at,
            cast.registrar.pk,
            status == "GIVEN",
            note,
            "",
        )
    )
    if officer_user is None:
        return
    officer = next((o for o in cast.officers if o.user_id == officer_user), None)
    if officer is None:
        return
    day = closed_at.astimezone(cast.calendar.zone).date()
    finding_id = w.findings.new_id()
    w.findings.add(
        (
            finding_id,
            cast.unit.pk,
            officer.pk,
            "SERVICE_TIMELINESS",
            "PUNISHMENT",
            "RINGAN",
            day,
            day.replace(day=1),
            "Keterlambatan pelayanan melebihi alokasi tahap",
            f"case:{case_id}",
            None,
            case_id,
            closed_at,
        )
    )
    _adjust(cast, officer, finding_id, day, "SERVICE_TIMELINESS", closed_at, w)


def _adjust(
    cast: UnitCast,
    officer: Officer,
    finding_id: int,
    day: dt.date,
    criterion: str,
    at: dt.datetime,
    w: Writers,
) -> None:
    month = day.replace(day=1)
    decided = at + dt.timedelta(days=35)
    w.adjustments.add(
        (
            cast.unit.pk,
            officer.pk,
            finding_id,
            month,
            criterion,
            "PUNISHMENT",
            -1,
            "APPROVED",
            at + dt.timedelta(days=32),
            cast.supervisor.pk,
            decided,
            cast.kasat.pk,
            "",
        )
    )


def _roster(cast: UnitCast, day: dt.date, rng: random.Random, w: Writers) -> None:
    """Every counter officer on duty at their counter, checked on arrival (10 minutes' tolerance)."""
    opens, closes = cast.calendar.hours[day.weekday()]
    zone = cast.calendar.zone
    points = list(cast.points.values())
    for number, officer in enumerate(cast.officers):
        point = points[number % len(points)]
        shift_id = w.shifts.new_id()
        w.shifts.add((shift_id, cast.unit.pk, officer.pk, day, "PENUH", point.pk, opens, closes))
        start = dt.datetime.combine(day, opens, tzinfo=zone)
        late = rng.random() < LATE_SHARE
        minutes = rng.randint(11, 40) if late else rng.randint(-15, 10)
        arrived = start + dt.timedelta(minutes=minutes)
        check_id = w.attendance.new_id()
        w.attendance.add(
            (
                check_id,
                cast.unit.pk,
                day,
                arrived + dt.timedelta(minutes=2),
                cast.supervisor.pk,
                "",
                shift_id,
                officer.pk,
                "PRESENT",
                arrived,
                max(0, minutes),
                10,
                late,
            )
        )
        if late:
            finding_id = w.findings.new_id()
            w.findings.add(
                (
                    finding_id,
                    cast.unit.pk,
                    officer.pk,
                    "TIME_DISCIPLINE",
                    "PUNISHMENT",
                    "RINGAN",
                    day,
                    day.replace(day=1),
                    f"Terlambat {minutes} menit",
                    f"attendance:{check_id}",
                    check_id,
                    None,
                    arrived,
                )
            )
            _adjust(cast, officer, finding_id, day, "TIME_DISCIPLINE", arrived, w)
