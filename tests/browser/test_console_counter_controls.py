"""At the console by keyboard: recall, skip, transfer and a break; the waiting-room display
shows the calls and the counters' states."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from satpas import memo
from service_timing.models import Journey, ServicePoint, StageRecord
from tests.browser.test_journey import login
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)


def test_recall_skip_transfer_and_a_break_by_keyboard(
    live_server, page: Page, unit, officer, password
) -> None:
    point = ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()
    other = ServicePoint.objects.create(unit=unit, number=20, name="Pendaftaran 2", stage_id="REG")
    memo.clear()
    first, second, _third = (register(unit, officer) for _ in range(3))

    login(page, live_server.url, officer, password)
    page.goto(f"{live_server.url}/loket/{point.pk}/")
    scan = page.get_by_test_id("scan")
    message = page.get_by_test_id("console-message")
    expect(scan).to_be_focused()
    page.keyboard.press("Enter")  # call next
    expect(page.get_by_test_id("current-queue")).to_have_text(first.queue_number)

    page.keyboard.press("Alt+u")  # recall
    expect(message).to_contain_text(f"{first.queue_number} dipanggil ulang")
    assert StageRecord.objects.get(application=first).call_count == 2

    page.keyboard.press("Alt+w")  # skip: did not come
    expect(message).to_contain_text(f"{first.queue_number} dilewati")
    expect(page.get_by_test_id(f"skipped-{first.queue_number}")).to_be_visible()

    scan.focus()
    page.keyboard.press("Enter")  # the next one
    expect(page.get_by_test_id("current-queue")).to_have_text(second.queue_number)
    page.keyboard.press("Alt+a")  # transfer to the other registration counter
    expect(message).to_contain_text(f"{second.queue_number} dialihkan ke Loket 20")
    assert Journey.objects.get(pk=second.pk).current_point_id == other.pk

    page.keyboard.press("Alt+i")  # a break
    expect(page.get_by_test_id("counter-state-now")).to_have_text("Istirahat")

    display = page.context.new_page()
    display.goto(f"{live_server.url}/layar/{unit.code}/")
    expect(display.get_by_test_id("serving-20")).to_contain_text(second.queue_number)
    expect(display.get_by_test_id(f"counter-state-{point.number}")).to_have_text("Istirahat")
    expect(display.locator("#latest-call")).to_contain_text(second.queue_number)
    expect(display.locator("#latest-call")).to_contain_text("loket 20")
