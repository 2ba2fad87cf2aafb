"""The estimated wait: office minutes until an applicant is called at each stage still ahead.

Pure arithmetic, no database. Minutes are office minutes, counted as the service clock counts
them (inside opening hours, breaks left out when the calendar says so); `office_moment` turns
them into a clock time on the unit's calendar, so a wait that runs into the lunch break or
past closing time ends after the break or on the next open day.

The model, kept simple enough to explain on the status page: each open counter of a stage
calls the next applicant every `s` minutes, `s` being its own recent median service time (else
the stage's, else the stage's allowance in the SOP standard). Together the open counters call
at Σ 1/s applicants a minute, so the applicants ahead are called in ahead / Σ 1/s minutes.
A later stage is reached after that wait and the service time of every stage before it; its
own queue at that moment is not known now, so nothing is guessed for it. Without an open
counter there is no estimate (not a made-up one), nor for any stage after it.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from satpas.calendar import OfficeCalendar

# A service recorded as taking no time (start and finish in one go) would make a counter
# infinitely fast: no counter is taken to serve faster than this.
MIN_SERVICE_MINUTES = 0.5
# How far `office_moment` looks for opening hours (beyond: a long closure, no clock time).
MOMENT_HORIZON = dt.timedelta(days=31)


class Basis(enum.StrEnum):
    RECENT = "recent"  # the counters' recent service times today
    STANDARD = "standard"  # the stage allowance of the SOP standard (no recent services)


class Unknown(enum.StrEnum):
    NO_COUNTER = "no_counter"  # no counter of this stage is open now
    NO_DATA = "no_data"  # neither recent services nor an allowance for this stage
    BEHIND = "behind"  # a stage before it has no estimate


@dataclass(frozen=True)
class StageLoad:
    """What is known now about one stage of the applicant's remaining route."""

    code: str
    # Applicants called before this one at this stage (call-next's order; those held by a
    # pause or absent are not ahead). Read only for the applicant's current stage.
    ahead: int = 0
    # One entry per open counter of the stage: its own recent median service minutes, or
    # None when it has served too few today.
    counters: tuple[float | None, ...] = ()
    # The stage's recent median service minutes over all its counters (None: none today).
    recent_minutes: float | None = None
    allowance_minutes: int | None = None


@dataclass(frozen=True)
class StageEstimate:
    code: str
    minutes: float | None
    basis: Basis | None = None
    unknown: Unknown | None = None

    @property
    def shown_minutes(self) -> int | None:
        """Whole minutes for people: rounded up, never 0 (being called takes a moment)."""
        if self.minutes is None:
            return None
        return max(1, math.ceil(self.minutes - 1e-9))


def service_minutes(load: StageLoad) -> tuple[float, Basis] | None:
    """One applicant's service time at this stage: recent median, else the allowance."""
    if load.recent_minutes is not None:
        return max(MIN_SERVICE_MINUTES, load.recent_minutes), Basis.RECENT
    if load.allowance_minutes is not None:
        return max(MIN_SERVICE_MINUTES, float(load.allowance_minutes)), Basis.STANDARD
    return None


def queue_minutes(load: StageLoad) -> StageEstimate:
    """Minutes until the applicants ahead have all been called at this stage's open counters."""
    if not load.counters:
        return StageEstimate(load.code, None, unknown=Unknown.NO_COUNTER)
    stage = service_minutes(load)
    if stage is None:
        return StageEstimate(load.code, None, unknown=Unknown.NO_DATA)
    fallback, basis = stage
    rate = sum(
        1 / (fallback if own is None else max(MIN_SERVICE_MINUTES, own)) for own in load.counters
    )
    return StageEstimate(load.code, max(0, load.ahead) / rate, basis=basis)


def estimate_route(stages: Sequence[StageLoad], *, called: bool = False) -> list[StageEstimate]:
    """Per stage still ahead (the first is the applicant's current stage), minutes from now
    until they are called there. `called`: already called at the current stage (it waits no
    more there; the later stages still wait for its service)."""
    estimates: list[StageEstimate] = []
    if not stages:
        return estimates
    first = stages[0]
    current = StageEstimate(first.code, 0.0, basis=Basis.RECENT) if called else queue_minutes(first)
    estimates.append(current)
    elapsed, weakest = current.minutes, current.basis or Basis.RECENT
    previous = first
    for load in stages[1:]:
        if elapsed is None:
            estimates.append(StageEstimate(load.code, None, unknown=Unknown.BEHIND))
            continue
        if not load.counters:
            estimates.append(StageEstimate(load.code, None, unknown=Unknown.NO_COUNTER))
            elapsed = None
            continue
        service = service_minutes(previous)
        if service is None:
            estimates.append(StageEstimate(load.code, None, unknown=Unknown.BEHIND))
            elapsed = None
            continue
        elapsed += service[0]
        if service[1] == Basis.STANDARD:
            weakest = Basis.STANDARD
        estimates.append(StageEstimate(load.code, elapsed, basis=weakest))
        previous = load
    return estimates


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def office_moment(
    start: dt.datetime, minutes: float, calendar: OfficeCalendar
) -> dt.datetime | None:
    """The instant `minutes` office minutes after `start` (None: no opening hours within the
    horizon). Breaks and closed days are stepped over as the service clock skips them."""
    left = dt.timedelta(minutes=max(0.0, minutes))
    for period_start, period_end in calendar.counted_periods(start, start + MOMENT_HORIZON):
        length = period_end - period_start
        if left <= length:
            return period_start + left
        left -= length
    return None
