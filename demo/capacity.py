"""A unit's history whose real capacity is known, for the capacity planner's tests and bench.

Applications arrive as a Poisson stream with known hourly rates, each stage has a fixed number
of counters and a known service-time distribution, and every counter serves its queue first
come, first served. The history is written straight into the tables (applications with their
counted minutes, stage records, the duty roster that opened the counters), so the planner reads
it exactly as it reads a real unit's. This is the world the model is checked against, written
independently of the model's own simulator (ciw).
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from applicants.models import Applicant, Application
from personnel.models import DutyShift, Officer
from satpas.models import Unit, User
from service_timing.models import RouteStep, ServicePoint, ServiceStandard, StageRecord


@dataclass(frozen=True)
class KnownWorld:
    """Arrivals per hour for each type, counters and mean service minutes per stage."""

    arrivals: Mapping[str, float]  # application type -> arrivals per open hour
    counters: Mapping[str, int]  # stage -> counters open all day
    service_minutes: Mapping[str, float]  # stage -> mean service (exponential-ish, see below)
    pass_share: Mapping[str, float] = field(default_factory=dict)
    opens: int = 8
    closes: int = 12  # the last arrivals come before this hour
    shift_ends: int = 15  # the counters stay open until this hour (whoever is inside is served)
    weekdays: Sequence[int] = (0, 1, 2, 3, 4)


def _service(rng: random.Random, mean: float) -> float:
    # Gamma with shape 2: a counter's service is rarely near zero, sometimes long.
    return rng.gammavariate(2.0, mean / 2.0)


def simulate_known_day(
    world: KnownWorld, routes: Mapping[str, Sequence[str]], rng: random.Random
) -> list[dict]:
    """One day of the known world, FIFO at every stage: a list of applications with their
    arrival and, per stage, (start, finish, outcome), in minutes from opening."""
    span = (world.closes - world.opens) * 60
    people: list[dict] = []
    for kind, rate in sorted(world.arrivals.items()):
        moment = rng.expovariate(rate / 60) if rate > 0 else span
        while moment < span:
            people.append({"type": kind, "arrival": moment, "stages": [], "failed": False})
            moment += rng.expovariate(rate / 60)
    people.sort(key=lambda p: p["arrival"])
    order = [s for s in _stage_order(routes) if any(s in routes[p["type"]] for p in people)]
    ready = {id(p): p["arrival"] for p in people}
    for stage in order:
        queue = sorted(
            (p for p in people if stage in routes[p["type"]] and not p["failed"]),
            key=lambda p: ready[id(p)],
        )
        free = [0.0] * max(1, world.counters.get(stage, 1))
        heapq.heapify(free)
        for person in queue:
            start = max(ready[id(person)], heapq.heappop(free))
            finish = start + _service(rng, world.service_minutes[stage])
            heapq.heappush(free, finish)
            share = world.pass_share.get(stage)
            outcome = ""
            if share is not None:
                outcome = "PASSED" if rng.random() < share else "FAILED"
                person["failed"] = outcome == "FAILED"
            person["stages"].append((stage, ready[id(person)], start, finish, outcome))
            ready[id(person)] = finish
    return people


def _stage_order(routes: Mapping[str, Sequence[str]]) -> list[str]:
    """Stages so that each comes after every stage before it on any route."""
    order: list[str] = []
    pending = {kind: list(route) for kind, route in routes.items()}
    while any(pending.values()):
        firsts = {route[0] for route in pending.values() if route}
        later = {s for route in pending.values() for s in route[1:]}
        ready = sorted(firsts - later) or sorted(firsts)
        order.append(ready[0])
        for route in pending.values():
            if route and route[0] == ready[0]:
                route.pop(0)
            elif ready[0] in route:
                route.remove(ready[0])
    return order


@transaction.atomic
def generate_known_history(
    unit: Unit, world: KnownWorld, *, start: dt.date, end: dt.date, by: User, seed: int = 7
) -> int:
    """Write the known world's days from `start` to `end` (its weekdays only) into the unit:
    applications, stage records and a roster opening the world's counters. Returns how many
    applications were written."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible demo, not a secret)
    zone = ZoneInfo(unit.time_zone)
    routes = {
        kind: list(
            RouteStep.objects.filter(unit=unit, application_type=kind, umum_only=False)
            .order_by("position")
            .values_list("stage_id", flat=True)
        )
        for kind in world.arrivals
    }
    standards = {
        kind: ServiceStandard.objects.filter(unit=unit, application_type=kind)
        .order_by("-effective_from")
        .values_list("minutes", flat=True)
        .first()
        for kind in world.arrivals
    }
    points = _points(unit, world.counters)
    officers = _officers(unit, sum(world.counters.values()))
    applicant, _ = Applicant.objects.get_or_create(
        unit=unit,
        nik="2172011708950009",
        defaults={"full_name": "Pemohon Uji", "birth_date": dt.date(1995, 8, 17), "sex": "L"},
    )
    written = 0
    day = start
    while day <= end:
        if day.weekday() in world.weekdays:
            written += _write_day(
                unit, world, day, routes, standards, points, officers, applicant, by, rng, zone
            )
        day += dt.timedelta(days=1)
    return written


