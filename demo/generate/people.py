"""What a generated day means for the officers: compensation for a breach with its finding,
the duty roster with attendance checks, and the approved SMK adjustments."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from demo.generate.cast import UnitCast
from demo.generate.writers import Writers
from personnel.models import Officer

LATE_SHARE = 0.03


def compensate(
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
    adjust(cast, officer, finding_id, day, "SERVICE_TIMELINESS", closed_at, w)


def adjust(
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


def roster(cast: UnitCast, day: dt.date, rng: random.Random, w: Writers) -> None:
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
            adjust(cast, officer, finding_id, day, "TIME_DISCIPLINE", arrived, w)
