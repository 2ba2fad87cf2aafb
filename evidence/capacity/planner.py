"""A week's capacity plan for a unit: the roster's prediction, the recommendation, the what-if
and the back-test that says how far the model may be trusted. Results are plain JSON."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable
from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from applicants.models import Application
from evidence.capacity.history import History, history_window, standards_in_force, unit_history
from evidence.capacity.model import (
    DEFAULT_REPLICATIONS,
    Counters,
    DayInputs,
    DayPrediction,
    Estimate,
    TypeInputs,
    recommend_day,
    simulate_day,
)
from evidence.capacity.roster import counter_caps, roster_counters
from satpas.models import Unit
from satpas.selectors import office_calendar
from satpas.stats import summarise
from service_timing.models import StageRecord
from service_timing.selectors.catalogue import stage_name
from service_timing.selectors.sql import queue_wait

DEFAULT_TARGET = 0.95
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")

Progress = Callable[[int, str], None]


def parse_week(text: str) -> dt.date:
    """ "2026-W49" -> the Monday of that ISO week; ValueError with an Indonesian message."""
    match = WEEK_PATTERN.match((text or "").strip())
    if not match:
        raise ValueError(_("Minggu harus ditulis YYYY-Www, misalnya 2026-W49."))
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError as exc:
        raise ValueError(_("Minggu %(week)s tidak ada.") % {"week": text}) from exc


def week_label(monday: dt.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def day_inputs(history: History, day: dt.date, *, unit: Unit) -> DayInputs | None:
    """The simulated day for a date: its weekday's arrivals, the hours the unit is open."""
    calendar = office_calendar(unit)
    hours = calendar.hours_on(day)
    if hours is None or not calendar.is_open_day(day):
        return None
    opens, closes = hours
    standards = standards_in_force(unit, day)
    types = {}
    for kind, route in sorted(history.routes.items()):
        arrivals = history.mean_arrivals(kind, day.weekday())
        if route and kind in standards and sum(arrivals.values()) > 0:
            types[kind] = TypeInputs(
                route=route, arrivals=arrivals, standard_minutes=standards[kind]
            )
    if not types:
        return None
    return DayInputs(
        opens=opens.hour,
        closes=closes.hour + (1 if closes.minute else 0),
        types=types,
        service_minutes=history.service_minutes,
        pass_share=history.pass_share,
    )


def _est(value: Estimate | None) -> dict[str, float] | None:
    return value.as_dict() if value else None


def _cells(prediction: DayPrediction) -> dict[str, dict[str, Any]]:
    return {
        f"{cell.stage}|{cell.hour}": {
            "counters": cell.counters,
            "arrivals": round(cell.arrivals, 2),
            "wait": _est(cell.wait_median),
            "on_time": _est(cell.on_time),
        }
        for cell in prediction.cells.values()
    }