def _points(unit: Unit, counters: Mapping[str, int]) -> dict[str, list[ServicePoint]]:
    taken = set(ServicePoint.objects.filter(unit=unit).values_list("number", flat=True))
    result: dict[str, list[ServicePoint]] = {}
    for stage, wanted in sorted(counters.items()):
        points = list(ServicePoint.objects.filter(unit=unit, stage_id=stage).order_by("number"))
        while len(points) < wanted:
            number = max(taken | {0}) + 1
            taken.add(number)
            points.append(
                ServicePoint.objects.create(
                    unit=unit, number=number, name=f"{stage} {len(points) + 1}", stage_id=stage
                )
            )
        result[stage] = points[:wanted]
    return result


def _officers(unit: Unit, wanted: int) -> list[Officer]:
    officers = list(Officer.objects.filter(unit=unit, is_active=True).order_by("number"))
    index = 0
    while len(officers) < wanted:
        index += 1
        number = f"7{unit.pk % 1000:03d}{index:04d}"
        officer, _ = Officer.objects.get_or_create(
            number=number,
            defaults={
                "unit": unit,
                "full_name": f"Petugas Uji {index}",
                "rank": Officer._meta.get_field("rank").choices[0][0],  # type: ignore[index]
                "position": "Petugas loket",
            },
        )
        if officer.unit_id == unit.pk and officer not in officers:
            officers.append(officer)
    return officers


def _write_day(
    unit: Unit,
    world: KnownWorld,
    day: dt.date,
    routes: Mapping[str, Sequence[str]],
    standards: Mapping[str, int | None],
    points: Mapping[str, list[ServicePoint]],
    officers: list[Officer],
    applicant: Applicant,
    by: User,
    rng: random.Random,
    zone: ZoneInfo,
) -> int:
    opening = dt.datetime.combine(day, dt.time(world.opens), tzinfo=zone)

    def at(minutes: float) -> dt.datetime:
        return opening + dt.timedelta(minutes=minutes)

    people = simulate_known_day(world, routes, rng)
    applications = Application.objects.bulk_create(
        Application(
            unit=unit,
            applicant=applicant,
            application_type=person["type"],
            sim_class="C",
            service_date=day,
            queue_number=f"K-{index:04d}",
            ticket_code=f"cap{unit.pk}-{day:%Y%m%d}-{index:04d}",
            registered_at=at(person["arrival"]),
            registered_by=by,
            status=(
                Application.Status.NOT_PASSED if person["failed"] else Application.Status.COMPLETED
            ),
            closed_at=at(person["stages"][-1][3]),
            elapsed_minutes=round(person["stages"][-1][3] - person["arrival"]),
            standard_minutes=standards[person["type"]],
        )
        for index, person in enumerate(people, start=1)
    )
    records = []
    for application, person in zip(applications, people, strict=True):
        for stage, _ready, start, finish, outcome in person["stages"]:
            records.append(
                StageRecord(
                    application=application,
                    stage_id=stage,
                    service_point=points[stage][0],
                    served_by=by,
                    called_at=at(start),
                    started_at=at(start),
                    finished_at=at(finish),
                    outcome=outcome,
                )
            )
    StageRecord.objects.bulk_create(records)
    pool = iter(officers)
    DutyShift.objects.bulk_create(
        DutyShift(
            unit=unit,
            officer=next(pool),
            date=day,
            shift=DutyShift.Shift.PENUH,
            service_point=point,
            starts_at=dt.time(world.opens),
            ends_at=dt.time(world.shift_ends),
        )
        for stage in sorted(points)
        for point in points[stage]
    )
    return len(applications)
