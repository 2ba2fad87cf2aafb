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

from demo.office import DEMO_LOGINS, DEMO_STAFF
from personnel import scoring, services
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    DutyShift,
    Officer,
    ProfessionalismAssessment,
    Rank,
    Recognition,
    ScoreAdjustment,
)
from satpas import periods
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


# What happens to the counter staff (by their place in demo.office.demo_staff()) in every
# month of the demo, on the n-th open day of that month: most officers have a clean month, a
# few have a finding with a plain cause, and leave or other duty is never a finding.
# (kind, staff index, n-th open day, minutes or status, note)
STORY: list[tuple[str, int, int, int | str, str]] = [
    ("late", 1, 3, 18, ""),
    ("late", 1, 12, 25, ""),
    ("early", 5, 8, 45, "Pulang sebelum jadwal tanpa izin"),
    ("appearance", 6, 10, 0, "sepatu tidak disemir"),
    ("leave", 4, 5, "SAKIT", "Surat keterangan sakit dari dokter Biddokkes"),
    ("leave", 4, 6, "SAKIT", "Surat keterangan sakit dari dokter Biddokkes"),
    ("leave", 7, 9, "DINAS_LUAR", "Sprin pengamanan kegiatan Polres"),
    ("leave", 3, 14, "CUTI", "Cuti tahunan"),
    ("leave", 0, 17, "IZIN", "Izin keperluan keluarga"),
    ("leave", 2, 19, "LEPAS_PIKET", "Lepas piket jaga malam"),
]


def _story(past: list[dt.date]) -> dict[tuple[int, dt.date], tuple[str, int | str, str]]:
    """(staff index, day) → (kind, minutes or status, note) for the days gone by."""
    months: dict[dt.date, list[dt.date]] = {}
    for day in past:
        months.setdefault(periods.month_start(day), []).append(day)
    events = {}
    for days in months.values():
        appearance_days = set(past[::5])
        for kind, index, nth, value, note in STORY:
            if nth >= len(days):
                continue
            day = days[nth]
            if kind == "appearance":
                # On the first appearance-check day from the n-th day on.
                later = [d for d in days[nth:] if d in appearance_days]
                if not later:
                    continue
                day = later[0]
            events[index, day] = (kind, value, note)
    return events


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
        today - dt.timedelta(days=DAYS), periods.months_back(periods.month_start(today), 2)[0]
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

    # Checks of the days gone by: the month's story (see STORY and the README).
    past = [day for day in open_days if day < today]
    story = _story(past)
    on_leave: set[tuple[int, dt.date]] = set()
    shifts = DutyShift.objects.filter(unit=unit, date__in=past, attendance__isnull=True)
    for shift in shifts.select_related("officer", "unit").order_by("date", "pk"):
        index = counter_staff.index(shift.officer)
        event = story.get((index, shift.date))
        start = _at(shift.date, shift.starts_at.hour, shift.starts_at.minute, zone)
        end = _at(shift.date, shift.ends_at.hour, shift.ends_at.minute, zone)
        if event and event[0] == "leave":
            services.attendance_record(
                shift=shift,
                status=str(event[1]),
                arrived_at=None,
                note=event[2],
                by=supervisor,
                now=start - dt.timedelta(hours=1),
            )
            on_leave.add((shift.officer_id, shift.date))
            made["checks"] += 1
            continue
        minutes = int(event[1]) if event and event[0] == "late" else rng.randint(-15, 8)
        check = services.attendance_record(
            shift=shift,
            present=True,
            arrived_at=start + dt.timedelta(minutes=minutes),
            by=supervisor,
            now=start + dt.timedelta(hours=1),
        )
        early = int(event[1]) if event and event[0] == "early" else 0
        services.attendance_record_departure(
            check=check,
            left_at=end + dt.timedelta(minutes=rng.randint(0, 15) - early),
            note=event[2] if event and early else "",
            by=supervisor,
            now=end + dt.timedelta(minutes=30),
        )
        made["checks"] += 1
    # Also the leave of an earlier run: nobody on leave is checked (idempotent).
    on_leave |= set(
        AttendanceCheck.objects.filter(unit=unit, status__in=AttendanceCheck.LEAVE).values_list(
            "officer_id", "checked_on"
        )
    )
    for day in past[::5]:
        now = _at(day, 9, 30, zone)
        for index, officer in enumerate(counter_staff):
            if (officer.pk, day) in on_leave:
                continue
            if AppearanceCheck.objects.filter(officer=officer, checked_on=day).exists():
                continue
            fault = (index, day) in story and story[index, day][0] == "appearance"
            services.appearance_record(
                unit=unit,
                officer=officer,
                checked_on=day,
                results={"shoes": not fault},
                notes={"shoes": story[index, day][2] if fault else ""},
                by=supervisor,
                now=now,
            )
            made["checks"] += 1
        rostered = set(
            DutyShift.objects.filter(unit=unit, date=day).values_list("service_point", flat=True)
        )
        for point in points.values():
            if point.pk not in rostered:
                continue  # the bank's teller and an unstaffed counter are not the unit's
            if CleanlinessCheck.objects.filter(service_point=point, checked_on=day).exists():
                continue
            services.cleanliness_record(
                unit=unit,
                service_point=point,
                checked_on=day,
                results={},
                by=supervisor,
                now=_at(day, 10, 0, zone),
            )
            made["checks"] += 1
    if past and not ProfessionalismAssessment.objects.filter(unit=unit).exists():
        day = past[len(past) // 2]
        for officer in counter_staff:
            if (officer.pk, day) in on_leave:
                continue
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
    this_month = periods.month_start(today)
    last_month = periods.months_back(this_month, 2)[0]
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
