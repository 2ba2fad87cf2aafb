"""What the accessibility tests share: axe-core, one seeded office and a server for a module.

axe-core is vendored (tests/browser/vendor/, see its README) and evaluated in the page through
the DevTools protocol, which the Content-Security-Policy does not apply to: the pages are
checked with the same policy the users get.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.signing import get_cookie_signer
from django.db import DEFAULT_DB_ALIAS
from django.test import Client
from django.test.utils import setup_databases, teardown_databases
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.fixtures import _get_databases_for_setup
from pytest_django.live_server_helper import LiveServer

from applicants.kiosk_views import RENEWAL_KIOSK
from compensation.views.kiosk import KIOSK_COOKIE, KIOSK_SALT
from tests.conftest import JAKARTA

AXE_VERSION = "4.14.1"
AXE_SOURCE = (
    Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
).read_text(encoding="utf-8")
# WCAG 2.1 level A and AA: the rules the issue asks for (axe's best-practice rules are not run).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
    # The waiting-room display runs full screen on a 1080p TV.
    "tv": {"width": 1920, "height": 1080},
}

TODAY = dt.date(2026, 6, 15)  # a Monday; tests.personnel.world builds its month around it
UNIT_CODE = "TPI"


def office(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(TODAY.year, TODAY.month, TODAY.day, hour, minute, tzinfo=JAKARTA)


@dataclass
class Site:
    """The seeded office behind a running server."""

    url: str
    sessions: dict[str, str]
    paths: dict[str, str]
    data_words: set[str] = field(default_factory=set)

    def context(
        self,
        browser: Browser,
        *,
        viewport: str = "desktop",
        language: str = "id",
        role: str | None = None,
        enrolled_kiosk: bool = False,
        enrolled_renewal_kiosk: bool = False,
        **options: object,
    ) -> BrowserContext:
        """A fresh browser: the language chosen with the switch (its cookie), logged in as
        `role` (a session made on the server side, no login page load), and, with
        `enrolled_kiosk`, the office's exit tablet as a supervisor enrolled it (the signed
        cookie `compensation:kiosk_enrol` sets, signed the same way); with
        `enrolled_renewal_kiosk`, its renewal kiosk tablet likewise."""
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            **options,  # type: ignore[arg-type]
        )
        cookies = [{"name": "django_language", "value": language, "url": self.url}]
        if role is not None:
            cookies.append({"name": "sessionid", "value": self.sessions[role], "url": self.url})
        if enrolled_kiosk:
            cookies.append(
                {
                    "name": KIOSK_COOKIE,
                    "value": get_cookie_signer(salt=KIOSK_COOKIE + KIOSK_SALT).sign(UNIT_CODE),
                    "url": self.url,
                    "httpOnly": True,
                    "sameSite": "Strict",
                }
            )
        if enrolled_renewal_kiosk:
            cookies.append(renewal_kiosk_cookie(self.url, UNIT_CODE))
        context.add_cookies(cookies)  # type: ignore[arg-type]
        return context


def renewal_kiosk_cookie(url: str, unit_code: str) -> dict:
    """The signed cookie `applicants:renewal_kiosk_enrol` sets on the tablet, signed the same
    way (satpas.devices)."""
    return {
        "name": RENEWAL_KIOSK.cookie,
        "value": get_cookie_signer(salt=RENEWAL_KIOSK.cookie + RENEWAL_KIOSK.salt).sign(unit_code),
        "url": url,
        "httpOnly": True,
        "sameSite": "Strict",
    }


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      {node['target']} {node['html'][:140]}")
            if node.get("failureSummary"):
                lines.append("        " + node["failureSummary"].replace("\n", " ")[:240])
    return "\n".join(lines)


def _stage_catalogue() -> None:
    """Transactional tests flush the stage rows that a data migration put in; units need
    them."""
    from service_timing.defaults import STAGES
    from service_timing.models import Stage

    for code, name, is_test in STAGES:
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "is_test": is_test, "is_default": True}
        )


def seed() -> tuple[dict[str, str], dict[str, str], set[str]]:
    """A month of an office (tests.personnel.world) and a busy morning at the counters:
    sessions per role, the addresses of the pages, and the data words (names) on them."""
    from applicants.models import Application
    from evidence.models import EvidencePack
    from personnel.models import Officer
    from satpas.roles import Role
    from service_timing.models import ServicePoint, Stage
    from service_timing.services import stage_call
    from tests.compensation.helpers import PERPANJANGAN, walk
    from tests.factories import UnitFactory, UserFactory, register
    from tests.personnel.world import build

    _stage_catalogue()
    unit = UnitFactory(code=UNIT_CODE, name="Satpas Polresta Tanjungpinang")
    cast = {
        "officer": UserFactory(
            username="02010345", full_name="Rizky Pratama", home_unit=unit, role=Role.OFFICER
        ),
        "supervisor": UserFactory(
            username="85061122", full_name="Hendra Wijaya", home_unit=unit, role=Role.SUPERVISOR
        ),
        "kasat": UserFactory(
            username="87090101", full_name="Made Arya Wibawa", home_unit=unit, role=Role.KASAT
        ),
        "auditor": UserFactory(
            username="198503122010122003",
            full_name="Siti Rahmawati",
            home_unit=unit,
            role=Role.AUDITOR,
        ),
    }
    build(unit, cast["officer"], cast["supervisor"], cast["kasat"])
    officer = cast["officer"]

    # This morning: one served and done, one overdue waiting at registration, one called to
    # the verification counter and one waiting for it.
    done = register(
        unit, officer, application_type="PERPANJANGAN", name="Sari Wulandari", now=office(8, 5)
    )
    walk(done, officer, PERPANJANGAN, office(8, 10), minutes_each=5)
    overdue = register(
        unit, officer, application_type="PERPANJANGAN", name="Agus Salim", now=office(8, 30)
    )
    called = register(unit, officer, name="Dewi Anggraini", female=True, now=office(10, 0))
    waiting = register(unit, officer, name="Yusuf Hidayat", now=office(10, 5))
    walk(called, officer, ["REG"], office(10, 6), minutes_each=3)
    walk(waiting, officer, ["REG"], office(10, 10), minutes_each=3)
    verification = ServicePoint.objects.filter(unit=unit, stage_id="VERIF").order_by("number")[0]
    stage_call(application_id=called.pk, point=verification, user=officer, now=office(10, 20))
    pack = EvidencePack.objects.create(
        unit=unit,
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 5, 31),
        requested_by=cast["auditor"],
        status=EvidencePack.Status.RUNNING,
        progress=40,
        step="Register waktu pelayanan",
    )

    sessions = {}
    for role, user in cast.items():
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies["sessionid"].value
    paths = {
        "status": f"/s/{overdue.ticket_code}/",
        "status_done": f"/s/{done.ticket_code}/",
        "survey": f"/kompensasi/survei/{done.ticket_code}/",
        "kiosk": f"/kompensasi/kios/{UNIT_CODE}/",
        "renewal_kiosk": f"/kios-perpanjangan/{UNIT_CODE}/",
        "renewal_kiosk_unenrolled": f"/kios-perpanjangan/{UNIT_CODE}/",
        "display": "/layar/TPI/",
        "public_page": "/layanan/TPI/",
        "login": "/masuk/",
        "home": "/",
        "console": f"/loket/{verification.pk}/",
        "board": "/papan/",
        "registration": "/permohonan/baru/",
        "application": f"/permohonan/{called.pk}/",
        "ticket": f"/permohonan/{waiting.pk}/tiket/",
        "checks": "/personel/pemeriksaan/",
        "dashboard": "/personel/dasbor/",
        "reports": "/laporan/",
        "report_service_time": "/laporan/waktu-pelayanan/",
        "report_satisfaction": "/laporan/skm-ikm/",
        "ikm": "/kompensasi/ikm/",
        "packs": "/laporan/paket-bukti/",
        "pack": f"/laporan/paket-bukti/{pack.pk}/",
    }
    names = {unit.name, *(u.full_name for u in cast.values())}
    names |= set(Officer.objects.values_list("full_name", flat=True))
    names |= set(Application.objects.values_list("applicant__full_name", flat=True))
    names |= set(Stage.objects.values_list("name", flat=True))
    names |= set(ServicePoint.objects.values_list("name", flat=True))
    return sessions, paths, names


def _stop(server: LiveServer) -> None:
    """LiveServer.stop(), but the threads still answering the last requests (closed by the
    browser a moment ago) end before the shared in-memory SQLite connection stops being
    shared; otherwise they fail closing it."""
    server.thread.terminate()
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=10)
    for connection in server.thread.connections_override.values():
        connection.dec_thread_sharing()


def serve_seeded_office(request: pytest.FixtureRequest, django_db_blocker) -> Iterator[Site]:
    """Seed once, serve it for a whole module, then empty the database again.

    The module's tests do not ask for `live_server` or `db`, which would empty the database
    after every test (pytest-django runs such tests last, as it runs transactional ones after
    the others); the clock runs from 10.30 office time on the seeded Monday.
    """
    # pytest-django creates the test database only when a collected test asks for one; when
    # only these tests run, create it here.
    aliases, _serialized = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        own_databases = (
            None
            if DEFAULT_DB_ALIAS in aliases
            else setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        )
        traveller = time_machine.travel(office(10, 30), tick=True)
        traveller.start()
        server = None
        try:
            sessions, paths, names = seed()
            server = LiveServer("localhost")
            yield Site(url=server.url, sessions=sessions, paths=paths, data_words=names)
        finally:
            if server is not None:
                _stop(server)
            traveller.stop()
            call_command("flush", interactive=False, verbosity=0)
            _stage_catalogue()
            if own_databases is not None:
                teardown_databases(own_databases, verbosity=0)
