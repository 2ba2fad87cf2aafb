"""Nothing overflows sideways on a phone or on a 1366-px screen: the live board, the counter
console and the Kasat's pages; on the board the time and status stay on screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from service_timing.models import ServicePoint
from service_timing.services import stage_call
from tests.browser.test_journey import login
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1366, "height": 768}
KASAT_PAGES = ["/", "/papan/", "/personel/dasbor/", "/personel/usulan/", "/personel/temuan/"]
OFFICER_PAGES = ["/", "/papan/"]


def overflow(page: Page) -> list[str]:
    """Visible elements reaching past the right edge of the viewport (scrolling tables
    excepted: their own box stays within the page; so is what only a screen reader gets, a
    chart's table inside a 1-px clipped .visually-hidden box, which the page's own width
    still catches if the box lets it out)."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth);
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('.table-responsive, .visually-hidden') || el.offsetParent === null) continue;
          const box = el.getBoundingClientRect();
          if (box.width && box.right > width + 1) out.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
        }
        return out.slice(0, 5);
    }"""
    )


@pytest.fixture
def busy(unit, officer):
    applications = [
        register(unit, officer, application_type=kind) for kind in ["BARU", "PERPANJANGAN", "BARU"]
    ]
    stage_call(
        point=ServicePoint.objects.get(unit=unit, stage_id="REG"),
        user=officer,
        application_id=applications[0].pk,
    )
    return applications


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "1366"])
def test_the_kasats_pages_fit(live_server, page: Page, busy, kasat, password, viewport) -> None:
    page.set_viewport_size(viewport)
    login(page, live_server.url, kasat, password)
    for path in KASAT_PAGES:
        page.goto(live_server.url + path)
        assert overflow(page) == [], path
    if viewport is LAPTOP:
        # The navigation stays on one line and the language selector shows its code.
        nav = page.locator("nav.navbar").bounding_box()
        assert nav is not None
        assert nav["height"] < 70, nav
        switch = page.get_by_test_id("language-switch")
        assert switch.bounding_box()["width"] >= 60
        expect(switch.locator("option:checked")).to_have_text("ID")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "1366"])
def test_the_board_keeps_time_and_status_on_screen(
    live_server, page: Page, busy, officer, password, viewport
) -> None:
    page.set_viewport_size(viewport)
    login(page, live_server.url, officer, password)
    page.goto(live_server.url + "/papan/")
    row = page.get_by_test_id(f"board-row-{busy[0].queue_number}")
    expect(row).to_be_visible()
    width = viewport["width"]
    for cell in (row.locator("td").nth(5), row.locator("td").nth(6)):
        box = cell.bounding_box()
        assert box is not None
        assert box["width"] > 0
        assert box["x"] + box["width"] <= width, (box, width)
    assert overflow(page) == []


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "1366"])
def test_the_console_fits(live_server, page: Page, busy, unit, officer, password, viewport) -> None:
    page.set_viewport_size(viewport)
    login(page, live_server.url, officer, password)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    page.goto(f"{live_server.url}/loket/{point.pk}/")
    expect(page.get_by_test_id("current-queue")).to_have_text(busy[0].queue_number)
    assert overflow(page) == []
