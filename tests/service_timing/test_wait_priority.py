"""The estimated wait counts the unit's priority policy: a priority applicant is called
sooner than the arrival order says, and an ordinary one later when priority applicants who
came after them go first."""

from __future__ import annotations

import pytest

from service_timing.models import CounterPolicy, Journey
from service_timing.priority import calls_before
from service_timing.selectors.waits import application_wait, queue_waits
from tests.service_timing.test_waits import DAY, at, journey, morning  # noqa: F401 (fixture)

ALWAYS = 1


@pytest.mark.parametrize(
    ("ahead", "priority_ahead", "priority_behind", "priority", "every", "calls"),
    [
        # Always first: priority applicants ahead only, or everyone plus the later priority ones.
        (5, 2, 3, True, ALWAYS, 2),
        (5, 2, 3, False, ALWAYS, 8),
        # One in three: a priority applicant's turn is about one call away, or sooner by order.
        (10, 0, 0, True, 3, 1),
        (10, 2, 0, True, 3, 7),
        (0, 0, 4, True, 3, 0),
        # One in three: a turn per two first-come calls; turns first take the priority
        # applicants ahead (counted already), then the later ones, as many as there are.
        (6, 0, 5, False, 3, 9),
        (6, 2, 5, False, 3, 7),
        (6, 0, 1, False, 3, 7),
        (6, 0, 0, False, 3, 6),
        (1, 0, 5, False, 3, 1),
    ],
)
def test_calls_before(ahead, priority_ahead, priority_behind, priority, every, calls) -> None:
    assert (
        calls_before(
            ahead=ahead,
            priority_ahead=priority_ahead,
            priority_behind=priority_behind,
            priority=priority,
            every=every,
        )
        == calls
    )


def test_one_in_n_never_adds_more_than_the_policys_bound() -> None:
    """However many priority applicants came later, an ordinary applicant's estimate stays
    within the bound call-next guarantees (`most_calls_until_called`)."""
    from service_timing.priority import most_calls_until_called

    for every in (2, 3, 5):
        for ahead in range(30):
            calls = calls_before(
                ahead=ahead, priority_ahead=0, priority_behind=100, priority=False, every=every
            )
            assert ahead <= calls < most_calls_until_called(ahead=ahead, every=every)


def test_the_estimate_follows_the_policy(morning, unit) -> None:  # noqa: F811
    """Four wait for REG at one counter serving in a median of 5 minutes; the last of them
    is an elderly applicant."""
    first, _second, third, last = morning[3:]
    Journey.objects.filter(pk=last.pk).update(priority=True)
    now = at(9, 15)

    # The default policy, one in three: the priority applicant's turn is about a call away;
    # the third ordinary one is passed once.
    assert application_wait(journey(last), now=now)["REG"].minutes == pytest.approx(5)
    assert application_wait(journey(third), now=now)["REG"].minutes == pytest.approx(15)
    assert application_wait(journey(first), now=now)["REG"].minutes == pytest.approx(0)
    listed = {w.pk: w.estimate.minutes for w in queue_waits(unit.pk, "REG", day=DAY, now=now)}
    assert listed[last.pk] == pytest.approx(5)
    assert listed[third.pk] == pytest.approx(15)

    CounterPolicy.objects.create(unit=unit, priority_mode=CounterPolicy.PriorityMode.ALWAYS)
    assert application_wait(journey(last), now=now)["REG"].minutes == pytest.approx(0)
    assert application_wait(journey(first), now=now)["REG"].minutes == pytest.approx(5)
    listed = {w.pk: w.estimate.minutes for w in queue_waits(unit.pk, "REG", day=DAY, now=now)}
    assert listed[last.pk] == pytest.approx(0)
    assert listed[first.pk] == pytest.approx(5)
