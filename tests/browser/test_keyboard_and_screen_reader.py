"""Keyboard alone and a screen reader: the survey answered with keys only, an applicant
worked through at the console with keys only, a visible focus on every tab stop, live
regions that announce a call and a result, and form errors tied to their fields."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import Site, serve_seeded_office

# The module serves one seeded office on a clock of its own (10.30 on the seeded Monday,
# ticking); the suite's frozen clock would move the server's day under it.
pytestmark = [pytest.mark.real_clock, pytest.mark.accessibility]

# Shows where the keyboard focus is: an outline or a ring (box-shadow) on the focused
# element, or on the label a hidden radio stands for (Bootstrap's button-style radios).
FOCUS_SHOWN = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.classList.contains("btn-check") && el.labels && el.labels.length) el = el.labels[0];
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== "none";
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName + (el.id ? "#" + el.id : "") + " " + (el.textContent || "").trim().slice(0, 30),
    shown: (outline || ring) && rect.width > 0 && rect.height > 0,
  };
}"""


@pytest.fixture(scope="module")
def site(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker,
) -> Iterator[Site]:
    yield from serve_seeded_office(request, django_db_blocker)


def tab_stops(page: Page, limit: int = 60) -> list[dict]:
    """Tab from the top of the page until the focus leaves it or comes back round."""
    seen = []
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_SHOWN)
        if state is None or (seen and state["tag"] == seen[0]["tag"]):
            break
        seen.append(state)
    return seen


@pytest.mark.parametrize(
    ("name", "role", "viewport"),
    [
        ("survey", None, "phone"),
        ("kiosk", None, "desktop"),
        ("status_done", None, "phone"),
        ("login", None, "desktop"),
        ("console", "officer", "desktop"),
        ("board", "officer", "desktop"),
        ("registration", "officer", "desktop"),
        ("application", "supervisor", "desktop"),
        ("checks", "supervisor", "phone"),
        ("dashboard", "kasat", "desktop"),
    ],
)
def test_every_tab_stop_shows_where_the_focus_is(
    site: Site, browser: Browser, name: str, role: str | None, viewport: str
) -> None:
    # The kiosk as it stands at the exit: a tablet a supervisor enrolled (it also offers the
    # survey without a ticket).
    context = site.context(browser, viewport=viewport, role=role, enrolled_kiosk=name == "kiosk")
    page = context.new_page()
    try:
        page.goto(site.url + site.paths[name])
        stops = tab_stops(page)
        assert len(stops) >= 2, stops
        hidden = [stop["tag"] for stop in stops if not stop["shown"]]
        assert hidden == [], f"no visible focus on {name}: {hidden}"
    finally:
        context.close()


def answer_every_question_with_the_keyboard(page: Page, comment: str) -> None:
    """From the top of a survey page: the skip link, each question's answers with the arrow
    keys (the fourth, "very good"), the comment, past the (unticked) box that would make it
    a complaint, and Enter on the send button."""
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Langsung ke isi")).to_be_focused()
    page.keyboard.press("Enter")
    for element in range(1, 10):
        page.keyboard.press("Tab")
        group = page.get_by_test_id(f"element-u{element}")
        expect(group.locator("input").first).to_be_focused()
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        expect(group.locator("input").nth(3)).to_be_checked()
        assert page.evaluate(FOCUS_SHOWN)["shown"]
    page.keyboard.press("Tab")
    expect(page.get_by_label("Saran / komentar (opsional)")).to_be_focused()
    page.keyboard.type(comment)
    page.keyboard.press("Tab")
    complaint = page.get_by_label("Jadikan komentar saya pengaduan yang ditindaklanjuti")
    expect(complaint).to_be_focused()
    expect(complaint).not_to_be_checked()
    assert page.evaluate(FOCUS_SHOWN)["shown"]
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Kirim survei")).to_be_focused()
    page.keyboard.press("Enter")


def test_the_survey_is_answered_with_the_keyboard_alone(site: Site, browser: Browser) -> None:
    context = site.context(browser, viewport="phone")
    page = context.new_page()
    try:
        page.goto(site.url + site.paths["survey"])
        answer_every_question_with_the_keyboard(page, "Petugas ramah")
        expect(page.get_by_test_id("survey-thanks")).to_be_visible()
    finally:
        context.close()


def test_the_kiosk_is_worked_with_the_keyboard_and_its_errors_are_tied_to_fields(
    site: Site, browser: Browser
) -> None:
    context = site.context(browser, viewport="desktop", enrolled_kiosk=True)
    page = context.new_page()
    try:
        page.goto(site.url + site.paths["kiosk"])
        ticket = page.get_by_label("Kode tiket")
        expect(ticket).to_be_focused()
        page.keyboard.type("tidak-ada")
        page.keyboard.press("Enter")
        ticket = page.get_by_label("Kode tiket")
        expect(ticket).to_have_attribute("aria-invalid", "true")
        described = ticket.get_attribute("aria-describedby")
        expect(page.locator(f"#{described}")).to_be_visible()
        # Without a ticket: the anonymous survey, sent empty, says which questions are missing.
        page.get_by_role("button", name="Isi tanpa tiket (anonim)").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("survey-form")).to_be_visible()
        page.get_by_role("button", name="Kirim survei").focus()
        page.keyboard.press("Enter")
        first = page.get_by_test_id("element-u1")
        expect(first.locator("input").first).to_have_attribute("aria-invalid", "true")
        error = page.locator("#" + first.get_attribute("aria-describedby"))
        expect(error).to_be_visible()
        expect(error).not_to_be_empty()
        # Then answered and sent with the keyboard alone.
        answer_every_question_with_the_keyboard(page, "Ruang tunggu sejuk")
        expect(page.get_by_test_id("survey-thanks")).to_be_visible()
    finally:
        context.close()


