"""The heat map's arithmetic without a database: axes, bands, legend and pooled means."""

from __future__ import annotations

import datetime as dt

from service_timing import heatmap

WEEKDAYS_8_TO_15 = [(dt.time(8), dt.time(15))] * 5 + [(dt.time(8), dt.time(12))]


def test_the_hours_run_from_the_earliest_opening_to_the_last_hour_served() -> None:
    assert heatmap.hour_axis(WEEKDAYS_8_TO_15, []) == (8, 9, 10, 11, 12, 13, 14)
    assert heatmap.hour_axis([(dt.time(7, 30), dt.time(15, 30))], []) == tuple(range(7, 16))


def test_an_hour_with_a_figure_outside_opening_hours_is_kept() -> None:
    assert heatmap.hour_axis(WEEKDAYS_8_TO_15, [(1, 6), (6, 23)]) == (
        6,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        23,
    )


def test_weekdays_are_iso_and_a_closed_day_with_a_figure_is_kept() -> None:
    assert heatmap.weekday_axis(range(6), []) == (1, 2, 3, 4, 5, 6)
    assert heatmap.weekday_axis(range(5), [(7, 10)]) == (1, 2, 3, 4, 5, 7)


def test_bands_are_quarters_of_the_largest_figure() -> None:
    assert [heatmap.band(value, 8) for value in (None, 0, 1, 2, 3, 4, 5, 6, 7, 8)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    assert heatmap.band(5, 0) == 0


def test_the_legend_of_counts_has_whole_bounds_and_skips_empty_bands() -> None:
    bands = heatmap.legend(8, whole=True)
    assert [(b.band, b.low, b.high) for b in bands] == [(1, 1, 2), (2, 3, 4), (3, 5, 6), (4, 7, 8)]
    assert [(b.band, b.low, b.high) for b in heatmap.legend(2, whole=True)] == [
        (2, 1, 1),
        (4, 2, 2),
    ]
    assert heatmap.legend(0, whole=True) == []


def test_the_legend_of_minutes_has_tenths() -> None:
    assert [(b.low, b.high) for b in heatmap.legend(10, whole=False)] == [
        (0.0, 2.5), (2.5, 5.0), (5.0, 7.5), (7.5, 10.0),
    ]  # fmt: skip


def test_pooled_means_weigh_each_call_not_each_stage() -> None:
    means, counts = heatmap.pooled_means(
        [((1, 9), 30.0, 3), ((1, 9), 60.0, 1), ((2, 10), -2.0, 1)]  # 3 calls, 10 min each; 1, 60
    )
    assert means == {(1, 9): 22.5, (2, 10): 0.0}  # not (10 + 60) / 2; never below zero
    assert counts == {(1, 9): 4, (2, 10): 1}


def test_a_grid_lays_out_every_weekday_and_hour_with_its_band() -> None:
    grid = heatmap.grid(
        {(1, 8): 4, (1, 9): 1}, {(1, 8): 4, (1, 9): 1}, open_weekdays=[0, 1],
        opening=[(dt.time(8), dt.time(10))], whole=True,
    )  # fmt: skip
    rows = grid.rows({1: "Senin", 2: "Selasa"})
    assert [row.label for row in rows] == ["Senin", "Selasa"]
    assert [(c.hour, c.value, c.count, c.band) for c in rows[0].cells] == [
        (8, 4, 4, 4), (9, 1, 1, 1),
    ]  # fmt: skip
    assert [(c.value, c.count, c.band) for c in rows[1].cells] == [(None, 0, 0), (None, 0, 0)]
    assert (grid.total, grid.maximum, grid.is_empty) == (5, 4, False)
