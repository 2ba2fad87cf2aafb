"""A real streaming replica: reports on the replica while the counters write to the primary.

    python bench/replica.py [--short] [--json FILE]

Makes its own two PostgreSQL clusters in a temporary directory (never touching the machine's
own): a primary on 127.0.0.1:55432 (wal_level=replica) and, from `pg_basebackup -R`, a hot
standby on 127.0.0.1:55433. Migrates and generates a history on the primary, then serves the
app with gunicorn with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the standby.
Two phases of equal length: counter officers alone, then the same officers while a Kasat
opens the dashboard, the service-time report and its Excel register in a loop and the
background worker builds an evidence pack. Prints both sides' figures: report times, counter
p95 in each phase, the largest replication lag seen, the rows read on each cluster, errors,
and whether every successful counter action is in the database. Both clusters are stopped
and deleted afterwards, also when something fails. Run as root (the clusters run as the
`postgres` user through runuser) or as `postgres`.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, Session, configure, gunicorn, manage, ms, percentile

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PRIMARY_PORT, REPLICA_PORT = 55432, 55433
DATABASE = "satpas_replica_bench"
REPORT_P95_TARGET_MS = 300
LAG_SAMPLE_SECONDS = 0.5


def _as_postgres(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *command], check=check, capture_output=True, text=True, timeout=300
    )


def _pg(tool: str) -> str:
    return str(PG_BIN / tool)


@dataclasses.dataclass
class Clusters:
    base: Path

    @property
    def primary_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/{DATABASE}"

    @property
    def replica_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/{DATABASE}"

    def start_standby(self) -> None:
        """`pg_basebackup -R` the primary into a hot standby and start it (after the history
        is loaded: copying it is faster than streaming its generation)."""
        _as_postgres(
            _pg("pg_basebackup"),
            *("-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres"),
            *("-D", str(self.base / "replica"), "-R", "-X", "stream", "-c", "fast"),
        )
        _start(self.base / "replica", REPLICA_PORT, self.base)
        import psycopg

        deadline = time.monotonic() + 60
        while True:
            with (
                contextlib.suppress(psycopg.OperationalError),
                psycopg.connect(self.replica_url) as connection,
            ):
                row = connection.execute("SELECT pg_is_in_recovery()").fetchone()
                if row and row[0]:
                    return
            if time.monotonic() > deadline:
                raise RuntimeError("the standby did not come up")
            time.sleep(0.5)


@contextlib.contextmanager
def clusters() -> Iterator[Clusters]:
    """A primary (its database created) whose standby `start_standby()` makes; both are
    stopped and their directory removed on the way out, whatever happened."""
    base = Path(tempfile.mkdtemp(prefix="satpas-replica-"))
    primary = base / "primary"
    if os.geteuid() == 0:
        shutil.chown(base, user="postgres", group="postgres")
    try:
        _as_postgres(
            _pg("initdb"), "-D", str(primary), "-A", "trust", "-U", "postgres", "--no-sync"
        )
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{base}'",
            "wal_level": "replica",
            "max_wal_senders": "4",
            "hot_standby": "on",
            # A long report on the standby is not cancelled by the primary's cleanup.
            "hot_standby_feedback": "on",
            "max_connections": "60",
        }
        _append(primary / "postgresql.conf", [f"{k} = {v}" for k, v in settings.items()])
        _append(primary / "pg_hba.conf", ["host replication all 127.0.0.1/32 trust"])
        _start(primary, PRIMARY_PORT, base)
        _as_postgres(
            _pg("createdb"), "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres", DATABASE
        )
        yield Clusters(base)
    finally:
        for name in ("replica", "primary"):
            if (base / name / "postmaster.pid").exists():
                _as_postgres(
                    _pg("pg_ctl"), "-D", str(base / name), "-m", "fast", "-w", "stop", check=False
                )
        shutil.rmtree(base, ignore_errors=True)


def _append(path: Path, lines: list[str]) -> None:
    # Written through the postgres user: the files are theirs.
    text = path.read_text() + "\n" + "\n".join(lines) + "\n"
    path.write_text(text)


def _start(directory: Path, port: int, socket_dir: Path) -> None:
    _as_postgres(
        _pg("pg_ctl"),
        *("-D", str(directory), "-l", str(directory / "server.log")),
        *("-o", f"-p {port} -k {socket_dir}", "-w", "start"),
    )


# --- the run ----------------------------------------------------------------------------------


def _rows_read(alias: str) -> int:
    """Rows returned and fetched on the cluster since its statistics began (pg_stat_database)."""
    from django.db import connections

    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = %s",
            [DATABASE],
        )
        return int(cursor.fetchone()[0])


def _lag_sampler(stop: threading.Event, samples: list[tuple[float, int | None]]) -> None:
    from django.db import connections

    from satpas.db_router import measure_lag

    try:
        while not stop.is_set():
            try:
                lag = measure_lag()
                samples.append((lag.seconds, lag.bytes_behind))
            except Exception:  # the standby briefly busy: the next sample will tell
                connections["replica"].close()
            stop.wait(LAG_SAMPLE_SECONDS)
    finally:
        connections.close_all()


def _reader(
    session: Session, paths: dict[str, str], stop: float, results: dict[str, list[float]]
) -> None:
    while time.monotonic() < stop:
        for kind, path in paths.items():
            try:
                status, _body, took = session.request("GET", path)
            except OSError:
                status, took = 0, 0.0
            results.setdefault(kind if status == 200 else f"error {status}", []).append(took)


def _pack(kasat_pk: int, unit_pk: int, days: int) -> dict[str, object]:
    """Queue an evidence pack for the last `days` days and build it with the real worker
    (`db_worker --batch`, which reads through the replica)."""
    from django.utils import timezone

    from evidence.models import EvidencePack
    from evidence.services import evidence_pack_request
    from satpas.models import Unit, User

    unit = Unit.objects.get(pk=unit_pk)
    end = timezone.localdate() - dt.timedelta(days=1)
    pack = evidence_pack_request(
        unit=unit,
        start=end - dt.timedelta(days=days - 1),
        end=end,
        user=User.objects.get(pk=kasat_pk),
    )
    began = time.monotonic()
    manage("db_worker", "--batch", "--no-reload")
    took = time.monotonic() - began
    pack.refresh_from_db()
    return {
        "seconds": round(took, 1),
        "status": pack.status,
        "days": days,
        "done": pack.status == EvidencePack.Status.DONE,
    }


def run(*, short: bool) -> dict[str, object]:
    officers, seconds, years, per_day, pack_days = (
        (4, 20, 0.1, 120, 30) if short else (8, 60, 1.0, 300, 90)
    )
    figures: dict[str, object] = {"short": short, "officers": officers, "seconds": seconds}
    with clusters() as pair:
        configure(pair.primary_url)
        os.environ["DATABASE_REPLICA_URL"] = pair.replica_url
        manage("migrate", "--noinput")
        manage("createcachetable")
        manage("collectstatic", "--noinput")
        import django

        django.setup()
        from django.db import connection, connections

        from bench import loadlib, scenarios

        began = time.monotonic()
        history = scenarios.five_years(years=years, per_day=per_day)
        floor = loadlib.build_floor(officers=officers, queue=int(40 * seconds) + 100)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        figures["history_applications"] = history["applications"]
        figures["history_seconds"] = round(time.monotonic() - began)
        connections.close_all()
        pair.start_standby()

        from satpas.models import User

        kasat = User.objects.get(pk=history["kasat"])
        report = scenarios.service_time_report_path() or "/laporan/"
        paths = {
            "dashboard": "/personel/dasbor/",
            "report": report,
            "register": report.rstrip("/") + "/unduh/",
        }
        with gunicorn(workers=4) as port:
            alone = loadlib.run(floor, port, seconds, seed=1)
            primary_before, replica_before = _rows_read("default"), _rows_read("replica")
            stop_lag = threading.Event()
            lag_samples: list[tuple[float, int | None]] = []
            sampler = threading.Thread(target=_lag_sampler, args=(stop_lag, lag_samples))
            sampler.start()
            reads: dict[str, list[float]] = {}
            stop = time.monotonic() + seconds
            readers = [
                threading.Thread(
                    target=_reader, args=(Session.for_user(port, kasat), paths, stop, reads)
                )
                for _ in range(2)
            ]
            pack_result: dict[str, object] = {}
            packer = threading.Thread(
                target=lambda: pack_result.update(_pack(kasat.pk, history["unit"], pack_days))
            )
            for thread in readers:
                thread.start()
            packer.start()
            together = loadlib.run(floor, port, seconds, seed=2, first_index=50_000)
            for thread in [*readers, packer]:
                thread.join()
            stop_lag.set()
            sampler.join()
        # After the server stopped: its connections have closed and flushed their statistics.
        time.sleep(1)
        primary_after, replica_after = _rows_read("default"), _rows_read("replica")
        problems = _audit_both(floor, alone, together)
        connections.close_all()

    figures["reads"] = {
        kind: {
            "count": len(values),
            "p50_ms": ms(percentile(values, 0.5)),
            "p95_ms": ms(percentile(values, 0.95)),
        }
        for kind, values in reads.items()
        if not kind.startswith("error")
    }
    figures["read_errors"] = {
        kind: len(values) for kind, values in reads.items() if kind.startswith("error")
    }
    figures["counter"] = {
        "alone_p95_ms": ms(_counter_p95(alone)),
        "with_reports_p95_ms": ms(_counter_p95(together)),
        "alone_requests": sum(alone.ok.values()),
        "with_reports_requests": sum(together.ok.values()),
        "errors": sum(alone.failed.values()) + sum(together.failed.values()),
        "failed": dict(alone.failed + together.failed),
    }
    figures["lag_max_seconds"] = round(max((s for s, _b in lag_samples), default=0.0), 2)
    figures["lag_max_bytes"] = max((b or 0 for _s, b in lag_samples), default=0)
    figures["lag_samples"] = len(lag_samples)
    figures["rows_read_replica"] = replica_after - replica_before
    figures["rows_read_primary"] = primary_after - primary_before
    figures["pack"] = pack_result
    figures["audit_problems"] = problems
    return figures


def _counter_p95(tally) -> float:  # type: ignore[no-untyped-def]
    values = [t for kind in ("call", "start", "finish") for t in tally.latencies.get(kind, [])]
    return percentile(values, 0.95)


def _audit_both(floor, alone, together) -> list[str]:  # type: ignore[no-untyped-def]
    """Every successful action of both phases is in the database, once."""
    from bench.loadlib import Tally, audit

    total = Tally()
    for tally in (alone, together):
        total.ok.update(tally.ok)
    return audit(floor, total)


def print_figures(f: dict, line) -> None:  # type: ignore[no-untyped-def]
    """The replica's table, through `run.py`'s line printer (name, value, target, met)."""
    size = "short" if f["short"] else "full"
    line(
        f"read replica ({size}): history on the primary, applications",
        f"{f['history_applications']:,}",
    )
    for kind, label in (
        ("dashboard", "dashboard on the replica"),
        ("report", "service-time report on the replica"),
        ("register", "its Excel register on the replica"),
    ):
        r = f["reads"].get(kind)
        if r is None:
            line(f"  {label}", "no successful read", "", False)
            continue
        met = float(r["p95_ms"]) < REPORT_P95_TARGET_MS if kind != "register" else None
        target = f"p95 < {REPORT_P95_TARGET_MS} ms" if kind != "register" else ""
        line(
            f"  {label}: p50 / p95 ms (n={r['count']})",
            f"{r['p50_ms']} / {r['p95_ms']}",
            target,
            met,
        )
    pack = f["pack"]
    line(
        f"  evidence pack ({pack.get('days')} days) by the worker on the replica, s",
        f"{pack.get('seconds')} ({pack.get('status')})",
        "done",
        bool(pack.get("done")),
    )
    c = f["counter"]
    line(
        f"  counters ({f['officers']}) p95 ms: alone / with reports",
        f"{c['alone_p95_ms']} / {c['with_reports_p95_ms']}",
        "for reference (one machine)",
    )
    line(
        "  rows read on the replica during the reports",
        f"{f['rows_read_replica']:,}",
        "> 0",
        f["rows_read_replica"] > 0,
    )
    line("  rows read on the primary meanwhile", f"{f['rows_read_primary']:,}")
    line(
        "  largest replication lag seen: s / bytes",
        f"{f['lag_max_seconds']} / {f['lag_max_bytes']:,}",
        "< REPLICA_LAG_WARNING (30 s)",
        f["lag_max_seconds"] < 30,
    )
    errors = c["errors"] + sum(f["read_errors"].values())
    detail = ", ".join(f"{k} {v}" for k, v in {**c["failed"], **f["read_errors"]}.items())
    line(
        "  errors (counters + reports)",
        f"{errors} ({detail})" if errors else "0",
        "0",
        errors == 0,
    )
    problems = f["audit_problems"]
    line(
        "  counter actions lost or doubled",
        "none" if not problems else "; ".join(problems)[:60],
        "none",
        not problems,
    )


def run_in_subprocess(*, short: bool) -> dict[str, object]:
    """For `bench/run.py`, whose process is already bound to the benchmark database."""
    out = Path(tempfile.mkstemp(prefix="satpas-replica-", suffix=".json")[1])
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    try:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "replica.py"),
                "--json",
                str(out),
                *(["--short"] if short else []),
            ],
            env=env,
            check=True,
        )
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--short", action="store_true", help="for CI: a small history, 20 s phases")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    began = time.monotonic()
    figures = run(short=args.short)
    figures["total_seconds"] = round(time.monotonic() - began)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str))

    def line(name: str, value: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{name:<60} {value:>24}   {target:<28} {verdict}")

    print()
    print_figures(figures, line)
    print(f"(run took {figures['total_seconds']} s)")
    failed = figures["counter"]["errors"] + sum(figures["read_errors"].values())  # type: ignore[index,attr-defined]
    ok = not failed and not figures["audit_problems"] and figures["rows_read_replica"] > 0  # type: ignore[operator]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
