"""Time the counter controls with a short and a long queue: call next, recall and skip.

    python bench/counter_controls.py [--waiting 10 2000] [--rounds 20] [--explain]

Every fifth applicant has priority service, and each queue length is run under both
priority policies ("always first", "one in every 2 calls"). --explain prints the database's
plan of call next's picks at the longest queue.

Runs in-process on a throwaway test database (SQLite in memory by default; PostgreSQL when
BENCH_DATABASE_URL is set, as the other benchmarks) and prints, per queue length, the median
and worst wall time in milliseconds and the SQL statements of each action. Call next's pick is
the database's (an indexed ORDER BY … LIMIT 1), so its time should not grow with the queue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Transaction control is not a statement that touches data (as in the tests' budgets).
CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waiting", type=int, nargs="+", default=[10, 2000])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
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
        print(f"Counter controls ({connection.vendor}), {args.rounds} rounds each")
        print(
            f"{'waiting':>8} {'policy':<9} {'action':<10} {'median ms':>10} {'max ms':>8} "
            f"{'statements':>11}"
        )
        for waiting in args.waiting:
            for mode in ("ALWAYS", "ONE_IN_N"):
                for action, times, statements in _measure(waiting, args.rounds, mode):
                    print(
                        f"{waiting:>8} {mode:<9} {action:<10} {statistics.median(times):>10.2f} "
                        f"{max(times):>8.2f} {statements:>11}"
                    )
        if args.explain:
            _explain(max(args.waiting))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _measure(waiting: int, rounds: int, mode: str) -> list[tuple[str, list[float], int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from applicants.services import application_register
    from satpas.models import Unit, User
    from service_timing.models import CounterPolicy, ServicePoint
    from service_timing.services import call_next, stage_recall, stage_skip

    unit = Unit.objects.create(
        code=f"BC{waiting}{mode[0]}",
        name=f"Satpas bench {waiting} {mode}",
        region="Polda Bench",
        city="Tanjungpinang",
        letterhead="KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        signatory_title="KASAT LANTAS",
        signatory_name="Bench",
        signatory_rank="AKP",
    )
    officer = User.objects.create_user(
        username=f"bench{waiting}{mode}", password=None, full_name="Petugas", home_unit=unit
    )
    CounterPolicy.objects.create(unit=unit, priority_mode=mode, priority_every=2)
    start = dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC)  # 08.00 WIB, a Friday
    for n in range(waiting + 2 * rounds):
        application_register(
            unit=unit,
            registered_by=officer,
            nik=_nik(),
            full_name="Pemohon Bench",
            birth_date=dt.date(1995, 8, 17),
            sex="L",
            application_type="BARU",
            sim_class="C",
            priority="LAINNYA" if n % 5 == 4 else "",
            priority_note="Bench" if n % 5 == 4 else "",
            now=start + dt.timedelta(seconds=n),
        )
    point = ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()
    figures: dict[str, tuple[list[float], int]] = {"call next": ([], 0)}
    figures["recall"] = ([], 0)
    figures["skip"] = ([], 0)
    now = start + dt.timedelta(hours=1)
    for _ in range(rounds):
        for action in ("call next", "recall", "skip"):
            now += dt.timedelta(seconds=5)
            connection.queries_log.clear()  # a long queue's registrations filled the log
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                if action == "call next":
                    current = call_next(point=point, user=officer, now=now).journey.pk
                elif action == "recall":
                    stage_recall(application_id=current, point=point, user=officer, now=now)
                else:
                    stage_skip(application_id=current, point=point, user=officer, now=now)
                elapsed = (time.perf_counter() - began) * 1000
            counted = [
                q
                for q in queries.captured_queries
                if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
            ]
            times, most = figures[action]
            times.append(elapsed)
            figures[action] = (times, max(most, len(counted)))
    return [(action, times, most) for action, (times, most) in figures.items()]


def _explain(waiting: int) -> None:
    """The plans of call next's picks and of the priority turn's test, at the longest queue
    (the "one in every N" unit of that length): an index gives the first row, no sort."""
    from django.db import connection

    from satpas.models import Unit
    from service_timing.models import Journey, ServicePoint
    from service_timing.selectors import held_by_pause

    unit = Unit.objects.get(code=f"BC{waiting}O")
    point = ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would have them
    waiting_qs = (
        Journey.objects.filter(
            unit_id=unit.pk, current_stage_id=point.stage_id, state=Journey.State.WAITING
        )
        .exclude(held_by_pause())
        .only("pk")
    )
    picks = {
        "first come": waiting_qs.order_by("ready_since", "pk"),
        "always first": waiting_qs.order_by("-priority", "ready_since", "pk"),
        "priority turn": waiting_qs.filter(priority=True).order_by(
            "-priority", "ready_since", "pk"
        ),
    }
    print(f"\nPlans at {waiting} waiting ({connection.vendor})")
    for name, query in picks.items():
        print(f"-- {name}\n{query[:1].explain()}")


_serials = iter(range(1, 10000))


def _nik() -> str:
    """A valid NIK (Tanjungpinang, born 17-08-1995) with a serial of its own."""
    return f"217201170895{next(_serials):04d}"


if __name__ == "__main__":
    main()
