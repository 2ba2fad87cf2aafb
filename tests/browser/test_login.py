from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_kasat_logs_in_through_the_real_login_page(
    live_server, page: Page, kasat, password
) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/masuk/?next=/")
    expect(page.get_by_role("heading", name="Masuk ke Satpas")).to_be_visible()
    page.get_by_label("NRP/NIP").fill(kasat.username)
    page.get_by_label("Kata sandi").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Selamat datang, Made")).to_be_visible()
    expect(page.get_by_role("heading", name="Ringkasan Kasat Lantas")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("user-menu")).to_contain_text("Kasat Lantas")
