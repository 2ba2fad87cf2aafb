"""The applicant's SKM survey on a phone, seen in the IKM report; the hand-over by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from compensation.models import CompensationCase
from compensation.services import sweep_overdue
from tests.compensation.helpers import at
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


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


def log_in(page: Page, live_server, user, password: str) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("NRP/NIP").fill(user.username)
    page.get_by_label("Kata sandi").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("user-menu")).to_be_visible()


def test_a_survey_filled_on_a_phone_shows_up_in_the_ikm_report(
    live_server, page: Page, unit, officer, kasat, password
) -> None:
    application = register(unit, officer)
    # Script errors and Content-Security-Policy refusals (inline script) would show here.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Refused" in message.text else None,
    )

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/kompensasi/survei/{application.ticket_code}/")
    expect(page.get_by_role("heading", name="Survei Kepuasan Masyarakat")).to_be_visible()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for element in range(1, 10):
        page.get_by_test_id(f"element-u{element}").locator("label").nth(3).click()
    page.get_by_label("Saran / komentar (opsional)").fill("Cepat dan ramah")
    page.get_by_role("button", name="Kirim survei").click()
    expect(page.get_by_test_id("survey-thanks")).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, kasat, password)
    page.get_by_role("button", name="Kompensasi & SKM").click()
    page.get_by_role("link", name="SKM/IKM").click()
    expect(page.get_by_test_id("ikm-respondents")).to_have_text("1")
    expect(page.get_by_test_id("ikm-value")).to_have_text("100,00")
    expect(page.get_by_test_id("ikm-grade")).to_have_text("A")
    charts = page.locator("canvas[data-ikm-element]")
    expect(charts).to_have_count(9)
    # The charts are drawn by the page's script after it loads (later on a busy machine);
    # wait_for_function would evaluate a string, which the page's CSP forbids.
    drawn = False
    for _ in range(50):
        drawn = page.evaluate(
            "Array.from(document.querySelectorAll('canvas[data-ikm-element]'))"
            ".every(c => window.Chart && Chart.getChart(c) !== undefined)"
        )
        if drawn:
            break
        page.wait_for_timeout(200)
    assert drawn, "the nine IKM charts were not drawn within 10 s"
    assert errors == []


def test_water_is_handed_over_with_the_keyboard(
    live_server, page: Page, unit, officer, password
) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 20))
    log_in(page, live_server, officer, password)
    page.goto(f"{live_server.url}/kompensasi/permohonan/{application.pk}/serah/")
    case = page.get_by_test_id("case")
    expect(case).to_have_attribute("data-status", "DUE")
    expect(case).to_contain_text("20 menit lewat standar")

    # The first item has the focus: choose it, tick the acknowledgement, note, Enter.
    expect(page.get_by_label("Air mineral")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Pemohon menyatakan telah menerima kompensasi")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Diserahkan di loket 9")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("handover-notice")).to_contain_text("Air mineral diserahkan")
    expect(page.get_by_test_id("case")).to_have_attribute("data-status", "GIVEN")
    settled = CompensationCase.objects.get(application=application)
    assert (settled.status, settled.item.name, settled.settlement_note) == (
        "GIVEN",
        "Air mineral",
        "Diserahkan di loket 9",
    )
