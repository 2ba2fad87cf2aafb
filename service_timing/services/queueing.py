"""Call next: who a counter calls, under the unit's priority policy (see
service_timing.priority). It locks and writes as the events in `counter` do, with their
helpers."""

from __future__ import annotations

import datetime as dt
import functools

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satpas.models import User
from service_timing.models import Journey, ServicePoint, StageQueue
from service_timing.selectors import counter_policy, held_by_pause
from service_timing.services.counter import (
    _BACK_IN_QUEUE,
    _COUNTER_JOINS,
    CounterResult,
    _bring,
    _check_open,
    _clear_counter,
    _closed,
    _known_pauses,
    _point_open,
    _send,
)


@transaction.atomic
def call_next(
    *, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult | None:
    """Call the next applicant for this counter's stage (None: nobody): the one who has
    waited longest, or on a priority turn of the unit's policy the priority applicant who has
    waited longest. Two counters of the same stage calling at once get different applicants."""
    now = now or timezone.now()
    # Whoever was called here and never came goes back to the queue, keeping their place,
    # with the new call's UPDATE (call next keeps its statement budget with the priority
    # turn). This call takes someone else; they are called again only if nobody else waits.
    release = _clear_counter(point, keep=None, defer=True)
    every = counter_policy(point.unit_id).priority_turn_every
    waiting = (
        Journey.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(*_COUNTER_JOINS)
        .filter(unit_id=point.unit_id, current_stage_id=point.stage_id, state=Journey.State.WAITING)
        .exclude(held_by_pause())
        .annotate(point_open=_point_open(point))
    )
    # The pick is the database's: an index in the order asked (journey_priority or
    # journey_fifo) gives the first one not held by a pause, without sorting the queue.
    if every == 1:  # always first
        journey = waiting.order_by("-priority", "ready_since", "pk").first()
    elif priority_turn_take(point, every=every):
        # Ordered as journey_priority, so that index is the one read: in arrival order the
        # priority applicants may all stand at the back of a long queue.
        journey = waiting.filter(priority=True).order_by("-priority", "ready_since", "pk").first()
        if journey is None:  # taken by a scan at another counter meanwhile
            journey = waiting.order_by("ready_since", "pk").first()
    else:
        journey = waiting.order_by("ready_since", "pk").first()
    if journey is None and release:
        # Nobody else waits: the one who never came is called again.
        Journey.objects.filter(pk__in=release).update(**_BACK_IN_QUEUE)
        release = []
        journey = waiting.order_by("ready_since", "pk").first()
    if journey is None:
        if not ServicePoint.objects.filter(
            pk=point.pk, state=ServicePoint.State.OPEN, is_active=True
        ).exists():
            raise _closed(point)
        return None
    _check_open(journey, point)
    record_id = _bring(journey, point, user, now, start=False, release=release)
    _send(journey, record_id, "called", now)
    queue = journey.application.queue_number
    return CounterResult(
        journey,
        _("%(q)s dipanggil ke %(point)s.") % {"q": queue, "point": point},
        pauses=_known_pauses(journey),
    )


# Stand-ins for the unit and stage while the query below is compiled (once per process).
_UNIT, _STAGE = -7_000_001, "\x00stage"


@functools.cache
def _priority_waiting_sql(vendor: str) -> tuple[str, tuple]:
    """A priority applicant of the counter's stage waits, not held by a pause: the ORM's SQL,
    compiled once (compiling it took longer than running it) with stand-ins for the unit and
    the stage."""
    waiting = (
        Journey.objects.filter(
            unit_id=_UNIT,
            current_stage_id=_STAGE,
            state=Journey.State.WAITING,
            priority=True,
        )
        .exclude(held_by_pause())
        .values("pk")
    )
    sql, params = waiting.query.sql_with_params()
    return sql, tuple(params)


def _priority_waiting(point: ServicePoint) -> tuple[str, list]:
    sql, params = _priority_waiting_sql(connection.vendor)
    values = {_UNIT: point.unit_id, _STAGE: point.stage_id}
    return sql, [
        values.get(value, value) if type(value) in (int, str) else value for value in params
    ]


def priority_turn_take(point: ServicePoint, *, every: int) -> bool:
    """Count one call-next at this counter's stage and say whether it is a priority turn
    (a priority applicant waits and `every - 1` calls were made since the last such turn).

    One statement, an upsert that returns the new count (0: a priority turn): call-next keeps
    its budget, and the row stays locked until the call commits, so counters of one stage
    calling at once take turns and "one in N" holds across them. The count stops at
    `every - 1`, where a priority turn is due: it never grows with the day's calls."""
    exists_sql, exists_params = _priority_waiting(point)
    table = connection.ops.quote_name(StageQueue._meta.db_table)
    count = connection.ops.quote_name("calls_since_priority")
    due = every - 1
    # Only names of this code and the ORM's own compiled subquery are formatted in; every
    # value is a parameter.
    sql = (
        f"INSERT INTO {table} (unit_id, stage_id, {count}) "  # noqa: S608
        f"VALUES (%s, %s, CASE WHEN EXISTS ({exists_sql}) THEN 0 ELSE %s END) "
        f"ON CONFLICT (unit_id, stage_id) DO UPDATE SET {count} = CASE "
        f"WHEN {table}.{count} >= %s AND EXISTS ({exists_sql}) THEN 0 "
        f"WHEN {table}.{count} >= %s THEN {table}.{count} "
        f"ELSE {table}.{count} + 1 END "
        f"RETURNING {count}"
    )
    params = [
        point.unit_id,
        point.stage_id,
        *exists_params,
        min(1, due),
        due,
        *exists_params,
        due,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (calls_since_priority,) = cursor.fetchone()
    return calls_since_priority == 0
