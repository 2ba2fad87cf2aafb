"""Simulated officers working a Satpas, and the check that nothing was lost or doubled.

Counter officers sit at counters of every stage of the renewal route and repeat: call the next
applicant, start, finish. Registration officers register new applicants through the real form.
Every request that succeeded is counted; afterwards the database must hold exactly as many
calls, starts, finishes and registrations as succeeded, and no half-written journey.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone

from applicants.models import Application
from bench.common import Session, percentile
from bench.people import fresh_unit, new_officer
from satpas.models import OpeningHours, Unit, User
from service_timing.models import Journey, ServicePoint, StageRecord

ROUTE = ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"]
CURRENT = re.compile(rb'name="current" value="(\d+)"')
DANGER = re.compile(rb"alert-danger")
OUTCOMES = {"call": b"dipanggil", "start": b"mulai dilayani", "finish": b"selesai"}


@dataclass
class Floor:
    unit: Unit
    counters: list[tuple[User, ServicePoint]]
    registrars: list[User]
    started_at: dt.datetime


def build_floor(*, officers: int, queue: int) -> Floor:
    """A unit open around the clock, with `officers` people spread over the counters."""
    unit = fresh_unit("LOAD")
    for weekday in range(7):
        OpeningHours.objects.create(
            unit=unit, weekday=weekday, opens_at=dt.time(0, 0), closes_at=dt.time(23, 59)
        )

    def person(number: int) -> User:
        return new_officer(unit, number, lead="4")

    registrars = [person(1), person(2)] if officers >= 6 else [person(1)]
    counter_staff = [person(10 + i) for i in range(max(len(ROUTE), officers - len(registrars)))]
    counters = []
    for index, user in enumerate(counter_staff):
        stage = ROUTE[index % len(ROUTE)]
        point = ServicePoint.objects.filter(unit=unit, stage_id=stage).first()
        if index >= len(ROUTE) or point is None:
            point = ServicePoint.objects.create(
                unit=unit, number=100 + index, name=f"Loket {stage} {index}", stage_id=stage
            )
        counters.append((user, point))
    from applicants.services import application_register

    for index in range(queue):
        _register(application_register, unit, registrars[0], index)
    return Floor(unit=unit, counters=counters, registrars=registrars, started_at=timezone.now())


def _nik(index: int) -> tuple[str, dt.date]:
    birth = dt.date(1970 + index % 30, 1 + index % 12, 1 + index % 28)
    return (
        f"2172{1 + index % 4:02d}{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{index % 9999 + 1:04d}",
        birth,
    )


def _register(register, unit: Unit, registrar: User, index: int) -> None:  # type: ignore[no-untyped-def]
    nik, birth = _nik(index)
    register(
        unit=unit,
        registered_by=registrar,
        nik=nik,
        full_name=f"Pemohon {index}",
        birth_date=birth,
        sex="L",
        application_type="PERPANJANGAN",
        sim_class="C",
        current_sim_class="C",
        current_sim_issued_on=timezone.localdate() - dt.timedelta(days=400),
    )


@dataclass
class Tally:
    ok: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    timeline: list[tuple[float, bool]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(
        self, kind: str, status: int, body: bytes, took: float, expected: bytes | None
    ) -> bool:
        success = status in (200, 302) and (expected is None or expected in body)
        with self.lock:
            self.timeline.append((time.monotonic(), status < 500 and status != 0))
            if success:
                self.ok[kind] += 1
                self.latencies.setdefault(kind, []).append(took)
            elif status in (200, 302) and DANGER.search(body):
                self.refused[kind] += 1
            else:
                self.failed[kind] += 1
        return success


def _request(session: Session, *args, **kwargs) -> tuple[int, bytes, float]:  # type: ignore[no-untyped-def]
    try:
        return session.request(*args, **kwargs)
    except OSError:  # server restarting, connection refused or reset
        return 0, b"", 0.0


def counter_officer(
    session: Session, point: ServicePoint, stop: float, tally: Tally, rng: random.Random
) -> None:
    action = f"/loket/{point.pk}/aksi/"
    while time.monotonic() < stop:
        status, body, took = _request(
            session, "POST", action, {"code": "", "action": "next"}, htmx=True
        )
        match = CURRENT.search(body) if status == 200 else None
        if status == 200 and not match and b"Tidak ada pemohon" in body:
            time.sleep(0.3)  # nobody waiting at this stage yet
            continue
        if not tally.note("call", status, body, took, OUTCOMES["call"]) or not match:
            time.sleep(0.2)
            continue
        current = match.group(1).decode()
        time.sleep(rng.uniform(0.05, 0.3))  # the applicant walks to the counter
        for kind in ("start", "finish"):
            for _attempt in range(20):  # keep trying through an outage: the applicant is here
                status, body, took = _request(
                    session,
                    "POST",
                    action,
                    {"code": "", "action": kind, "current": current},
                    htmx=True,
                )
                if tally.note(kind, status, body, took, OUTCOMES[kind]):
                    break
                if status in (200, 302):
                    break  # refused: a logic answer, not an outage
                time.sleep(0.5)
            time.sleep(rng.uniform(0.05, 0.3))


def registrar(
    session: Session, first_index: int, stop: float, tally: Tally, rng: random.Random
) -> None:
    index = first_index
    while time.monotonic() < stop:
        nik, birth = _nik(index)
        form = {
            "nik": nik,
            "full_name": f"Pemohon {index}",
            "birth_date": birth.isoformat(),
            "sex": "L",
            "phone": "",
            "application_type": "PERPANJANGAN",
            "sim_class": "C",
            "current_sim_class": "C",
            "current_sim_issued_on": (timezone.localdate() - dt.timedelta(days=400)).isoformat(),
            "retake_ticket": "",
        }
        status, body, took = _request(session, "POST", "/permohonan/baru/", form)
        tally.note("register", status, body, took, None if status == 302 else b"\x00never")
        index += 1
        time.sleep(rng.uniform(0.3, 1.0))


def run(
    floor: Floor,
    port: int,
    seconds: float,
    *,
    seed: int = 7,
    session_for: Callable[[int, User], Session] = Session.for_user,
    first_index: int = 0,
) -> Tally:
    """Every officer in a thread for `seconds`; `session_for` makes each one's browser.

    A second run on the same floor gives another `first_index` (under 100,000) so that its
    registrars bring new applicants: one already registered today is refused a second open
    application."""
    tally = Tally()
    stop = time.monotonic() + seconds
    rng = random.Random(seed)
    threads = [
        threading.Thread(
            target=counter_officer,
            args=(session_for(port, user), point, stop, tally, random.Random(rng.random())),
        )
        for user, point in floor.counters
    ]
    threads += [
        threading.Thread(
            target=registrar,
            args=(
                session_for(port, user),
                100_000 * (n + 1) + first_index,
                stop,
                tally,
                random.Random(rng.random()),
            ),
        )
        for n, user in enumerate(floor.registrars)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def audit(floor: Floor, tally: Tally) -> list[str]:
    """What the database holds against what succeeded; an empty list means all agree."""
    problems = []
    records = StageRecord.objects.filter(application__unit=floor.unit)
    counts = records.aggregate(
        calls=Count("pk"),
        starts=Count("pk", filter=Q(started_at__isnull=False)),
        finishes=Count("pk", filter=Q(finished_at__isnull=False)),
    )
    # Each record is made by exactly one successful call (a record re-called after a no-show
    # would break this; the simulated officers never leave anyone waiting at the counter).
    if counts["calls"] != tally.ok["call"]:
        problems.append(f"stage records {counts['calls']} != successful calls {tally.ok['call']}")
    if counts["starts"] != tally.ok["start"]:
        problems.append(
            f"started records {counts['starts']} != successful starts {tally.ok['start']}"
        )
    if counts["finishes"] != tally.ok["finish"]:
        problems.append(
            f"finished records {counts['finishes']} != successful finishes {tally.ok['finish']}"
        )
    registered = Application.objects.filter(
        unit=floor.unit, registered_at__gte=floor.started_at
    ).count()
    if registered != tally.ok["register"]:
        problems.append(
            f"applications registered {registered} != successful registrations {tally.ok['register']}"
        )
    if records.filter(started_at__isnull=True, finished_at__isnull=False).exists():
        problems.append("a record finished without a start")
    if records.filter(finished_at__lt=F("started_at")).exists():
        problems.append("a record finished before it started")
    half = Journey.objects.filter(
        unit=floor.unit, state__in=["CALLED", "IN_SERVICE"], current_record__isnull=True
    )
    if half.exists():
        problems.append(f"{half.count()} journeys at a counter without their stage record")
    busy = (
        Journey.objects.filter(unit=floor.unit, state__in=["CALLED", "IN_SERVICE"])
        .values("current_point")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if busy.exists():
        problems.append("two applicants at one counter")
    return problems


def summary(tally: Tally, seconds: float) -> list[str]:
    total = sum(tally.ok.values())
    lines = [
        f"successful requests {total} ({total / seconds:.1f}/s), failed {sum(tally.failed.values())}, refused {sum(tally.refused.values())}"
    ]
    for kind in ("register", "call", "start", "finish"):
        values = tally.latencies.get(kind, [])
        if values:
            lines.append(
                f"  {kind:<9} {tally.ok[kind]:>6} ok  p50 {percentile(values, 0.5) * 1000:6.1f} ms  "
                f"p95 {percentile(values, 0.95) * 1000:6.1f} ms  p99 {percentile(values, 0.99) * 1000:6.1f} ms"
            )
    return lines
