"""Supervisor alerts, the arithmetic: when an application turns at risk or overdue, and which
poll reports it (once)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service_timing.clock import (
    ClockState,
    at_risk_seconds,
    counted_course,
    crossing_instant,
    overdue_seconds,
    state_of,
)
from service_timing.selectors.alerts import turned_alerts
from service_timing.services import pause_add
from tests.conftest import JAKARTA
from tests.factories import register


def at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    """Friday 27 November 2026 in office time (open 08.00–15.00, break 12.00–13.00)."""
    return dt.datetime(2026, 11, 27, hour, minute, second, tzinfo=JAKARTA)


# --- the clock (no database) -------------------------------------------------------------


@given(standard=st.integers(1, 600), percent=st.integers(1, 99))
def test_the_thresholds_are_where_the_board_changes_colour(standard: int, percent: int) -> None:
    risk, overdue = at_risk_seconds(standard, percent), overdue_seconds(standard)
    assert state_of(risk // 60, standard, percent, closed=False) is ClockState.AT_RISK
    assert state_of(risk // 60 - 1, standard, percent, closed=False) is ClockState.ON_TRACK
    assert state_of(overdue // 60, standard, percent, closed=False) is ClockState.OVERDUE
    assert state_of(overdue // 60 - 1, standard, percent, closed=False) is not ClockState.OVERDUE


def test_the_crossing_skips_the_break_and_the_pauses() -> None:
    periods = [(at(8, 0), at(12, 0)), (at(13, 0), at(15, 0))]
    course = counted_course(
        start=at(11, 0), now=at(14, 0), periods=periods, pauses=[(at(11, 10), at(11, 40))]
    )
    # 30 counted minutes before noon (11.00–11.10, 11.40–12.00), the other 20 after the break.
    assert crossing_instant(course, 50 * 60) == at(13, 20)
    assert crossing_instant(course, 91 * 60) is None


def test_an_open_pause_holds_the_crossing_back() -> None:
    periods = [(at(8, 0), at(12, 0))]
    course = counted_course(
        start=at(8, 0), now=at(10, 0), periods=periods, pauses=[(at(8, 30), None)]
    )
    assert crossing_instant(course, 31 * 60) is None


# --- the selector --------------------------------------------------------------------------


def poll(unit, since: dt.datetime, now: dt.datetime) -> list[tuple[str, str, dt.datetime]]:
    return [
        (alert.queue_number, alert.state, alert.turned_at)
        for alert in turned_alerts(unit, since=since, now=now, day=now.date())
    ]


@pytest.mark.django_db
def test_turning_at_risk_is_reported_by_one_poll_only(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")  # 60 min, 80 %
    queue = application.queue_number
    assert poll(unit, at(8, 40), at(8, 47, 59)) == []
    assert poll(unit, at(8, 47, 59), at(8, 48, 20)) == [(queue, "at_risk", at(8, 48))]
    assert poll(unit, at(8, 48, 20), at(8, 48, 40)) == []
    assert poll(unit, at(8, 48, 40), at(9, 0)) == []


@pytest.mark.django_db
def test_turning_overdue_is_reported_by_one_poll_only(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    queue = application.queue_number
    assert poll(unit, at(8, 59), at(9, 0, 59)) == []
    assert poll(unit, at(9, 0, 59), at(9, 1, 20)) == [(queue, "overdue", at(9, 1))]
    assert poll(unit, at(9, 1, 20), at(9, 30)) == []


@pytest.mark.django_db
def test_both_thresholds_in_one_window_are_one_overdue_alert(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    register(unit, officer, application_type="PERPANJANGAN")
    assert [state for _, state, _ in poll(unit, at(8, 30), at(9, 10))] == ["overdue"]


@pytest.mark.django_db
def test_paused_time_moves_the_crossing(unit, officer, supervisor, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 40)
    pause_add(
        application=application,
        started_at=at(8, 10),
        ended_at=at(8, 30),
        reason="Mengambil KTP",
        user=supervisor,
    )
    frozen(2026, 11, 27, 9, 10)
    assert poll(unit, at(8, 40), at(9, 7)) == []  # 47 counted minutes at 09.07
    assert poll(unit, at(9, 7), at(9, 10)) == [(application.queue_number, "at_risk", at(9, 8))]


@pytest.mark.django_db
def test_an_open_pause_keeps_the_alert_away(unit, officer, supervisor, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 40)
    pause_add(
        application=application,
        started_at=at(8, 40),
        ended_at=None,
        reason="Pemohon keluar",
        user=supervisor,
    )
    frozen(2026, 11, 27, 10, 0)
    assert poll(unit, at(8, 40), at(10, 0)) == []


@pytest.mark.django_db
def test_another_units_applications_never_alert(unit, other_unit, other_officer, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    register(other_unit, other_officer, application_type="PERPANJANGAN")
    assert poll(unit, at(8, 0), at(9, 30)) == []
    assert len(poll(other_unit, at(8, 0), at(9, 30))) == 1


@pytest.mark.django_db
def test_a_closed_application_never_alerts(unit, officer, supervisor, frozen) -> None:
    from service_timing.services import application_withdraw

    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 20)
    application_withdraw(application=application, reason="Pulang", user=supervisor)
    assert poll(unit, at(8, 0), at(9, 30)) == []
