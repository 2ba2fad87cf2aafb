"""SQL expressions the timing reads share: minutes between two timestamps, and the moment an
applicant became ready for a stage's counter (works on PostgreSQL and SQLite alike)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, FloatField, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce

from service_timing.models import StageRecord


class MinutesBetween(Func):
    """Minutes from the first timestamp to the second, as a float, in SQL: PostgreSQL's
    interval arithmetic, SQLite's Julian days (Django stores SQLite times as ISO text)."""

    arity = 2
    output_field = FloatField()

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> Any:
        start, end = self.source_expressions
        return Func(end, start, arg_joiner=" - ").as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 60.0)",
            **extra,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        start, end = self.source_expressions
        return Func(end, start, arg_joiner=") - julianday(").as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 1440.0)",
            **extra,
        )


def ready_at() -> Coalesce:
    """For a StageRecord row: when its applicant became ready for it, that is when the
    application's previous stage finished (the latest finish before the call), or the
    registration for the first stage."""
    previous_finish = (
        StageRecord.objects.filter(
            application_id=OuterRef("application_id"), finished_at__lte=OuterRef("called_at")
        )
        .exclude(pk=OuterRef("pk"))
        .order_by("-finished_at")
        .values("finished_at")[:1]
    )
    return Coalesce(Subquery(previous_finish), F("application__registered_at"))


def queue_wait() -> MinutesBetween:
    """For a StageRecord row that was called: minutes from ready to the call (the queue)."""
    return MinutesBetween(ready_at(), F("called_at"))
