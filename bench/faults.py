"""Faults: PostgreSQL restarts in the middle of the load; two app servers side by side.

    python bench/faults.py [--short]
    python bench/faults.py --two-servers [--short]

While officers work, the local PostgreSQL cluster is restarted (pg_ctlcluster, as root). The
app must answer again within seconds, and afterwards the database must hold exactly the calls,
starts, finishes and registrations that succeeded: no partial records.

With --two-servers: two gunicorn instances on two ports, each officer's requests alternating
between them (a round-robin client, as a load balancer without sticky sessions). Afterwards
the database must hold exactly the stage records the officers were told of, none lost or
doubled; then revocations made while both servers are warm must refuse the very next
requests on both: an account deactivated, a role removed, a session signed out on server A,
a counter taken out of use.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Session, configure, ensure_database, gunicorn, manage

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
    parser.add_argument(
        "--two-servers", action="store_true", help="two app servers instead of the restart"
    )
    args = parser.parse_args()
    if args.two_servers:
        return two_servers(short=args.short)
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


class RoundRobin(Session):
    """A browser whose requests go to each server in turn (one session for both)."""

    ports: tuple[int, ...] = ()
    sent: int = 0

    @classmethod
    def across(cls, ports: tuple[int, ...], user: object) -> RoundRobin:
        session = cls.for_user(ports[0], user)
        session.ports = ports
        return session  # type: ignore[return-value]

    def request(self, *args, **kwargs) -> tuple[int, bytes, float]:  # type: ignore[no-untyped-def]
        self.port = self.ports[self.sent % len(self.ports)]
        self.sent += 1
        return super().request(*args, **kwargs)


def two_servers(*, short: bool) -> int:
    officers, seconds = (6, 20) if short else (12, 45)
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
    connection.close()
    print(f"Two app servers: {officers} officers for {seconds} s, each request to the next server")
    with gunicorn(workers=2) as port_a, gunicorn(workers=2) as port_b:
        ports = (port_a, port_b)
        # Warm every worker of both servers (imports, templates, connections) before the run.
        user, point = floor.counters[0]
        warm = Session.for_user(port_a, user)
        for port in ports:
            warm.port = port
            for _ in range(6):
                warm.request("GET", f"/loket/{point.pk}/")
        tally = loadlib.run(
            floor, port_a, seconds, session_for=lambda _port, user: RoundRobin.across(ports, user)
        )
        for line in loadlib.summary(tally, seconds):
            print(line)
        connection.close()
        problems = loadlib.audit(floor, tally)
        print(
            "database against what the officers were told: "
            + ("agree, no record lost or doubled" if not problems else "; ".join(problems))
        )
        refusals = revocations(floor, port_a, port_b)
    for name, refused in refusals.items():
        print(f"  {name}: {'refused on both servers' if refused else 'NOT REFUSED'}")
    return 0 if not problems and all(refusals.values()) else 1


def revocations(floor, port_a: int, port_b: int) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Each revocation made while both servers are warm; True when the next requests on both
    are refused (each was allowed just before)."""
    from django.contrib.auth.models import Group

    from bench.people import new_officer
    from satpas.roles import Role
    from service_timing.models import ServicePoint

    point = floor.counters[0][1]
    console = f"/loket/{point.pk}/"
    tries = 4  # enough to reach every worker of each server

    def answers(session: Session, path: str = console) -> list[int]:
        statuses = []
        for port in (port_a, port_b):
            session.port = port
            statuses += [session.request("GET", path)[0] for _ in range(tries)]
        return statuses

    results: dict[str, bool] = {}
    checks = {
        "account deactivated": lambda user, session: _deactivate(user),
        "role removed": lambda user, session: user.groups.remove(
            Group.objects.get(name=Role.OFFICER.value)
        ),
        "session signed out on server A": lambda user, session: _sign_out(session, port_a),
    }
    for number, (name, revoke) in enumerate(checks.items()):
        user = new_officer(floor.unit, 900 + number, lead="4")
        session = Session.for_user(port_a, user)
        before = answers(session)
        revoke(user, session)
        after = answers(session)
        results[name] = all(s == 200 for s in before) and all(s in (302, 403) for s in after)
        if not results[name]:
            print(f"  {name}: before {before}, after {after}")
    # A counter taken out of use: a call there is refused on both servers at once.
    user = new_officer(floor.unit, 990, lead="4")
    session = Session.for_user(port_a, user)
    extra = ServicePoint.objects.create(
        unit=floor.unit, number=990, name="Loket uji", stage_id=point.stage_id
    )
    before = answers(session, f"/loket/{extra.pk}/")
    ServicePoint.objects.filter(pk=extra.pk).update(is_active=False)  # no signal: the worst case
    refused = []
    for port in (port_a, port_b):
        session.port = port
        for _ in range(tries):
            status, body, _took = session.request(
                "POST", f"/loket/{extra.pk}/aksi/", {"code": "", "action": "next"}, htmx=True
            )
            refused.append(status == 404 or (status == 200 and b"alert-danger" in body))
    results["counter taken out of use (no signal sent)"] = all(s == 200 for s in before) and all(
        refused
    )
    return results


def _deactivate(user) -> None:  # type: ignore[no-untyped-def]
    user.is_active = False
    user.save(update_fields=["is_active"])


def _sign_out(session: Session, port: int) -> None:
    session.port = port
    session.request("POST", "/keluar/")


if __name__ == "__main__":
    sys.exit(main())
