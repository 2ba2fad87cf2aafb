"""The auditor is read-only everywhere, and sees no applicant's NIK or name unmasked.

Every URL pattern of the project is enumerated from the resolver and called with the kwargs of
an existing record, so that a page added later is covered without editing this test."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from pypdf import PdfReader

from applicants.models import Applicant
from evidence.models import EvidencePack
from satpas.models import User
from tests.urlmap import Route, all_urls, changed, snapshot

pytestmark = pytest.mark.django_db

# Writes the auditor may make, each documented: none changes an evidence record.
ALLOWED_WRITES = {
    "login": "signing in",
    "logout": "signing out",
    "password_change": "the auditor's own password",
    "set_language": "the language cookie",
    "switch_unit": "a regional auditor picks the unit to read (the session only)",
    "two_factor_enrol": "the auditor's own second sign-in step",
    "two_factor_verify": "the auditor's own second sign-in step",
    "reports:pack_request": "an evidence pack: builds a ZIP, changes no evidence record",
    "admin:login": "the admin's sign-in form (the auditor is not staff)",
    "admin:logout": "signing out",
}
# Pages for applicants without a login (ticket status, waiting-room display, SKM survey and
# kiosk): the auditor is any member of the public there, and an empty form changes nothing.
PUBLIC = {
    "service_timing:status",
    "service_timing:status_content",
    "service_timing:display",
    "service_timing:display_content",
    "compensation:survey",
    "compensation:kiosk",
    "compensation:kiosk_submit",
}
# Pages the auditor may read. They answer only GET (and HEAD): a POST is refused with 405, as
# is anything not listed above.
READ_ONLY = {
    "home",
    "compensation:register",
    "compensation:handover",
    "compensation:stock",
    "compensation:ikm",
    "compensation:complaints",
    "compensation:complaint_detail",
    "personnel:dashboard",
    "personnel:dashboard_applications",
    "personnel:officers",
    "personnel:officer",
    "personnel:roster",
    "personnel:photo",
    "personnel:findings",
    "personnel:finding",
    "personnel:adjustments",
    "personnel:semester",
    "personnel:semester_export",
    "personnel:referrals",
    "personnel:certificate",
    "service_timing:applications",
    "service_timing:application",
    "service_timing:ticket",
    "service_timing:board",
    "service_timing:board_rows",
}


@pytest.fixture
def urls(evidence, unit) -> list[Route]:
    return all_urls(evidence, unit)


def _signed_in_clients(user: User) -> Callable[[], Client]:
    """Clients of `user`, each with a session of its own (a logout must not spoil the next),
    as `force_login` leaves it, but without signing in again: a sign-in writes the user's
    last_login and its history row, which would stand between one POST's state and the next."""
    template = Client()
    template.force_login(user)
    data = dict(template.session.items())
    cookie = template.cookies[settings.SESSION_COOKIE_NAME]

    def client() -> Client:
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session.update(data)
        session.save()
        fresh = Client()
        fresh.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        fresh.cookies[settings.SESSION_COOKIE_NAME].update(
            {key: cookie[key] for key in ("max-age", "path", "domain", "secure", "expires")}
        )
        return fresh

    return client


def test_every_post_the_auditor_makes_is_refused_and_changes_nothing(urls, auditor) -> None:
    assert len(urls) > 200  # the project's own pages and the admin's
    problems = []
    signed_in = _signed_in_clients(auditor)
    before = snapshot()
    for route in urls:
        response = signed_in().post(route.path, {})
        after = snapshot()
        tables = changed(before, after)
        before = after  # nothing else writes in between: one snapshot per URL, not two
        if route.name == "reports:pack_request":
            assert response.status_code == 302
            assert tables == [EvidencePack._meta.db_table]
            continue
        if tables:
            problems.append(f"{route.name} {route.path}: changed {tables}")
        if route.name in ALLOWED_WRITES or route.name in PUBLIC:
            continue
        if route.name in READ_ONLY:
            if response.status_code != 405:
                problems.append(
                    f"{route.name}: a read-only page answered {response.status_code} to POST"
                )
            continue
        if route.path.startswith("/admin/"):
            # Not staff: the admin sends the auditor to its own sign-in.
            refused = response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            refused = response.status_code in (403, 405)
        if not refused:
            problems.append(f"{route.name} {route.path}: answered {response.status_code}")
    assert problems == [], "\n".join(problems)


def test_the_exceptions_name_real_pages_and_read_only_ones_are_readable(urls, auditor) -> None:
    names = {route.name for route in urls}
    assert set(ALLOWED_WRITES) <= names
    assert names >= PUBLIC | READ_ONLY
    client = Client()
    client.force_login(auditor)
    for route in urls:
        if route.name in READ_ONLY and route.name != "personnel:photo":
            assert client.get(route.path).status_code == 200, route.name


def _text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if content[:2] == b"PK":  # an Excel workbook or a ZIP of them
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = []
            for member in archive.namelist():
                data = archive.read(member)
                if member.endswith(".xlsx"):
                    with zipfile.ZipFile(io.BytesIO(data)) as inner:
                        parts += [
                            inner.read(name).decode(errors="ignore") for name in inner.namelist()
                        ]
                else:
                    parts.append(data.decode(errors="ignore"))
            return "\n".join(parts)
    return content.decode(errors="ignore")


def test_no_page_the_auditor_opens_shows_a_nik_or_name_unmasked(
    urls, auditor, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    client.force_login(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/laporan/paket-bukti/susun/", {"periode": "bulan", "tahun": 2026, "bulan": 6})
    built = EvidencePack.objects.get(status="DONE")
    applicants = list(Applicant.objects.values_list("nik", "full_name"))
    assert len(applicants) >= 6
    june = {"periode": "2026-06"}
    opened = 0
    extra = [
        Route("pack download", f"/laporan/paket-bukti/{built.pk}/unduh/"),
        *[Route(f"{r.name} (June)", r.path) for r in urls if r.path.startswith("/laporan/")],
        Route("applications of the day", "/permohonan/?tanggal=2026-06-15"),
    ]
    for route in [*urls, *extra]:
        if route.name in ("logout", "admin:logout"):
            continue
        response = client.get(route.path, june if "(June)" in route.name else {})
        if response.status_code != 200:
            continue
        opened += 1
        text = _text_of(response)
        for nik, name in applicants:
            assert nik not in text, f"{route.name}: NIK {nik} shown"
            assert name not in text, f"{route.name}: name {name} shown"
    assert opened > 40
    assert "2172" in _text_of(client.get("/laporan/waktu-pelayanan/", june))  # masked, present
