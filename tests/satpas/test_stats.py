from __future__ import annotations

import datetime as dt
import random
import statistics

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from applicants.models import Application
from satpas.stats import PercentileCont, percentiles, summarise
from tests.factories import timed_applications

pytestmark = pytest.mark.django_db

# The window-function query runs on every database; PostgreSQL also has percentile_cont.
METHODS = ["window", *(["ordered_set"] if connection.vendor == "postgresql" else [])]


@pytest.fixture
def make_applications(unit, officer):
    def make(values, *, application_type="BARU", day=dt.date(2026, 5, 4)):
        rows = [(Application.Status.OPEN, value) for value in values]
        timed_applications(unit, officer, rows, application_type=application_type, day=day)

    return make


def _inclusive(values, fraction):
    """What percentile_cont gives: linear interpolation between closest ranks."""
    ordered = sorted(values)
    pos = fraction * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@pytest.mark.parametrize("method", METHODS)
def test_median_and_90th_percentile_interpolate_between_ranks(make_applications, method) -> None:
    make_applications(range(1, 11))
    result = percentiles(
        Application.objects.all(), value="elapsed_minutes", group="application_type", method=method
    )
    assert result == {"BARU": (pytest.approx(5.5), pytest.approx(9.1))}


@pytest.mark.parametrize("method", METHODS)
def test_each_group_gets_its_own_percentiles(make_applications, method) -> None:
    rng = random.Random(7)
    baru = [rng.randint(20, 240) for _ in range(57)]
    perpanjangan = [rng.randint(10, 90) for _ in range(23)]
    make_applications(baru)
    make_applications(perpanjangan, application_type="PERPANJANGAN")
    result = percentiles(
        Application.objects.all(),
        value="elapsed_minutes",
        group="application_type",
        fractions=(0.5, 0.9, 0.25),
        method=method,
    )
    for key, values in (("BARU", baru), ("PERPANJANGAN", perpanjangan)):
        assert result[key] == pytest.approx(
            (_inclusive(values, 0.5), _inclusive(values, 0.9), _inclusive(values, 0.25))
        )
    assert result["BARU"][0] == pytest.approx(statistics.median(baru))


@pytest.mark.parametrize("method", METHODS)
def test_a_single_value_is_every_percentile(make_applications, method) -> None:
    make_applications([42])
    result = percentiles(Application.objects.all(), value="elapsed_minutes", method=method)
    assert result == {None: (42.0, 42.0)}


@pytest.mark.parametrize("method", METHODS)
def test_null_values_are_left_out_and_no_rows_give_nothing(make_applications, method) -> None:
    make_applications([None, None], application_type="MUTASI")
    queryset = Application.objects.all()
    assert percentiles(queryset, value="elapsed_minutes", method=method) == {}
    assert percentiles(queryset, value="elapsed_minutes", group="unit", method=method) == {}


@pytest.mark.parametrize("method", METHODS)
def test_groups_may_be_annotations_and_keep_their_type(make_applications, method) -> None:
    make_applications([10, 20, 30], day=dt.date(2026, 4, 9))
    make_applications([100], day=dt.date(2026, 5, 2))
    queryset = Application.objects.annotate(month=TruncMonth("service_date"))
    result = percentiles(queryset, value="elapsed_minutes", group="month", method=method)
    assert result == {dt.date(2026, 4, 1): (20.0, 28.0), dt.date(2026, 5, 1): (100.0, 100.0)}


def test_default_method_matches_the_window_query(make_applications) -> None:
    make_applications([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
    queryset = Application.objects.all()
    assert percentiles(queryset, value="elapsed_minutes") == percentiles(
        queryset, value="elapsed_minutes", method="window"
    )


def test_fractions_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(ValueError, match="fraction"):
        PercentileCont("elapsed_minutes", 1.5)
    with pytest.raises(ValueError, match="fraction"):
        percentiles(Application.objects.none(), value="elapsed_minutes", fractions=(-0.1,))


@pytest.mark.parametrize("method", METHODS)
def test_summarise_gives_aggregates_over_every_row_and_percentiles_of_the_values(
    make_applications, method, django_assert_max_num_queries
) -> None:
    make_applications([*range(1, 11), None, None])
    make_applications([30, 50], application_type="PERPANJANGAN")
    make_applications([None], application_type="PENINGKATAN")
    aggregates = {
        "rows": Count("pk"),
        "closed": Count("pk", filter=Q(elapsed_minutes__isnull=False)),
    }
    with django_assert_max_num_queries(1 if method == "ordered_set" else 2):
        result = summarise(
            Application.objects.all(),
            value="elapsed_minutes",
            group="application_type",
            aggregates=aggregates,
            method=method,
        )
    assert set(result) == {"BARU", "PERPANJANGAN", "PENINGKATAN"}
    baru, spread = result["BARU"]
    assert (baru["rows"], baru["closed"]) == (12, 10)
    assert spread == (pytest.approx(5.5), pytest.approx(9.1))
    assert result["PERPANJANGAN"][1] == (pytest.approx(40.0), pytest.approx(48.0))
    assert result["PENINGKATAN"] == (
        {"application_type": "PENINGKATAN", "rows": 1, "closed": 0},
        (None, None),
    )


@pytest.mark.parametrize("method", METHODS)
def test_summarise_without_a_group_and_on_no_rows(make_applications, method) -> None:
    aggregates = {"rows": Count("pk")}
    empty = summarise(
        Application.objects.all(), value="elapsed_minutes", aggregates=aggregates, method=method
    )
    assert empty == {None: ({"rows": 0}, (None, None))}
    make_applications([4, 8, None])
    whole = summarise(
        Application.objects.all(), value="elapsed_minutes", aggregates=aggregates, method=method
    )
    assert whole == {None: ({"rows": 3}, (pytest.approx(6.0), pytest.approx(7.6)))}
