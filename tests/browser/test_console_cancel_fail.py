"""At the console, "−" asks to confirm a fail; Esc takes the question back completely."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from service_timing.models import ServicePoint, StageRecord
from service_timing.services import stage_call, stage_start
from tests.browser.test_journey import login
from tests.compensation.helpers import walk
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)


def test_esc_after_minus_restores_the_fail_button(
    live_server, page: Page, unit, officer, password
) -> None:
    application = register(unit, officer)
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO"], application.registered_at)
    point = ServicePoint.objects.get(unit=unit, stage_id="TEORI")
    stage_call(point=point, user=officer, application_id=application.pk)
    stage_start(point=point, user=officer, application_id=application.pk)

    login(page, live_server.url, officer, password)
    page.goto(f"{live_server.url}/loket/{point.pk}/")
    expect(page.get_by_test_id("scan")).to_be_focused()
    page.keyboard.press("-")
    fail = page.get_by_test_id("btn-fail")
    expect(fail).to_contain_text("Pastikan tidak lulus")
    page.keyboard.press("Escape")
    expect(fail).to_contain_text("Tidak lulus")
    expect(fail).not_to_contain_text("Pastikan")
    expect(fail).to_have_attribute("value", "fail")
    # Pressing it now asks again; it does not fail the applicant.
    fail.click()
    expect(page.get_by_test_id("console-message")).to_contain_text("Tidak lulus? Tekan Enter")
    assert not StageRecord.objects.filter(outcome=StageRecord.Outcome.FAILED).exists()
