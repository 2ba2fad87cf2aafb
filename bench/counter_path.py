"""The counter path: call next, start and finish, each beside the minimal page.

    python bench/counter_path.py [--seconds 10] [--waiting 10 2000] [--profile]

On gunicorn + PostgreSQL (as `make bench`, which calls `measure` with its own server):
counter officers (1, then 8 at once, each at their own counter) repeat call next → start →
finish through the console's htmx POSTs with a long queue waiting; p50 / p95 of each action
beside the minimal logged-in page's, target p95 ≤ 2× the minimal page's. Then in-process, with
10 and with 2,000 applicants waiting: the SQL statements of each action (≤ 8, the same for
both queues), its median time, and the plan PostgreSQL chooses for call next's pick at 2,000
waiting (an index read for the first row, no sort of the queue). --profile prints where a
call next request spends its time (cProfile, and the statements with their durations).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Session, configure, ensure_database, gunicorn, manage, ms, percentile

OFFICERS_LEVELS = (1, 8)
MINIMAL_PAGE = "/akun/sandi/selesai/"
ACTIONS = ("call", "start", "finish")
LABELS = {"call": "call next", "start": "start", "finish": "finish"}
QUEUES = (10, 2000)
STATEMENT_BUDGET = 8
RATIO_TARGET = 2.0
CURRENT = re.compile(rb'name="current" value="(\d+)"')
CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per level and page")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--waiting", type=int, nargs=2, default=list(QUEUES))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    env = configure()
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("collectstatic", "--noinput")
    import django

    django.setup()
    if args.profile:
        profile(waiting=min(args.waiting))
        return 0
    counter = counter_floor(officers=max(OFFICERS_LEVELS), waiting=max(args.waiting))
    figures = statements(counter, short=min(args.waiting))
    with gunicorn(workers=args.workers) as port:
        figures.update(timings(port, counter, seconds=args.seconds))
    print()
    print_figures(figures, _line)
    return 0


def measure(port: int, *, seconds: float) -> dict:
    """Everything this module measures, on a running server (called by bench/run.py)."""
    counter = counter_floor(officers=max(OFFICERS_LEVELS), waiting=max(QUEUES))
    figures = statements(counter, short=min(QUEUES))
    figures.update(timings(port, counter, seconds=seconds))
    return figures


# --- data ----------------------------------------------------------------------------------


def counter_floor(*, officers: int, waiting: int) -> dict:
    """A unit with `officers` registration counters and `waiting` applicants at REG."""
    from bench.people import fresh_unit, new_officer
    from bench.scenarios import _register
    from service_timing.models import ServicePoint

    unit = fresh_unit("CPT")
    users = [new_officer(unit, i + 1) for i in range(officers)]
    points = [ServicePoint.objects.get(unit=unit, stage_id="REG")]
    points += [
        ServicePoint.objects.create(
            unit=unit, number=20 + i, name=f"Pendaftaran {i + 2}", stage_id="REG"
        )
        for i in range(officers - 1)
    ]
    print(f"Registering {waiting} applicants for the counter path…", flush=True)
    _register(unit, users[0], waiting)
    _analyze()
    return {"unit": unit, "officers": users, "points": points}


def _analyze() -> None:
    """Planner statistics as a production server has them (autovacuum may be off here)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE service_timing_journey")
            cursor.execute("ANALYZE service_timing_stagerecord")
            cursor.execute("ANALYZE service_timing_pause")


# --- over HTTP -------------------------------------------------------------------------------


def timings(port: int, counter: dict, *, seconds: float) -> dict:
    """p50 / p95 of each action and of the minimal page at each number of officers."""
    figures: dict[str, dict] = {}
    for level in OFFICERS_LEVELS:
        sessions = [Session.for_user(port, user) for user in counter["officers"][:level]]
        # Warm every worker (imports, connections, per-process caches) before timing.
        _run_for(2.0, sessions, lambda s, _i: [("page", s.request("GET", MINIMAL_PAGE))])
        _run_for(2.0, sessions, lambda s, i: _cycle(s, counter["points"][i]))
        minimal = _run_for(
            seconds, sessions, lambda s, _i: [("page", s.request("GET", MINIMAL_PAGE))]
        )
        actions = _run_for(seconds, sessions, lambda s, i: _cycle(s, counter["points"][i]))
        base = minimal.get("page", [])
        row = {
            "minimal_p50_ms": ms(percentile(base, 0.5)),
            "minimal_p95_ms": ms(percentile(base, 0.95)),
            "errors": actions.pop("errors", 0) + minimal.pop("errors", 0),
        }
        for action in ACTIONS:
            took = actions.get(action, [])
            row[action] = {
                "n": len(took),
                "p50_ms": ms(percentile(took, 0.5)),
                "p95_ms": ms(percentile(took, 0.95)),
                "ratio": round(percentile(took, 0.95) / percentile(base, 0.95), 2),
            }
        figures[f"officers_{level}"] = row
    return figures


