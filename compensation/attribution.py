"""Who answers for a late application, and for how many minutes. Pure arithmetic over the
recorded times, no database (DESIGN.md, "Judging people fairly").

The officer of a stage answers for two things only:
- the *service* of the stage (start → finish) beyond the stage's allowance, and
- the time their own counter sat idle while this applicant was ready for it: from the moment
  the officer finished their previous applicant (or the applicant became ready, if later)
  until they called this one.
Everything else an applicant waited before a counter is queue capacity, the unit's matter,
reported per stage and hour in the service-time report. Minutes inside a system outage and
inside the applicant's own pauses are left out of an officer's part; and when the outages
during the application cover its whole overrun, nobody is attributed at all.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from satpas.calendar import Interval, OfficeCalendar, overlap_seconds, subtract


class Outcome(enum.StrEnum):
    OFFICER = "officer"  # an officer's own part overran
    OUTAGE = "outage"  # the overrun is covered by system outages
    QUEUE = "queue"  # nobody's service overran: the applicant waited in the queue
    NO_ALLOWANCE = "no_allowance"  # no stage has an allowance to compare with


@dataclass(frozen=True)
class StageFacts:
    """One served (or waiting) stage as recorded."""

    code: str
    allowance_minutes: int | None
    point_id: int | None = None
    officer_id: int | None = None
    ready_at: dt.datetime | None = None  # previous stage finished (or registration)
    called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    counter_free_at: dt.datetime | None = None  # this officer's previous applicant finished


@dataclass(frozen=True)
class StageAssessment:
    code: str
    allowance_minutes: int | None
    point_id: int | None
    officer_id: int | None
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    service_minutes: int  # counted, pauses and outages left out
    service_over_minutes: int  # beyond the allowance
    idle_minutes: int  # the officer's counter idle while this applicant was ready
    queue_minutes: int  # the rest of the waiting: capacity, nobody's finding
    outage_minutes: int  # left out of the officer's part
    pause_minutes: int  # left out of the officer's part and of the waiting

    @property
    def officer_minutes(self) -> int:
        return self.service_over_minutes + self.idle_minutes

    def as_detail(self) -> dict[str, object]:
        """The facts in a JSON-friendly form, for the explanation of a judgment."""

        def iso(moment: dt.datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "stage": self.code,
            "allowance": self.allowance_minutes,
            "called_at": iso(self.called_at),
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
            "service": self.service_minutes,
            "service_over": self.service_over_minutes,
            "idle": self.idle_minutes,
            "queue": self.queue_minutes,
            "outage": self.outage_minutes,
            "pause": self.pause_minutes,
        }


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    stage: StageAssessment | None  # the attributed stage (or the one the applicant queued at)
    outage_minutes: int  # outage minutes counted during the whole application

    @property
    def officer_id(self) -> int | None:
        return self.stage.officer_id if self.outcome == Outcome.OFFICER and self.stage else None

    @property
    def officer_minutes(self) -> int:
        return self.stage.officer_minutes if self.outcome == Outcome.OFFICER and self.stage else 0


def split_seconds(
    start: dt.datetime | None,
    end: dt.datetime | None,
    calendar: OfficeCalendar,
    pauses: Sequence[Interval],
    outages: Sequence[Interval],
) -> tuple[float, float, float]:
    """Counted seconds of [start, end): (outside pauses and outages, in outages, in pauses)."""
    if start is None or end is None or end <= start:
        return 0.0, 0.0, 0.0
    periods = list(calendar.counted_periods(start, end))
    gross = sum((b - a).total_seconds() for a, b in periods)
    if pauses:
        periods = subtract(periods, list(pauses))
    net = sum((b - a).total_seconds() for a, b in periods)
    outage = sum(overlap_seconds(periods, window) for window in outages)
    return net - outage, outage, gross - net


def assess_stage(
    facts: StageFacts,
    *,
    end: dt.datetime,
    calendar: OfficeCalendar,
    pauses: Sequence[Interval],
    outages: Sequence[Interval],
) -> StageAssessment:
    service, service_outage, service_pause = split_seconds(
        facts.started_at,
        facts.finished_at or end if facts.started_at else None,
        calendar,
        pauses,
        outages,
    )
    # The applicant waited from ready until called (or until now, not called yet).
    wait_end = facts.called_at or facts.started_at or end
    waited, _wait_outage, wait_pause = split_seconds(
        facts.ready_at, wait_end, calendar, pauses, outages
    )
    idle = idle_outage = 0.0
    if facts.counter_free_at is not None and facts.called_at is not None and facts.ready_at:
        idle, idle_outage, _idle_pause = split_seconds(
            max(facts.ready_at, facts.counter_free_at), facts.called_at, calendar, pauses, outages
        )
    service_minutes = int(service // 60)
    over = 0
    if facts.allowance_minutes is not None:
        over = max(0, service_minutes - facts.allowance_minutes)
    idle_minutes = int(idle // 60) if facts.allowance_minutes is not None else 0
    return StageAssessment(
        code=facts.code,
        allowance_minutes=facts.allowance_minutes,
        point_id=facts.point_id,
        officer_id=facts.officer_id,
        called_at=facts.called_at,
        started_at=facts.started_at,
        finished_at=facts.finished_at,
        service_minutes=service_minutes,
        service_over_minutes=over,
        idle_minutes=idle_minutes,
        queue_minutes=max(0, int((waited - idle) // 60)),
        outage_minutes=int((service_outage + idle_outage) // 60),
        pause_minutes=int((service_pause + wait_pause) // 60),
    )


def judge(stages: Sequence[StageAssessment], *, over_minutes: int, outage_minutes: int) -> Verdict:
    """Name the stage whose officer's own part overran the most, or say why nobody is named."""
    if over_minutes > 0 and outage_minutes >= over_minutes:
        worst_outage = max(stages, key=lambda s: s.outage_minutes, default=None)
        return Verdict(Outcome.OUTAGE, worst_outage, outage_minutes)
    timed = [stage for stage in stages if stage.allowance_minutes is not None]
    if not timed:
        return Verdict(Outcome.NO_ALLOWANCE, None, outage_minutes)
    worst = max(timed, key=lambda s: (s.officer_minutes, s.service_over_minutes))
    if worst.officer_minutes > 0 and worst.officer_id is not None:
        return Verdict(Outcome.OFFICER, worst, outage_minutes)
    queued = max(stages, key=lambda s: s.queue_minutes)
    return Verdict(Outcome.QUEUE, queued, outage_minutes)
