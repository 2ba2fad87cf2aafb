"""Demo history of personnel for `seed_demo`: officer profiles, a roster over the last 30 days
and all of last month (and the coming week), checks that are mostly fine, the findings they make, proposals, the
Kasat's decisions and last month's petugas teladan.

Idempotent: what exists is kept, so running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from personnel import scoring, services
from personnel.models import (
    AppearanceCheck,
    CleanlinessCheck,
    DutyShift,
    Officer,
    ProfessionalismAssessment,
    Rank,
    Recognition,
    ScoreAdjustment,
)
from satpas.demo import DEMO_LOGINS, DEMO_STAFF
from satpas.models import Holiday, OpeningHours, Unit, User
from satpas.roles import Role
from service_timing.models import ServicePoint

DAYS = 30
# Which counter each demo position serves (by counter number); others rotate.
POINT_OF_POSITION = {
    "Petugas loket SIM": 1,
    "Petugas pendaftaran": 1,
    "Petugas verifikasi": 2,
    "Petugas foto & sidik jari": 4,
    "Penguji teori": 5,
    "Penguji praktik": 7,
    "Petugas cetak SIM": 8,
    "Petugas penyerahan": 9,
}


def _profiles(unit: Unit, users: list[User]) -> list[Officer]:
    logins = {login.username: login for login in [*DEMO_LOGINS, *DEMO_STAFF]}
    officers = []
    for user in users:
        login = logins[user.username]
        officer, _created = Officer.objects.update_or_create(
            number=user.username,
            defaults={
                "unit": unit,
                "user": user,
                "full_name": user.full_name,
                "rank": Rank.from_label(login.rank),
                "position": login.position,
                "is_active": True,
            },
        )
        officers.append(officer)
    return officers


def _at(day: dt.date, hour: int, minute: int, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)


@transaction.atomic
def seed_history(
    *, unit: Unit, users: dict[Role, User], staff: list[User], today: dt.date, rng: random.Random
) -> str:
    zone = ZoneInfo(unit.time_zone)
    supervisor, kasat = users[Role.SUPERVISOR], users[Role.KASAT]
    services.policy_for(unit)
    _profiles(unit, [supervisor, kasat])
    counter_staff = _profiles(unit, staff)
    points = {p.number: p for p in ServicePoint.objects.filter(unit=unit, is_active=True)}
    if not points or not counter_staff:
        return "Personnel: no counters or staff, nothing seeded"
    hours = {row.weekday: row for row in OpeningHours.objects.filter(unit=unit)}
    holidays = set(Holiday.objects.filter(unit=unit).values_list("date", flat=True))
    # At least 30 days, and the whole of last month so that its reward rules can be earned.
    first = min(
        today - dt.timedelta(days=DAYS), scoring.months_back(scoring.month_start(today), 2)[0]
    )
    made = {"shifts": 0, "checks": 0}

    # The roster: every open day from 30 days ago to a week ahead.
    day = first
    open_days = []
    while day <= today + dt.timedelta(days=7):
        opening = hours.get(day.weekday())
        if opening and day not in holidays:
            open_days.append(day)
            for n, officer in enumerate(counter_staff):
                number = POINT_OF_POSITION.get(officer.position) or (n % len(points)) + 1
                point = points.get(number) or points[min(points)]
                _shift, created = DutyShift.objects.get_or_create(
                    officer=officer,
                    date=day,
                    shift=DutyShift.Shift.PENUH,
                    defaults={
                        "unit": unit,
                        "service_point": point,
                        "starts_at": opening.opens_at,
                        "ends_at": opening.closes_at,
                    },
                )
                made["shifts"] += created
        day += dt.timedelta(days=1)

    # Checks of the days gone by: mostly fine, a few late arrivals and faults.
    past = [day for day in open_days if day < today]
    shifts = DutyShift.objects.filter(unit=unit, date__in=past, attendance__isnull=True)
    for shift in shifts.select_related("officer", "unit").order_by("date", "pk"):
        late = rng.random() < 0.04
        minutes = rng.randint(11, 40) if late else rng.randint(-15, 10)
        start = _at(shift.date, shift.starts_at.hour, shift.starts_at.minute, zone)
        services.attendance_record(
            shift=shift,
            present=True,
            arrived_at=start + dt.timedelta(minutes=minutes),
            by=supervisor,
            now=start + dt.timedelta(hours=1),
        )
        made["checks"] += 1
    for day in past[::5]:
        now = _at(day, 9, 30, zone)
        for officer in counter_staff:
            if AppearanceCheck.objects.filter(officer=officer, checked_on=day).exists():
                continue
            fault = rng.random() < 0.15
            item = rng.choice(AppearanceCheck.ITEMS)
            services.appearance_record(
                unit=unit,
                officer=officer,
                checked_on=day,
                results={item: not fault},
                notes={item: "perlu dirapikan" if fault else ""},
                by=supervisor,
                now=now,
            )
            made["checks"] += 1
        for point in points.values():
            if CleanlinessCheck.objects.filter(service_point=point, checked_on=day).exists():
                continue
            dirty = rng.random() < 0.1
            services.cleanliness_record(
                unit=unit,
                service_point=point,
                checked_on=day,
                results={"sanitiser": not dirty},
                note="Hand sanitiser habis" if dirty else "",
                by=supervisor,
                now=_at(day, 10, 0, zone),
            )
            made["checks"] += 1
    if past and not ProfessionalismAssessment.objects.filter(unit=unit).exists():
        day = past[len(past) // 2]
        for officer in counter_staff:
            services.professionalism_record(
                unit=unit,
                officer=officer,
                checked_on=day,
                scores={
                    "procedure": rng.randint(3, 4),
                    "accuracy": rng.randint(2, 4),
                    "courtesy": 4,
                    "integrity": 4,
                },
                by=supervisor,
                now=_at(day, 14, 0, zone),
            )
            made["checks"] += 1

    # Proposals for last month and this one; the Kasat decides last month's.
    now = _at(today, 7, 0, zone)
    this_month = scoring.month_start(today)
    last_month = scoring.months_back(this_month, 2)[0]
    proposed = 0
    for period in (last_month, this_month):
        proposed += services.adjustments_propose(
            unit=unit, period=period, by=supervisor, now=now
        ).proposed
    waiting = list(
        ScoreAdjustment.objects.filter(
            unit=unit, period=last_month, status=ScoreAdjustment.Status.PROPOSED
        ).order_by("pk")
    )
    excused = next((a for a in waiting if a.criterion == scoring.TIME_DISCIPLINE), None)
    if excused is not None:
        waiting.remove(excused)
        services.adjustment_decide(
            adjustment=excused,
            approve=False,
            reason="Terlambat karena tugas pengawalan atas perintah pimpinan",
            by=kasat,
            now=now,
        )
    if waiting:
        services.adjustments_decide(
            unit=unit, ids=[a.pk for a in waiting], approve=True, by=kasat, now=now
        )
    if not Recognition.objects.filter(unit=unit, period=last_month).exists():
        from personnel.selectors import month_ranking

        best = [row for row in month_ranking(unit, last_month, limit=1) if row["points"] > 0]
        if best:
            services.recognition_name(
                unit=unit,
                period=last_month,
                officer=Officer.objects.get(pk=best[0]["officer"]),
                position=1,
                citation="Disiplin, profesional dan melayani pemohon SIM tepat waktu",
                by=kasat,
                now=now,
            )
    return (
        f"Personnel: {len(counter_staff) + 2} officers, {made['shifts']} new shifts, "
        f"{made['checks']} new checks, {proposed} new proposals"
    )
