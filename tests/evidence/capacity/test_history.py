"""The planner's inputs, pinned on a few applications served through the real counter services."""

from __future__ import annotations

import datetime as dt

import pytest

from evidence.capacity.history import history_window, standards_in_force, unit_history
from service_timing.services import stage_call, stage_finish, stage_start
from tests.compensation.helpers import at, point, serve
from tests.factories import register

pytestmark = pytest.mark.django_db

FRIDAY, EARLIER_FRIDAY = 27, 20


def fail(application, code, user, start, finish) -> None:
    counter = point(application.unit, code)
    stage_call(application_id=application.pk, point=counter, user=user, now=start)
    stage_start(application_id=application.pk, point=counter, user=user, now=start)
    stage_finish(
        application_id=application.pk, point=counter, user=user, outcome="FAILED", now=finish
    )


@pytest.fixture
def served(unit, officer) -> None:
    first = register(unit, officer, application_type="PERPANJANGAN", now=at(8, 5))
    second = register(unit, officer, application_type="PERPANJANGAN", now=at(8, 40))
    third = register(unit, officer, application_type="PERPANJANGAN", now=at(9, 10))
    serve(first, "REG", officer, at(8, 10), at(8, 14))  # 4 minutes
    serve(second, "REG", officer, at(8, 45), at(8, 51))  # 6
    serve(third, "REG", officer, at(9, 12), at(9, 20))  # 8
    serve(first, "VERIF", officer, at(8, 20), at(8, 30))  # 10
    for minute, passes in ((20, True), (50, False)):
        new = register(
            unit, officer, application_type="BARU", now=at(8, minute, day=EARLIER_FRIDAY)
        )
        moment = at(8, minute + 1, day=EARLIER_FRIDAY)
        for code in ("REG", "VERIF", "BAYAR", "BIO"):
            serve(new, code, officer, moment, moment + dt.timedelta(minutes=5))
            moment += dt.timedelta(minutes=5)
        if passes:
            serve(new, "TEORI", officer, moment, moment + dt.timedelta(minutes=20))
        else:
            fail(new, "TEORI", officer, moment, moment + dt.timedelta(minutes=15))
    serve(third, "VERIF", officer, at(9, 30))  # started, not finished: no sample


def test_arrivals_are_counted_per_type_weekday_and_office_hour(unit, served) -> None:
    history = unit_history(unit, dt.date(2026, 11, 16), dt.date(2026, 11, 29))
    assert history.arrivals == {
        ("PERPANJANGAN", 4, 8): 2,
        ("PERPANJANGAN", 4, 9): 1,
        ("BARU", 4, 8): 2,
    }
    assert history.service_days == {4: 2}  # two Fridays served
    assert history.applications == 5
    # Per Friday: two of the three renewals came in the 8 o'clock hour, over two Fridays.
    assert history.mean_arrivals("PERPANJANGAN", 4) == {8: 1.0, 9: 0.5}
    assert history.mean_arrivals("PERPANJANGAN", 0) == {}


def test_service_times_are_the_finished_services_in_minutes(unit, served) -> None:
    history = unit_history(unit, dt.date(2026, 11, 16), dt.date(2026, 11, 29))
    assert history.service_minutes["REG"] == [4.0, 5.0, 5.0, 6.0, 8.0]
    assert history.service_minutes["VERIF"] == [5.0, 5.0, 10.0]
    assert history.service_minutes["TEORI"] == [15.0, 20.0]
    assert history.summary()["median_service"]["REG"] == 5.0


def test_test_stages_give_their_pass_share(unit, served) -> None:
    history = unit_history(unit, dt.date(2026, 11, 16), dt.date(2026, 11, 29))
    assert history.tests == {"TEORI": (1, 1)}
    assert history.pass_share == {"TEORI": 0.5}


def test_routes_leave_out_the_sim_umum_stages(unit, served) -> None:
    history = unit_history(unit, dt.date(2026, 11, 16), dt.date(2026, 11, 29))
    assert history.routes["PERPANJANGAN"] == ("REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH")
    assert "SIMULATOR" not in history.routes["BARU"]
    assert history.routes["BARU"][4] == "TEORI"


def test_a_window_outside_the_days_served_is_empty(unit, served) -> None:
    history = unit_history(unit, dt.date(2026, 11, 21), dt.date(2026, 11, 26))
    assert history.arrivals == {}
    assert history.service_minutes == {}


def test_the_window_is_whole_weeks_before_the_planned_week() -> None:
    monday = dt.date(2026, 12, 7)
    assert history_window(before=monday, today=dt.date(2026, 12, 20), weeks=2) == (
        dt.date(2026, 11, 23),
        dt.date(2026, 12, 6),
    )
    # A week still to come learns from the weeks up to yesterday.
    assert history_window(before=monday, today=dt.date(2026, 11, 25), weeks=1) == (
        dt.date(2026, 11, 18),
        dt.date(2026, 11, 24),
    )


def test_the_standard_in_force_is_read_per_type(unit) -> None:
    assert standards_in_force(unit, dt.date(2026, 11, 27))["BARU"] == 120
    assert standards_in_force(unit, dt.date(2026, 11, 27))["PERPANJANGAN"] == 60
