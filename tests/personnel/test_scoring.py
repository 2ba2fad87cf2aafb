from __future__ import annotations

import datetime as dt

import pytest

from personnel import scoring
from personnel.models import Rank

START = dt.datetime(2026, 6, 15, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("arrival", "minutes", "late"),
    [
        (dt.timedelta(minutes=-5), 0, False),
        (dt.timedelta(minutes=10), 10, False),
        (dt.timedelta(minutes=10, seconds=59), 10, False),
        (dt.timedelta(minutes=11), 11, True),
        (dt.timedelta(hours=2), 120, True),
    ],
)
def test_lateness_counts_whole_minutes_beyond_the_tolerance(arrival, minutes, late) -> None:
    counted = scoring.minutes_late(START, START + arrival)
    assert (counted, scoring.is_late(counted, 10)) == (minutes, late)


def test_points_per_severity() -> None:
    assert scoring.punishment_points(2, scoring.RINGAN, 3) == -2
    assert scoring.punishment_points(2, scoring.SEDANG, 3) == -6
    assert scoring.punishment_points(2, scoring.BERAT, 3) is None


def test_timeliness_share_needs_something_served() -> None:
    assert scoring.timeliness_share(0, 0) is None
    assert scoring.timeliness_share(200, 10) == pytest.approx(0.95)


def test_reward_rules_read_their_own_thresholds() -> None:
    month = scoring.OfficerMonth(duty_days=20, served=120, overdue=6, appearance_checks=4)
    rules = {spec.kind: spec for spec in scoring.DEFAULT_REWARD_RULES}
    assert scoring.reward_earned(rules[scoring.NO_LATENESS], month)
    assert not scoring.reward_earned(
        rules[scoring.NO_LATENESS], month.__class__(duty_days=20, late=1)
    )
    assert scoring.reward_earned(rules[scoring.TIMELINESS_SHARE], month)  # 95 %
    assert not scoring.reward_earned(
        rules[scoring.TIMELINESS_SHARE], scoring.OfficerMonth(served=99, overdue=0)
    )
    assert scoring.reward_earned(rules[scoring.APPEARANCE_ALL_PASSED], month)
    assert not scoring.reward_earned(rules[scoring.CLEAN_POINT], month)  # never checked


def test_ranks_are_read_as_letters_write_them() -> None:
    assert Rank.from_label("Bripda") is Rank.BRIPDA
    assert Rank.from_label("Pengatur") is Rank.PENGATUR
    assert Rank.BRIPKA in Rank.polri()
    assert Rank.PENATA not in Rank.polri()
