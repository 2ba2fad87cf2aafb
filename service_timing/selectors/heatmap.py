"""The hour-by-hour picture of a unit's period: arrivals and queue waiting per weekday × hour
of the office clock, and the applications behind one cell (the drill-down).

Each grid is one GROUP BY in SQL (weekday and hour read in the unit's zone, on PostgreSQL and
SQLite alike); the office's opening hours give the axes. Queue waiting
is the unit's capacity, never an officer's finding (DESIGN.md, "Judging people fairly").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applicants.models import Application
from satpas import periods
from satpas.models import OpeningHours, Unit
from service_timing import heatmap
from service_timing.models import StageRecord
from service_timing.selectors.catalogue import stage_name, stage_order
from service_timing.selectors.sql import queue_wait

# ISO weekdays (Monday = 1), as the grids and the `hari` query parameter number them.
WEEKDAYS = {
    1: _("Senin"),
    2: _("Selasa"),
    3: _("Rabu"),
    4: _("Kamis"),
    5: _("Jumat"),
    6: _("Sabtu"),
    7: _("Minggu"),
}
# Called at any stage (the waiting grid of every stage together, and its drill-down).
ANY_STAGE = "semua"


def weekday_labels() -> dict[int, str]:
    return {number: str(label) for number, label in WEEKDAYS.items()}


def _applications(unit: Unit, start: dt.date, end: dt.date) -> QuerySet[Application]:
    return Application.objects.filter(unit=unit, service_date__gte=start, service_date__lte=end)


def _records(unit: Unit, start: dt.date, end: dt.date) -> QuerySet[StageRecord]:
    return StageRecord.objects.filter(
        application__unit=unit,
        application__service_date__gte=start,
        application__service_date__lte=end,
        called_at__isnull=False,
    )


def opening_axes(unit: Unit) -> dict[str, Any]:
    """The weekdays and hours the office opens, by every version of its opening hours (one
    query: the axes need nothing else of the calendar)."""
    rows = list(
        OpeningHours.objects.filter(unit=unit).values_list("weekday", "opens_at", "closes_at")
    )
    return {
        "open_weekdays": {weekday for weekday, _opens, _closes in rows},
        "opening": [(opens, closes) for _weekday, opens, closes in rows],
    }


def arrivals(
    unit: Unit, start: dt.date, end: dt.date, *, axes: dict[str, Any] | None = None
) -> heatmap.Grid:
    """Applications registered per weekday × hour (office clock) of the office days from
    `start` to `end` (inclusive). One query (and the opening hours, one, unless `axes` are given)."""
    zone = ZoneInfo(unit.time_zone)
    rows = (
        _applications(unit, start, end)
        .annotate(
            weekday=ExtractIsoWeekDay("registered_at", tzinfo=zone),
            hour=ExtractHour("registered_at", tzinfo=zone),
        )
        .values("weekday", "hour")
        .annotate(total=Count("pk"))
        .order_by()
    )
    counts = {(row["weekday"], row["hour"]): row["total"] for row in rows}
    return heatmap.grid(counts, counts, whole=True, **(axes or opening_axes(unit)))


@dataclass(frozen=True)
class QueueCell:
    """The calls at one stage in one weekday × hour of the office clock: how many, and their
    queue minutes (ready → called) in total and at the longest."""

    called: int
    minutes: float
    longest: float


QueueCells = dict[tuple[str, int, int], QueueCell]  # (stage, ISO weekday, hour) → cell


def queue_cells(unit: Unit, start: dt.date, end: dt.date) -> QueueCells:
    """Queue waiting of every call of the applications of the office days from `start` to
    `end`, per stage and weekday × hour of the call (office clock). One query, in which each
    call's wait is worked out once (when its applicant became ready is a subquery per
    record, the costly part of a year's figures); the waiting grids and the register's
    stage × hour table are both sums of these cells."""
    zone = ZoneInfo(unit.time_zone)
    calls = (
        _records(unit, start, end)
        .annotate(
            stage_code=F("stage_id"),
            wait=queue_wait(),
            weekday=ExtractIsoWeekDay("called_at", tzinfo=zone),
            hour=ExtractHour("called_at", tzinfo=zone),
        )
        .values("stage_code", "weekday", "hour", "wait")
        .order_by()
    )
    try:
        inner, params = calls.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing
        return {}
    connection = connections[calls.db]
    stage, weekday, hour, wait = map(
        connection.ops.quote_name, ("stage_code", "weekday", "hour", "wait")
    )
    # Grouped outside the subquery: an aggregate over the annotated wait would repeat its
    # subquery once per aggregate (SUM and MAX: twice the work). An empty OFFSET keeps the
    # database from merging the two queries back into one (which would repeat it again).
    # Quoted aliases and the ORM's own SQL; the values are parameters.
    fence = " LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else " OFFSET 0"
    sql = (
        f"SELECT {stage}, {weekday}, {hour}, COUNT(*), SUM({wait}), MAX({wait}) "  # noqa: S608
        f"FROM ({inner}{fence}) queue_calls GROUP BY {stage}, {weekday}, {hour}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            (code, int(day), int(at)): QueueCell(called, float(minutes or 0), float(longest or 0))
            for code, day, at, called, minutes, longest in cursor.fetchall()
        }


@dataclass(frozen=True)
class Waiting:
    """Mean queue minutes per weekday × hour of the call: every stage together, and each."""

    every_stage: heatmap.Grid
    per_stage: dict[str, heatmap.Grid] = field(default_factory=dict)  # in route order

    @property
    def stages(self) -> list[tuple[str, str]]:
        """(code, name) of the stages with a call, in route order."""
        return [(code, stage_name(code)) for code in self.per_stage]

    def of(self, stage: str) -> heatmap.Grid:
        return self.per_stage.get(stage, self.every_stage)


def waiting(
    unit: Unit,
    start: dt.date,
    end: dt.date,
    *,
    axes: dict[str, Any] | None = None,
    order: Mapping[str, int] | None = None,
    calls: QueueCells | None = None,
) -> Waiting:
    """Queue waiting (ready → called) per stage and weekday × hour of the call, for the
    applications of the office days from `start` to `end`. One query, none when the
    `calls` of `queue_cells` are given (and the opening hours and the route order, one
    query each)."""
    if calls is None:
        calls = queue_cells(unit, start, end)
    cells: dict[str, list[tuple[heatmap.Key, float, int]]] = {}
    for (stage, weekday, hour), cell in calls.items():
        cells.setdefault(stage, []).append(((weekday, hour), cell.minutes, cell.called))
    axes = axes or opening_axes(unit)
    if order is None:
        order = stage_order(unit) if cells else {}
    per_stage = {}
    for code in sorted(cells, key=lambda code: (order.get(code, len(order)), code)):
        means, counts = heatmap.pooled_means(cells[code])
        per_stage[code] = heatmap.grid(means, counts, whole=False, **axes)
    means, counts = heatmap.pooled_means(row for rows in cells.values() for row in rows)
    return Waiting(heatmap.grid(means, counts, whole=False, **axes), per_stage)


def _link(period: periods.Period, cell: heatmap.Cell, stage: str | None) -> str:
    query: dict[str, str | int] = {"periode": period.text(), "hari": cell.weekday, "jam": cell.hour}
    if stage:
        query["tahap"] = stage
    return f"{reverse('service_timing:applications')}?{urlencode(query)}"


def table(
    grid: heatmap.Grid, *, period: periods.Period, stage: str | None = None
) -> dict[str, Any]:
    """What a heat-map table shows: its hours, a row per weekday of cells (figure, band, and
    the link to the applications behind it, filtered to the period, weekday, hour and
    stage), the legend of its bands."""
    return {
        "hours": grid.hours,
        "rows": [
            {
                "label": row.label,
                "cells": [
                    {
                        "hour": cell.hour,
                        "value": cell.value,
                        "count": cell.count,
                        "band": cell.band,
                        "url": _link(period, cell, stage) if cell.count else "",
                    }
                    for cell in row.cells
                ],
            }
            for row in grid.rows(weekday_labels())
        ],
        "legend": grid.legend(),
        "whole": grid.whole,
        "empty": grid.is_empty,
        "total": grid.total,
    }


def in_cell(
    applications: QuerySet[Application],
    *,
    zone: ZoneInfo,
    weekday: int | None = None,
    hour: int | None = None,
    stage: str | None = None,
) -> QuerySet[Application]:
    """The applications behind one cell. Without a stage: registered on that weekday and in
    that hour (office clock). With a stage (or ANY_STAGE): called there on that weekday and
    in that hour. A part that is None is not narrowed."""
    if not stage:
        if weekday is not None:
            applications = applications.annotate(
                registered_weekday=ExtractIsoWeekDay("registered_at", tzinfo=zone)
            ).filter(registered_weekday=weekday)
        if hour is not None:
            applications = applications.annotate(
                registered_hour=ExtractHour("registered_at", tzinfo=zone)
            ).filter(registered_hour=hour)
        return applications
    calls = StageRecord.objects.filter(application_id=OuterRef("pk"), called_at__isnull=False)
    if stage != ANY_STAGE:
        calls = calls.filter(stage_id=stage)
    if weekday is not None:
        calls = calls.annotate(called_weekday=ExtractIsoWeekDay("called_at", tzinfo=zone)).filter(
            called_weekday=weekday
        )
    if hour is not None:
        calls = calls.annotate(called_hour=ExtractHour("called_at", tzinfo=zone)).filter(
            called_hour=hour
        )
    return applications.filter(Exists(calls))
