"""`make bench`: the figures of DESIGN's targets, measured in one run on gunicorn + PostgreSQL.

    python bench/run.py [--fresh] [--years 5] [--per-day 300] [--seconds 15]

Prints a table and writes bench/results/latest.json. The five-year unit is generated once
(about three minutes) and reused by later runs; --fresh starts from an empty database.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    RESULTS,
    ROOT,
    Session,
    configure,
    ensure_database,
    gunicorn,
    manage,
    ms,
    percentile,
)

OFFICERS_LEVELS = (1, 8)
# The smallest HTML page a logged-in user gets (base layout, navigation, one sentence).
MINIMAL_PAGE = "/akun/sandi/selesai/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--fresh", action="store_true", help="drop and recreate the benchmark database"
    )
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=15.0, help="per concurrency level")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--wait-days", type=int, default=20, help="open days replayed for the estimated wait"
    )
    parser.add_argument(
        "--polda",
        action="store_true",
        help="also a Polda of 30 units on a database of its own (bench/polda.py, ~25 min)",
    )
    args = parser.parse_args()

    env = configure()
    database_url = env["DATABASE_URL"]
    if args.fresh:
        _drop(database_url)
    ensure_database(database_url)
    print(f"Benchmark database: {database_url}")
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("collectstatic", "--noinput")

    import django

    django.setup()
    from django.db import connection

    from bench import capacity, counter_path, public_page, scenarios, wait_estimate

    history_unit = scenarios.five_years(years=args.years, per_day=args.per_day)
    figures: dict[str, object] = {"history_applications": history_unit["applications"]}
    figures["wait_estimate"] = wait_estimate.replay(history_unit["unit"], days=args.wait_days)
    counter = scenarios.counter_unit(
        officers=max(OFFICERS_LEVELS), queue=int(120 * args.seconds) + 200
    )
    board = scenarios.board_unit(open_count=300)
    # Planner statistics as a production server has them (autovacuum may be off on this one).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    figures["queries"] = scenarios.query_counts(counter=counter, board=board, history=history_unit)

    with gunicorn(workers=args.workers) as port:
        from satpas.models import User

        for level in OFFICERS_LEVELS:
            sessions = [
                Session.for_user(port, User.objects.get(pk=pk))
                for pk in counter["officers"][:level]
            ]
            minimal = _run_for(
                args.seconds, sessions, lambda s, _i: [s.request("GET", MINIMAL_PAGE)]
            )
            ping = _run_for(args.seconds, sessions, lambda s, _i: [s.request("GET", "/akun/ping/")])
            stage = _run_for(
                args.seconds,
                sessions,
                lambda s, i: scenarios.counter_cycle(s, counter["points"][i]),
            )
            figures[f"officers_{level}"] = _compare(stage, minimal, ping)

        kasat = Session.for_user(port, User.objects.get(pk=history_unit["kasat"]))
        board_session = Session.for_user(port, User.objects.get(pk=board["officer"]))
        figures["counter_path"] = counter_path.measure(port, seconds=args.seconds)
        figures["board_300"] = _timed(board_session, "/papan/isi/", 30)
        figures["dashboard_5y"] = _timed(kasat, "/personel/dasbor/", 10)
        report = scenarios.service_time_report_path()
        if report:
            figures["service_time_report_5y"] = _timed(kasat, report, 10)
        figures["public_page"] = public_page.measure(port, history_unit["unit"])

    figures["evidence_pack"] = scenarios.evidence_pack(history_unit)
    figures["capacity"] = capacity.measure()
    if args.polda:
        from bench import polda

        figures["polda"] = polda.measure_apart()
    from bench import replica

    figures["replica"] = replica.run_in_subprocess(short=False)
    (RESULTS / "latest.json").write_text(json.dumps(figures, indent=2, default=str))
    print()
    _print(figures)
    _demo_wait_estimate(args.wait_days)
    return 0


def _demo_wait_estimate(days: int) -> None:
    """The estimated wait again on the demo office's days, whose applicants queue first come,
    first served at each stage's counters (the volume generator draws each wait on its own):
    a throwaway SQLite database, in its own process."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BENCH_DATABASE_URL")}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "wait_estimate.py"),
            *("--source", "demo", "--days", str(days)),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print()
    if done.returncode != 0:
        print("estimated wait on the demo's days: failed\n" + done.stderr[-2000:])
        return
    lines = done.stdout.splitlines()
    start = next((i for i, text in enumerate(lines) if text.startswith("source:")), 0)
    print("\n".join(lines[start:]))


def _drop(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[-1]
    with psycopg.connect(
        database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run_for(seconds: float, sessions: list[Session], action) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """Each session in its own thread repeats the action for `seconds`; latencies by kind."""
    results: dict[str, list] = {"ok": [], "failed": [], "calls": []}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(index: int, session: Session) -> None:
        while time.monotonic() < stop:
            outcomes = action(session, index)
            if not outcomes:
                break  # the queue ran dry
            with lock:
                for outcome in outcomes:
                    status, _body, took = outcome[:3]
                    kind = outcome[3] if len(outcome) > 3 else "request"
                    (results["ok"] if status == 200 else results["failed"]).append((kind, took))

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i, s)) for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["elapsed"] = [time.monotonic() - began]
    return results


