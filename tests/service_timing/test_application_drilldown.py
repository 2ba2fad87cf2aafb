"""The applications list as the heat maps' drill-down: a period narrowed to a weekday, an
hour of the office clock and, for queue waiting, the stage the applicant was called at."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.compensation.helpers import at, serve
from tests.factories import register

pytestmark = pytest.mark.django_db

URL = reverse("service_timing:applications")
FRIDAY_9 = {"periode": "2026-11", "hari": "5", "jam": "9"}


def listed(response) -> set[int]:
    return {app.pk for app in response.context["page"].object_list}


@pytest.fixture
def november(unit, officer, other_unit, other_officer):
    """Friday 27 November: B-001 at 08.00, B-002 and B-003 at 09.xx; other days and another
    unit at 09.xx too."""
    apps = {
        "early": register(unit, officer, now=at(8)),
        "nine": register(unit, officer, now=at(9, 5)),
        "ten_to": register(unit, officer, now=at(9, 50)),
        "thursday": register(unit, officer, now=at(9, 10, day=26)),
        "december": register(
            unit, officer, now=dt.datetime(2026, 12, 4, 9, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
        ),
    }
    apps["other_unit"] = register(other_unit, other_officer, now=at(9, 15))
    serve(apps["early"], "REG", officer, at(9, 20), at(9, 25))
    serve(apps["nine"], "REG", officer, at(10, 5), at(10, 10))
    return apps


def test_a_cell_lists_exactly_the_applications_registered_then(
    client_for, officer, november
) -> None:
    response = client_for(officer).get(URL, FRIDAY_9)
    assert response.status_code == 200
    assert listed(response) == {november["nine"].pk, november["ten_to"].pk}
    body = response.content.decode()
    assert "Permohonan 01-11-2026 s.d. 30-11-2026" in body
    assert "Didaftarkan hari Jumat pukul 09.00–09.59" in body


def test_with_a_stage_the_cell_is_the_hour_of_the_call(client_for, officer, november) -> None:
    client = client_for(officer)
    called_at_9 = client.get(URL, {**FRIDAY_9, "tahap": "REG"})
    assert listed(called_at_9) == {november["early"].pk}
    assert "Dipanggil hari Jumat pukul 09.00–09.59" in called_at_9.content.decode()
    any_stage_at_10 = client.get(URL, {**FRIDAY_9, "jam": "10", "tahap": "semua"})
    assert listed(any_stage_at_10) == {november["nine"].pk}


def test_a_period_without_weekday_or_hour_lists_all_its_applications(
    client_for, officer, november
) -> None:
    response = client_for(officer).get(URL, {"periode": "2026-11"})
    assert listed(response) == {
        november[name].pk for name in ("early", "nine", "ten_to", "thursday")
    }  # not December's, not the other unit's


@pytest.mark.parametrize(
    "wrong",
    [{"hari": "8"}, {"jam": "24"}, {"tahap": "LOKET"}, {"periode": "2026-13"}],
    ids=["weekday", "hour", "stage", "period"],
)
def test_a_wrong_value_is_explained_and_filters_nothing(
    client_for, officer, november, wrong
) -> None:
    today = register(officer.home_unit, officer)  # the list's default: today's applications
    response = client_for(officer).get(URL, {**FRIDAY_9, **wrong})
    assert response.status_code == 200
    assert 'data-testid="filter-errors"' in response.content.decode()
    assert listed(response) == {today.pk}


def test_another_units_officer_sees_only_his_own(client_for, other_officer, november) -> None:
    assert listed(client_for(other_officer).get(URL, FRIDAY_9)) == {november["other_unit"].pk}


def test_anonymous_is_sent_to_the_login(client_for) -> None:
    response = client_for(None).get(URL, FRIDAY_9)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_drilldown_keeps_the_lists_budget(client_for, officer, november, max_queries) -> None:
    client = client_for(officer)
    client.get(URL)  # caches warm (the stage catalogue), as on a running server
    with max_queries(6):
        assert client.get(URL, {**FRIDAY_9, "tahap": "REG"}).status_code == 200
