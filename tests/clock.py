"""The suite's clock: every test runs at one fixed office instant unless it says otherwise.

A product whose core is dates and periods must not have tests that pass or fail by the
calendar. Every test therefore runs with the clock frozen (time-machine, not ticking) at
`SATPAS_TEST_NOW`, an ISO 8601 instant with its offset; by default an ordinary weekday
morning in office time. CI runs the suite a second time at the last evening of a month in
office time, when an hour later is another month (and, in UTC, the date still the old one).

A test that needs the real clock says so with `@pytest.mark.real_clock`; a test that needs
another instant moves the clock itself (`frozen(...)` or `time_machine.travel`), which nests
inside this one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator

import pytest
import time_machine

ENV = "SATPAS_TEST_NOW"

#: Wednesday 25 November 2026, 09.30 WIB: the office is open, mid-month, mid-week.
WEEKDAY_MORNING = "2026-11-25T09:30:00+07:00"
#: Thursday 31 December 2026, 23.50 WIB (16.50 UTC): ten minutes before another day, month
#: and year in office time.
MONTH_END_EVENING = "2026-12-31T23:50:00+07:00"


def suite_instant(value: str | None = None) -> dt.datetime:
    """The instant the suite runs at: `value`, else `$SATPAS_TEST_NOW`, else a weekday morning."""
    text = value if value is not None else os.environ.get(ENV) or WEEKDAY_MORNING
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise pytest.UsageError(f"{ENV}={text!r} is not an ISO 8601 instant: {error}") from None
    if moment.tzinfo is None:
        raise pytest.UsageError(f"{ENV}={text!r} needs its offset, e.g. 2026-11-25T09:30+07:00")
    return moment


@contextlib.contextmanager
def office_clock(moment: dt.datetime) -> Iterator[time_machine.Coordinates]:
    """Freeze the clock at `moment` (not ticking) until the block ends."""
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "real_clock: the suite's frozen clock is off: the test reads the real clock or runs its own",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"clock: frozen at {suite_instant().isoformat()} (set {ENV} to move it)"


@pytest.fixture(autouse=True)
def _suite_clock(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("real_clock"):
        yield
        return
    with office_clock(suite_instant()):
        yield
