"""An officer opens their own page, reads why a late-service finding was made, and objects;
the Kasat Lantas annuls it with a reason; the ledger and the officer's page show the outcome."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from personnel.models import Finding, Officer, Rank
from personnel.services import adjustments_propose
from tests.compensation.helpers import at, serve
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "id-ID"}


@pytest.fixture(autouse=True)
def _stage_catalogue(transactional_db: None) -> None:
    """A transactional test before this one flushed the stage rows of the data migration."""
    from service_timing.defaults import STAGES
    from service_timing.models import Stage

    for code, name, is_test in STAGES:
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "is_test": is_test, "is_default": True}
        )


def _log_in(browser: Browser, base: str, username: str, password: str) -> Page:
    page = browser.new_context(timezone_id="Asia/Jakarta", **DESKTOP).new_page()
    page.goto(f"{base}/masuk/")
    page.get_by_label("NRP/NIP").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Selamat datang"))).to_be_visible()
    return page


def _late_verification(unit, officer) -> None:
    """27 November: verification took 40 minutes against an allowance of 10."""
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", officer, at(8, 5), at(8, 45))
    for index, code in enumerate(("BAYAR", "BIO", "CETAK", "SERAH")):
        start = at(8, 45) + dt.timedelta(minutes=5 * index)
        serve(application, code, officer, start, start + dt.timedelta(minutes=5))


def test_an_officer_objects_and_the_kasat_annuls_the_finding(
    live_server, browser: Browser, unit, officer, kasat, password
) -> None:
    Officer.objects.create(
        unit=unit,
        user=officer,
        number=officer.username,
        full_name=officer.full_name,
        rank=Rank.BRIPDA,
        position="Petugas loket SIM",
    )
    _late_verification(unit, officer)
    adjustments_propose(unit=unit, period=dt.date(2026, 11, 1), by=None, now=timezone.now())
    finding = Finding.objects.get()
    base = live_server.url

    # The officer reads why the finding was made, and objects.
    page = _log_in(browser, base, officer.username, password)
    page.goto(f"{base}/personel/saya/")
    row = page.get_by_test_id(f"finding-{finding.pk}")
    expect(row).to_contain_text("P-001 tanggal 27-11-2026")
    row.get_by_text("Mengapa temuan ini?").click()
    why = row.get_by_test_id("explanation")
    expect(why).to_contain_text("Alokasi layanan tahap")
    expect(why).to_contain_text("10 menit")
    expect(why).to_contain_text("08.05 · 08.05 · 08.45")
    expect(why).to_contain_text("Layanan melewati alokasi")
    expect(why).to_contain_text("30 menit")
    expect(why).to_contain_text("Versi kebijakan")
    row.get_by_label(re.compile("Keberatan")).fill(
        "Aplikasi verifikasi macet 08.10–08.40; sudah dilaporkan ke operator"
    )
    row.get_by_role("button", name="Ajukan keberatan").click()
    expect(page.get_by_role("alert")).to_contain_text("Keberatan diajukan")
    row = page.get_by_test_id(f"finding-{finding.pk}")
    row.get_by_text("Mengapa temuan ini?").click()
    expect(row.get_by_test_id("objection-state")).to_contain_text("Menunggu keputusan")
    page.context.close()

    # The Kasat Lantas sees the held proposal, and annuls the finding with a reason.
    page = _log_in(browser, base, kasat.username, password)
    page.goto(f"{base}/personel/usulan/?periode=2026-11")
    expect(page.get_by_test_id("objection-pending")).to_be_visible()
    page.goto(f"{base}/personel/keberatan/")
    card = page.locator("[data-testid^=objection-]", has_text="Rizky Pratama")
    expect(card).to_contain_text("Aplikasi verifikasi macet")
    card.get_by_label("Alasan keputusan").fill("Log operator mencatat gangguan 08.10–08.40")
    card.get_by_role("button", name="Kabulkan (batalkan temuan)").click()
    expect(page.get_by_role("alert")).to_contain_text("dikabulkan")
    page.goto(f"{base}/personel/usulan/?periode=2026-11&status=semua")
    ledger_row = page.locator("tr", has_text="Rizky Pratama")
    expect(ledger_row).to_contain_text("Ditarik")
    expect(ledger_row).to_contain_text("Log operator mencatat gangguan")
    page.context.close()

    # The officer's page shows the outcome.
    page = _log_in(browser, base, officer.username, password)
    page.goto(f"{base}/personel/saya/")
    row = page.get_by_test_id(f"finding-{finding.pk}")
    expect(row).to_contain_text("Ditarik")
    row.get_by_text("Mengapa temuan ini?").click()
    expect(row.get_by_test_id("withdrawn-reason")).to_contain_text(
        "Keberatan dikabulkan: Log operator mencatat gangguan"
    )
    expect(row.get_by_test_id("objection-state")).to_contain_text("Dikabulkan")
    ledger = page.get_by_test_id("ledger-row")
    expect(ledger).to_contain_text("Ditarik")
    page.context.close()