def plan_week(
    unit: Unit,
    monday: dt.date,
    *,
    weeks: int,
    target: float,
    today: dt.date,
    replications: int = DEFAULT_REPLICATIONS,
    progress: Progress | None = None,
    backtest: bool = True,
) -> dict[str, Any]:
    """Predict the roster's week, recommend counters for each open day, back-test the model."""
    report = progress or (lambda percent, step: None)
    start, end = history_window(before=monday, today=today, weeks=weeks)
    history = unit_history(unit, start, end)
    roster = roster_counters(unit, monday, monday + dt.timedelta(days=6))
    caps = {stage: len(points) for stage, points in counter_caps(unit).items()}
    days: list[dict[str, Any]] = []
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    for index, day in enumerate(week):
        report(5 + 70 * index // 7, _("Menghitung %(day)s") % {"day": day.isoformat()})
        inputs = day_inputs(history, day, unit=unit)
        if inputs is None:
            continue
        rostered = roster.get(day, {})
        before = simulate_day(inputs, rostered, replications=replications)
        advice = recommend_day(inputs, cap=caps, target=target, replications=replications)
        days.append(
            {
                "date": day.isoformat(),
                "hours": inputs.hours,
                "stages": inputs.stages,
                "roster": {
                    "on_time": _est(before.on_time),
                    "officer_hours": sum(
                        rostered.get(s, {}).get(h, 0) for s in inputs.stages for h in inputs.hours
                    ),
                    "cells": _cells(before),
                },
                "recommended": {
                    "on_time": _est(advice.prediction.on_time),
                    "officer_hours": advice.officer_hours,
                    "reached": advice.reached,
                    "counters": advice.counters,
                    "cells": _cells(advice.prediction),
                },
            }
        )
    result: dict[str, Any] = {
        "week": week_label(monday),
        "target": target,
        "weeks": weeks,
        "replications": replications,
        "inputs": history.summary(),
        "caps": caps,
        "stage_names": {},
        "days": days,
    }
    if backtest:
        report(80, _("Menguji model pada minggu yang sudah lewat"))
        result["backtest"] = backtest_week(
            unit, monday=monday, weeks=weeks, today=today, replications=replications
        )
    stages: set[str] = {s for d in days for s in d["stages"]}
    stages |= set((result.get("backtest") or {}).get("stages", {}))
    result["stage_names"] = {code: stage_name(code) for code in sorted(stages)}
    return result


def what_if(
    unit: Unit,
    day: dt.date,
    *,
    weeks: int,
    today: dt.date,
    changes: list[dict[str, Any]],
    replications: int = DEFAULT_REPLICATIONS,
) -> dict[str, Any]:
    """The day's roster with counters added or removed, against the roster as it is."""
    monday = day - dt.timedelta(days=day.weekday())
    history = unit_history(unit, *history_window(before=monday, today=today, weeks=weeks))
    inputs = day_inputs(history, day, unit=unit)
    if inputs is None:
        raise ValueError(_("Satuan tidak buka atau tidak punya data untuk hari itu."))
    rostered = roster_counters(unit, day, day).get(day, {})
    changed: Counters = {stage: dict(by_hour) for stage, by_hour in rostered.items()}
    caps = {stage: len(points) for stage, points in counter_caps(unit).items()}
    for change in changes:
        by_hour = changed.setdefault(change["stage"], {})
        for hour in change["hours"]:
            wanted = by_hour.get(hour, 0) + int(change["delta"])
            by_hour[hour] = max(0, min(caps.get(change["stage"], 0), wanted))
    before = simulate_day(inputs, rostered, replications=replications)
    after = simulate_day(inputs, changed, replications=replications)
    return {
        "date": day.isoformat(),
        "hours": inputs.hours,
        "stages": inputs.stages,
        "changes": changes,
        "before": {"on_time": _est(before.on_time), "cells": _cells(before)},
        "after": {"on_time": _est(after.on_time), "cells": _cells(after)},
    }


def observed_week(unit: Unit, start: dt.date, end: dt.date) -> dict[str, dict[str, float | None]]:
    """What happened per stage: the on-time share of completed applications that passed the
    stage, and the median queue wait before it (from ready to the call), in minutes."""
    records = StageRecord.objects.filter(
        application__unit=unit,
        application__service_date__gte=start,
        application__service_date__lte=end,
    )
    shares = {
        row["stage_id"]: (row["met"], row["n"])
        for row in records.filter(
            application__status=Application.Status.COMPLETED,
            application__elapsed_minutes__isnull=False,
            application__standard_minutes__isnull=False,
        )
        .values("stage_id")
        .annotate(
            n=Count("pk"),
            met=Count(
                "pk",
                filter=Q(application__elapsed_minutes__lte=F("application__standard_minutes")),
            ),
        )
        .order_by()
    }
    waits = summarise(
        records.filter(called_at__isnull=False).annotate(wait=queue_wait()),
        value="wait",
        group="stage_id",
        fractions=(0.5,),
        aggregates={"called": Count("pk")},
    )
    stages = set(shares) | {code for code in waits if code}
    return {
        stage: {
            "on_time": shares[stage][0] / shares[stage][1] if shares.get(stage) else None,
            "completed": shares[stage][1] if stage in shares else 0,
            "wait": _nonnegative(waits[stage][1][0]) if stage in waits else None,
        }
        for stage in sorted(stages)
    }


def _nonnegative(minutes: float | None) -> float | None:
    # A call logged a moment before the previous stage's finish reads as a negative wait.
    return None if minutes is None else max(0.0, minutes)


def backtest_week(
    unit: Unit,
    *,
    monday: dt.date,
    weeks: int,
    today: dt.date,
    replications: int = DEFAULT_REPLICATIONS,
) -> dict[str, Any]:
    """Fit on the weeks before the last whole week that has passed, predict that week with its
    real roster, and set the prediction beside what happened there."""
    last = min(monday, today)
    tested = last - dt.timedelta(days=last.weekday() + 7)
    history = unit_history(unit, *history_window(before=tested, today=today, weeks=weeks))
    end = tested + dt.timedelta(days=6)
    roster = roster_counters(unit, tested, end)
    predicted_share: dict[str, list[float]] = {}
    predicted_wait: dict[str, list[float]] = {}
    for offset in range(7):
        day = tested + dt.timedelta(days=offset)
        inputs = day_inputs(history, day, unit=unit)
        if inputs is None or day not in roster:
            continue
        prediction = simulate_day(inputs, roster[day], replications=replications)
        for stage, estimate in prediction.stage_on_time.items():
            if estimate is not None:
                predicted_share.setdefault(stage, []).append(estimate.mean)
        for stage, wait in prediction.stage_wait_median.items():
            if wait is not None:
                predicted_wait.setdefault(stage, []).append(wait.mean)
    observed = observed_week(unit, tested, end)
    stages: dict[str, dict[str, float | None]] = {}
    for stage in sorted(set(predicted_share) | set(observed)):
        seen = observed.get(stage, {})
        share = statistics.fmean(predicted_share[stage]) if stage in predicted_share else None
        waited = statistics.fmean(predicted_wait[stage]) if stage in predicted_wait else None
        seen_share, seen_wait = seen.get("on_time"), seen.get("wait")
        stages[stage] = {
            "predicted_on_time": share,
            "observed_on_time": seen_share,
            "error_pp": (
                round(100 * (share - seen_share), 1)
                if share is not None and seen_share is not None
                else None
            ),
            "predicted_wait": waited,
            "observed_wait": seen_wait,
            "error_minutes": (
                round(waited - seen_wait, 1)
                if waited is not None and seen_wait is not None
                else None
            ),
        }
    errors = [abs(e) for row in stages.values() if (e := row["error_pp"]) is not None]
    return {
        "week": week_label(tested),
        "fitted_on": [history.start.isoformat(), history.end.isoformat()],
        "stages": stages,
        "largest_error_pp": max(errors) if errors else None,
    }
