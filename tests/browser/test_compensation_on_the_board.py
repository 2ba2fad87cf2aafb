"""An overdue applicant shows in red on the board; water is handed over at the SERAH counter;
the case closes and the board clears."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page, expect

from compensation.models import CompensationCase
from service_timing.models import ServicePoint
from service_timing.services import stage_call, stage_finish, stage_start
from tests.conftest import JAKARTA
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)


def test_overdue_in_red_water_at_serah_board_clears(
    live_server, page: Page, unit, officer, password
) -> None:
    base = live_server.url
    with time_machine.travel(
        dt.datetime(2026, 11, 27, 8, 0, tzinfo=JAKARTA), tick=True
    ) as traveller:
        application = register(unit, officer, application_type="PERPANJANGAN")
        for code in ["REG", "VERIF", "BAYAR", "BIO", "CETAK"]:
            if code == "CETAK":
                traveller.move_to(
                    dt.datetime(2026, 11, 27, 9, 5, tzinfo=JAKARTA)
                )  # 65 of 60 minutes
            point = ServicePoint.objects.get(unit=unit, stage_id=code)
            stage_call(point=point, user=officer, application_id=application.pk)
            stage_start(point=point, user=officer, application_id=application.pk)
            stage_finish(point=point, user=officer, application_id=application.pk)
        assert CompensationCase.objects.get(application=application).status == "DUE"

        page.goto(f"{base}/masuk/")
        page.get_by_label("NRP/NIP").fill(officer.username)
        page.get_by_label("Kata sandi").fill(password)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/")

        page.goto(f"{base}/papan/")
        row = page.get_by_test_id(f"board-row-{application.queue_number}")
        expect(row).to_have_class("table-danger")
        expect(row.get_by_test_id("compensation-due")).to_be_visible()

        serah = ServicePoint.objects.get(unit=unit, stage_id="SERAH")
        page.goto(f"{base}/loket/{serah.pk}/")
        message = page.get_by_test_id("console-message")
        page.keyboard.press("Enter")
        expect(message).to_contain_text(f"{application.queue_number} dipanggil")
        page.keyboard.press("Enter")
        expect(message).to_contain_text("mulai dilayani")
        # The hand-over form appears beside the applicant without taking the scan field's focus.
        handover = page.get_by_test_id("handover")
        expect(handover).to_be_visible()
        expect(page.get_by_test_id("scan")).to_be_focused()
        page.keyboard.press("Enter")  # finishing is refused while water is owed
        expect(message).to_contain_text("masih terutang")

        handover.get_by_label("Air mineral").check()
        handover.locator("input[type=checkbox]").first.check()
        handover.get_by_role("button", name="Serahkan dan catat").click()
        expect(page.get_by_test_id("handover-notice")).to_contain_text("Air mineral diserahkan")

        page.get_by_test_id("scan").focus()
        page.keyboard.press("Enter")
        expect(message).to_contain_text("selesai dilayani")

        page.goto(f"{base}/papan/")
        expect(page.get_by_test_id(f"board-row-{application.queue_number}")).to_have_count(0)
        expect(page.get_by_test_id("owed-after-closure")).to_have_count(0)
    case = CompensationCase.objects.get(application=application)
    assert case.status == "GIVEN"
    assert case.item.name == "Air mineral"
    assert case.acknowledged
