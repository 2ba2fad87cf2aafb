"""History rows written in SQL, for the hot paths of the counters.

django-simple-history writes a history row from a saved model instance; on the counters that
costs a model instance and an ORM insert per event. `write_history` writes the very same row
(every field of the record as it now stands, plus when, who, why and the kind of change)
with one INSERT … SELECT from the record's own table. Tests compare it with simple-history's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, models

HISTORY_OWN = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}


def _statement(model: type[models.Model]) -> str:
    history = model.history.model  # type: ignore[attr-defined]
    qn = connection.ops.quote_name
    fields = [f for f in history._meta.concrete_fields if f.name not in HISTORY_OWN]
    targets = [qn(f.column) for f in fields]
    sources = [qn(_column(model._meta.get_field(f.name))) for f in fields]
    targets += [
        qn("history_date"),
        qn("history_change_reason"),
        qn("history_type"),
        qn("history_user_id"),
    ]
    # Identifiers come from model metadata, quoted; values are parameters.
    return (
        f"INSERT INTO {qn(history._meta.db_table)} ({', '.join(targets)}) "  # noqa: S608
        f"SELECT {', '.join(sources)}, %s, %s, %s, %s FROM {qn(model._meta.db_table)} "
        f"WHERE {qn(_column(model._meta.pk))} = %s"
    )


def _column(field: Any) -> str:
    """The column of a concrete field (the stubs allow None, for fields that have none)."""
    column: str | None = field.column
    if column is None:
        raise TypeError(f"{field} has no column of its own")
    return column


_STATEMENTS: dict[type[models.Model], str] = {}


def write_history(
    model: type[models.Model],
    pk: Any,
    *,
    history_type: str,
    user_id: int | None,
    when: dt.datetime,
    reason: str | None = None,
) -> None:
    """Record the current state of one row in its history table ("+" created, "~" changed)."""
    if model not in _STATEMENTS:
        _STATEMENTS[model] = _statement(model)
    with connection.cursor() as cursor:
        cursor.execute(_STATEMENTS[model], [when, reason, history_type, user_id, pk])
