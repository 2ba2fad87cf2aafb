"""The compensation register: filters by period, state, reason and officer; paginated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from compensation.models import CompensationCase, CompensationItem
from compensation.services import case_give, sweep_overdue
from tests.compensation.helpers import at
from tests.factories import register

pytestmark = pytest.mark.django_db

URL = reverse("compensation:register")


def late_cases(unit, officer, count: int, day: int = 27) -> list[CompensationCase]:
    for _ in range(count):
        register(unit, officer, application_type="PERPANJANGAN", now=at(8, day=day))
    sweep_overdue(now=at(9, 30, day=day))
    return list(CompensationCase.objects.filter(unit=unit, opened_at=at(9, 30, day=day)))


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat", "auditor"])
def test_roles_that_may_read_the_register(request, client_for, cast: str) -> None:
    assert client_for(request.getfixturevalue(cast)).get(URL).status_code == 200


def test_admin_operator_is_refused_and_anonymous_sent_to_login(client_for, admin_user) -> None:
    assert client_for(admin_user).get(URL).status_code == 403
    assert client_for(None).get(URL)["Location"].startswith(reverse("login"))


def test_only_the_units_own_cases_are_listed(
    client_for, unit, officer, other_unit, other_officer
) -> None:
    late_cases(unit, officer, 1)
    register(other_unit, other_officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 30))
    assert CompensationCase.objects.count() == 2
    body = client_for(other_officer).get(URL).content.decode()
    assert body.count('data-testid="case-row"') == 1


def test_filters_by_state_and_period(client_for, unit, officer) -> None:
    first, second = late_cases(unit, officer, 2)
    late_cases(unit, officer, 1, day=2)  # 2 November
    case_give(
        case=first,
        item=CompensationItem.objects.get(unit=unit, name="Permen"),
        acknowledged=True,
        user=officer,
    )
    client = client_for(officer)
    body = client.get(URL, {"status": "DUE"}).content.decode()
    assert body.count('data-testid="case-row"') == 2
    body = client.get(URL, {"periode": "2026-11", "status": "GIVEN"}).content.decode()
    assert body.count('data-testid="case-row"') == 1
    body = client.get(URL, {"periode": "2026-10"}).content.decode()
    assert "Belum ada kasus kompensasi" in body
    assert second.pk


def test_filters_by_officer(client_for, unit, officer, supervisor) -> None:
    (case,) = late_cases(unit, officer, 1)
    CompensationCase.objects.filter(pk=case.pk).update(attributed_officer=supervisor)
    late_cases(unit, officer, 1, day=26)
    body = client_for(supervisor).get(URL, {"petugas": supervisor.pk}).content.decode()
    assert body.count('data-testid="case-row"') == 1


def test_the_supervisor_is_offered_to_assign_an_officer_by_hand(
    client_for, unit, officer, supervisor
) -> None:
    (case,) = late_cases(unit, officer, 1)  # stuck before VERIF: no officer
    link = reverse("compensation:case_attribute", args=[case.pk])
    assert link in client_for(supervisor).get(URL).content.decode()
    assert link not in client_for(officer).get(URL).content.decode()


def test_attribution_page_permissions_and_use(
    client_for, unit, officer, supervisor, other_officer
) -> None:
    (case,) = late_cases(unit, officer, 1)
    link = reverse("compensation:case_attribute", args=[case.pk])
    assert client_for(officer).get(link).status_code == 403
    assert client_for(other_officer).get(link).status_code == 403
    assert client_for(None).get(link).status_code == 302
    client = client_for(supervisor)
    assert client.get(link).status_code == 200
    response = client.post(link, {"officer": officer.pk, "reason": ""})
    assert "Alasan penetapan petugas wajib diisi." in response.content.decode()
    response = client.post(link, {"officer": officer.pk, "reason": "Loket 2 kosong 40 menit"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.attributed_officer, case.attributed_by) == (officer, supervisor)


def test_attribution_page_of_another_unit_is_a_404(client_for, unit, officer, other_unit) -> None:
    from satpas.roles import Role
    from tests.factories import UserFactory

    (case,) = late_cases(unit, officer, 1)
    stranger = UserFactory(home_unit=other_unit, role=Role.SUPERVISOR)
    link = reverse("compensation:case_attribute", args=[case.pk])
    assert client_for(stranger).get(link).status_code == 404


def test_register_is_paginated_by_fifty(client_for, unit, officer) -> None:
    late_cases(unit, officer, 52)
    client = client_for(officer)
    assert client.get(URL).content.decode().count('data-testid="case-row"') == 50
    assert client.get(URL, {"halaman": 2}).content.decode().count('data-testid="case-row"') == 2


def test_register_query_budget_does_not_grow_with_rows(
    client_for, unit, officer, django_assert_max_num_queries
) -> None:
    late_cases(unit, officer, 30)
    client = client_for(officer)
    with django_assert_max_num_queries(10):
        assert client.get(URL, {"periode": "2026-11", "status": "DUE"}).status_code == 200


def test_register_date_range_is_in_office_time(client_for, unit, officer) -> None:
    # Opened 1 December 00.30 WIB = 30 November 17.30 UTC: December in office time.
    register(unit, officer, application_type="PERPANJANGAN", now=at(8, day=30))
    sweep_overdue(now=dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.UTC))
    client = client_for(officer)
    december = client.get(URL, {"periode": "2026-12"})
    assert december.content.decode().count('data-testid="case-row"') == 1


def test_attribution_page_query_budget(
    client_for, unit, officer, supervisor, django_assert_max_num_queries
) -> None:
    from satpas.roles import Role
    from tests.factories import UserFactory

    for _ in range(15):
        UserFactory(home_unit=unit, role=Role.OFFICER)
    (case,) = late_cases(unit, officer, 1)
    client = client_for(supervisor)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("compensation:case_attribute", args=[case.pk])).status_code == 200


def test_without_filters_every_period_is_listed(client_for, unit, officer) -> None:
    late_cases(unit, officer, 1, day=2)
    late_cases(unit, officer, 1)
    body = client_for(officer).get(URL).content.decode()
    assert body.count('data-testid="case-row"') == 2


def test_a_wrong_value_in_one_filter_is_ignored_with_every_other(client_for, unit, officer) -> None:
    """A wrong value leaves every filter and the period out, and the page says why."""
    first, _second = late_cases(unit, officer, 2)
    late_cases(unit, officer, 1, day=2)  # 2 November
    case_give(
        case=first,
        item=CompensationItem.objects.get(unit=unit, name="Permen"),
        acknowledged=True,
        user=officer,
    )
    client = client_for(officer)
    filtered = {"periode": "2026-11", "status": "GIVEN"}
    assert client.get(URL, filtered).content.decode().count('data-testid="case-row"') == 1
    for wrong in ({"petugas": "abc"}, {"alasan": "BOGUS"}, {"status": "given"}):
        response = client.get(URL, {**filtered, **wrong})
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count('data-testid="case-row"') == 3  # every case of the unit
        assert "Saringan tidak dipakai: ditampilkan semua kasus." in body  # and it says so
        assert response.context["counts"]["total"] == 3  # the summary agrees with the rows
    assert CompensationCase.objects.filter(unit=unit).count() == 3
    assert CompensationCase.objects.filter(unit=unit, status="GIVEN").get() == first
