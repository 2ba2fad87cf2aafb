"""The priority policy's arithmetic (UU 25/2009 Pasal 29: special treatment for the elderly,
people with disabilities and pregnant women). Pure: no database.

"Always first": call-next takes the priority applicant who has waited longest, if any.
"One in every N": call-next counts, per stage, the calls since the last *priority turn*. When
that count has reached N - 1 and a priority applicant waits, the call is a priority turn: the
priority applicant who has waited longest comes first. Every other call takes the first come,
priority or not. (The count is kept by `services.queueing.priority_turn_take`.)
"""

from __future__ import annotations


def most_calls_until_called(*, ahead: int, every: int) -> int:
    """The most call-next calls of a stage until an ordinary applicant is called, with
    `ahead` applicants before them in arrival order, under "one in every N" (`every >= 2`),
    however many priority applicants arrive after them.

    Each call that is not a priority turn takes the first come, so `ahead + 1` of them reach
    them. Priority turns are `every - 1` other calls apart: one may come at once, then one
    after each `every - 1` of the (at most `ahead`) calls before theirs."""
    if every < 2:
        raise ValueError("'always first' has no bound: ordinary applicants may wait")
    return ahead + 1 + 1 + ahead // (every - 1)


def calls_before(
    *, ahead: int, priority_ahead: int, priority_behind: int, priority: bool, every: int
) -> int:
    """About how many call-next calls of a stage come before an applicant's own, from the
    queue as it stands (who arrives later is not known): `ahead` wait before them in arrival
    order, `priority_ahead` of those are priority applicants, `priority_behind` priority
    applicants came after them; `every` is the policy's calls per priority turn (1: always
    first). For the estimated wait; call-next itself follows `services.queueing`."""
    if every <= 1:
        return priority_ahead if priority else ahead + priority_behind
    if priority:
        # The first-come order reaches them, or a priority turn does (one call in `every`, for
        # the longest-waiting priority applicant; the next turn is half a cycle away on
        # average, the count since the last one is not read here), whichever is sooner.
        return min(ahead, priority_ahead * every + (every - 1) // 2)
    # One turn per `every - 1` first-come calls during their wait; turns take the priority
    # applicants ahead of them first (who are counted in `ahead` already), then later ones.
    turns = ahead // (every - 1)
    return ahead + min(priority_behind, max(0, turns - priority_ahead))
