"""The data and the actions the benchmarks measure (imported after django.setup())."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from applicants.models import Application
from applicants.services import application_register
from bench.common import RESULTS, ROOT, Session
from bench.people import fresh_unit, new_officer
from demo.generate import generate
from satpas.models import Unit, User
from service_timing.models import ServicePoint

HISTORY_CODE = "GEN001"
CURRENT = re.compile(rb'name="current" value="(\d+)"')
TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I)


def five_years(*, years: float, per_day: int) -> dict:
    """The long history (generated once; later runs reuse it)."""
    expected = int(years * 365 * 6 / 7 * per_day * 0.9)
    unit = Unit.objects.filter(code=HISTORY_CODE).first()
    have = Application.objects.filter(unit=unit).count() if unit else 0
    if have < expected * 0.95:
        print(
            f"Generating {years:g} years x {per_day}/day for {HISTORY_CODE} (once; a few minutes)…",
            flush=True,
        )
        began = time.monotonic()
        generate(
            units=1,
            years=years,
            per_day=per_day,
            unit_codes=[HISTORY_CODE],
            progress=lambda m: (
                print(f"  {m}", flush=True) if m.endswith("00 permohonan)") else None
            ),
        )
        print(f"  generated in {time.monotonic() - began:.0f} s", flush=True)
        unit = Unit.objects.get(code=HISTORY_CODE)
    kasat = User.objects.get(username="60010001")
    return {
        "unit": unit.pk,
        "code": unit.code,
        "kasat": kasat.pk,
        "applications": Application.objects.filter(unit=unit).count(),
    }


def _register(unit: Unit, officer: User, count: int) -> None:
    for index in range(count):
        birth = dt.date(1980 + index % 25, 1 + index % 12, 1 + index % 28)
        application_register(
            unit=unit,
            registered_by=officer,
            nik=f"217201{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{index % 9999 + 1:04d}",
            full_name=f"Pemohon {index}",
            birth_date=birth,
            sex="L",
            application_type="PERPANJANGAN",
            sim_class="C",
            current_sim_class="C",
            current_sim_issued_on=timezone.localdate() - dt.timedelta(days=400),
        )


def counter_unit(*, officers: int, queue: int) -> dict:
    """A unit with `officers` registration counters and a long queue waiting at REG."""
    unit = fresh_unit("BNC")
    users = [new_officer(unit, i + 1) for i in range(officers)]
    points = [ServicePoint.objects.get(unit=unit, stage_id="REG")]
    points += [
        ServicePoint.objects.create(
            unit=unit, number=20 + i, name=f"Pendaftaran {i + 2}", stage_id="REG"
        )
        for i in range(officers - 1)
    ]
    print(f"Registering {queue} applicants for the counter benchmark…", flush=True)
    _register(unit, users[0], queue)
    return {"unit": unit.pk, "officers": [u.pk for u in users], "points": points}


def board_unit(*, open_count: int) -> dict:
    unit = fresh_unit("PPN")
    officer = new_officer(unit, 1)
    _register(unit, officer, open_count)
    return {"unit": unit.pk, "officer": officer.pk, "code": unit.code}


def counter_cycle(session: Session, point: ServicePoint) -> list[tuple]:
    """Call the next applicant, start, finish: three requests, as the console sends them."""
    action = f"/loket/{point.pk}/aksi/"
    status, body, took = session.request("POST", action, {"code": "", "action": "next"}, htmx=True)
    match = CURRENT.search(body)
    if status == 200 and not match:
        return []  # nobody waiting any more
    outcomes = [(status, body, took, "call")]
    if not match:
        return outcomes
    current = match.group(1).decode()
    for kind in ("start", "finish"):
        status, body, took = session.request(
            "POST", action, {"code": "", "action": kind, "current": current}, htmx=True
        )
        outcomes.append((status, body, took, kind))
    return outcomes


def _count(client: Client, method: str, path: str, data: dict | None = None, **extra: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(path, data or {}, **extra)
    assert response.status_code in (200, 302), (path, response.status_code)
    return sum(1 for q in context.captured_queries if not TRANSACTION_CONTROL.match(q["sql"]))


def query_counts(*, counter: dict, board: dict, history: dict) -> dict:
    """SQL statements per request, measured in-process on the same database."""
    results: dict[str, dict | bool] = {"stage": {}, "pages": {}}
    per_queue = []
    for queue in (10, 100):
        unit = fresh_unit("QRY")
        officer = new_officer(unit, 1)
        _register(unit, officer, queue)
        point = ServicePoint.objects.get(unit=unit, stage_id="REG")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(officer)
        client.get(f"/loket/{point.pk}/")
        counts = {}
        action = f"/loket/{point.pk}/aksi/"
        client.post(action, {"action": "next"}, HTTP_HX_REQUEST="true")  # warm the caches
        application = Application.objects.filter(unit=unit, journey__current_point=point).first()
        client.post(action, {"action": "start", "current": application.pk}, HTTP_HX_REQUEST="true")
        client.post(action, {"action": "finish", "current": application.pk}, HTTP_HX_REQUEST="true")
        counts["call next"] = _count(
            client, "post", action, {"action": "next"}, HTTP_HX_REQUEST="true"
        )
        application = Application.objects.filter(unit=unit, journey__current_point=point).first()
        for step in ("start", "finish"):
            counts[step] = _count(
                client,
                "post",
                action,
                {"action": step, "current": application.pk},
                HTTP_HX_REQUEST="true",
            )
        other = Application.objects.filter(
            unit=unit, journey__state="WAITING", journey__current_stage_id="REG"
        ).first()
        counts["scan a ticket"] = _count(
            client, "post", action, {"code": other.ticket_code}, HTTP_HX_REQUEST="true"
        )
        per_queue.append(counts)
    results["stage"] = {
        f"{name} (queue 10 / 100)": max(per_queue[0][name], per_queue[1][name])
        for name in per_queue[0]
    }
    results["stage_constant"] = per_queue[0] == per_queue[1]

    board_client = Client(HTTP_HOST="127.0.0.1")
    board_client.force_login(User.objects.get(pk=board["officer"]))
    kasat = Client(HTTP_HOST="127.0.0.1")
    kasat.force_login(User.objects.get(pk=history["kasat"]))
    some = Application.objects.filter(unit_id=board["unit"]).first()
    pages = {
        "home (officer)": (board_client, "/"),
        "live board rows (300 open)": (board_client, "/papan/isi/"),
        "applications list": (board_client, "/permohonan/"),
        "application detail": (board_client, f"/permohonan/{some.pk}/"),
        "status page (public)": (Client(HTTP_HOST="127.0.0.1"), f"/s/{some.ticket_code}/"),
        "waiting-room display (public)": (
            Client(HTTP_HOST="127.0.0.1"),
            f"/layar/{board['code']}/isi/",
        ),
        "Kasat dashboard (5 years)": (kasat, "/personel/dasbor/"),
        "compensation register (5 years)": (kasat, "/kompensasi/"),
        "IKM report (5 years)": (kasat, "/kompensasi/ikm/"),
    }
    report = service_time_report_path()
    if report:
        pages["service-time report (5 years)"] = (kasat, report)
    for name, (client, path) in pages.items():
        client.get(path)
        results["pages"][name] = _count(client, "get", path)
    return results


def service_time_report_path() -> str | None:
    for name in ("reports:service_time", "evidence:service_time", "satpas:report_service_time"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def evidence_pack(history: dict) -> dict:
    """Time and peak memory of export_evidence for a month and for a year (subprocesses)."""
    end = timezone.localdate() - dt.timedelta(days=1)
    runs = {"month": end - dt.timedelta(days=29), "year": end - dt.timedelta(days=364)}
    figures: dict[str, float | int] = {}
    for label, start in runs.items():
        out = RESULTS / f"pack-{label}.zip"
        began = time.monotonic()
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "export_evidence",
                "--unit",
                history["code"],
                "--from",
                start.isoformat(),
                "--to",
                end.isoformat(),
                "--out",
                str(out),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            env=os.environ.copy(),
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        if status != 0:
            raise RuntimeError(f"export_evidence ({label}) failed")
        figures[f"{label}_seconds"] = time.monotonic() - began
        figures[f"{label}_peak_mb"] = usage.ru_maxrss / 1024
        figures[f"{label}_applications"] = Application.objects.filter(
            unit_id=history["unit"], service_date__gte=start, service_date__lte=end
        ).count()
        figures[f"{label}_zip_mb"] = out.stat().st_size / 1024 / 1024
    return figures
