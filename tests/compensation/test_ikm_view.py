"""The IKM report page: aggregates of a period, the grade, the sample size, the charts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from compensation.selectors import ikm_report
from compensation.services import survey_submit
from tests.compensation.helpers import JAKARTA, at
from tests.factories import register

pytestmark = pytest.mark.django_db

URL = reverse("compensation:ikm")
NOVEMBER = {"periode": "2026-11"}


def respond(unit, officer, scores: dict[str, int], day: int = 27) -> None:
    application = register(unit, officer, now=at(8, day=day))
    survey_submit(unit=unit, application=application, scores=scores, now=at(10, day=day))


def all_(score: int) -> dict[str, int]:
    return {f"u{i}": score for i in range(1, 10)}


def test_the_report_aggregates_the_period(unit, officer) -> None:
    respond(unit, officer, all_(4))
    respond(unit, officer, all_(3))
    respond(unit, officer, all_(3), day=2)
    respond(unit, officer, all_(1), day=30)
    start = dt.datetime(2026, 11, 1, tzinfo=JAKARTA)
    end = dt.datetime(2026, 11, 28, tzinfo=JAKARTA)
    report = ikm_report(unit, start, end)
    assert report.respondents == 3
    assert report.population == 3  # applications registered in the period
    assert report.required_sample == 3
    assert report.sample_reached
    assert str(report.result.converted) == "83.33"
    assert report.result.grade.letter == "B"
    assert report.elements[0].counts == (0, 0, 2, 1)


def test_the_page_shows_value_grade_and_sample(client_for, unit, officer, kasat) -> None:
    respond(unit, officer, all_(4))
    body = client_for(kasat).get(URL, NOVEMBER).content.decode()
    assert 'data-testid="ikm-value">100,00<' in body
    assert 'data-testid="ikm-grade">A<' in body
    assert "Sangat baik" in body
    assert 'id="ikm-chart-data"' in body
    assert body.count("data-ikm-element=") == 9
    assert "chartjs-4.6.1/chart.umd.min.js" in body


def test_a_period_without_responses_has_a_friendly_empty_state(client_for, kasat) -> None:
    body = client_for(kasat).get(URL, NOVEMBER).content.decode()
    assert "Belum ada respons survei pada periode ini" in body
    assert "chart.umd.min.js" not in body


def test_quarter_and_year_periods(client_for, unit, officer, kasat) -> None:
    respond(unit, officer, all_(4))
    client = client_for(kasat)
    quarter = client.get(URL, {"periode": "2026-Q4"})
    assert 'data-testid="ikm-respondents">1<' in quarter.content.decode()
    q3 = client.get(URL, {"periode": "2026-Q3"})
    assert 'data-testid="ikm-respondents">0<' in q3.content.decode()
    year = client.get(URL, {"periode": "2026"})
    assert 'data-testid="ikm-respondents">1<' in year.content.decode()


def test_another_units_responses_are_not_counted(
    client_for, unit, officer, other_unit, other_officer, kasat
) -> None:
    respond(other_unit, other_officer, all_(1))
    body = client_for(kasat).get(URL, NOVEMBER).content.decode()
    assert 'data-testid="ikm-respondents">0<' in body


@pytest.mark.parametrize(
    ("cast", "status"),
    [("supervisor", 200), ("kasat", 200), ("auditor", 200), ("officer", 403), ("admin_user", 403)],
)
def test_who_may_read_the_ikm(request, client_for, cast: str, status: int) -> None:
    assert client_for(request.getfixturevalue(cast)).get(URL).status_code == status


def test_anonymous_is_sent_to_login(client_for) -> None:
    assert client_for(None).get(URL)["Location"].startswith(reverse("login"))


def test_ikm_query_budget_does_not_grow(
    client_for, unit, officer, kasat, django_assert_max_num_queries
) -> None:
    for score in [1, 2, 3, 4, 4, 3]:
        respond(unit, officer, all_(score))
    client = client_for(kasat)
    with django_assert_max_num_queries(6):
        assert client.get(URL, NOVEMBER).status_code == 200


def test_the_period_form_starts_at_the_current_month(client_for, kasat, frozen) -> None:
    frozen(2026, 11, 27, 10)
    body = client_for(kasat).get(URL).content.decode()
    assert '<option value="11" selected>November</option>' in body
    assert '<option value="4" selected>IV</option>' in body
    assert "01-11-2026 – 30-11-2026" in body
