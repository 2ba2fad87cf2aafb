"""A unit whose history is known: renewals only, on Wednesdays, one counter per stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from demo.capacity import KnownWorld, generate_known_history
from evidence.capacity.services import capacity_plan_compute
from evidence.models import CapacityPlan
from tests.clock import WEEKDAY_MORNING, office_clock, suite_instant
from tests.personnel.conftest import other_kasat, other_supervisor  # noqa: F401 (fixtures)

WORLD = KnownWorld(
    arrivals={"PERPANJANGAN": 8},
    counters={"REG": 1, "VERIF": 1, "BAYAR": 1, "BIO": 1, "CETAK": 1, "SERAH": 1},
    service_minutes={"REG": 4, "VERIF": 5, "BAYAR": 3, "BIO": 5, "CETAK": 4, "SERAH": 2},
    opens=8,
    closes=12,
    weekdays=(2,),
)
# The known world's history is dated: these tests stand on Wednesday 25 November 2026,
# whatever instant the suite runs at, and plan the week after.
PLANNED_WEEK = dt.date(2026, 11, 30)
REPLICATIONS = 4


@pytest.fixture(autouse=True)
def _on_the_wednesday_after_the_history() -> Iterator[None]:
    with office_clock(suite_instant(WEEKDAY_MORNING)):
        yield


@pytest.fixture
def known(unit, officer) -> int:
    return generate_known_history(
        unit, WORLD, start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 24), by=officer
    )


@pytest.fixture
def done_plan(unit, kasat, known) -> CapacityPlan:
    plan = CapacityPlan.objects.create(
        unit=unit, week_start=PLANNED_WEEK, weeks=2, target="0.950", requested_by=kasat
    )
    return capacity_plan_compute(plan.pk, replications=REPLICATIONS)