def test_registration_errors_are_tied_to_their_fields(site: Site, browser: Browser) -> None:
    context = site.context(browser, role="officer")
    page = context.new_page()
    try:
        page.goto(site.url + site.paths["registration"])
        page.get_by_label("NIK").fill("123")
        page.get_by_label("NIK").press("Enter")
        nik = page.get_by_label("NIK")
        expect(nik).to_have_attribute("aria-invalid", "true")
        error = page.locator("#" + nik.get_attribute("aria-describedby").split()[-1])
        expect(error).to_be_visible()
        expect(error).not_to_be_empty()
    finally:
        context.close()


def test_an_applicant_is_worked_through_the_console_with_the_keyboard_alone(
    site: Site, browser: Browser
) -> None:
    """Log in, call, start and finish with keys only; each result is announced."""
    context = site.context(browser, viewport="desktop")
    page = context.new_page()
    try:
        page.goto(site.url + "/masuk/")
        # The login form: NRP/NIP has the focus or is one Tab away after the skip link.
        page.get_by_label("NRP/NIP").focus()
        page.keyboard.type("02010345")
        page.keyboard.press("Tab")
        page.keyboard.type("Sandi-Uji-2026")
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("user-menu")).to_be_visible()
        page.goto(site.url + site.paths["console"])
        scan = page.get_by_test_id("scan")
        expect(scan).to_be_focused()
        announcer = page.get_by_test_id("console-announcement")
        expect(announcer).to_have_attribute("aria-live", "assertive")
        # The applicant already called to this counter is served first.
        current = page.get_by_test_id("current-queue").inner_text()
        page.keyboard.press("Enter")
        expect(announcer).to_contain_text(f"{current} mulai dilayani")
        page.keyboard.press("Enter")
        expect(announcer).to_contain_text(f"{current} selesai")
        # Then the next one: called, started and finished with Enter alone.
        page.keyboard.press("Enter")
        expect(announcer).to_contain_text("dipanggil")
        queue = page.get_by_test_id("current-queue").inner_text()
        assert queue != current
        page.keyboard.press("Enter")
        expect(announcer).to_contain_text(f"{queue} mulai dilayani")
        expect(scan).to_be_focused()
        page.keyboard.press("Enter")
        expect(announcer).to_contain_text(f"{queue} selesai")
        expect(scan).to_be_focused()
    finally:
        context.close()


def test_the_status_page_announces_the_call(site: Site, browser: Browser) -> None:
    from applicants.models import Application
    from service_timing.models import ServicePoint
    from service_timing.services import stage_call

    context = site.context(browser, viewport="phone")
    page = context.new_page()
    try:
        page.goto(site.url + site.paths["status"])
        live = page.get_by_test_id("status-announcement")
        expect(live).to_have_attribute("aria-live", "assertive")
        ticket = site.paths["status"].strip("/").rsplit("/", 1)[-1]
        application = Application.objects.get(ticket_code=ticket)
        counter = ServicePoint.objects.filter(unit=application.unit, stage_id="REG").last()
        stage_call(application_id=application.pk, point=counter, user=application.registered_by)
        # The page refreshes itself every 20 seconds; ask for it now.
        page.evaluate(
            "url => htmx.ajax('GET', url, {target: '#status', swap: 'innerHTML'})",
            site.paths["status"] + "isi/",
        )
        expect(live).to_contain_text(
            f"Nomor antrean {application.queue_number}, silakan ke loket {counter.number}"
        )
    finally:
        context.close()


def number(text: str) -> float | None:
    """A figure as the page shows it (Indonesian decimal comma) or as the chart holds it."""
    text = text.strip().replace(",", ".")
    return None if text in ("–", "") else float(text)


def test_each_dashboard_chart_has_its_figures_in_a_table(site: Site, browser: Browser) -> None:
    context = site.context(browser, role="kasat")
    page = context.new_page()
    try:
        page.goto(site.url + site.paths["dashboard"])
        page.wait_for_load_state("networkidle")
        charts = page.evaluate(
            """() => Array.from(document.querySelectorAll("canvas")).map(c => ({
                id: c.id, role: c.getAttribute("role"), label: c.getAttribute("aria-label"),
                first: Chart.getChart(c).data.datasets[0].data.map(v => v === null ? "–" : String(v)),
            }))"""
        )
        assert len(charts) == 4
        for chart in charts:
            assert chart["role"] == "img", chart
            assert chart["label"], chart
            table = page.locator(f"table[data-chart-table={chart['id']}]")
            expect(table.locator("caption")).to_have_text(chart["label"])
            column = table.locator("tbody tr td:nth-of-type(1)").all_inner_texts()
            assert [number(c) for c in column] == [number(v) for v in chart["first"]], chart["id"]
    finally:
        context.close()
