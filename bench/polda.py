"""A Polda on one database: generated history for 30 units, then the regional view over all
of them and one unit's Kasat dashboard, timed on gunicorn + PostgreSQL.

    python bench/polda.py [--units 30] [--years 1] [--per-day 300] [--budget-minutes 20]
                          [--repeat 20] [--keep]

It first generates a few days of one unit to measure this machine's rate, then chooses how
much history fits the time budget (a whole year at fewer applications a day before fewer
days), prints what it generated and the size of the biggest tables, and times the pages.
Its own database (`satpas_regional_polda` unless BENCH_POLDA_DATABASE_URL says otherwise) is
dropped at the end unless --keep. `bench/run.py --polda` runs it after the usual figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    RESULTS,
    Session,
    configure,
    ensure_database,
    gunicorn,
    manage,
    ms,
    percentile,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/satpas_regional_polda"
REGIONAL_USERNAME = "70000001"  # the generated Ditlantas account (NRP form)
KASAT_OF_FIRST_UNIT = "60010001"  # generate_history's Kasat of GEN001
SAMPLE_DAYS = 12  # calendar days of one unit generated to measure the rate
OPEN_DAYS_PER_YEAR = 365 * 6 / 7  # Monday to Saturday (the generated calendar)
LOWEST_PER_DAY = 100  # a mid-sized Polres Satpas; below it fewer days are generated instead
TABLES = (
    "applicants_application",
    "service_timing_stagerecord",
    "service_timing_journey",
    "compensation_compensationcase",
    "compensation_surveyresponse",
    "personnel_finding",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--years", type=float, default=1.0, help="at most this much history")
    parser.add_argument("--per-day", type=int, default=300, help="at most this many a day")
    parser.add_argument("--budget-minutes", type=float, default=20.0, help="for generating")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    figures = run(args)
    (RESULTS / "polda.json").write_text(json.dumps(figures, indent=2, default=str))
    print()
    print_figures(figures)
    return 0


def measure_apart() -> dict:
    """The default run in a process of its own (its own database and settings), for
    bench/run.py; returns the figures it wrote."""
    import subprocess

    subprocess.run([sys.executable, str(Path(__file__).resolve())], check=True)
    return json.loads((RESULTS / "polda.json").read_text())


def run(args: argparse.Namespace) -> dict:
    database_url = os.environ.get("BENCH_POLDA_DATABASE_URL", DEFAULT_DATABASE_URL)
    configure(database_url)
    _drop(database_url)
    ensure_database(database_url)
    try:
        return _measure(args, database_url)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            _drop(database_url)


def _measure(args: argparse.Namespace, database_url: str) -> dict:
    print(f"Polda database: {database_url}", flush=True)
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("collectstatic", "--noinput")

    import django

    django.setup()
    from django.utils import timezone

    from demo.generate import generate

    end = timezone.localdate() - dt.timedelta(days=1)
    # The rate: a few days of the first unit (kept: the full run skips days already made).
    began = time.monotonic()
    sample = generate(units=1, years=SAMPLE_DAYS / 365, per_day=args.per_day, end=end, seed=2022)
    sample_seconds = time.monotonic() - began
    sample_apps = sample["applicants.Application"]
    rate = sample_apps / sample_seconds  # applications a second, with all their rows
    budget = args.budget_minutes * 60
    per_day, years = _fit(rate, budget, args.units, args.years, args.per_day)
    print(
        f"Rate: {rate:,.0f} applications/s ({sum(sample.values()):,} rows in "
        f"{sample_seconds:.1f} s). Generating {args.units} units x {years:.2f} years x "
        f"{per_day}/day…",
        flush=True,
    )
    began = time.monotonic()
    counts = generate(
        units=args.units,
        years=years,
        per_day=per_day,
        end=end,
        seed=2023,  # not the sample's: its random ticket codes would come again
        progress=_every(12),
    )
    generate_seconds = time.monotonic() - began
    sizes = _sizes()
    regional, kasat, units = _people(args.units)
    # The last whole month of the history (yesterday's month only when yesterday ended it).
    last_whole = (
        end if (end + dt.timedelta(days=1)).day == 1 else end.replace(day=1) - dt.timedelta(days=1)
    )
    month = f"{last_whole:%Y-%m}"
    year = str(end.year) if end.month == 12 else f"{end - dt.timedelta(days=364)}..{end}"
    with gunicorn(workers=args.workers) as port:
        from satpas.models import User

        ditlantas = Session.for_user(port, User.objects.get(pk=regional))
        head = Session.for_user(port, User.objects.get(pk=kasat))
        timed = {
            "regional_month": _timed(ditlantas, f"/laporan/wilayah/?periode={month}", args.repeat),
            "regional_year": _timed(
                ditlantas, f"/laporan/wilayah/?periode={year}", max(5, args.repeat // 4)
            ),
            "dashboard": _timed(head, "/personel/dasbor/", args.repeat),
        }
    return {
        "units": units,
        "years": years,
        "per_day": per_day,
        "sample_rate_apps_per_s": round(rate, 1),
        "generate_seconds": round(generate_seconds, 1),
        "rows": {**{k: v for k, v in counts.items() if v}},
        "tables": sizes,
        "load": os.getloadavg(),
        **timed,
    }


def _every(count: int):  # type: ignore[no-untyped-def]
    """Print one progress message in `count` (the generator reports every 50 open days)."""
    seen = [0]

    def show(message: str) -> None:
        seen[0] += 1
        if seen[0] % count == 0:
            print(f"  {message}", flush=True)

    return show


def _fit(rate: float, budget: float, units: int, years: float, per_day: int) -> tuple[int, float]:
    """The most history that fits `budget` seconds at `rate` applications a second: a whole
    `years` at fewer applications a day first (a year keeps every kind of period), then
    fewer days at the lowest rate a day."""
    affordable = rate * budget * 0.9  # a tenth kept for ANALYZE and the last flush
    per_year_per_day = units * OPEN_DAYS_PER_YEAR * 0.9  # about 0.9 of a day's draw arrives
    wanted = per_year_per_day * years * per_day
    if wanted <= affordable:
        return per_day, years
    fitting = int(affordable / (per_year_per_day * years))
    if fitting >= LOWEST_PER_DAY:
        return fitting, years
    return LOWEST_PER_DAY, round(affordable / (per_year_per_day * LOWEST_PER_DAY), 2)


def _people(count: int) -> tuple[int, int, int]:
    """The Ditlantas account over every generated unit, and the first unit's Kasat."""
    from django.contrib.auth.models import Group

    from satpas.models import Unit, User
    from satpas.roles import Role

    units = list(Unit.objects.filter(code__startswith="GEN"))
    regional, _created = User.objects.get_or_create(
        username=REGIONAL_USERNAME, defaults={"full_name": "Dirlantas Contoh"}
    )
    regional.groups.add(Group.objects.get(name=Role.REGIONAL.value))
    regional.audit_units.set(units)
    return regional.pk, User.objects.get(username=KASAT_OF_FIRST_UNIT).pk, len(units)