def _compare(stage: dict, minimal: dict, ping: dict) -> dict:
    logging = [took for kind, took in stage["ok"] if kind in ("start", "finish")]
    calls = [took for kind, took in stage["ok"] if kind == "call"]
    base = [took for _kind, took in minimal["ok"]]
    pings = [took for _kind, took in ping["ok"]]
    stage_rps = len(stage["ok"]) / stage["elapsed"][0]
    base_rps = len(base) / minimal["elapsed"][0]
    return {
        "ping_p50_ms": ms(percentile(pings, 0.5)),
        "ping_p95_ms": ms(percentile(pings, 0.95)),
        "ping_rps": round(len(pings) / ping["elapsed"][0], 1),
        "stage_p50_ms": ms(percentile(logging, 0.5)),
        "stage_p95_ms": ms(percentile(logging, 0.95)),
        "stage_p99_ms": ms(percentile(logging, 0.99)),
        "call_p95_ms": ms(percentile(calls, 0.95)),
        "stage_rps": round(stage_rps, 1),
        "stage_errors": len(stage["failed"]),
        "minimal_p50_ms": ms(percentile(base, 0.5)),
        "minimal_p95_ms": ms(percentile(base, 0.95)),
        "minimal_p99_ms": ms(percentile(base, 0.99)),
        "minimal_rps": round(base_rps, 1),
        "p95_ratio": round(percentile(logging, 0.95) / percentile(base, 0.95), 2),
        "throughput_ratio": round(stage_rps / base_rps, 2),
        "requests": len(stage["ok"]),
    }


def _timed(session: Session, path: str, repeat: int) -> dict:
    session.request("GET", path)  # warm caches and connections
    times, statuses = [], set()
    for _ in range(repeat):
        status, _body, took = session.request("GET", path)
        statuses.add(status)
        times.append(took)
    return {
        "path": path,
        "p50_ms": ms(percentile(times, 0.5)),
        "p95_ms": ms(percentile(times, 0.95)),
        "statuses": sorted(statuses),
    }


def _print(f: dict) -> None:
    def line(name: str, value: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{name:<52} {value:>22}   {target:<24} {verdict}")

    print(f"{'figure':<52} {'measured':>22}   {'target':<24}")
    print("-" * 110)
    line("history (applications of the 5-year unit)", f"{f['history_applications']:,}")
    for level in OFFICERS_LEVELS:
        o = f[f"officers_{level}"]
        line(
            f"stage logging, {level} officer(s): p50 / p95 / p99 ms",
            f"{o['stage_p50_ms']} / {o['stage_p95_ms']} / {o['stage_p99_ms']}",
        )
        line(
            f"minimal page,  {level} officer(s): p50 / p95 / p99 ms",
            f"{o['minimal_p50_ms']} / {o['minimal_p95_ms']} / {o['minimal_p99_ms']}",
        )
        line(
            f"session ping (JSON, for reference), {level}: p50 / p95 ms, req/s",
            f"{o['ping_p50_ms']} / {o['ping_p95_ms']}, {o['ping_rps']}",
        )
        line(
            f"  p95 ratio stage / minimal ({level})",
            f"{o['p95_ratio']}x",
            "<= 2x",
            o["p95_ratio"] <= 2,
        )
        line(
            f"  throughput stage / minimal ({level}), req/s",
            f"{o['stage_rps']} / {o['minimal_rps']} = {o['throughput_ratio']}",
            ">= 0.5",
            o["throughput_ratio"] >= 0.5,
        )
        line(f"  errors ({level})", str(o["stage_errors"]), "0", o["stage_errors"] == 0)
    q = f["queries"]
    for name, count in q["stage"].items():
        line(f"SQL queries: {name}", str(count), "<= 8, constant", count <= 8)
    line(
        "  same with a 10x longer queue",
        "constant" if q["stage_constant"] else "GROWS",
        "constant",
        q["stage_constant"],
    )
    for name, count in q["pages"].items():
        line(f"SQL queries: {name}", str(count))
    timed = [
        ("board_300", "live board, 300 open", 60),
        ("dashboard_5y", "Kasat dashboard, 5 years", 300),
        ("service_time_report_5y", "service-time report, 5 years", 300),
    ]
    for key, label, limit in timed:
        if key in f:
            t = f[key]
            line(
                f"{label}: p50 / p95 ms",
                f"{t['p50_ms']} / {t['p95_ms']}",
                f"< {limit} ms",
                float(t["p95_ms"]) < limit,
            )
    if "counter_path" in f:  # call next, start, finish each beside the minimal page
        from bench.counter_path import print_figures as print_counter_path

        print_counter_path(f["counter_path"], line)
    e = f["evidence_pack"]
    line(
        "evidence pack, 1 year: seconds",
        f"{e['year_seconds']:.1f}",
        "< 15 s",
        e["year_seconds"] < 15,
    )
    line(
        "evidence pack peak memory: 1 month / 1 year (MB)",
        f"{e['month_peak_mb']:.0f} / {e['year_peak_mb']:.0f}",
        "flat (year < 1.5x month)",
        e["year_peak_mb"] < 1.5 * e["month_peak_mb"],
    )
    line("evidence pack, 1 month: seconds", f"{e['month_seconds']:.1f}")
    line("  applications in the year's pack", f"{e['year_applications']:,}")
    if "public_page" in f:
        from bench.public_page import report

        report(f["public_page"], line)
    from bench.wait_estimate import print_figures

    print_figures(f["wait_estimate"], line)
    if "capacity" in f:
        from bench.capacity import print_figures as print_capacity

        print_capacity(f["capacity"], line)
    if "polda" in f:
        from bench import polda

        polda.print_figures(f["polda"], line)
    from bench.replica import print_figures as print_replica

    print_replica(f["replica"], line)


if __name__ == "__main__":
    sys.exit(main())
