"""The hour-by-hour picture as plain data: a weekday × hour grid of figures, and its bands.

Weekdays are ISO (Monday = 1 … Sunday = 7), hours are office-clock hours 0–23. The grid's
axes are the hours the calendar opens plus any hour with a figure (an applicant registered
before opening still counts), so the cells add up to the period's total.

Pure: no database and no Django (the selectors in `service_timing/selectors/heatmap.py` fill
it; the pages colour it with the `heat-<band>` classes of `static/satpas/app.css`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Band 0 is a cell without a figure; bands 1–4 are quarters of the grid's largest figure.
BANDS = 4
ISO_WEEKDAYS = range(1, 8)

Key = tuple[int, int]  # (ISO weekday, hour)


def weekday_axis(open_weekdays: Iterable[int], data: Iterable[Key]) -> tuple[int, ...]:
    """ISO weekdays the office opens (`open_weekdays`, Monday = 0 as `datetime`) and those
    with a figure, in order."""
    days = {weekday + 1 for weekday in open_weekdays} | {weekday for weekday, _hour in data}
    return tuple(sorted(days))


def hour_axis(opening: Iterable[tuple[dt.time, dt.time]], data: Iterable[Key]) -> tuple[int, ...]:
    """Every hour from the earliest opening to the latest closing (an hour the office
    closes on the dot is not one it serves in), and the hours with a figure, in order."""
    hours = {hour for _weekday, hour in data}
    spans = list(opening)
    if spans:
        first = min(opens.hour for opens, _closes in spans)
        last = max(closes.hour - (closes.minute == 0) for _opens, closes in spans)
        hours.update(range(first, last + 1))
    return tuple(sorted(hours))


def band(value: float | None, maximum: float) -> int:
    """0 for no figure (or zero), else 1–4: the quarter of `maximum` the value falls in."""
    if not value or value <= 0 or maximum <= 0:
        return 0
    return max(1, min(BANDS, math.ceil(BANDS * value / maximum)))


@dataclass(frozen=True)
class LegendBand:
    band: int
    low: float
    high: float


def legend(maximum: float, *, whole: bool) -> list[LegendBand]:
    """The range of each band 1–4 for a grid whose largest figure is `maximum`; `whole`
    figures (counts) get whole bounds, and bands no whole number falls in are left out."""
    if maximum <= 0:
        return []
    bands = []
    for number in range(1, BANDS + 1):
        low, high = maximum * (number - 1) / BANDS, maximum * number / BANDS
        if whole:
            low, high = math.floor(low) + 1, math.floor(high)
            if low > high:
                continue
        else:
            low, high = round(low, 1), round(high, 1)
        bands.append(LegendBand(number, low, high))
    return bands


@dataclass(frozen=True)
class Cell:
    weekday: int
    hour: int
    value: float | None  # None: nothing in this cell
    count: int  # rows behind the value (applications, calls)
    band: int


@dataclass(frozen=True)
class Row:
    weekday: int
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Grid:
    """Figures per (ISO weekday, hour); `counts` are the rows behind each figure."""

    weekdays: tuple[int, ...]
    hours: tuple[int, ...]
    values: Mapping[Key, float] = field(default_factory=dict)
    counts: Mapping[Key, int] = field(default_factory=dict)
    whole: bool = True  # figures are counts (arrivals), not minutes

    @property
    def is_empty(self) -> bool:
        return not self.counts

    @property
    def maximum(self) -> float:
        return max(self.values.values(), default=0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def legend(self) -> list[LegendBand]:
        return legend(self.maximum, whole=self.whole)

    def rows(self, labels: Mapping[int, str]) -> list[Row]:
        """One row per weekday, one cell per hour of the axis."""
        top = self.maximum
        return [
            Row(
                weekday,
                labels.get(weekday, str(weekday)),
                [
                    Cell(
                        weekday,
                        hour,
                        self.values.get((weekday, hour)),
                        self.counts.get((weekday, hour), 0),
                        band(self.values.get((weekday, hour)), top),
                    )
                    for hour in self.hours
                ],
            )
            for weekday in self.weekdays
        ]


def grid(
    values: Mapping[Key, float],
    counts: Mapping[Key, int],
    *,
    open_weekdays: Iterable[int],
    opening: Iterable[tuple[dt.time, dt.time]],
    whole: bool,
) -> Grid:
    """A grid over the office's days and hours (and any other with a figure)."""
    keys = list(counts)
    return Grid(
        weekdays=weekday_axis(open_weekdays, keys),
        hours=hour_axis(opening, keys),
        values=dict(values),
        counts=dict(counts),
        whole=whole,
    )


def pooled_means(
    rows: Iterable[tuple[Key, float, int]],
) -> tuple[dict[Key, float], dict[Key, int]]:
    """Means per cell from (cell, sum, count) rows of several groups (e.g. every stage):
    the sums and counts add up, then divide (a mean of means would weigh a quiet stage as
    much as a busy one)."""
    sums: dict[Key, float] = {}
    counts: dict[Key, int] = {}
    for key, total, count in rows:
        sums[key] = sums.get(key, 0.0) + total
        counts[key] = counts.get(key, 0) + count
    return {key: mean_minutes(sums[key], counts[key]) for key in sums}, counts


def mean_minutes(total: float, count: int) -> float:
    """A mean wait, rounded to a tenth; never below zero (a corrected timestamp can put a
    call a moment before the applicant was ready)."""
    return round(max(0.0, total / count), 1) if count else 0.0
