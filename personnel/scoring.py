"""The arithmetic of reward and punishment, without Django: lateness, points, reward rules.

Every number here is a DEFAULT (DOMAIN.md §5 lists no national figures): a unit changes its
own in the score policy page. The 10-minute lateness tolerance is the unit's SOP.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Criteria (the SOP's five, plus users' rating) and the LKE basis each one proves.
TIME_DISCIPLINE = "TIME_DISCIPLINE"
APPEARANCE = "APPEARANCE"
PROFESSIONALISM = "PROFESSIONALISM"
SERVICE_TIMELINESS = "SERVICE_TIMELINESS"
CLEANLINESS = "CLEANLINESS"
USER_RATING = "USER_RATING"
CRITERIA = [
    TIME_DISCIPLINE,
    APPEARANCE,
    PROFESSIONALISM,
    SERVICE_TIMELINESS,
    CLEANLINESS,
    USER_RATING,
]

DISCIPLINE, PERFORMANCE, USERS = "DISIPLIN", "KINERJA", "PENGGUNA"
LKE_BASIS = {
    TIME_DISCIPLINE: DISCIPLINE,
    APPEARANCE: DISCIPLINE,
    CLEANLINESS: DISCIPLINE,
    PROFESSIONALISM: PERFORMANCE,
    SERVICE_TIMELINESS: PERFORMANCE,
    USER_RATING: USERS,
}

RINGAN, SEDANG, BERAT = "RINGAN", "SEDANG", "BERAT"

# DEFAULTS of a new unit's score policy.
DEFAULT_LATENESS_TOLERANCE_MINUTES = 10
DEFAULT_PUNISHMENT_POINTS = {
    TIME_DISCIPLINE: 1,
    APPEARANCE: 1,
    PROFESSIONALISM: 2,
    SERVICE_TIMELINESS: 1,
    CLEANLINESS: 1,
    USER_RATING: 2,
}
DEFAULT_MEDIUM_FACTOR = 3
# Service timeliness (DESIGN.md "Judging people fairly"): one incident is a finding only when
# the officer's own part at a stage (service beyond its allowance plus their counter idle while
# the applicant waited) exceeds this many minutes; smaller overruns count only in the month's
# on-time share. A month below the low share, with at least the minimum served, is a finding.
DEFAULT_SERVICE_OVERRUN_THRESHOLD_MINUTES = 5
DEFAULT_LOW_TIMELINESS_SHARE_PERCENT = 80
DEFAULT_LOW_TIMELINESS_MIN_SERVED = 50
LOW_TIMELINESS_SEVERITY = "RINGAN"
# An officer may object (keberatan) to a finding within this many days of its recording.
DEFAULT_OBJECTION_DAYS = 7
# A compensation case is negligence at most; a substantiated complaint weighs more.
COMPENSATION_CASE_SEVERITY = RINGAN
COMPLAINT_SEVERITY = SEDANG
ABSENCE_SEVERITY = SEDANG

# Monthly reward rules.
NO_LATENESS = "NO_LATENESS"
APPEARANCE_ALL_PASSED = "APPEARANCE_ALL_PASSED"
TIMELINESS_SHARE = "TIMELINESS_SHARE"
CLEAN_POINT = "CLEAN_POINT"
NO_COMPLAINT = "NO_COMPLAINT"
REWARD_CRITERION = {
    NO_LATENESS: TIME_DISCIPLINE,
    APPEARANCE_ALL_PASSED: APPEARANCE,
    TIMELINESS_SHARE: SERVICE_TIMELINESS,
    CLEAN_POINT: CLEANLINESS,
    NO_COMPLAINT: USER_RATING,
}
# Which parameters each rule reads.
REWARD_PARAMETERS = {
    NO_LATENESS: ("min_duty_days",),
    APPEARANCE_ALL_PASSED: ("min_checks",),
    TIMELINESS_SHARE: ("min_share_percent", "min_served"),
    CLEAN_POINT: ("min_duty_days", "min_checks"),
    NO_COMPLAINT: ("min_served",),
}


@dataclass(frozen=True)
class RewardRuleSpec:
    kind: str
    points: int
    min_duty_days: int | None = None
    min_checks: int | None = None
    min_share_percent: int | None = None
    min_served: int | None = None


DEFAULT_REWARD_RULES = [
    RewardRuleSpec(NO_LATENESS, points=2, min_duty_days=15),
    RewardRuleSpec(APPEARANCE_ALL_PASSED, points=1, min_checks=4),
    RewardRuleSpec(TIMELINESS_SHARE, points=2, min_share_percent=95, min_served=100),
    RewardRuleSpec(CLEAN_POINT, points=1, min_duty_days=15, min_checks=4),
    RewardRuleSpec(NO_COMPLAINT, points=1, min_served=100),
]


def minutes_late(scheduled_start: dt.datetime, arrived_at: dt.datetime) -> int:
    """Whole minutes after the scheduled start (08.10.59 is 10 minutes late)."""
    seconds = (arrived_at - scheduled_start).total_seconds()
    return max(0, int(seconds // 60))


def minutes_early(scheduled_end: dt.datetime, left_at: dt.datetime) -> int:
    """Whole minutes before the scheduled end (leaving at 13.49.30 for 14.00 is 10 minutes)."""
    seconds = (scheduled_end - left_at).total_seconds()
    return max(0, int(seconds // 60))


def is_late(minutes: int, tolerance_minutes: int) -> bool:
    """Late only beyond the tolerance: 10 minutes with a tolerance of 10 is on time."""
    return minutes > tolerance_minutes


def punishment_points(base_points: int, severity: str, medium_factor: int) -> int | None:
    """Signed points for one incident, or None for a heavy one (a referral instead)."""
    if severity == BERAT:
        return None
    factor = medium_factor if severity == SEDANG else 1
    return -abs(base_points) * factor


def timeliness_low(month: OfficerMonth, *, below_percent: int, min_served: int) -> bool:
    """The month's on-time share of the stages served fell below the policy's floor, with
    enough stages served for the share to mean something."""
    share = timeliness_share(month.served, month.overdue)
    return share is not None and month.served >= max(1, min_served) and share * 100 < below_percent


def timeliness_share(served: int, overdue: int) -> float | None:
    """1 − overdue ÷ served, or None when nothing was served."""
    if served <= 0:
        return None
    return max(0.0, 1 - overdue / served)


@dataclass(frozen=True)
class OfficerMonth:
    """What a month held for one officer: the inputs of the reward rules."""

    duty_days: int = 0
    late: int = 0
    absent: int = 0
    left_early: int = 0
    appearance_checks: int = 0
    appearance_failed: int = 0
    cleanliness_checked_days: int = 0
    cleanliness_findings: int = 0
    served: int = 0  # stages served (finished) in the month
    overdue: int = 0  # of those, stages where the officer's own part overran its allowance
    user_rating_findings: int = 0


def reward_earned(rule: RewardRuleSpec, month: OfficerMonth) -> bool:
    """Whether one officer's month meets one reward rule."""
    if rule.kind == NO_LATENESS:
        return (
            month.duty_days >= (rule.min_duty_days or 1)
            and month.late + month.absent + month.left_early == 0
        )
    if rule.kind == APPEARANCE_ALL_PASSED:
        return month.appearance_checks >= (rule.min_checks or 1) and month.appearance_failed == 0
    if rule.kind == TIMELINESS_SHARE:
        share = timeliness_share(month.served, month.overdue)
        return (
            share is not None
            and month.served >= (rule.min_served or 1)
            and share * 100 >= (rule.min_share_percent or 0)
        )
    if rule.kind == CLEAN_POINT:
        return (
            month.duty_days >= (rule.min_duty_days or 1)
            and month.cleanliness_checked_days >= (rule.min_checks or 1)
            and month.cleanliness_findings == 0
        )
    if rule.kind == NO_COMPLAINT:
        return month.served >= (rule.min_served or 1) and month.user_rating_findings == 0
    raise ValueError(rule.kind)
