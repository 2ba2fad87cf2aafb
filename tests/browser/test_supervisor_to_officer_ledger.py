"""On a phone: the supervisor records an officer 12 minutes late, the proposal appears, the
Kasat Lantas approves it, and the officer sees it on their own page."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from personnel.models import DutyShift, Officer, Rank
from service_timing.models import ServicePoint

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
    "timezone_id": "Asia/Jakarta",
}


@pytest.fixture(autouse=True)
def _stage_catalogue(transactional_db: None) -> None:
    """A transactional test before this one flushed the stage rows that a data migration put
    in (roles come back with the flush's post_migrate); units need them."""
    from service_timing.defaults import STAGES
    from service_timing.models import Stage

    for code, name, is_test in STAGES:
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "is_test": is_test, "is_default": True}
        )


def _phone_page(browser: Browser) -> Page:
    return browser.new_context(**PHONE).new_page()


def _log_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/masuk/")
    page.get_by_label("NRP/NIP").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("Selamat datang"))).to_be_visible()


def _menu(page: Page, name: str) -> None:
    """The navbar is collapsed on a phone: open it, then follow the link. The toggler works
    once Bootstrap's script has run, which on a busy machine can be after the page shows."""
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Buka menu").click()
    link = page.get_by_role("link", name=name)
    expect(link).to_be_visible()
    link.click()


def test_late_arrival_becomes_an_approved_adjustment_the_officer_can_see(
    live_server, browser: Browser, unit, officer, supervisor, kasat, password
) -> None:
    local_now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(unit.time_zone))
    # A shift that started in the past whatever the hour the suite runs.
    day = local_now.date() if local_now.hour >= 1 else local_now.date() - dt.timedelta(days=1)
    profile = Officer.objects.create(
        unit=unit,
        user=officer,
        number=officer.username,
        full_name=officer.full_name,
        rank=Rank.BRIPDA,
        position="Petugas loket SIM",
    )
    DutyShift.objects.create(
        unit=unit,
        officer=profile,
        date=day,
        service_point=ServicePoint.objects.get(unit=unit, number=1),
        starts_at=dt.time(0, 30),
        ends_at=dt.time(23, 0),
    )
    base = live_server.url

    # The supervisor, on a phone, records the arrival: 12 minutes after the scheduled start.
    page = _phone_page(browser)
    _log_in(page, base, supervisor.username, password)
    _menu(page, "Pemeriksaan")
    if day != local_now.date():
        page.get_by_role("link", name=re.compile("Kemarin")).click()
    duty = page.get_by_test_id(f"duty-{profile.number}")
    expect(duty).to_contain_text("Rizky Pratama")
    duty.get_by_role("link", name="Catat kehadiran").click()
    expect(page.get_by_test_id("scheduled-start")).to_have_text("00.30")
    page.get_by_label("Jam datang").fill("00:42")
    page.get_by_role("button", name="Simpan kehadiran").click()
    expect(page.get_by_role("alert")).to_contain_text("terlambat 12 menit")

    # The proposal: the supervisor runs it for that month; it appears, waiting.
    page.goto(f"{base}/personel/usulan/?periode={day:%Y-%m}")
    page.get_by_role("button", name=re.compile("Susun usulan")).click()
    expect(page.get_by_role("alert")).to_contain_text("1 usulan baru")
    row = page.locator("tr", has_text="Rizky Pratama")
    expect(row).to_contain_text("Disiplin waktu")
    expect(row).to_contain_text("-1")
    expect(row).to_contain_text("Diusulkan")
    page.context.close()

    # The Kasat Lantas approves it.
    page = _phone_page(browser)
    _log_in(page, base, kasat.username, password)
    page.goto(f"{base}/personel/usulan/?periode={day:%Y-%m}")
    row = page.locator("tr", has_text="Rizky Pratama")
    row.get_by_role("button", name="Setujui").click()
    expect(page.get_by_role("alert")).to_contain_text("disetujui")
    page.context.close()

    # The officer sees it on their own page.
    page = _phone_page(browser)
    _log_in(page, base, officer.username, password)
    _menu(page, "Catatan saya")
    expect(page.get_by_role("heading", name="Catatan reward & punishment saya")).to_be_visible()
    ledger = page.get_by_test_id("ledger-row")
    expect(ledger).to_have_count(1)
    expect(ledger).to_contain_text("Terlambat 12 menit")
    expect(ledger).to_contain_text("-1")
    expect(ledger).to_contain_text("Disetujui")
    page.context.close()
