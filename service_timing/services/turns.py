"""A stage's turn count for the priority policy (see service_timing.priority)."""

from __future__ import annotations

from django.db import connection

from service_timing.models import Journey, ServicePoint, StageQueue
from service_timing.selectors import held_by_pause


def priority_turn_take(point: ServicePoint, *, every: int) -> bool:
    """Count one call-next at this counter's stage and say whether it is a priority turn
    (a priority applicant waits and `every - 1` calls were made since the last such turn).

    One statement, an upsert that returns the new count (0: a priority turn): call-next keeps
    its budget, and the row stays locked until the call commits, so counters of one stage
    calling at once take turns and "one in N" holds across them. The count stops at
    `every - 1`, where a priority turn is due: it never grows with the day's calls."""
    waiting = (
        Journey.objects.filter(
            unit_id=point.unit_id,
            current_stage_id=point.stage_id,
            state=Journey.State.WAITING,
            priority=True,
        )
        .exclude(held_by_pause())
        .values("pk")
    )
    exists_sql, exists_params = waiting.query.sql_with_params()
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
