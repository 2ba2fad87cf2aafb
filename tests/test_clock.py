"""The suite's frozen clock is real: it holds still, it can be moved, and the month-end
instant CI uses catches a test that quietly depends on the day it runs."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pytest
from django.utils import timezone

from tests.clock import ENV, MONTH_END_EVENING, WEEKDAY_MORNING, office_clock, suite_instant

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_every_test_runs_at_the_suite_instant() -> None:
    assert timezone.now() == suite_instant()
    time.sleep(0.01)
    assert timezone.now() == suite_instant(), "the clock must not tick"


@pytest.mark.real_clock
def test_a_test_that_needs_the_real_clock_says_so() -> None:
    first = time.time()
    time.sleep(0.01)
    assert time.time() > first


def test_the_instant_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv(ENV, MONTH_END_EVENING)
    assert suite_instant() == dt.datetime(2026, 12, 31, 16, 50, tzinfo=dt.UTC)
    monkeypatch.delenv(ENV)
    assert suite_instant() == dt.datetime.fromisoformat(WEEKDAY_MORNING)
    with pytest.raises(pytest.UsageError, match="offset"):
        suite_instant("2026-12-31T23:50")
    with pytest.raises(pytest.UsageError, match="ISO 8601"):
        suite_instant("31/12/2026")


def test_the_two_ci_instants_are_what_they_claim() -> None:
    morning = suite_instant(WEEKDAY_MORNING).astimezone(JAKARTA)
    assert morning.weekday() < 5
    assert dt.time(8) <= morning.time() < dt.time(12)
    evening = suite_instant(MONTH_END_EVENING).astimezone(JAKARTA)
    assert (evening + dt.timedelta(hours=1)).month != evening.month
    assert evening.hour >= 18


def _served_this_month_two_hours_from_now() -> None:
    """What a careless test asserts: something done now and finished two hours later still
    falls in this office month. True on most days; false on a month's last evening."""
    started = timezone.localtime(timezone.now(), JAKARTA)
    finished = timezone.localtime(timezone.now() + dt.timedelta(hours=2), JAKARTA)
    assert (finished.year, finished.month) == (started.year, started.month)


def test_the_month_end_instant_catches_a_wall_clock_dependent_assertion() -> None:
    with office_clock(suite_instant(WEEKDAY_MORNING)):
        _served_this_month_two_hours_from_now()
    with office_clock(suite_instant(MONTH_END_EVENING)), pytest.raises(AssertionError):
        _served_this_month_two_hours_from_now()
