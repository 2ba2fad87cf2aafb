"""Supervisor alerts, the endpoint every page of a supervisor polls: who may ask, what it says,
what a wrong cursor gets, and its query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from satpas.roles import Role
from service_timing.models import ServicePoint
from service_timing.services import pause_add, stage_call
from tests.conftest import JAKARTA
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db

URL = "/papan/peringatan/"


def at(hour: int, minute: int) -> str:
    return dt.datetime(2026, 11, 27, hour, minute, tzinfo=JAKARTA).isoformat()


def test_the_address() -> None:
    assert reverse("service_timing:alerts") == URL


def test_a_page_just_opened_gets_only_the_cursor(client_for, supervisor, frozen) -> None:
    frozen(2026, 11, 27, 9, 30)
    answer = client_for(supervisor).get(URL).json()
    assert answer == {"cursor": "2026-11-27T02:30:00+00:00", "alerts": []}


def test_an_applicant_turning_at_risk_is_named_with_stage_counter_and_minutes(
    client_for, unit, officer, supervisor, frozen
) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN", name="Budi Santoso")
    stage_call(
        point=ServicePoint.objects.get(unit=unit, stage_id="REG", number=1),
        user=officer,
        application_id=application.pk,
    )
    frozen(2026, 11, 27, 8, 49)
    response = client_for(supervisor).get(URL, {"sejak": at(8, 45)})
    answer = response.json()
    assert answer["cursor"] == "2026-11-27T01:49:00+00:00"
    [alert] = answer["alerts"]
    assert alert["id"] == f"{application.pk}-at_risk"
    assert alert["state"] == "at_risk"
    assert alert["title"] == f"{application.queue_number} berisiko"
    assert alert["text"] == "Pendaftaran (formulir), loket 1 · 49 / 60 mnt (sejak 08.48)"
    assert alert["url"] == reverse("service_timing:application", args=[application.pk])
    # Nothing personal beyond what the board shows.
    body = response.content.decode()
    assert "Budi" not in body
    assert application.applicant.nik not in body


def test_the_next_poll_with_the_cursor_it_was_given_repeats_nothing(
    client_for, unit, officer, supervisor, frozen
) -> None:
    frozen(2026, 11, 27, 8, 0)
    register(unit, officer, application_type="PERPANJANGAN")
    client = client_for(supervisor)
    frozen(2026, 11, 27, 8, 47)
    cursor = client.get(URL).json()["cursor"]
    frozen(2026, 11, 27, 8, 49)
    first = client.get(URL, {"sejak": cursor}).json()
    frozen(2026, 11, 27, 8, 50)
    second = client.get(URL, {"sejak": first["cursor"]}).json()
    assert [a["state"] for a in first["alerts"]] == ["at_risk"]
    assert second["alerts"] == []


@pytest.mark.parametrize("cursor", ["kemarin", "2026-11-27T08:45:00", "2026-13-45T08:00+07:00"])
def test_a_cursor_that_is_not_an_instant_is_refused_clearly(client_for, supervisor, cursor) -> None:
    response = client_for(supervisor).get(URL, {"sejak": cursor})
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Penanda waktu peringatan tidak dikenali; peringatan dimulai lagi."
    )


def test_a_cursor_in_the_future_reports_nothing(client_for, unit, officer, supervisor, frozen):
    frozen(2026, 11, 27, 8, 0)
    register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 9, 30)
    assert client_for(supervisor).get(URL, {"sejak": at(10, 0)}).json()["alerts"] == []


def test_the_kasat_gets_alerts_too(client_for, unit, officer, kasat, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 9, 5)
    assert len(client_for(kasat).get(URL, {"sejak": at(9, 0)}).json()["alerts"]) == 1


@pytest.mark.parametrize("cast", ["officer", "auditor", "admin_user"])
def test_who_does_not_supervise_is_refused(request, client_for, cast) -> None:
    assert client_for(request.getfixturevalue(cast)).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client_for, db) -> None:
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_write_method_is_refused(client_for, supervisor) -> None:
    assert client_for(supervisor).post(URL).status_code == 405


def test_another_units_supervisor_never_hears_of_this_unit(
    client_for, unit, other_unit, officer, frozen
) -> None:
    frozen(2026, 11, 27, 8, 0)
    register(unit, officer, application_type="PERPANJANGAN")
    stranger = UserFactory(username="86010101", home_unit=other_unit, role=Role.SUPERVISOR)
    frozen(2026, 11, 27, 9, 5)
    response = client_for(stranger).get(URL, {"sejak": at(8, 0)})
    assert response.status_code == 200
    assert response.json()["alerts"] == []


def test_the_page_layout_polls_only_for_who_may_ask(client_for, officer, supervisor) -> None:
    home = reverse("home")
    assert (
        'data-alerts-url="/papan/peringatan/"' in client_for(supervisor).get(home).content.decode()
    )
    assert "data-alerts-url" not in client_for(officer).get(home).content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_query_budget_does_not_grow_with_the_queue(
    client_for, unit, officer, supervisor, frozen, max_queries, count
) -> None:
    frozen(2026, 11, 27, 8, 0)
    applications = [register(unit, officer, application_type="PERPANJANGAN") for _ in range(count)]
    frozen(2026, 11, 27, 8, 10)
    pause_add(
        application=applications[1],
        started_at=dt.datetime(2026, 11, 27, 8, 5, tzinfo=JAKARTA),
        ended_at=None,
        reason="Ambil KTP",
        user=officer,
    )
    client = client_for(supervisor)
    frozen(2026, 11, 27, 9, 5)
    client.get(URL, {"sejak": at(9, 4)})  # caches warm, as on a running server
    with max_queries(5):
        answer = client.get(URL, {"sejak": at(8, 30)}).json()
    assert len(answer["alerts"]) == count - 1
