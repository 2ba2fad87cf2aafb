"""Security headers, no inline script anywhere (the CSP forbids it), and no NIK in the logs."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from pathlib import Path

import pytest
from django.urls import reverse

from applicants.models import Application
from service_timing.models import ServicePoint
from tests.factories import make_nik

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_no_template_carries_inline_script_or_event_handlers() -> None:
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            text = path.read_text()
            if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.django_db
def test_pages_send_the_security_headers(client_for, officer) -> None:
    response = client_for(officer).get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_https_responses_carry_hsts(client_for, officer) -> None:
    response = client_for(officer).get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_public_pages_send_the_policy_too(client_for, db) -> None:
    response = client_for(None).get(reverse("login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_full_flow_never_writes_a_nik_to_the_logs(client_for, officer, supervisor, unit) -> None:
    # The handler configured in settings, writing into a buffer for the length of the flow.
    from satpas.logfilters import RedactPersonalData

    root = logging.getLogger()
    handler = next(
        h for h in root.handlers if any(isinstance(f, RedactPersonalData) for f in h.filters)
    )
    buffer = io.StringIO()
    previous_stream, previous_level = handler.setStream(buffer), root.level
    root.setLevel(logging.DEBUG)
    nik = make_nik(dt.date(1996, 4, 21), female=True, serial=4321)
    client = client_for(officer)
    lookup = client.post(reverse("applicants:applicant_lookup"), {"nik": nik})
    assert lookup.status_code == 200
    client.post(
        reverse("applicants:register"),
        {
            "nik": nik,
            "full_name": "Sari Wulandari",
            "birth_date": "1996-04-21",
            "sex": "P",
            "phone": "",
            "application_type": "PERPANJANGAN",
            "sim_class": "C",
            "current_sim_class": "C",
            "current_sim_issued_on": "2024-01-02",
            "retake_ticket": "",
        },
    )
    application = Application.objects.get(applicant__nik=nik)
    for code in ["REG", "VERIF"]:
        point = ServicePoint.objects.get(unit=unit, stage_id=code)
        action = reverse("service_timing:console_action", args=[point.pk])
        client.post(action, {"code": application.ticket_code}, HTTP_HX_REQUEST="true")
        client.post(action, {"action": "start", "current": application.pk}, HTTP_HX_REQUEST="true")
        client.post(action, {"action": "finish", "current": application.pk}, HTTP_HX_REQUEST="true")
    client.post(
        reverse("applicants:register"),
        {"nik": nik, "full_name": "x", "birth_date": "2000-01-01", "sex": "L"},
    )
    client_for(None).get(reverse("service_timing:status", args=[application.ticket_code]))
    client_for(None).get(f"/s/{nik}/")  # someone types a NIK where a ticket belongs: a 404, logged
    client_for(supervisor).get(reverse("service_timing:application", args=[application.pk]))
    root.setLevel(previous_level)
    handler.setStream(previous_stream)
    logged = buffer.getvalue()  # what the configured handler really wrote
    assert "Not Found: /s/2172********4321/" in logged  # logged, and masked
    assert nik not in logged


def test_the_gunicorn_access_log_is_masked_too() -> None:
    from satpas.logfilters import RedactPersonalData

    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        "",
        0,
        '"GET /s/%s/ HTTP/1.1" 404',
        ("2172016104964321",),
        None,
    )
    RedactPersonalData().filter(record)
    assert record.getMessage() == '"GET /s/2172********4321/ HTTP/1.1" 404'


def test_gunicorn_runs_with_the_masking_logger() -> None:
    from gunicorn.config import Config

    from satpas.logfilters import GunicornLogger, RedactPersonalData

    config = Config()
    config.set("accesslog", "-")
    logger = GunicornLogger(config)
    filters = [f for handler in logger.access_log.handlers for f in handler.filters]
    assert any(isinstance(f, RedactPersonalData) for f in filters)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/s/%00/", {}),
        ("get", "/kompensasi/survei/ab%00cd/", {}),
        ("get", "/permohonan/", {"cari": "B\x00"}),
        ("post", "/masuk/", {"username": "8709\x000101", "password": "x"}),
    ],
)
def test_a_nul_character_is_a_clear_400_that_changes_nothing(
    client_for, officer, method, path, data
) -> None:
    from applicants.models import Application

    before = Application.objects.count()
    response = getattr(client_for(officer), method)(path, data)
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()
    assert Application.objects.count() == before