def _cycle(session: Session, point: object) -> list[tuple[str, tuple[int, bytes, float]]]:
    action = f"/loket/{point.pk}/aksi/"  # type: ignore[attr-defined]
    answer = session.request("POST", action, {"code": "", "action": "next"}, htmx=True)
    match = CURRENT.search(answer[1])
    outcomes = [("call", answer)]
    if not match:
        return outcomes
    current = match.group(1).decode()
    for kind in ("start", "finish"):
        body = {"code": "", "action": kind, "current": current}
        outcomes.append((kind, session.request("POST", action, body, htmx=True)))
    return outcomes


def _run_for(seconds: float, sessions: list[Session], action) -> dict:  # type: ignore[no-untyped-def]
    """Each session in its own thread repeats the action; seconds taken by kind."""
    results: dict = {"errors": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(index: int, session: Session) -> None:
        while time.monotonic() < stop:
            for kind, (status, _body, took) in action(session, index):
                with lock:
                    if status == 200:
                        results.setdefault(kind, []).append(took)
                    else:
                        results["errors"] += 1

    threads = [threading.Thread(target=worker, args=(i, s)) for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- in-process ------------------------------------------------------------------------------


def statements(counter: dict, *, short: int) -> dict:
    """Statements and median ms of each action (in-process) with a short queue (a unit of
    its own) and with the long queue of the counter floor (its first counter), and the plan
    of call next's pick at the long queue."""
    from bench.people import fresh_unit, new_officer
    from bench.scenarios import _register
    from service_timing.models import Journey, ServicePoint

    rounds = 15
    unit = fresh_unit("CPQ")
    officer = new_officer(unit, 1)
    _register(unit, officer, short + rounds + 1)
    _analyze()
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    long_point, long_officer = counter["points"][0], counter["officers"][0]
    long_waiting = Journey.objects.filter(
        unit_id=long_point.unit_id, current_stage_id="REG", state=Journey.State.WAITING
    ).count()
    return {
        "queues": {
            short: _statements_at(point, officer, rounds),
            long_waiting: _statements_at(long_point, long_officer, rounds),
        },
        "plan": _plan(long_point),
    }


def _statements_at(point: object, officer: object, rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from service_timing.models import Journey

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    client.get(f"/loket/{point.pk}/")  # type: ignore[attr-defined]
    path = f"/loket/{point.pk}/aksi/"  # type: ignore[attr-defined]
    counts: dict[str, int] = dict.fromkeys(ACTIONS, 0)
    times: dict[str, list[float]] = {action: [] for action in ACTIONS}
    stamp_reads = 0
    began_all = time.monotonic()
    for round_ in range(rounds + 1):
        for action in ACTIONS:
            data: dict[str, object] = {"code": "", "action": "next" if action == "call" else action}
            if action != "call":
                data["current"] = Journey.objects.get(current_point=point).pk
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.post(path, data, HTTP_HX_REQUEST="true")
                took = time.perf_counter() - began
            assert response.status_code == 200, response.status_code
            if round_ == 0:
                continue  # the first round warms the per-process caches, as on a running server
            statements = [
                q["sql"] for q in captured.captured_queries if not CONTROL.match(q["sql"])
            ]
            # The memo's read of the shared stamps (satpas.memo), at most one per process every
            # SHARED_CHECK_SECONDS, is counted apart: it is not the action's.
            stamps = sum(1 for sql in statements if "satpas:memo:" in sql)
            counts[action] = max(counts[action], len(statements) - stamps)
            stamp_reads += stamps
            times[action].append(took)
    figures: dict = {
        action: {"statements": counts[action], "median_ms": ms(statistics.median(times[action]))}
        for action in ACTIONS
    }
    figures["stamp_reads"] = (stamp_reads, round(time.monotonic() - began_all, 1))
    return figures


def _plan(point: object) -> dict:
    """EXPLAIN of call next's pick (first come, and always-first priority) at this counter."""
    from django.db import connection

    from service_timing.models import Journey
    from service_timing.selectors import held_by_pause

    if connection.vendor != "postgresql":
        return {"vendor": connection.vendor}
    count = Journey.objects.filter(
        unit_id=point.unit_id,  # type: ignore[attr-defined]
        current_stage_id="REG",
        state=Journey.State.WAITING,
    ).count()
    waiting_qs = (
        Journey.objects.filter(
            unit_id=point.unit_id,  # type: ignore[attr-defined]
            current_stage_id=point.stage_id,  # type: ignore[attr-defined]
            state=Journey.State.WAITING,
        )
        .exclude(held_by_pause())
        .select_for_update(skip_locked=True, of=("self",))
    )
    plans = {}
    from django.db import transaction

    with transaction.atomic():
        for name, order in (
            ("first come", ("ready_since", "pk")),
            ("always first", ("-priority", "ready_since", "pk")),
        ):
            plans[name] = waiting_qs.order_by(*order)[:1].explain()
    reads_index = all(
        "Index Scan" in plan
        and "Sort" not in plan
        and "Seq Scan on service_timing_journey" not in plan
        for plan in plans.values()
    )
    return {"vendor": "postgresql", "waiting": count, "plans": plans, "reads_index": reads_index}


def profile(*, waiting: int) -> None:
    """Where one call next request spends its time (after warming), at `waiting` waiting."""
    import cProfile
    import pstats

    from django.db import connection, reset_queries
    from django.test import Client

    from bench.people import fresh_unit, new_officer
    from bench.scenarios import _register
    from service_timing.models import Journey, ServicePoint

    unit = fresh_unit("CPP")
    officer = new_officer(unit, 1)
    _register(unit, officer, waiting + 32)
    _analyze()
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    path = f"/loket/{point.pk}/aksi/"

    def cycle() -> None:
        client.post(path, {"action": "next"}, HTTP_HX_REQUEST="true")
        current = Journey.objects.get(current_point=point).pk
        client.post(path, {"action": "start", "current": current}, HTTP_HX_REQUEST="true")
        client.post(path, {"action": "finish", "current": current}, HTTP_HX_REQUEST="true")

    cycle()
    connection.force_debug_cursor = True
    reset_queries()
    client.post(path, {"action": "next"}, HTTP_HX_REQUEST="true")
    print("Statements of one call next (ms, SQL):")
    for query in connection.queries:
        print(f"  {float(query['time']) * 1000:7.2f}  {query['sql'][:160]}")
    connection.force_debug_cursor = False
    current = Journey.objects.get(current_point=point).pk
    client.post(path, {"action": "start", "current": current}, HTTP_HX_REQUEST="true")
    client.post(path, {"action": "finish", "current": current}, HTTP_HX_REQUEST="true")
    profiler = cProfile.Profile()
    for _ in range(30):
        profiler.enable()
        client.post(path, {"action": "next"}, HTTP_HX_REQUEST="true")
        profiler.disable()
        current = Journey.objects.get(current_point=point).pk
        client.post(path, {"action": "start", "current": current}, HTTP_HX_REQUEST="true")
        client.post(path, {"action": "finish", "current": current}, HTTP_HX_REQUEST="true")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


# --- output ----------------------------------------------------------------------------------


def _line(name: str, value: str, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT MET")
    print(f"{name:<52} {value:>22}   {target:<24} {verdict}")


def print_figures(f: dict, line) -> None:  # type: ignore[no-untyped-def]
    """The counter path's rows of the table (`line` is bench/run.py's)."""
    for level in OFFICERS_LEVELS:
        row = f.get(f"officers_{level}")
        if not row:
            continue
        line(
            f"minimal page, {level} officer(s): p50 / p95 ms",
            f"{row['minimal_p50_ms']} / {row['minimal_p95_ms']}",
        )
        for action in ACTIONS:
            a = row[action]
            line(
                f"  {LABELS[action]}, {level} officer(s): p50 / p95 ms, ratio",
                f"{a['p50_ms']} / {a['p95_ms']}, {a['ratio']}x",
                f"p95 <= {RATIO_TARGET:g}x minimal",
                a["ratio"] <= RATIO_TARGET,
            )
        line(f"  counter path errors ({level})", str(row["errors"]), "0", row["errors"] == 0)
    queues = f["queues"]
    short, long = min(queues), max(queues)
    for action in ACTIONS:
        counts = (queues[short][action]["statements"], queues[long][action]["statements"])
        line(
            f"SQL: {LABELS[action]} ({short} / {long:,} waiting)",
            f"{counts[0]} / {counts[1]}",
            f"<= {STATEMENT_BUDGET}, constant",
            max(counts) <= STATEMENT_BUDGET and counts[0] == counts[1],
        )
        line(
            f"  in-process ms, median ({short} / {long:,} waiting)",
            f"{queues[short][action]['median_ms']} / {queues[long][action]['median_ms']}",
        )
    for waiting in (short, long):
        reads, seconds = queues[waiting]["stamp_reads"]
        line(f"  + shared stamp reads ({waiting:,} waiting), apart", f"{reads} in {seconds} s")
    plan = f["plan"]
    if plan.get("vendor") == "postgresql":
        line(
            f"call next's pick at {plan['waiting']:,} waiting",
            "index scan" if plan["reads_index"] else "SORTS",
            "index, no sort",
            plan["reads_index"],
        )
        for name, text in plan["plans"].items():
            print(f"    plan ({name}):")
            for row in text.splitlines():
                print(f"      {row}")


if __name__ == "__main__":
    sys.exit(main())
