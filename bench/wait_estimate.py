"""How close the estimated wait comes to the real one, on generated history.

    python bench/wait_estimate.py [--days 20] [--per-day 300]

Replays the last open days of a unit's history: at each arrival at a stage (registration for
the first stage, the end of the previous stage for the others) the estimate is worked out by
`service_timing.wait` from what was known at that instant only (who was ahead and not yet
called, the counters open then, the counters' last services finished by then, the stage
allowance of the applicant's standard), and held against the office minutes until they were
really called. Prints, per stage and overall, the median absolute error in minutes and the
share within ±10 minutes. `make bench` runs it on the five-year unit; run alone, it generates
its own days on a throwaway test database (SQLite in memory; PostgreSQL when
BENCH_DATABASE_URL is set).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import os
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WITHIN_MINUTES = 10


@dataclass(frozen=True)
class _Arrival:
    application_id: int
    stage: str
    ready: dt.datetime
    called: dt.datetime
    allowance: int | None


def replay(unit_id: int, *, days: int = 20, last: dt.date | None = None) -> dict:
    """The estimate's accuracy over the unit's last `days` open days up to `last`."""
    from service_timing.models import Journey

    dates = list(
        Journey.objects.filter(unit_id=unit_id, **({"service_date__lte": last} if last else {}))
        .order_by("-service_date")
        .values_list("service_date", flat=True)
        .distinct()[:days]
    )
    errors: dict[str, list[float]] = defaultdict(list)
    baseline: list[float] = []
    unknown: dict[str, int] = defaultdict(int)
    for day in sorted(dates):
        for stage, error, naive in _replay_day(unit_id, day):
            if naive is not None:
                baseline.append(naive)
            if error is None:
                unknown[stage] += 1
            else:
                errors[stage].append(error)
    return {
        "baseline": _summary(baseline, 0),
        "days": len(dates),
        "first": min(dates).isoformat() if dates else None,
        "last": max(dates).isoformat() if dates else None,
        "stages": {stage: _summary(errors[stage], unknown[stage]) for stage in _order(errors)},
        "overall": _summary([e for found in errors.values() for e in found], sum(unknown.values())),
    }


def _order(errors: dict[str, list[float]]) -> list[str]:
    from service_timing.defaults import WITH_TESTS

    return sorted(errors, key=lambda code: WITH_TESTS.index(code) if code in WITH_TESTS else 99)


def _summary(errors: list[float], unknown: int) -> dict:
    return {
        "arrivals": len(errors),
        "no_estimate": unknown,
        "median_abs_error_min": round(statistics.median(errors), 1) if errors else None,
        "within_10_min_share": (
            round(sum(1 for e in errors if e <= WITHIN_MINUTES) / len(errors), 3)
            if errors
            else None
        ),
    }


def _replay_day(unit_id: int, day: dt.date) -> list[tuple[str, float | None, float | None]]:
    """For each arrival of the day: its stage, the estimate's absolute error in minutes (None
    without an estimate), and for comparison the error of a naive guess, the median wait of
    the stage's last ten applicants called by then (None before the first call)."""
    from satpas.selectors import office_calendar
    from service_timing.clock import counted_seconds
    from service_timing.models import CounterStateChange, Journey, ServicePoint, StageRecord
    from service_timing.wait import StageLoad, estimate_route, median

    calendar = office_calendar(unit_id)
    routes = dict(
        Journey.objects.filter(unit_id=unit_id, service_date=day).values_list(
            "pk", "application__registered_at"
        )
    )
    allowances = {
        pk: {step["code"]: step.get("allowance") for step in route}
        for pk, route in Journey.objects.filter(unit_id=unit_id, service_date=day).values_list(
            "pk", "route"
        )
    }
    records = list(
        StageRecord.objects.filter(application__unit_id=unit_id, application__service_date=day)
        .order_by("application_id", "called_at", "pk")
        .values_list(
            "application_id",
            "stage_id",
            "service_point_id",
            "called_at",
            "started_at",
            "finished_at",
        )
    )
    arrivals: dict[str, list[_Arrival]] = defaultdict(list)
    # Each counter's services of the day: finish times (sorted) and office minutes.
    services: dict[int, list[tuple[dt.datetime, float]]] = defaultdict(list)
    previous_end: dict[int, dt.datetime | None] = {}
    for application_id, stage, point_id, called, started, finished in records:
        ready = previous_end.get(application_id, routes.get(application_id))
        previous_end[application_id] = finished
        if ready is not None and called is not None:
            allowance = allowances.get(application_id, {}).get(stage)
            arrivals[stage].append(_Arrival(application_id, stage, ready, called, allowance))
        if point_id is not None and started is not None and finished is not None:
            minutes = counted_seconds(started, finished, calendar) / 60
            services[point_id].append((finished, minutes))
    for found in services.values():
        found.sort()
    points = defaultdict(list)
    for pk, stage in ServicePoint.objects.filter(unit_id=unit_id, is_active=True).values_list(
        "pk", "stage_id"
    ):
        points[stage].append(pk)
    changes = defaultdict(list)
    for point_id, at, state in CounterStateChange.objects.filter(
        service_point__unit_id=unit_id, changed_at__date__lte=day
    ).values_list("service_point_id", "changed_at", "state"):
        changes[point_id].append((at, state))
    for found in changes.values():
        found.sort()

    results: list[tuple[str, float | None, float | None]] = []
    for stage, stage_arrivals in arrivals.items():
        # Call-next's order: ready first, then the older application.
        stage_arrivals.sort(key=lambda a: (a.ready, a.application_id))
        earlier_calls: list[dt.datetime] = []  # sorted call times of those who came before
        waits = sorted(
            (a.called, counted_seconds(a.ready, a.called, calendar) / 60) for a in stage_arrivals
        )
        for arrival in stage_arrivals:
            now = arrival.ready
            actual = counted_seconds(now, arrival.called, calendar) / 60
            known = bisect.bisect_right(waits, (now, float("inf")))
            guess = median([wait for _at, wait in waits[max(0, known - 10) : known]])
            naive = None if guess is None else abs(guess - actual)
            ahead = len(earlier_calls) - bisect.bisect_right(earlier_calls, now)
            bisect.insort(earlier_calls, arrival.called)
            counters: list[float | None] = []
            samples: list[float] = []
            for point_id in points.get(stage, []):
                done = services.get(point_id, [])
                upto = bisect.bisect_right(done, (now, float("inf")))
                own = [minutes for _at, minutes in done[max(0, upto - 10) : upto]]
                samples.extend(own)
                if _open_at(changes.get(point_id, []), now):
                    counters.append(median(own) if len(own) >= 3 else None)
            (estimate,) = estimate_route(
                [
                    StageLoad(
                        stage,
                        ahead=ahead,
                        counters=tuple(counters),
                        recent_minutes=median(samples),
                        allowance_minutes=arrival.allowance,
                    )
                ]
            )
            error = None if estimate.minutes is None else abs(estimate.minutes - actual)
            results.append((stage, error, naive))
    return results


