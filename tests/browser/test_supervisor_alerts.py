"""A supervisor's open page says, without a reload, that an applicant has turned at risk: a
toast naming the queue number, and a browser notification once they allowed them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journey import login
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)

# The browser here shows no notifications: the page's go to a recorder, already allowed.
FAKE_NOTIFICATIONS = """
window.__notified = [];
window.Notification = function (title, options) { window.__notified.push([title, options.body]); };
window.Notification.permission = "granted";
window.Notification.requestPermission = function () { return Promise.resolve("granted"); };
"""

POLL_SECONDS = 20  # static/satpas/app.js POLL_MS


def test_an_applicant_turning_at_risk_shows_on_the_supervisors_page(
    live_server, page: Page, unit, officer, supervisor, password, frozen
) -> None:
    # Friday morning, office open: the suite may run at another instant (23.50, closed).
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")  # 60 min, 80 %
    frozen(2026, 11, 27, 8, 30)
    page.add_init_script(FAKE_NOTIFICATIONS)
    login(page, live_server.url, supervisor, password)
    page.goto(f"{live_server.url}/papan/")
    expect(page.get_by_test_id("alerts-notify")).to_be_disabled()  # already allowed
    page.evaluate("window.__sameDocument = true")
    toast = page.get_by_test_id(f"alert-{application.queue_number}")
    # Let the page's first poll take its cursor before the clock moves on.
    page.wait_for_function("sessionStorage.getItem('satpas.alerts.cursor') !== null")
    expect(toast).to_have_count(0)

    frozen(2026, 11, 27, 8, 49)  # 49 of 60 minutes: at risk since 08.48
    expect(toast).to_be_visible(timeout=(POLL_SECONDS + 10) * 1000)
    expect(toast).to_have_attribute("role", "status")
    expect(toast).to_contain_text(f"{application.queue_number} berisiko")
    expect(toast).to_contain_text("49 / 60 mnt (sejak 08.48)")
    link = toast.get_by_role("link", name=f"Buka permohonan {application.queue_number}")
    expect(link).to_have_attribute("href", f"/permohonan/{application.pk}/")
    assert page.evaluate("window.__sameDocument") is True  # no reload
    assert page.evaluate("window.__notified") == [
        [
            f"{application.queue_number} berisiko",
            "Pendaftaran (formulir) · 49 / 60 mnt (sejak 08.48)",
        ]
    ]

    toast.get_by_role("button", name="Tutup").click()
    expect(toast).to_have_count(0)


def test_muting_is_remembered_and_asking_for_notifications_waits_for_a_click(
    live_server, page: Page, unit, supervisor, password, frozen
) -> None:
    frozen(2026, 11, 27, 9, 0)
    page.add_init_script(
        "window.__asked = 0; window.Notification = function () {};"
        "window.Notification.permission = 'default';"
        "window.Notification.requestPermission = function () {"
        " window.__asked += 1; window.Notification.permission = 'granted';"
        " return Promise.resolve('granted'); };"
    )
    login(page, live_server.url, supervisor, password)
    menu = page.get_by_test_id("alerts-menu")
    menu.get_by_role("button", name="Peringatan").click()
    notify = page.get_by_test_id("alerts-notify")
    expect(notify).to_have_text("Aktifkan notifikasi peramban")
    assert page.evaluate("window.__asked") == 0
    notify.click()
    expect(notify).to_have_text("Notifikasi peramban aktif")
    assert page.evaluate("window.__asked") == 1

    mute = page.get_by_test_id("alerts-mute")
    menu.get_by_role("button", name="Peringatan").click()
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.get_by_test_id("alerts-mute")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#alerts-muted-badge")).to_be_visible()
    expect(page.locator("#alerts-muted-badge")).to_have_text("dibisukan")
