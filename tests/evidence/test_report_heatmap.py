"""The service-time report's hour-by-hour picture: arrivals and queue waiting per weekday ×
hour, each figure a link to exactly its applications; the register's grid sheet; and the
compact arrivals map on the Kasat's dashboard."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.compensation.helpers import at, serve
from tests.factories import register

pytestmark = pytest.mark.django_db

REPORT = reverse("reports:service_time")
NOVEMBER = {"periode": "2026-11"}


@pytest.fixture
def friday(unit, officer):
    """Friday 27 November: one registered at 08.00, two at 09.xx; the first two called at REG
    at 09.xx, waiting 80 and 15 minutes."""
    apps = [
        register(unit, officer, application_type="PERPANJANGAN", now=at(8)),
        register(unit, officer, application_type="PERPANJANGAN", now=at(9, 5)),
        register(unit, officer, application_type="PERPANJANGAN", now=at(9, 50)),
    ]
    serve(apps[0], "REG", officer, at(9, 20), at(9, 25))
    serve(apps[1], "REG", officer, at(9, 20), at(9, 30))
    return apps


def section(body: str, testid: str) -> str:
    start = body.index(f'data-testid="{testid}"')
    return body[start : body.index("</section>", start)]


def link(part: str, **query: str) -> tuple[str, str]:
    """The href and text of the one cell link whose query holds these values."""
    found = [
        (html.unescape(href), text)
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', part)
        if all(f"{key}={value}" in html.unescape(href) for key, value in query.items())
    ]
    assert len(found) == 1, found
    return found[0]


def listed(client, href: str) -> set[int]:
    response = client.get(href)
    assert response.status_code == 200
    return {app.pk for app in response.context["page"].object_list}


def test_each_arrivals_figure_opens_exactly_its_applications(client_for, kasat, friday) -> None:
    client = client_for(kasat)
    body = client.get(REPORT, NOVEMBER).content.decode()
    arrivals = section(body, "heat-arrivals")
    assert "<caption" in arrivals
    assert '<th scope="row" class="text-start">Jumat</th>' in arrivals
    href, text = link(arrivals, hari="5", jam="9")
    assert text == "2"
    assert "periode=2026-11" in href
    assert listed(client, href) == {friday[1].pk, friday[2].pk}
    href, text = link(arrivals, hari="5", jam="8")
    assert (text, listed(client, href)) == ("1", {friday[0].pk})
    assert 'class="heat-4"' in arrivals
    assert 'class="heat-2"' in arrivals
    assert "heat-legend" in arrivals


def test_waiting_per_stage_opens_the_applications_called_then(client_for, kasat, friday) -> None:
    client = client_for(kasat)
    every = section(client.get(REPORT, NOVEMBER).content.decode(), "heat-waiting")
    assert "semua tahap" in every
    href, text = link(every, hari="5", jam="9", tahap="semua")
    assert text == "48"  # (80 + 15) / 2 = 47.5 minutes
    assert listed(client, href) == {friday[0].pk, friday[1].pk}
    registration = section(
        client.get(REPORT, {**NOVEMBER, "tahap": "REG"}).content.decode(), "heat-waiting"
    )
    assert "Pendaftaran (formulir)" in registration
    href, _text = link(registration, hari="5", jam="9", tahap="REG")
    assert listed(client, href) == {friday[0].pk, friday[1].pk}


def test_a_stage_without_calls_shows_every_stage_and_a_wrong_one_is_explained(
    client_for, kasat, friday
) -> None:
    client = client_for(kasat)
    quiet = client.get(REPORT, {**NOVEMBER, "tahap": "CETAK"}).content.decode()
    assert "semua tahap" in section(quiet, "heat-waiting")
    wrong = client.get(REPORT, {**NOVEMBER, "tahap": "LOKET"}).content.decode()
    assert 'data-testid="form-errors"' in wrong
    assert "semua tahap" in section(wrong, "heat-waiting")


def test_an_empty_period_says_so(client_for, kasat, friday) -> None:
    body = client_for(kasat).get(REPORT, {"periode": "2026-10"}).content.decode()
    assert "Belum ada permohonan pada periode ini." in section(body, "heat-arrivals")
    assert "Belum ada pemohon yang dipanggil pada periode ini." in section(body, "heat-waiting")
    assert "<table" not in section(body, "heat-arrivals")


def test_the_headings_in_indonesian_and_in_english(client_for, kasat, friday) -> None:
    client = client_for(kasat)
    indonesian = client.get(REPORT, NOVEMBER).content.decode()
    assert "Kedatangan per hari dan jam" in indonesian
    assert "Rata-rata menunggu sebelum dipanggil: semua tahap" in indonesian
    client.cookies["django_language"] = "en"
    english = client.get(REPORT, NOVEMBER).content.decode()
    assert "Arrivals by weekday and hour" in english
    assert "Average wait before being called: all stages" in english
    assert '<th scope="row" class="text-start">Friday</th>' in english


def test_the_register_has_the_grid_sheet(client_for, kasat, friday) -> None:
    response = client_for(kasat).get(reverse("reports:service_time_excel"), NOVEMBER)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["Peta jam"].iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "Angka")
    assert header[1] == "Hari"
    assert header[2:4] == ("08.00", "09.00")
    friday_arrivals = next(row for row in rows if row[:2] == ("Kedatangan (permohonan)", "Jumat"))
    assert friday_arrivals[2:4] == (1, 2)
    monday = next(row for row in rows if row[:2] == ("Kedatangan (permohonan)", "Senin"))
    assert all(cell is None for cell in monday[2:])
    registration = next(
        row for row in rows if row[:2] == ("Rata-rata menunggu, Pendaftaran (formulir)", "Jumat")
    )
    assert registration[2:4] == (None, 47.5)


def test_the_dashboard_shows_four_weeks_of_arrivals(
    client_for, kasat, unit, officer, frozen, max_queries
) -> None:
    frozen(2026, 11, 27, 16)
    register(unit, officer, now=at(9, 5))
    register(unit, officer, now=at(9, 5, day=3))  # Tuesday 3 November: more than 4 weeks ago
    client = client_for(kasat)
    body = client.get(reverse("personnel:dashboard")).content.decode()
    hours = section(body, "dash-hours")
    assert "31-10-2026 s.d. 27-11-2026" in hours
    href, text = link(hours, hari="5", jam="9")
    assert text == "1"
    assert "periode=2026-10-31..2026-11-27" in href
    assert len(listed(client, href)) == 1
    assert f'href="{REPORT}?periode=2026-10-31..2026-11-27"' in hours


def test_the_dashboard_says_when_four_weeks_are_empty(client_for, kasat, frozen) -> None:
    frozen(2026, 11, 27, 16)
    body = client_for(kasat).get(reverse("personnel:dashboard")).content.decode()
    assert "Belum ada permohonan dalam empat minggu ini." in section(body, "dash-hours")


def test_the_report_keeps_its_budget_when_stages_were_called(
    client_for, kasat, friday, max_queries
) -> None:
    """The budget of test_report_pages (18), with calls at a stage: the waiting map reads
    the route order the stage table read already."""
    client = client_for(kasat)
    client.get(reverse("home"))
    with max_queries(18):
        assert client.get(REPORT, {**NOVEMBER, "tahap": "REG"}).status_code == 200
