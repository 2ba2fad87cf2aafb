"""Volume data for benchmarks: years of realistic history for many units, written fast.

Rows are produced as tuples and written with PostgreSQL's COPY (on other databases with
bulk_create, for small volumes). The simulation is the demo's: the real mix of types, stage
times that mostly meet the standard, failed tests, compensation for every breach (mostly
handed over), survey responses, a few complaints, the duty roster with attendance checks,
findings and approved SMK adjustments. Generated rows have no history-table entries: they
stand for data imported into the system, not for changes made in it.

writers.py buffers and writes the rows, cast.py makes a unit and its staff, days.py walks one
open day's applications, people.py adds what they mean for the officers.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from applicants.models import Applicant, Application, QueueCounter
from compensation.models import CompensationCase, Complaint, SurveyResponse
from demo.generate.cast import make_unit
from demo.generate.days import simulate_day
from demo.generate.writers import Writers
from personnel.models import AttendanceCheck, DutyShift, Finding, ScoreAdjustment
from satpas.models import Unit
from service_timing.models import Journey, StageRecord


def generate(
    *,
    units: int,
    years: float,
    per_day: int,
    end: dt.date | None = None,
    seed: int = 2022,
    unit_codes: Sequence[str] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Generate history for `units` units over `years` years ending on `end` (yesterday)."""
    rng = random.Random(seed)  # noqa: S311 (invented data, reproducible on purpose)
    end = end or timezone.localdate() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=round(365 * years) - 1)
    writers = Writers.open()
    with transaction.atomic():
        for index in range(1, units + 1):
            code = unit_codes[index - 1] if unit_codes and index <= len(unit_codes) else None
            cast = make_unit(index, code=code)
            _standards_from(cast.unit, start)
            days = 0
            day = start
            while day <= end:
                if cast.calendar.is_open_day(day) and day not in cast.done_days:
                    simulate_day(cast, day, per_day, rng, writers)
                    days += 1
                    if days % 50 == 0:
                        progress(
                            f"{cast.unit.code}: {day:%Y-%m-%d} ({writers.applications.written + len(writers.applications.rows)} permohonan)"
                        )
                day += dt.timedelta(days=1)
        writers.flush()
        _reset_sequences()
    _analyze(writer.model for writer in writers.all())
    return {writer.model._meta.label: writer.written for writer in writers.all()}


def _analyze(models_written: Iterable[type[models.Model]]) -> None:
    """Refresh the planner's statistics after the bulk load, as after any restore: without
    them PostgreSQL plans for empty tables until autovacuum gets round to it (never, where it
    is switched off)."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        for model in models_written:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _standards_from(unit: Unit, start: dt.date) -> None:
    """An invented history may begin before the default standards' date: while no application
    is judged yet, the defaults are dated back to it (nothing is judged by a changed rule)."""
    from service_timing.models import ServiceStandard

    if not Journey.objects.filter(unit=unit).exists():
        ServiceStandard.objects.filter(unit=unit, is_default=True, effective_from__gt=start).update(
            effective_from=start
        )


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    tables = [
        Applicant,
        Application,
        StageRecord,
        QueueCounter,
        CompensationCase,
        SurveyResponse,
        Complaint,
        DutyShift,
        AttendanceCheck,
        Finding,
        ScoreAdjustment,
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), tables):
            cursor.execute(statement)
