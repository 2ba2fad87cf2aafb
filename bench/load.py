"""Load: simulated officers work realistic flows; nothing may be lost or doubled.

    python bench/load.py                # 50 officers for 5 minutes
    python bench/load.py --short        # 10 officers for 20 seconds (CI)

Runs gunicorn on 127.0.0.1 against PostgreSQL (BENCH_DATABASE_URL, default a local
`satpas_bench` database). Exits 1 on any error or any mismatch between the database and the
requests that succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, ensure_database, gunicorn, manage


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--officers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--short", action="store_true", help="10 officers for 20 seconds")
    args = parser.parse_args()
    if args.short:
        args.officers, args.seconds = 10, 20
    env = configure()
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("collectstatic", "--noinput")
    import django

    django.setup()
    from bench import loadlib

    floor = loadlib.build_floor(officers=args.officers, queue=200)
    print(
        f"Load: {len(floor.counters)} counter officers and {len(floor.registrars)} registrars for {args.seconds:g} s"
    )
    with gunicorn(workers=4) as port:
        tally = loadlib.run(floor, port, args.seconds)
    for line in loadlib.summary(tally, args.seconds):
        print(line)
    problems = loadlib.audit(floor, tally)
    errors = sum(tally.failed.values()) + sum(tally.refused.values())
    print(f"errors: {errors}")
    print(
        "database against successful requests: "
        + ("agree" if not problems else "; ".join(problems))
    )
    return 0 if not problems and errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
