"""Arrivals and queue waiting per weekday × hour, read in the unit's zone by SQL (one
GROUP BY each), and the applications behind one cell."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from applicants.models import Application
from satpas.roles import Role
from service_timing.selectors import heatmap
from tests.compensation.helpers import at, serve
from tests.factories import UnitFactory, UserFactory, register

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
FRIDAY, SATURDAY = 5, 6
WEEK = (dt.date(2026, 11, 23), dt.date(2026, 11, 29))


@pytest.fixture
def makassar(db):
    unit = UnitFactory(code="MKS", name="Satpas Polrestabes Makassar", time_zone="Asia/Makassar")
    officer = UserFactory(username="03020456", home_unit=unit, role=Role.OFFICER)
    return unit, officer


def test_arrivals_are_bucketed_by_the_office_clock_not_utc(unit, officer, max_queries) -> None:
    # 06.30 WIB on Friday is 23.30 UTC on Thursday; 00.30 WIB on Saturday is Friday in UTC.
    register(unit, officer, now=dt.datetime(2026, 11, 27, 6, 30, tzinfo=WIB))
    register(unit, officer, now=dt.datetime(2026, 11, 27, 9, 5, tzinfo=WIB))
    register(unit, officer, now=dt.datetime(2026, 11, 27, 9, 55, tzinfo=WIB))
    register(unit, officer, now=dt.datetime(2026, 11, 28, 0, 30, tzinfo=WIB))
    with max_queries(2):  # the opening hours and one GROUP BY
        grid = heatmap.arrivals(unit, *WEEK)
    assert dict(grid.counts) == {(FRIDAY, 6): 1, (FRIDAY, 9): 2, (SATURDAY, 0): 1}
    assert grid.weekdays == (1, 2, 3, 4, 5, 6)  # Mon–Sat open; no Sunday figure
    assert grid.hours == (0, 6, 8, 9, 10, 11, 12, 13, 14)
    assert grid.total == 4


def test_a_wita_unit_reads_its_own_clock(makassar) -> None:
    unit, officer = makassar
    # 07.30 WITA on Monday is 23.30 UTC on Sunday and 06.30 WIB.
    register(unit, officer, now=dt.datetime(2026, 11, 23, 7, 30, tzinfo=WITA))
    register(unit, officer, now=dt.datetime(2026, 11, 23, 14, 59, tzinfo=WITA))
    grid = heatmap.arrivals(unit, *WEEK)
    assert dict(grid.counts) == {(1, 7): 1, (1, 14): 1}


def test_another_units_and_another_periods_applications_are_left_out(
    unit, officer, other_unit, other_officer
) -> None:
    register(unit, officer, now=at(9))
    register(other_unit, other_officer, now=at(9))
    register(unit, officer, now=dt.datetime(2026, 11, 30, 9, tzinfo=WIB))  # the week after
    assert heatmap.arrivals(unit, *WEEK).total == 1


def test_an_empty_period_gives_an_empty_grid_over_the_office_hours(unit) -> None:
    grid = heatmap.arrivals(unit, *WEEK)
    assert grid.is_empty
    assert grid.hours == (8, 9, 10, 11, 12, 13, 14)
    assert heatmap.waiting(unit, *WEEK).every_stage.is_empty


def test_waiting_is_the_mean_per_stage_and_call_hour_and_pooled_over_stages(
    unit, officer, max_queries
) -> None:
    first = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    second = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(first, "REG", officer, at(8, 10), at(8, 15))  # waited 10 since registration
    serve(second, "REG", officer, at(8, 20), at(8, 25))  # waited 20
    serve(first, "VERIF", officer, at(8, 45), at(8, 50))  # ready 08.15: waited 30
    serve(second, "VERIF", officer, at(9, 25), at(9, 30))  # ready 08.25: waited 60
    with max_queries(3):  # the opening hours, one GROUP BY, the route order
        waiting = heatmap.waiting(unit, *WEEK)
    assert [code for code, _name in waiting.stages] == ["REG", "VERIF"]
    assert dict(waiting.per_stage["REG"].values) == {(FRIDAY, 8): 15.0}
    assert dict(waiting.per_stage["VERIF"].values) == {(FRIDAY, 8): 30.0, (FRIDAY, 9): 60.0}
    # Every stage: three calls at 08.xx (10 + 20 + 30) / 3, one at 09.xx.
    assert dict(waiting.every_stage.values) == {(FRIDAY, 8): 20.0, (FRIDAY, 9): 60.0}
    assert dict(waiting.every_stage.counts) == {(FRIDAY, 8): 3, (FRIDAY, 9): 1}
    assert waiting.of("CETAK") is waiting.every_stage


def test_the_applications_behind_a_cell(unit, officer) -> None:
    early = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    late = register(unit, officer, application_type="PERPANJANGAN", now=at(9, 10))
    serve(early, "REG", officer, at(9, 20), at(9, 25))
    serve(late, "REG", officer, at(9, 30), at(9, 35))
    serve(early, "VERIF", officer, at(10, 5))
    rows = Application.objects.filter(unit=unit)

    def cell(**kwargs) -> set:
        return set(heatmap.in_cell(rows, zone=WIB, **kwargs))

    assert cell(weekday=FRIDAY, hour=8) == {early}  # registered 08.xx
    assert cell(weekday=FRIDAY, hour=9) == {late}
    assert cell(weekday=FRIDAY, hour=9, stage="REG") == {early, late}  # called at 09.xx
    assert cell(weekday=FRIDAY, hour=10, stage="VERIF") == {early}
    assert cell(weekday=FRIDAY, hour=10, stage=heatmap.ANY_STAGE) == {early}
    assert cell(weekday=FRIDAY, hour=9, stage="VERIF") == set()
    assert cell(weekday=1, hour=9) == set()
