"""Percentiles per group, computed in the database on PostgreSQL and SQLite alike.

`percentiles(queryset, value="elapsed_minutes", group="application_type", fractions=(0.5, 0.9))`
returns `{group: (p50, p90)}` with the continuous percentile (linear interpolation between
the closest ranks, as PostgreSQL's `percentile_cont` and Python's
`statistics.quantiles(method="inclusive")`). PostgreSQL computes it with
`percentile_cont(…) WITHIN GROUP (ORDER BY …)`; other databases number the rows of each group
with window functions and interpolate between the two rows around the wanted rank. Either way
one query, and no row of the group travels to Python.

`summarise(queryset, value=…, group=…, aggregates={…})` gives other aggregates of the same
groups beside the percentiles; on PostgreSQL all of it is one scan of the rows, since
`percentile_cont` ignores NULLs as the other aggregates are computed over every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections
from django.db.models import Aggregate, F, FloatField, QuerySet

GROUP_ALIAS = "stats_group"
VALUE_ALIAS = "stats_value"


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate `percentile_cont(fraction) WITHIN GROUP (ORDER BY x)`."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=_checked(fraction), **extra)


def _checked(fraction: float) -> str:
    value = float(fraction)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"fraction must lie in [0, 1], not {fraction!r}")
    return repr(value)  # a plain float literal: safe to put in SQL


def percentiles(
    queryset: QuerySet[Any],
    *,
    value: str,
    group: str | None = None,
    fractions: Sequence[float] = (0.5, 0.9),
    method: str | None = None,
) -> dict[Any, tuple[float | None, ...]]:
    """Continuous percentiles of `value` per `group` (None: the whole queryset, key None).

    `value` and `group` name fields or annotations of the queryset; rows whose value is NULL
    are left out. `method` forces "ordered_set" or "window" (for tests); by default PostgreSQL
    uses the ordered-set aggregate and other databases the window functions.
    """
    for fraction in fractions:
        _checked(fraction)
    rows = queryset.filter(**{f"{value}__isnull": False})
    vendor = connections[rows.db].vendor
    method = method or ("ordered_set" if vendor == "postgresql" else "window")
    if method == "ordered_set":
        return _ordered_set(rows, value=value, group=group, fractions=fractions)
    if method == "window":
        return _window(rows, value=value, group=group, fractions=fractions)
    raise ValueError(method)


def summarise(
    queryset: QuerySet[Any],
    *,
    value: str,
    aggregates: dict[str, Any],
    group: str | None = None,
    fractions: Sequence[float] = (0.5, 0.9),
    method: str | None = None,
) -> dict[Any, tuple[dict[str, Any], tuple[float | None, ...]]]:
    """`{group: (aggregates, percentiles)}`: `aggregates` over every row of the group and the
    continuous percentiles of its non-NULL `value`s (None: the whole queryset, key None).

    One query on PostgreSQL; elsewhere the aggregates and then the percentiles (two queries).
    A group without a non-NULL value gets a tuple of None.
    """
    for fraction in fractions:
        _checked(fraction)
    rows = queryset.order_by()
    vendor = connections[rows.db].vendor
    method = method or ("ordered_set" if vendor == "postgresql" else "window")
    keys = [f"stats_p{i}" for i in range(len(fractions))]
    if method == "ordered_set":
        extra = {
            key: PercentileCont(F(value), fraction)
            for key, fraction in zip(keys, fractions, strict=True)
        }
        if group is None:
            result = rows.aggregate(**aggregates, **extra)
            return {None: _split(result, keys)}
        return {
            row[group]: _split(row, keys)
            for row in rows.values(group).annotate(**aggregates, **extra)
        }
    if method != "window":
        raise ValueError(method)
    empty = (None,) * len(fractions)
    spread = percentiles(rows, value=value, group=group, fractions=fractions, method="window")
    if group is None:
        return {None: (rows.aggregate(**aggregates), spread.get(None, empty))}
    return {
        row[group]: (row, spread.get(row[group], empty))
        for row in rows.values(group).annotate(**aggregates)
    }


def _split(row: dict[str, Any], keys: list[str]) -> tuple[dict[str, Any], tuple[float | None, ...]]:
    found = tuple(_float(row.pop(key)) for key in keys)
    return row, found


def _ordered_set(
    rows: QuerySet[Any], *, value: str, group: str | None, fractions: Sequence[float]
) -> dict[Any, tuple[float | None, ...]]:
    found = {
        key: spread
        for key, (_row, spread) in summarise(
            rows, value=value, group=group, aggregates={}, fractions=fractions, method="ordered_set"
        ).items()
    }
    if group is None and all(x is None for x in found[None]):
        return {}
    return found


def _window(
    rows: QuerySet[Any], *, value: str, group: str | None, fractions: Sequence[float]
) -> dict[Any, tuple[float | None, ...]]:
    annotated = rows.order_by().annotate(**{VALUE_ALIAS: F(value)})
    if group is not None:
        annotated = annotated.annotate(**{GROUP_ALIAS: F(group)})
        inner = annotated.values(GROUP_ALIAS, VALUE_ALIAS)
    else:
        inner = annotated.values(VALUE_ALIAS)
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # .none() or a filter that can match nothing
        return {}
    connection = connections[rows.db]
    g, v = connection.ops.quote_name(GROUP_ALIAS), connection.ops.quote_name(VALUE_ALIAS)
    # pos = fraction × (n − 1); interpolate between the rows ranked floor(pos) and the next.
    picks = []
    for fraction in fractions:
        pos = f"({_checked(fraction)} * (n - 1))"
        low = f"FLOOR({pos})"
        picks.append(
            f"SUM(CASE WHEN i = {low} THEN {v} * (1 - ({pos} - {low})) "
            f"WHEN i = {low} + 1 THEN {v} * ({pos} - {low}) ELSE 0 END)"
        )
    if group is not None:
        sql = (
            # Quoted aliases, float literals and the ORM's own SQL; the values are parameters.
            f"SELECT {g}, {', '.join(picks)} FROM ("  # noqa: S608
            f"SELECT {g}, {v}, ROW_NUMBER() OVER (PARTITION BY {g} ORDER BY {v}) - 1 AS i, "
            f"COUNT(*) OVER (PARTITION BY {g}) AS n FROM ({inner_sql}) stats_rows"
            f") stats_ranked GROUP BY {g}"
        )
    else:
        sql = (
            f"SELECT NULL, {', '.join(picks)} FROM ("  # noqa: S608
            f"SELECT {v}, ROW_NUMBER() OVER (ORDER BY {v}) - 1 AS i, COUNT(*) OVER () AS n "
            f"FROM ({inner_sql}) stats_rows) stats_ranked"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if group is None:
        if not fetched or fetched[0][1] is None:
            return {}
        return {None: tuple(_float(x) for x in fetched[0][1:])}
    # Raw rows skip the ORM's converters: give the group keys the type the ORM would.
    field = annotated.query.annotations[GROUP_ALIAS].output_field
    return {_key(field, row[0]): tuple(_float(x) for x in row[1:]) for row in fetched}


def _key(field: Any, raw: Any) -> Any:
    try:
        return field.to_python(raw)
    except (TypeError, ValueError, ValidationError):
        # A key the field cannot parse stays as the database gave it.
        return raw


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
