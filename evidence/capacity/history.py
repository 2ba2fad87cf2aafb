"""What the planner learns from a unit's last weeks: arrivals, service times, test results, routes.

Every figure is read from the database in a few aggregate queries; the result is plain data
(`History`) that `evidence.capacity.model` turns into a simulated day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay

from applicants.models import Application
from satpas.models import Unit
from service_timing.models import RouteStep, ServiceStandard, StageRecord
from service_timing.selectors.sql import MinutesBetween

DEFAULT_WEEKS = 8
MAX_WEEKS = 26
# A service time longer than this is a counter left open, not a service.
LONGEST_SERVICE_MINUTES = 240.0


@dataclass(frozen=True)
class History:
    """A unit's service over a window of days (both ends included)."""

    start: dt.date
    end: dt.date
    # (application type, weekday Monday = 0, office hour) -> applications registered
    arrivals: dict[tuple[str, int, int], int]
    # weekday -> days in the window on which anyone was registered
    service_days: dict[int, int]
    # stage -> service times in minutes (started -> finished), ascending
    service_minutes: dict[str, list[float]]
    # test stage -> (passed, failed)
    tests: dict[str, tuple[int, int]]
    # application type -> stage codes in order (SIM Umum's extra stages left out)
    routes: dict[str, tuple[str, ...]]
    applications: int = 0
    notes: list[str] = field(default_factory=list)

    def mean_arrivals(self, application_type: str, weekday: int) -> dict[int, float]:
        """Mean applications of a type per office hour on one weekday."""
        days = self.service_days.get(weekday, 0)
        if not days:
            return {}
        return {
            hour: count / days
            for (kind, day, hour), count in self.arrivals.items()
            if kind == application_type and day == weekday
        }

    @property
    def pass_share(self) -> dict[str, float]:
        return {
            stage: passed / (passed + failed)
            for stage, (passed, failed) in self.tests.items()
            if passed + failed
        }

    def summary(self) -> dict:
        """What the page shows of the inputs (and the stored plan keeps)."""
        per_type: Counter[str] = Counter()
        for (kind, _day, _hour), count in self.arrivals.items():
            per_type[kind] += count
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "applications": self.applications,
            "service_days": sum(self.service_days.values()),
            "per_type": dict(sorted(per_type.items())),
            "samples": {stage: len(times) for stage, times in sorted(self.service_minutes.items())},
            "median_service": {
                stage: round(_median(times), 1)
                for stage, times in sorted(self.service_minutes.items())
                if times
            },
            "pass_share": {stage: round(s, 4) for stage, s in sorted(self.pass_share.items())},
            "routes": {kind: list(route) for kind, route in sorted(self.routes.items())},
            "notes": self.notes,
        }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def history_window(*, before: dt.date, today: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """The `weeks` whole weeks of days ending the day before `before` (and never after today)."""
    end = min(before, today) - dt.timedelta(days=1)
    return end - dt.timedelta(days=7 * weeks - 1), end


def unit_history(unit: Unit, start: dt.date, end: dt.date) -> History:
    """The unit's arrivals, service times, test results and routes between two dates."""
    zone = ZoneInfo(unit.time_zone)
    applications = Application.objects.filter(
        unit=unit, service_date__gte=start, service_date__lte=end
    )
    arrivals = {
        (row["application_type"], row["weekday"] - 1, row["hour"]): row["n"]
        for row in applications.annotate(
            weekday=ExtractIsoWeekDay("registered_at", tzinfo=zone),
            hour=ExtractHour("registered_at", tzinfo=zone),
        )
        .values("application_type", "weekday", "hour")
        .annotate(n=Count("pk"))
        .order_by()
    }
    days = Counter(
        day.weekday()
        for day in applications.order_by().values_list("service_date", flat=True).distinct()
    )
    records = StageRecord.objects.filter(
        application__unit=unit,
        application__service_date__gte=start,
        application__service_date__lte=end,
    )
    service: dict[str, list[float]] = defaultdict(list)
    long_ones = 0
    for stage, minutes in (
        records.filter(started_at__isnull=False, finished_at__isnull=False)
        .annotate(minutes=MinutesBetween("started_at", "finished_at"))
        .order_by("stage_id", "minutes")
        .values_list("stage_id", "minutes")
    ):
        if minutes is None or minutes < 0:
            continue
        if minutes > LONGEST_SERVICE_MINUTES:
            long_ones += 1
            continue
        service[stage].append(round(float(minutes), 4))
    tests = {
        row["stage_id"]: (row["passed"], row["failed"])
        for row in records.filter(stage__is_test=True)
        .values("stage_id")
        .annotate(
            passed=Count("pk", filter=Q(outcome=StageRecord.Outcome.PASSED)),
            failed=Count("pk", filter=Q(outcome=StageRecord.Outcome.FAILED)),
        )
        .order_by()
    }
    routes: dict[str, list[str]] = defaultdict(list)
    for kind, stage in (
        RouteStep.objects.filter(unit=unit, umum_only=False)
        .order_by("application_type", "position")
        .values_list("application_type", "stage_id")
    ):
        routes[kind].append(stage)
    notes = []
    if long_ones:
        notes.append(f"long_services:{long_ones}")
    return History(
        start=start,
        end=end,
        arrivals=arrivals,
        service_days=dict(days),
        service_minutes=dict(service),
        tests=tests,
        routes={kind: tuple(stages) for kind, stages in routes.items()},
        applications=sum(arrivals.values()),
        notes=notes,
    )


def standards_in_force(unit: Unit, day: dt.date) -> dict[str, int]:
    """Minutes of the SOP standard in force on a day, per application type (one query)."""
    minutes: dict[str, int] = {}
    for kind, value in (
        ServiceStandard.objects.filter(unit=unit, effective_from__lte=day)
        .order_by("application_type", "-effective_from", "-pk")
        .values_list("application_type", "minutes")
    ):
        minutes.setdefault(kind, value)
    return minutes
