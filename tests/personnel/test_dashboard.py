from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from applicants.models import Applicant, Application
from compensation.models import CompensationCase, SurveyResponse
from personnel import dashboard
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

JUNE = dt.date(2026, 6, 1)


def _applicant(unit):
    return Applicant.objects.create(
        unit=unit,
        nik="2172011708950001",
        full_name="Budi Santoso",
        birth_date=dt.date(1995, 8, 17),
        sex="L",
    )


def _applications(unit, officer, rows):
    """rows: (day, type, elapsed, standard) closed applications, bulk-inserted."""
    applicant = _applicant(unit)
    made = []
    for n, (day, kind, elapsed, standard) in enumerate(rows):
        made.append(
            Application(
                unit=unit,
                applicant=applicant,
                application_type=kind,
                sim_class="C",
                service_date=day,
                queue_number=f"Q{n:05d}",
                ticket_code=f"tk{n:08d}",
                registered_at=office(day, 8),
                registered_by=officer,
                status="COMPLETED",
                closed_at=office(day, 10),
                elapsed_minutes=elapsed,
                standard_minutes=standard,
            )
        )
    return Application.objects.bulk_create(made)


def test_service_per_type_has_median_90th_percentile_and_share(unit, officer) -> None:
    day = dt.date(2026, 6, 10)
    _applications(
        unit,
        officer,
        [(day, "BARU", minutes, 120) for minutes in (60, 80, 100, 110, 150)]
        + [(day, "PERPANJANGAN", 30, 60), (dt.date(2026, 5, 30), "BARU", 500, 120)],
    )
    board = dashboard.build(unit, JUNE)
    baru = next(row for row in board.service if row["application_type"] == "BARU")
    assert (baru["applications"], baru["breaches"], baru["share"]) == (5, 1, 80.0)
    assert baru["median"] == pytest.approx(100)
    assert baru["p90"] == pytest.approx(134)
    assert board.service_total["applications"] == 6
    assert board.series[-1]["applications"] == 6
    assert board.series[-2]["breaches"] == 1
    assert board.series[0]["month"] == dt.date(2025, 7, 1)


def test_ikm_is_the_mean_of_the_nine_element_means_times_25(unit) -> None:
    scores = [
        {f"u{i}": 4 for i in range(1, 10)},
        {f"u{i}": 3 if i <= 3 else 2 for i in range(1, 10)},
    ]
    for values in scores:
        SurveyResponse.objects.create(
            unit=unit, submitted_at=office(dt.date(2026, 6, 3), 10), **values
        )
    # (9 × 4 + 3 × 3 + 6 × 2) ÷ 18 × 25 = 79.1666… → 79.17
    result = dashboard.build(unit, JUNE).ikm
    assert result["respondents"] == 2
    assert result["ikm"] == Decimal("79.17")
    assert result["grade"] == "B"


def test_compensation_given_against_owed(unit, officer) -> None:
    apps = _applications(unit, officer, [(dt.date(2026, 6, 2), "BARU", 150, 120)] * 3)
    for n, application in enumerate(apps):
        CompensationCase.objects.create(
            unit=unit,
            application=application,
            reason="OVERDUE",
            opened_at=office(dt.date(2026, 6, 2), 11),
            minutes_over=30,
            status="DUE" if n else "DECLINED",
            settled_at=None if n else office(dt.date(2026, 6, 2), 12),
        )
    board = dashboard.build(unit, JUNE)
    assert (board.compensation["owed"], board.compensation["given"], board.compensation["due"]) == (
        3,
        0,
        2,
    )


def test_the_dashboard_shows_an_empty_state_without_data(client_for, kasat, frozen) -> None:
    frozen(2026, 6, 15, 9, 0)
    body = client_for(kasat).get(reverse("personnel:dashboard")).content.decode()
    assert "Belum ada data untuk dua belas bulan ini" in body


def test_a_year_of_data_stays_within_the_budget_and_fast(
    unit, officer, kasat, client_for, frozen, django_assert_max_num_queries
) -> None:
    frozen(2026, 6, 15, 9, 0)
    rng = random.Random(5)
    rows = []
    day = dt.date(2025, 7, 1)
    while day < dt.date(2026, 6, 15):
        if day.weekday() < 5:
            for _ in range(25):
                kind = rng.choice(["BARU", "PERPANJANGAN", "HILANG_RUSAK"])
                rows.append((day, kind, rng.randint(20, 200), 120 if kind == "BARU" else 60))
        day += dt.timedelta(days=1)
    _applications(unit, officer, rows)
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            unit=unit,
            submitted_at=office(dt.date(2025, 7, 1) + dt.timedelta(days=n % 340), 10),
            **{f"u{i}": rng.randint(2, 4) for i in range(1, 10)},
        )
        for n in range(2000)
    )
    client = client_for(kasat)
    # + 2: the arrivals heat map (the opening hours for its axes, one GROUP BY). Its speed on
    # years of data is a benchmark's figure (`make bench`: dashboard_5y), not a test's.
    with django_assert_max_num_queries(19):
        response = client.get(reverse("personnel:dashboard"))
    assert response.status_code == 200
    assert len(rows) > 6000


def test_terutang_means_only_still_owed_on_the_dashboard(
    unit, officer, kasat, client_for, frozen
) -> None:
    apps = _applications(unit, officer, [(dt.date(2026, 6, 2), "BARU", 150, 120)] * 2)
    for n, application in enumerate(apps):
        CompensationCase.objects.create(
            unit=unit,
            application=application,
            reason="OVERDUE",
            opened_at=office(dt.date(2026, 6, 2), 11),
            minutes_over=30,
            status="DUE" if n else "DECLINED",
            settled_at=None if n else office(dt.date(2026, 6, 2), 12),
        )
    frozen(2026, 6, 15, 9, 0)
    body = client_for(kasat).get(reverse("personnel:dashboard")).content.decode()
    assert "Kompensasi diberikan / seluruh kasus" in body
    # Two cases in total, one still owed: "terutang" never labels the total.
    assert "terutang" not in body.lower().replace("masih terutang", "")
