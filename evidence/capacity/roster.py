"""Counters open per stage and hour, read from the duty roster; a recommendation written back
as a roster draft in the columns of the roster import (`personnel.resources.COLUMNS`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable

from evidence.capacity.model import Counters
from personnel.models import DutyShift, Officer
from personnel.resources import COLUMNS
from satpas.models import Unit
from satpas.spreadsheets import looks_like_formula
from service_timing.models import ServicePoint

# A shift counts for an hour when it covers at least this much of it.
HOUR_COVERED_MINUTES = 30
NOON = 12


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def counters_from_shifts(
    shifts: Iterable[tuple[dt.date, str, int, dt.time, dt.time]], hours: Iterable[int]
) -> dict[dt.date, Counters]:
    """(date, stage, service point id, starts, ends) rows -> open counters per stage and hour.

    A counter is a service point: two officers at one point in the same hour are one counter."""
    hours = list(hours)
    open_points: dict[tuple[dt.date, str, int], set[int]] = defaultdict(set)
    for day, stage, point, starts, ends in shifts:
        for hour in hours:
            covered = min(_minutes(ends), (hour + 1) * 60) - max(_minutes(starts), hour * 60)
            if covered >= HOUR_COVERED_MINUTES:
                open_points[day, stage, hour].add(point)
    result: dict[dt.date, Counters] = defaultdict(lambda: defaultdict(dict))
    for (day, stage, hour), points in open_points.items():
        result[day][stage][hour] = len(points)
    return {
        day: {stage: dict(by_hour) for stage, by_hour in c.items()} for day, c in result.items()
    }


def roster_counters(unit: Unit, start: dt.date, end: dt.date) -> dict[dt.date, Counters]:
    """The duty roster's open counters per day, stage and office hour (one query)."""
    rows = (
        DutyShift.objects.filter(unit=unit, date__gte=start, date__lte=end)
        .order_by()
        .values_list("date", "service_point__stage_id", "service_point_id", "starts_at", "ends_at")
    )
    return counters_from_shifts(rows, range(24))


def counter_caps(unit: Unit) -> dict[str, list[int]]:
    """Each stage's active service point numbers, ascending (their count caps a stage)."""
    points: dict[str, list[int]] = defaultdict(list)
    for stage, number in (
        ServicePoint.objects.filter(unit=unit, is_active=True)
        .order_by("stage_id", "number")
        .values_list("stage_id", "number")
    ):
        points[stage].append(number)
    return dict(points)


def _runs(hours: list[int]) -> list[tuple[int, int]]:
    """Consecutive hours as [first, last + 1) runs."""
    runs: list[tuple[int, int]] = []
    for hour in sorted(hours):
        if runs and runs[-1][1] == hour:
            runs[-1] = (runs[-1][0], hour + 1)
        else:
            runs.append((hour, hour + 1))
    return runs


def _shift(first: int, last: int) -> str:
    if last <= NOON:
        return DutyShift.Shift.PAGI
    if first >= NOON:
        return DutyShift.Shift.SIANG
    return DutyShift.Shift.PENUH


def draft_rows(
    plan: dict[dt.date, Counters],
    *,
    points: dict[str, list[int]],
    rostered: dict[dt.date, dict[str, list[str]]],
    officers: list[str],
) -> list[dict[str, str]]:
    """Roster rows that open the planned counters: the k-th counter of a stage is its k-th
    service point, one row per run of hours it is open. Officers are those already rostered
    at the stage that day, then the unit's other active officers, one row each a day; a row
    left without one (too few officers) has an empty NRP/NIP for the supervisor to fill."""
    rows: list[dict[str, str]] = []
    for day in sorted(plan):
        used: set[str] = set()
        for stage in sorted(plan[day]):
            by_hour = plan[day][stage]
            stage_points = points.get(stage, [])
            preferred = list(rostered.get(day, {}).get(stage, []))
            for k, point in enumerate(stage_points, start=1):
                for first, last in _runs([h for h, n in by_hour.items() if n >= k]):
                    officer = next((o for o in preferred if o not in used), None)
                    if officer is None:
                        officer = next((o for o in officers if o not in used), "")
                    if officer:
                        used.add(officer)
                    rows.append(
                        {
                            "tanggal": day.isoformat(),
                            "nrp_nip": officer,
                            "loket": str(point),
                            "sif": _shift(first, last),
                            "mulai": f"{first:02d}:00",
                            "selesai": f"{last:02d}:00",
                        }
                    )
    return rows


def roster_draft(unit: Unit, plan: dict[dt.date, Counters]) -> list[dict[str, str]]:
    """The draft rows for a plan, with the unit's points and officers (three queries)."""
    rostered: dict[dt.date, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if plan:
        for day, stage, number in (
            DutyShift.objects.filter(unit=unit, date__gte=min(plan), date__lte=max(plan))
            .order_by("date", "starts_at", "service_point__number")
            .values_list("date", "service_point__stage_id", "officer__number")
        ):
            if number not in rostered[day][stage]:
                rostered[day][stage].append(number)
    officers = list(
        Officer.objects.filter(unit=unit, is_active=True)
        .order_by("number")
        .values_list("number", flat=True)
    )
    return draft_rows(plan, points=counter_caps(unit), rostered=rostered, officers=officers)


def draft_csv(rows: list[dict[str, str]]) -> str:
    """The draft as the roster import reads it: UTF-8 CSV with its header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # Only numbers, dates and times go in; a formula-like value would be a bad officer
        # number, kept as text all the same.
        writer.writerow({k: f"'{v}" if looks_like_formula(v) else v for k, v in row.items()})
    return buffer.getvalue()
