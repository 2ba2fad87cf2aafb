"""The auditor is read-only everywhere, and sees no applicant's NIK or name unmasked.

Every URL pattern of the project is enumerated from the resolver and called with the kwargs of
an existing record, so that a page added later is covered without editing this test."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from pypdf import PdfReader

from applicants.models import Applicant, Application
from personnel.models import AppearanceCheck, Finding, Recognition, ScoreAdjustment
from satpas.models import EvidencePack
from service_timing.models import Pause, ServicePoint

pytestmark = pytest.mark.django_db

# Writes the auditor may make, each documented: none changes an evidence record.
ALLOWED_WRITES = {
    "login": "signing in",
    "logout": "signing out",
    "password_change": "the auditor's own password",
    "set_language": "the language cookie",
    "switch_unit": "a regional auditor picks the unit to read (the session only)",
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
# Tables that record sessions and login attempts, not the unit's data.
NOT_DATA = {Session._meta.db_table, "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


@dataclass(frozen=True)
class Route:
    name: str
    path: str

    def __str__(self) -> str:
        return self.name


def routes() -> Iterator[tuple[str, str]]:
    """(name, route) of every URL pattern, names with their namespaces."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, route, inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                yield (f"{namespace}:{name}" if namespace and name else name or route), route

    yield from walk(get_resolver(), "", "")


def samples(evidence, unit) -> dict[str, dict[str, str]]:
    """A real record for each URL kwarg, per URL name (and a default per kwarg)."""
    application = evidence.case.application
    pause = Pause.objects.create(
        application=application,
        started_at=application.registered_at,
        ended_at=application.registered_at + dt.timedelta(minutes=5),
        reason="Mengambil dokumen",
        recorded_by=application.registered_by,
    )
    world = evidence.world
    pack = EvidencePack.objects.create(
        unit=unit,
        period_start=evidence.period.start,
        period_end=evidence.period.start,
        requested_by=application.registered_by,
    )
    proposed = ScoreAdjustment.objects.filter(unit=unit, status="PROPOSED").first()
    default = {
        "unit_code": unit.code,
        "ticket_code": Application.objects.filter(unit=unit, survey_response__isnull=True)
        .first()
        .ticket_code,
        "point_pk": str(ServicePoint.objects.filter(unit=unit).first().pk),
        "shift": str(world.free_shift.pk),
        "officer": str(world.profile.pk),
        "point": str(world.point.pk),
        "kind": "appearance",
        "pause_pk": str(pause.pk),
        "app_label": "satpas",
        "object_id": str(unit.pk),
        "id": str(application.registered_by_id),
        "content_type_id": "1",
        "url": "x/",
        "pk": str(application.pk),
    }
    by_name = {
        "compensation:case_give": {"pk": evidence.case.pk},
        "compensation:case_decline": {"pk": evidence.case.pk},
        "compensation:case_waive": {"pk": evidence.case.pk},
        "compensation:case_attribute": {"pk": evidence.case.pk},
        "compensation:complaint_detail": {"pk": evidence.counter.pk},
        "compensation:complaint_note": {"pk": evidence.counter.pk},
        "compensation:complaint_close": {"pk": evidence.counter.pk},
        "personnel:officer": {"pk": world.profile.pk},
        "personnel:shift_delete": {"pk": world.free_shift.pk},
        "personnel:photo": {"pk": AppearanceCheck.objects.filter(unit=unit).first().pk},
        "personnel:finding": {"pk": Finding.objects.filter(unit=unit).first().pk},
        "personnel:decide": {"pk": proposed.pk},
        "personnel:referral": {"pk": world.referral.pk},
        "personnel:certificate": {"pk": Recognition.objects.get(unit=unit).pk},
        "reports:pack": {"pk": pack.pk},
        "reports:pack_progress": {"pk": pack.pk},
        "reports:pack_download": {"pk": pack.pk},
    }
    return {"": default, **{k: {n: str(v) for n, v in d.items()} for k, d in by_name.items()}}


def url_of(name: str, route: str, values: dict[str, dict[str, str]]) -> str:
    def value(kwarg: str) -> str:
        for source in (values.get(name, {}), values[""]):
            if kwarg in source:
                return source[kwarg]
        raise AssertionError(f"{name}: no sample value for <{kwarg}>; add one to samples()")

    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value(m.group(1)), path)
    path = re.sub(r"\([^)]*\)", "1", path)  # unnamed groups (simple-history's admin views)
    path = "/" + path.replace("^", "").replace("$", "")
    resolve(path)  # the sample must reach the pattern it stands for
    return path


def snapshot() -> dict[str, str]:
    """Every row of every table holding the unit's data, hashed per table."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in NOT_DATA or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        state[table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return state


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in before if before[table] != after[table])


@pytest.fixture
def urls(evidence, unit) -> list[Route]:
    values = samples(evidence, unit)
    return [Route(name, url_of(name, route, values)) for name, route in routes()]


def test_every_post_the_auditor_makes_is_refused_and_changes_nothing(urls, auditor) -> None:
    assert len(urls) > 200  # the project's own pages and the admin's
    problems = []
    for route in urls:
        client = Client()
        client.force_login(auditor)
        before = snapshot()
        response = client.post(route.path, {})
        after = snapshot()
        tables = changed(before, after)
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
    june = {"periode": "bulan", "tahun": 2026, "bulan": 6}
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
