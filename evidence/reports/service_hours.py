"""The hour-by-hour picture of the service-time report: arrivals and queue waiting per
weekday × hour of the office clock, for the page (coloured tables whose cells open the
applications behind them) and for the register (a sheet with the same grids).

The grids cover the whole period, as the report's other summaries: the filters narrow the
detail rows only. Queue waiting is the unit's capacity, never an officer's finding."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from evidence.workbook import Column, Sheet
from satpas.selectors import UnitPeriod
from service_timing import heatmap as grids
from service_timing.selectors import heatmap
from service_timing.selectors.heatmap import ANY_STAGE


def summary(
    period: UnitPeriod,
    stage: str | None = None,
    *,
    order: Mapping[str, int] | None = None,
    calls: heatmap.QueueCells | None = None,
) -> dict[str, Any]:
    """Both tables for the page; `stage` picks the waiting grid (None: every stage). `calls`:
    the period's `heatmap.queue_cells`, when the caller has them already."""
    axes = heatmap.opening_axes(period.unit)
    waiting = heatmap.waiting(
        period.unit, period.start, period.end, axes=axes, order=order, calls=calls
    )
    if stage not in waiting.per_stage:
        stage = None
    return {
        "arrivals": heatmap.table(
            heatmap.arrivals(period.unit, period.start, period.end, axes=axes), period=period
        ),
        "waiting": heatmap.table(waiting.of(stage or ""), period=period, stage=stage or ANY_STAGE),
        "stage": stage or "",
        "stages": waiting.stages,
    }


def _hour(hour: int) -> str:
    return f"{hour:02d}.00"


def _grid_rows(grid: grids.Grid, first: str) -> Iterator[list]:
    for row in grid.rows(heatmap.weekday_labels()):
        yield [first, row.label, *(cell.value if cell.count else None for cell in row.cells)]


def sheet(
    period: UnitPeriod,
    *,
    order: Mapping[str, int] | None = None,
    calls: heatmap.QueueCells | None = None,
) -> Sheet:
    """Arrivals, then mean queue minutes of every stage together and of each stage, as
    weekday × hour grids on one sheet (one column per hour of the widest axis)."""
    axes = heatmap.opening_axes(period.unit)
    arrivals = heatmap.arrivals(period.unit, period.start, period.end, axes=axes)
    waiting = heatmap.waiting(
        period.unit, period.start, period.end, axes=axes, order=order, calls=calls
    )
    hours = sorted(
        set(arrivals.hours) | set(waiting.every_stage.hours)
    )  # the same office hours, and any hour with a figure

    def aligned(grid: grids.Grid) -> grids.Grid:
        return grids.Grid(grid.weekdays, tuple(hours), grid.values, grid.counts, grid.whole)

    def rows() -> Iterator[list]:
        if arrivals.is_empty:
            return
        yield from _grid_rows(aligned(arrivals), "Kedatangan (permohonan)")
        yield from _grid_rows(aligned(waiting.every_stage), "Rata-rata menunggu, semua tahap")
        for code, name in waiting.stages:
            yield from _grid_rows(aligned(waiting.per_stage[code]), f"Rata-rata menunggu, {name}")

    return Sheet(
        "Peta jam",
        [Column("Angka", 34), Column("Hari", 10), *(Column(_hour(hour), 7) for hour in hours)],
        rows(),
        note="Kedatangan: permohonan yang didaftarkan per hari dan jam (waktu kantor). "
        "Menunggu: rata-rata menit dari siap sampai dipanggil, menurut jam panggilan; "
        "kapasitas satuan, bukan temuan petugas.",
    )
