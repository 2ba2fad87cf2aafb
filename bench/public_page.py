"""The public service page (`/layanan/<code>/`) timed through gunicorn, as a phone that
scanned the waiting-room poster sees it: anonymous, a new connection each time.

    python bench/public_page.py [--open 300] [--repeat 100]

Warm: the page's parts are in the cache (the normal case: the live part is rebuilt at most
every few seconds per unit). Cold: every part dropped first (the first visitor after a
change of standard or pledge), for reference. `make bench` runs it on the five-year unit;
run alone, it makes a unit with `--open` applicants waiting in the benchmark database.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P50_MS = 50.0
# The page's own rate limit per address (settings.PUBLIC_RATE_LIMITS["public_page"]) is
# 240 a minute: one loopback client stays under it with pauses between the batches.
BATCH = 100


def _get(port: int, path: str) -> tuple[int, float]:
    began = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - began
    finally:
        connection.close()


def measure(port: int, unit_id: int, *, repeat: int = 100, cold: int = 5) -> dict:
    """p50 / p95 of the warm page, p50 of the cold one, and the statuses seen."""
    from django.core.cache import cache

    from bench.common import ms, percentile
    from evidence.public import cache as parts
    from satpas.models import Unit

    code = Unit.objects.get(pk=unit_id).code
    path = f"/layanan/{code}/"
    statuses: set[int] = set()
    colds = []
    for _ in range(cold):
        cache.delete_many(
            [parts.key(code, part, "id") for part in (parts.STANDARDS, parts.RESULTS, parts.LIVE)]
        )
        status, took = _get(port, path)
        statuses.add(status)
        colds.append(took)
    warm: list[float] = []
    started = time.monotonic()
    while len(warm) < repeat:
        if warm and len(warm) % BATCH == 0:
            # Wait out the rate limit's minute window before the next batch.
            time.sleep(max(0.0, 61 - (time.monotonic() - started)))
            started = time.monotonic()
        status, took = _get(port, path)
        statuses.add(status)
        if status == 200:
            warm.append(took)
        elif status == 429:
            time.sleep(1)
    return {
        "path": path,
        "warm_p50_ms": ms(percentile(warm, 0.5)),
        "warm_p95_ms": ms(percentile(warm, 0.95)),
        "cold_p50_ms": ms(percentile(colds, 0.5)),
        "requests": len(warm),
        "statuses": sorted(statuses),
    }


def report(figures: dict, line) -> None:  # type: ignore[no-untyped-def]
    """The figures beside their target, with `bench/run.py`'s line printer."""
    p50 = float(figures["warm_p50_ms"])
    line(
        "public service page, warm: p50 / p95 ms",
        f"{figures['warm_p50_ms']} / {figures['warm_p95_ms']}",
        f"p50 < {TARGET_P50_MS:.0f} ms",
        p50 < TARGET_P50_MS,
    )
    line("public service page, cold (all parts rebuilt): p50 ms", figures["cold_p50_ms"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--open", type=int, default=300, help="applicants waiting in the unit")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.common import configure, ensure_database, gunicorn, manage

    env = configure()
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput")
    manage("createcachetable")
    manage("collectstatic", "--noinput")
    import django

    django.setup()
    from bench import scenarios

    unit = scenarios.board_unit(open_count=args.open)
    with gunicorn(workers=args.workers) as port:
        figures = measure(port, unit["unit"], repeat=args.repeat)

    def line(name: str, value: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{name:<52} {value:>22}   {target:<24} {verdict}")

    print(f"statuses: {figures['statuses']}, warm requests: {figures['requests']}")
    report(figures, line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