def _sizes() -> dict[str, dict[str, object]]:
    """Rows and size on disk (with indexes and TOAST) of the biggest tables."""
    from django.db import connection

    sizes: dict[str, dict[str, object]] = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                "SELECT reltuples::bigint, pg_total_relation_size(oid) FROM pg_class "
                "WHERE relname = %s",
                [table],
            )
            row = cursor.fetchone()
            if row:
                sizes[table] = {"rows": int(row[0]), "mb": round(row[1] / 2**20, 1)}
        cursor.execute("SELECT pg_database_size(current_database())")
        sizes["database"] = {"mb": round(cursor.fetchone()[0] / 2**20, 1)}
    return sizes


def _timed(session: Session, path: str, repeat: int) -> dict:
    status, _body, first = session.request("GET", path)  # a cold start, then warm
    times, statuses = [], {status}
    for _ in range(repeat):
        status, _body, took = session.request("GET", path)
        statuses.add(status)
        times.append(took)
    return {
        "path": path,
        "first_ms": ms(first),
        "p50_ms": ms(percentile(times, 0.5)),
        "p95_ms": ms(percentile(times, 0.95)),
        "statuses": sorted(statuses),
    }


def _drop(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[-1]
    with psycopg.connect(
        database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


TARGETS = (
    ("regional_month", "regional view, {units} units, one month", 500),
    ("regional_year", "regional view, {units} units, one year", 500),
    ("dashboard", "Kasat dashboard, one unit of {units}", 300),
)


def print_figures(f: dict, line=None) -> None:  # type: ignore[no-untyped-def]
    """The Polda's figures, each beside its target (with bench/run.py's `line`, or its own)."""
    if line is None:

        def line(name: str, value: str, target: str = "", met: bool | None = None) -> None:
            verdict = "" if met is None else ("met" if met else "NOT MET")
            print(f"{name:<52} {value:>22}   {target:<24} {verdict}")

    applications = f["rows"].get("applicants.Application", 0)
    line(
        "Polda: units x years x applications/day",
        f"{f['units']} x {f['years']:.2f} x {f['per_day']}",
    )
    line(
        "Polda: applications / all rows generated",
        f"{applications:,} / {sum(f['rows'].values()):,}",
    )
    line("Polda: generation seconds", f"{f['generate_seconds']:.0f}", "< 1200 s")
    for table, size in f["tables"].items():
        rows = f"{size['rows']:,} rows, " if "rows" in size else ""
        line(f"  {table}", f"{rows}{size['mb']} MB")
    for key, label, limit in TARGETS:
        t = f[key]
        line(
            f"{label.format(units=f['units'])}: p50 / p95 ms",
            f"{t['p50_ms']} / {t['p95_ms']}",
            f"p95 < {limit} ms",
            float(t["p95_ms"]) < limit and t["statuses"] == [200],
        )
    load = ", ".join(f"{x:.1f}" for x in f["load"])
    line("  machine load (1, 5, 15 min) when timed", load)


if __name__ == "__main__":
    raise SystemExit(main())
