"""The waiting-room display: its office clock ticks, and its layout follows the TV's
orientation (side by side on a landscape screen, one column on a portrait one)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

LANDSCAPE_TV = {"width": 1920, "height": 1080}
PORTRAIT_TV = {"width": 1080, "height": 1920}


def test_the_office_clock_ticks_from_the_servers_time(
    live_server, page: Page, unit, frozen
) -> None:
    frozen(2026, 11, 25, 9, 30)  # WIB; the suite may run at another instant
    page.set_viewport_size(LANDSCAPE_TV)
    page.goto(f"{live_server.url}/layar/{unit.code}/")
    clock = page.locator("#office-clock")
    expect(clock).to_have_text("09.30.00", timeout=900)
    expect(clock).to_have_text("09.30.01", timeout=3000)


@pytest.mark.parametrize(
    ("viewport", "side_by_side"),
    [(LANDSCAPE_TV, True), (PORTRAIT_TV, False)],
    ids=["landscape", "portrait"],
)
def test_the_layout_follows_the_orientation(
    live_server, page: Page, unit, viewport, side_by_side: bool
) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/layar/{unit.code}/")
    serving = page.locator(".area-serving").bounding_box()
    calls = page.locator(".area-calls").bounding_box()
    waiting = page.locator(".area-waiting").bounding_box()
    assert (abs(calls["y"] - serving["y"]) < 2) is side_by_side
    assert waiting["y"] >= max(serving["y"] + serving["height"], calls["y"] + calls["height"])
    # The lower half is used: what waits reaches down into it.
    assert waiting["y"] + waiting["height"] >= viewport["height"] / 2
