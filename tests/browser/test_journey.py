"""An officer takes an applicant through the whole service with the keyboard; the board and
the applicant's own status page follow; an overdue applicant shows as overdue."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import segno
import time_machine
from playwright.sync_api import Page, expect

from service_timing.models import ServicePoint
from tests.conftest import JAKARTA
from tests.factories import make_nik, register

pytestmark = pytest.mark.django_db(transaction=True)


def login(page: Page, base: str, user, password: str) -> None:
    page.goto(f"{base}/masuk/")
    page.get_by_label("NRP/NIP").fill(user.username)
    page.get_by_label("Kata sandi").fill(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")


def test_an_applicant_goes_through_every_stage_by_keyboard(
    live_server, page: Page, unit, officer, password
) -> None:
    base = live_server.url
    with time_machine.travel(
        dt.datetime(2026, 11, 27, 8, 0, tzinfo=JAKARTA), tick=True
    ) as traveller:
        overdue = register(unit, officer, application_type="PERPANJANGAN", serial=900)
        traveller.move_to(dt.datetime(2026, 11, 27, 9, 30, tzinfo=JAKARTA))

        login(page, base, officer, password)

        # Registration: NIK first, the rest fills in from it.
        page.goto(f"{base}/permohonan/baru/")
        page.get_by_label("NIK").fill(make_nik(dt.date(1996, 4, 21), female=True, serial=77))
        page.keyboard.press("Tab")
        expect(page.get_by_text("Pemohon baru dari provinsi Kepulauan Riau")).to_be_visible()
        expect(page.get_by_label("Tanggal lahir")).to_have_value("1996-04-21")
        page.get_by_label("Nama lengkap").fill("Sari Wulandari")
        page.locator("#id_sim_class").select_option("C")
        page.get_by_label("Nama lengkap").press("Enter")

        # The ticket: queue number, standard, and a QR code that leads to the status page.
        expect(page.get_by_test_id("ticket-queue")).to_have_text("B-001")
        expect(page.get_by_test_id("ticket")).to_contain_text("maksimal 120 menit")
        status_url = page.locator(".ticket .url").inner_text().strip()
        assert re.search(r"/s/[0-9a-f]{32}/$", status_url)
        qr_svg = page.locator(".ticket .qr svg").evaluate("el => el.outerHTML")
        assert (
            segno.make(status_url, error="m")
            .svg_inline(scale=3, border=2, omitsize=False)
            .startswith(qr_svg[:60])
        )
        ticket_code = status_url.rstrip("/").rsplit("/", 1)[-1]

        route = ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "PRAKTIK", "CETAK", "SERAH"]
        for index, code in enumerate(route):
            point = ServicePoint.objects.get(unit=unit, stage_id=code)
            page.goto(f"{base}/loket/{point.pk}/")
            scan = page.get_by_test_id("scan")
            expect(scan).to_be_focused()
            message = page.get_by_test_id("console-message")
            if index == 0:
                scan.type(ticket_code)  # a USB scanner types the code and Enter
                page.keyboard.press("Enter")
            else:
                page.keyboard.press("Enter")  # call the next one waiting
            expect(message).to_contain_text("B-001 dipanggil")
            page.keyboard.press("Enter")
            expect(message).to_contain_text("B-001 mulai dilayani")
            page.keyboard.press("+" if code in ("TEORI", "PRAKTIK") else "Enter")
            expect(message).to_contain_text("B-001 selesai")
            if code == "BIO":
                page.goto(f"{base}/papan/")
                expect(page.get_by_test_id("board-row-B-001")).to_contain_text("Ujian teori")
                page.goto(status_url)
                expect(page.get_by_test_id("status-step-BIO")).to_have_attribute("data-done", "1")
                expect(page.get_by_test_id("status-step-TEORI")).to_have_attribute("data-done", "0")

        page.goto(status_url)
        expect(page.get_by_test_id("status")).to_contain_text("SIM Anda sudah diserahkan")
        for code in route:
            expect(page.get_by_test_id(f"status-step-{code}")).to_have_attribute("data-done", "1")
        expect(page.get_by_test_id("status")).not_to_contain_text("Sari")

        # The applicant registered at 08.00 for a 60-minute renewal is overdue at 09.30.
        page.goto(f"{base}/papan/")
        expect(page.get_by_test_id(f"board-row-{overdue.queue_number}")).to_have_attribute(
            "data-state", "overdue"
        )
        expect(page.get_by_test_id("board-row-B-001")).to_have_count(0)
        page.goto(f"{base}/s/{overdue.ticket_code}/")
        expect(page.get_by_test_id("status-compensation")).to_contain_text("berhak atas kompensasi")
