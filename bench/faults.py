"""Faults: PostgreSQL restarts in the middle of the load.

    python bench/faults.py [--short]

While officers work, the local PostgreSQL cluster is restarted (pg_ctlcluster, as root). The
app must answer again within seconds, and afterwards the database must hold exactly the calls,
starts, finishes and registrations that succeeded: no partial records.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, ensure_database, gunicorn, manage

RECOVERY_LIMIT_SECONDS = 15


def restart_postgres() -> None:
    cluster = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],
        check=True,
        capture_output=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--short", action="store_true", help="8 officers, 30 seconds")
    args = parser.parse_args()
    officers, seconds, restart_after = (8, 30, 8) if args.short else (20, 60, 20)
    env = configure()
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("collectstatic", "--noinput")
    import django

    django.setup()
    from django.db import connection

    from bench import loadlib

    floor = loadlib.build_floor(officers=officers, queue=150)
    connection.close()  # the restart would break this process's connection too
    restart: dict[str, float] = {}

    def restarter() -> None:
        time.sleep(restart_after)
        restart["at"] = time.monotonic()
        restart_postgres()
        restart["done"] = time.monotonic()

    print(
        f"Faults: {officers} officers for {seconds} s; PostgreSQL restarts after {restart_after} s"
    )
    with gunicorn(workers=4) as port:
        thread = threading.Thread(target=restarter)
        thread.start()
        tally = loadlib.run(floor, port, seconds)
        thread.join()
    failures_after = [t for t, ok in sorted(tally.timeline) if not ok and t >= restart["at"]]
    successes_after = [t for t, ok in sorted(tally.timeline) if ok and t >= restart["done"]]
    last_failure = failures_after[-1] if failures_after else restart["done"]
    recovered = next((t for t in successes_after if t > last_failure), None)
    recovery = (recovered - restart["at"]) if recovered else float("inf")
    for line in loadlib.summary(tally, seconds):
        print(line)
    print(
        f"restart took {restart['done'] - restart['at']:.1f} s; requests failed during it: {len(failures_after)}"
    )
    print(
        f"answering again {recovery:.1f} s after the restart began (limit {RECOVERY_LIMIT_SECONDS} s)"
    )
    connection.close()
    problems = loadlib.audit(floor, tally)
    print(
        "database against successful requests: "
        + ("agree, no partial records" if not problems else "; ".join(problems))
    )
    return 0 if not problems and recovery <= RECOVERY_LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