def _open_at(changes: list[tuple[dt.datetime, str]], moment: dt.datetime) -> bool:
    """A counter's state at a moment from its changes (none before it: open)."""
    state = "OPEN"
    for at, new_state in changes:
        if at > moment:
            break
        state = new_state
    return state == "OPEN"


def print_figures(figures: dict, line) -> None:  # type: ignore[no-untyped-def]
    """The accuracy table, through `run.py`'s line printer (name, value, target, met)."""
    line(
        f"estimated wait, {figures['days']} days ({figures['first']}..{figures['last']})",
        "median |err| min / ±10",
    )
    for stage, s in [*figures["stages"].items(), ("overall", figures["overall"])]:
        if s["median_abs_error_min"] is None:
            line(f"  {stage}: no estimate", str(s["no_estimate"]))
            continue
        line(
            f"  {stage} ({s['arrivals']:,} arrivals, {s['no_estimate']} without estimate)",
            f"{s['median_abs_error_min']} / {100 * s['within_10_min_share']:.0f}%",
        )
    b = figures["baseline"]
    if b["median_abs_error_min"] is not None:
        line(
            "  for comparison: median of the last 10 waits, overall",
            f"{b['median_abs_error_min']} / {100 * b['within_10_min_share']:.0f}%",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument(
        "--source",
        choices=["generated", "demo"],
        default="generated",
        help="generated days (volume generator) or the demo office's days (seed_demo), whose "
        "applicants queue first come, first served at each stage's counters",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satpas.settings")
    os.environ.setdefault("DEBUG", "true")
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from satpas.models import Unit

        if args.source == "demo":
            from django.core.management import call_command

            from demo.office import DEMO_UNIT_CODE

            call_command("seed_demo", verbosity=0)
            figures = replay(Unit.objects.get(code=DEMO_UNIT_CODE).pk, days=args.days)
        else:
            from demo.generate import generate

            # Calendar days enough for the open days asked for (six open days a week).
            span = args.days * 7 // 6 + 2
            generate(units=1, years=span / 365, per_day=args.per_day, unit_codes=["WAIT01"])
            figures = replay(Unit.objects.get(code="WAIT01").pk, days=args.days)
        print(f"source: {args.source}")

        def line(name: str, value: str) -> None:
            print(f"{name:<60} {value:>22}")

        print_figures(figures, line)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
