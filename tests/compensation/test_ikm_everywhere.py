"""The IKM value and grade are one number everywhere: the Kasat's dashboard, the IKM page,
the SKM register, the signed report's figures (PDF) and so the evidence pack.

Eight respondents answering 225 points over 72 answers give 225 ÷ 72 × 25 = 78.125 exactly:
half up it is 78.13 (half-to-even floats would print 78.12)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from compensation import ikm
from compensation.models import SurveyResponse
from compensation.selectors import ikm_report
from evidence.figures import key_figures
from evidence.reports import satisfaction
from evidence.workbook import write_workbook
from personnel import dashboard
from satpas.selectors import unit_period
from tests.compensation.helpers import JAKARTA

pytestmark = pytest.mark.django_db

EXPECTED = Decimal("78.13")


def _respond(unit) -> None:
    base = {f"u{i}": 3 for i in range(1, 10)}
    answers = [{**base, "u9": 4}] * 7 + [{**base, "u8": 4, "u9": 4}]  # 7 × 28 + 29 = 225
    for n, scores in enumerate(answers):
        SurveyResponse.objects.create(
            unit=unit,
            submitted_at=dt.datetime(2026, 11, 10, 9, n, tzinfo=JAKARTA),
            channel="KIOSK",
            **scores,
        )


def test_the_rule_rounds_half_up_once_at_the_boundary() -> None:
    result = ikm.compute([24] * 7 + [25, 32], 8)  # element sums of the answers below
    assert result.index * 25 == Fraction(625, 8)  # 78.125
    assert result.converted == EXPECTED
    assert result.grade.letter == "B"
    assert round(78.125, 2) == 78.12  # what a float would have said


def test_every_place_shows_the_same_value_and_grade(unit, kasat, client_for, frozen) -> None:
    frozen(2026, 11, 27, 9, 30)
    _respond(unit)
    start = dt.datetime(2026, 11, 1, tzinfo=JAKARTA)
    end = dt.datetime(2026, 12, 1, tzinfo=JAKARTA)
    period = unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 30))

    page = ikm_report(unit, start, end).result
    board = dashboard.build(unit, dt.date(2026, 11, 1)).ikm
    whole, months = satisfaction.results(period)
    figures = key_figures(period)["satisfaction"]
    assert page.converted == board["ikm"] == whole.converted == figures["ikm"] == EXPECTED
    assert months[0].converted == EXPECTED
    assert page.grade.letter == board["grade"] == whole.grade == figures["grade"] == "B"

    buffer = io.BytesIO()
    write_workbook(buffer, satisfaction.REGISTER.sheets(period), zone=period.zone)
    buffer.seek(0)
    summary = list(
        load_workbook(buffer, read_only=True)["IKM per bulan"].iter_rows(values_only=True)
    )
    assert summary[-1][6] == float(EXPECTED)

    client = client_for(kasat)
    assert "78,13" in client.get(reverse("personnel:dashboard")).content.decode()
    ikm_page = client.get(reverse("compensation:ikm"), {"periode": "2026-11"})
    assert "78,13" in ikm_page.content.decode()
