"""The reads other layers call: open cases for the home, cases per officer for personnel."""

from __future__ import annotations

import datetime as dt

import pytest

from compensation.models import CompensationCase
from compensation.selectors import attributed_cases, cases_per_officer, open_case_count
from compensation.services import case_decline, case_open_dissatisfied, sweep_overdue
from tests.compensation.helpers import JAKARTA, at
from tests.factories import register

pytestmark = pytest.mark.django_db

NOVEMBER = (dt.datetime(2026, 11, 1, tzinfo=JAKARTA), dt.datetime(2026, 12, 1, tzinfo=JAKARTA))


def test_open_case_count_counts_only_due_cases_of_the_unit(
    unit, officer, other_unit, other_officer
) -> None:
    for _ in range(3):
        register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    register(other_unit, other_officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 30))
    case_decline(case=CompensationCase.objects.filter(unit=unit).first(), user=officer)
    assert open_case_count(unit) == 2
    assert open_case_count(other_unit) == 1


def test_cases_per_officer_counts_per_reason_in_sql(
    unit, officer, supervisor, django_assert_num_queries
) -> None:
    apps = [register(unit, officer, application_type="PERPANJANGAN", now=at(8)) for _ in range(3)]
    sweep_overdue(now=at(9, 30))
    CompensationCase.objects.update(attributed_officer=officer)
    CompensationCase.objects.filter(application=apps[0]).update(attributed_officer=supervisor)
    dissatisfied, _complaint = case_open_dissatisfied(
        application=apps[1], description="", now=at(10)
    )
    CompensationCase.objects.filter(pk=dissatisfied.pk).update(attributed_officer=officer)
    with django_assert_num_queries(1):
        rows = cases_per_officer(unit, *NOVEMBER)
    assert rows == [
        {
            "officer_id": supervisor.pk,
            "officer_name": "Hendra Wijaya",
            "officer_username": "85061122",
            "reason": "OVERDUE",
            "count": 1,
        },
        {
            "officer_id": officer.pk,
            "officer_name": "Rizky Pratama",
            "officer_username": "02010345",
            "reason": "DISSATISFIED",
            "count": 1,
        },
        {
            "officer_id": officer.pk,
            "officer_name": "Rizky Pratama",
            "officer_username": "02010345",
            "reason": "OVERDUE",
            "count": 2,
        },
    ]
    october = (NOVEMBER[0] - dt.timedelta(days=31), NOVEMBER[0])
    assert cases_per_officer(unit, *october) == []


def test_attributed_cases_leave_out_cases_without_an_officer(unit, officer) -> None:
    register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 30))  # stuck before VERIF: nobody to name
    assert list(attributed_cases(unit, *NOVEMBER)) == []
