"""The compensation demo history: late applications get cases, mostly given; surveys and
complaints appear; running it again adds nothing."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from compensation.models import CompensationCase, Complaint, StockMovement, SurveyResponse
from demo.compensation import seed_history
from satpas.roles import Role
from tests.compensation.helpers import JAKARTA, PERPANJANGAN, walk
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)


def closed_history(unit, officer, days: int = 12) -> None:
    """Perpanjangan applications closed on past working days: every other one late."""
    day = TODAY - dt.timedelta(days=days)
    made = 0
    while day < TODAY:
        if day.weekday() < 5:
            for n in range(3):
                start = dt.datetime.combine(day, dt.time(8 + 2 * n), tzinfo=JAKARTA)
                application = register(unit, officer, application_type="PERPANJANGAN", now=start)
                walk(application, officer, PERPANJANGAN, start, minutes_each=8 + 4 * (n % 2))
                made += 1
        day += dt.timedelta(days=1)


def seed(unit, officer, supervisor) -> str:
    return seed_history(
        unit=unit,
        users={Role.OFFICER: officer, Role.SUPERVISOR: supervisor},
        staff=[officer, UserFactory(home_unit=unit, role=Role.OFFICER)],
        today=TODAY,
        rng=random.Random(2022_05_18),
    )


def test_demo_history_settles_the_late_applications(unit, officer, supervisor) -> None:
    closed_history(unit, officer)
    summary = seed(unit, officer, supervisor)
    overdue = CompensationCase.objects.filter(reason="OVERDUE")
    assert overdue.count() > 5  # 12 minutes per stage: 72 > 60
    statuses = list(CompensationCase.objects.values_list("status", flat=True))
    assert "DUE" not in statuses
    assert statuses.count("GIVEN") > len(statuses) / 2
    assert StockMovement.objects.filter(kind="GIVEN").count() == statuses.count("GIVEN")
    assert StockMovement.objects.filter(supplied_by__isnull=False).exists()
    assert SurveyResponse.objects.exists()
    assert Complaint.objects.filter(status="DONE", substantiated=True).exists()
    assert Complaint.objects.filter(channel="LAPOR").exclude(lapor_reference="").exists()
    assert "Compensation:" in summary


def test_demo_history_is_idempotent(unit, officer, supervisor) -> None:
    closed_history(unit, officer, days=6)
    seed(unit, officer, supervisor)
    counts = (
        CompensationCase.objects.count(),
        StockMovement.objects.count(),
        SurveyResponse.objects.count(),
        Complaint.objects.count(),
    )
    seed(unit, officer, supervisor)
    assert (
        CompensationCase.objects.count(),
        StockMovement.objects.count(),
        SurveyResponse.objects.count(),
        Complaint.objects.count(),
    ) == counts


def test_demo_history_without_timing_history_still_runs(unit, officer, supervisor) -> None:
    seed(unit, officer, supervisor)
    assert not CompensationCase.objects.exists()
    assert Complaint.objects.count() == 4
