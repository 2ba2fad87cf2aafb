"""How far the capacity planner's prediction falls from what happened, on history whose real
capacity is known.

    python bench/capacity.py [--weeks 8]

A unit is given weeks of renewals and new licences arriving at known hourly rates, served
first come, first served by a fixed number of counters per stage with known service times and
test pass rates (`demo.capacity`). As the page's back-test does for the last week, the planner
learns from the weeks before each of the last four weeks and predicts that week with its real
roster; this prints per stage the predicted and observed on-time share and median queue wait,
averaged over the four weeks (with the worst single week), against ±5 percentage points. `make bench` runs it in the benchmark database; run alone, it uses a
throwaway test database (SQLite in memory; PostgreSQL when BENCH_DATABASE_URL is set).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
UNIT_CODE = "KAPASITAS"
TARGET_PP = 5.0

# A busy unit run close to its limits (loads of 0.7 to 0.9 at the tests, registration,
# verification and biometrics), so that a fair share of new licences is late and the on-time
# share has room to be wrong; busy enough that one observed week holds several hundred
# applications (at 60 new licences a week, chance alone moves an observed 90 % by ±4 pp).
ARRIVALS = {"PERPANJANGAN": 24.0, "BARU": 10.0}
COUNTERS = {
    "REG": 3,
    "VERIF": 4,
    "BAYAR": 2,
    "BIO": 3,
    "TEORI": 3,
    "PRAKTIK": 3,
    "CETAK": 2,
    "SERAH": 2,
}
SERVICE_MINUTES = {
    "REG": 4.0,
    "VERIF": 5.0,
    "BAYAR": 2.0,
    "BIO": 4.0,
    "TEORI": 15.0,
    "PRAKTIK": 20.0,
    "CETAK": 3.0,
    "SERAH": 2.0,
}
PASS_SHARE = {"TEORI": 0.8, "PRAKTIK": 0.75}


def measure(*, weeks: int = 8, tested: int = 4, replications: int = 20) -> dict:
    """Generate the known unit (replacing an earlier one) and back-test the planner on it."""
    from django.utils import timezone

    from demo.capacity import KnownWorld, generate_known_history
    from evidence.capacity.planner import backtest_week
    from satpas.models import OpeningHours, Unit, User

    world = KnownWorld(
        arrivals=ARRIVALS,
        counters=COUNTERS,
        service_minutes=SERVICE_MINUTES,
        pass_share=PASS_SHARE,
        opens=8,
        closes=12,
        shift_ends=15,
    )
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    if unit is not None:
        unit.code = f"{UNIT_CODE[:6]}{unit.pk}"  # an earlier run's unit, set aside
        unit.is_active = False
        unit.save(update_fields=["code", "is_active"])
    unit = Unit.objects.create(
        code=UNIT_CODE,
        name="Satpas uji kapasitas",
        region="Polda Uji",
        city="Tanjungpinang",
        signatory_name="-",
        signatory_rank="-",
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            unit=unit, weekday=weekday, opens_at=dt.time(8), closes_at=dt.time(15)
        )
    by, _ = User.objects.get_or_create(username="69990001", defaults={"full_name": "Bench"})
    # The last `tested` whole weeks before today are predicted, each learnt from the `weeks`
    # weeks before it, as the page's back-test does for the last one.
    today = timezone.localdate(timezone=ZoneInfo(unit.time_zone))
    last = today - dt.timedelta(days=today.weekday() + 7)
    start = last - dt.timedelta(days=7 * (weeks + tested - 1))
    began = time.monotonic()
    written = generate_known_history(
        unit, world, start=start, end=last + dt.timedelta(days=6), by=by
    )
    generated = time.monotonic() - began
    began = time.monotonic()
    runs = [
        backtest_week(
            unit,
            monday=today - dt.timedelta(days=7 * k),
            weeks=weeks,
            today=today,
            replications=replications,
        )
        for k in range(tested)
    ]
    return {
        "applications": written,
        "generated_seconds": round(generated, 1),
        "planner_seconds": round((time.monotonic() - began) / tested, 1),
        "replications": replications,
        "weeks": [run["week"] for run in runs],
        "fitted_on": runs[-1]["fitted_on"],
        "stages": _pooled(runs),
    }


def _pooled(runs: list[dict]) -> dict[str, dict]:
    """Per stage: the mean over the tested weeks of the predicted and the observed figures, and
    the largest error of a single week."""
    stages: dict[str, dict] = {}
    for stage in sorted({s for run in runs for s in run["stages"]}):
        rows = [run["stages"][stage] for run in runs if stage in run["stages"]]
        both = [r for r in rows if r["error_pp"] is not None]
        waits = [r for r in rows if r["error_minutes"] is not None]
        if not both:
            stages[stage] = {"error_pp": None, "error_minutes": None}
            continue
        predicted = statistics.fmean(r["predicted_on_time"] for r in both)
        observed = statistics.fmean(r["observed_on_time"] for r in both)
        stages[stage] = {
            "predicted_on_time": predicted,
            "observed_on_time": observed,
            "error_pp": round(100 * (predicted - observed), 1),
            "worst_week_pp": max(abs(r["error_pp"]) for r in both),
            "predicted_wait": None,
            "observed_wait": None,
            "error_minutes": None,
        }
        if waits:
            waited = statistics.fmean(r["predicted_wait"] for r in waits)
            seen = statistics.fmean(r["observed_wait"] for r in waits)
            stages[stage].update(
                predicted_wait=waited, observed_wait=seen, error_minutes=round(waited - seen, 1)
            )
    return stages


def print_figures(figures: dict, line) -> None:  # type: ignore[no-untyped-def]
    """Per stage, through `run.py`'s line printer (name, value, target, met)."""
    line(
        f"capacity planner back-test, weeks {figures['weeks'][-1]}..{figures['weeks'][0]}",
        f"{figures['applications']:,} applications",
    )
    for stage, row in figures["stages"].items():
        if row["error_pp"] is None:
            line(f"  {stage}: no prediction or no observation", "–")
            continue
        line(
            f"  {stage} on time: predicted / observed % (worst week {row['worst_week_pp']} pp)",
            f"{100 * row['predicted_on_time']:.1f} / {100 * row['observed_on_time']:.1f}",
            f"within ±{TARGET_PP:g} pp",
            abs(row["error_pp"]) <= TARGET_PP,
        )
        if row["error_minutes"] is not None:
            line(
                f"  {stage} median wait: predicted / observed min",
                f"{row['predicted_wait']:.1f} / {row['observed_wait']:.1f}",
            )
    line(
        f"  planner run, one week ({figures['replications']} replications a day), seconds",
        f"{figures['planner_seconds']}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--tested", type=int, default=4, help="past weeks predicted")
    parser.add_argument("--replications", type=int, default=20)
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
        figures = measure(weeks=args.weeks, tested=args.tested, replications=args.replications)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    def line(name: str, value: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{name:<60} {value:>22}   {target:<16} {verdict}")

    print_figures(figures, line)


if __name__ == "__main__":
    main()
