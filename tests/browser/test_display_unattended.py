"""The waiting-room display runs on a TV nobody touches: opened with `?suara=1` it speaks each
new call by itself, says so when the browser still blocks speech, and shows a supervisor's
running text as soon as it is set, without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from service_timing.models import ServicePoint
from service_timing.services import announcement_add, stage_call
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)

# The browser here has no speech engine: the page's speech goes to a recorder instead.
FAKE_SPEECH = """
window.__spoken = [];
window.__blocked = %s;
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speak: function (utterance) {
      if (window.__blocked) { if (utterance.onerror) { utterance.onerror({ error: "not-allowed" }); } return; }
      window.__spoken.push(utterance.text);
    }
  }
});
"""


def call_one(unit, officer) -> None:
    application = register(unit, officer)
    stage_call(
        point=ServicePoint.objects.get(unit=unit, stage_id="REG"),
        user=officer,
        application_id=application.pk,
    )


def test_with_sound_in_the_address_a_new_call_is_spoken_untouched(
    live_server, page: Page, unit, officer
) -> None:
    page.add_init_script(FAKE_SPEECH % "false")
    page.goto(f"{live_server.url}/layar/{unit.code}/?suara=1")
    toggle = page.locator("#sound-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    call_one(unit, officer)
    expect(page.locator(".last-calls li.latest")).to_contain_text("B-001", timeout=10_000)
    assert page.evaluate("window.__spoken") == [
        "Nomor antrian B nol nol satu, silakan ke loket satu"
    ]


def test_without_it_nothing_is_spoken_until_the_button_is_pressed(
    live_server, page: Page, unit, officer
) -> None:
    page.add_init_script(FAKE_SPEECH % "false")
    page.goto(f"{live_server.url}/layar/{unit.code}/")
    expect(page.locator("#sound-toggle")).to_have_attribute("aria-pressed", "false")
    call_one(unit, officer)
    expect(page.locator(".last-calls li.latest")).to_contain_text("B-001", timeout=10_000)
    assert page.evaluate("window.__spoken.length") == 0


def test_a_browser_that_blocks_speech_says_so_on_the_button(
    live_server, page: Page, unit, officer
) -> None:
    page.add_init_script(FAKE_SPEECH % "true")
    page.goto(f"{live_server.url}/layar/{unit.code}/?suara=1")
    call_one(unit, officer)
    toggle = page.locator("#sound-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false", timeout=10_000)
    expect(toggle).to_have_text("Suara diblokir peramban: klik untuk mengaktifkan")


def test_a_running_text_appears_without_a_reload(live_server, page: Page, unit, supervisor) -> None:
    page.goto(f"{live_server.url}/layar/{unit.code}/")
    ticker = page.get_by_test_id("ticker")
    expect(ticker).to_be_hidden()
    announcement_add(unit=unit, user=supervisor, text="Loket foto istirahat 12.00-13.00")
    expect(ticker).to_be_visible(timeout=10_000)
    expect(ticker).to_contain_text("Loket foto istirahat 12.00-13.00")
