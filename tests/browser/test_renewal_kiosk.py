"""The renewal kiosk on an enrolled tablet, worked with the keyboard alone: NIK and SIM number
typed, Enter, the confirmation, Enter, the ticket with its queue number; axe-core finds no
serious WCAG 2.1 A/AA violation on any of the three pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from applicants.held_sims import held_sim_record
from applicants.models import Application, Channel
from applicants.services import application_register
from tests.browser.a11y import BLOCKING_IMPACTS, axe_violations, describe, renewal_kiosk_cookie
from tests.factories import make_nik

pytestmark = pytest.mark.django_db(transaction=True)

BIRTH = dt.date(1990, 3, 4)
NIK = make_nik(BIRTH, serial=7)
NUMBER = "123456789012"


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


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.innerText").strip()


def no_serious_violation(page: Page, name: str) -> None:
    violations = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not violations, f"{name}:\n{describe(violations)}"


def test_a_renewal_ticket_is_taken_with_the_keyboard_alone(
    live_server, page: Page, unit, officer, frozen
) -> None:
    frozen(2026, 11, 25, 9, 30)  # a Wednesday morning: the office is open
    earlier = application_register(
        unit=unit,
        registered_by=officer,
        nik=NIK,
        full_name="Budi Santoso",
        birth_date=BIRTH,
        sex="L",
        application_type="BARU",
        sim_class="C",
        now=timezone.now() - dt.timedelta(days=400),
    )
    held_sim_record(
        applicant=earlier.applicant,
        sim_class="C",
        number=NUMBER,
        issued_on=dt.date(2022, 12, 1),
        application=earlier,
        now=timezone.now(),
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Refused" in message.text else None,
    )
    page.context.add_cookies([renewal_kiosk_cookie(live_server.url, unit.code)])  # type: ignore[list-item]

    page.goto(f"{live_server.url}/kios-perpanjangan/{unit.code}/")
    expect(page.get_by_test_id("renewal-kiosk")).to_be_visible()
    no_serious_violation(page, "start")
    # From the top of the page, Tab reaches the NIK field (the skip link comes first).
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(5):
        if focused_id(page) == "id_nik":
            break
        page.keyboard.press("Tab")
    assert focused_id(page) == "id_nik"
    page.keyboard.type(NIK)
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_sim_number"
    page.keyboard.type("1234 5678 9012")  # as printed on the card, in groups
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("renewal-confirm")).to_be_visible()
    expect(page.get_by_test_id("renewal-name")).to_have_text("B*** S***")
    expect(page.get_by_test_id("renewal-type")).to_have_text("Perpanjangan")
    expect(page.get_by_test_id("renewal-class")).to_have_text("C")
    expect(page.get_by_test_id("renewal-valid-until")).to_have_text("01-12-2027")
    assert "Budi Santoso" not in page.content()
    no_serious_violation(page, "confirm")
    assert focused_text(page) == "Benar, ambil nomor antrean"
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("renewal-ticket")).to_be_visible()
    application = Application.objects.get(channel=Channel.KIOSK)
    assert application.application_type == "PERPANJANGAN"
    assert application.registered_by_id is None
    expect(page.get_by_test_id("ticket-queue")).to_have_text(application.queue_number)
    expect(page.locator(".qr svg")).to_be_visible()
    expect(page.get_by_role("button", name="Cetak tiket")).to_be_visible()
    no_serious_violation(page, "ticket")
    assert errors == []


def test_a_wrong_number_is_refused_on_the_page(live_server, page: Page, unit, frozen) -> None:
    frozen(2026, 11, 25, 9, 30)
    page.context.add_cookies([renewal_kiosk_cookie(live_server.url, unit.code)])  # type: ignore[list-item]
    page.goto(f"{live_server.url}/kios-perpanjangan/{unit.code}/")
    page.get_by_label("NIK (16 angka, sesuai KTP)").fill(NIK)
    page.get_by_label("Nomor SIM (tertera pada kartu SIM)").fill(NUMBER)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("renewal-error")).to_contain_text(
        "NIK atau nomor SIM tidak cocok dengan data kami."
    )
    no_serious_violation(page, "refusal")
    assert not Application.objects.exists()
