"""IKM exactly as PermenPANRB 14/2017, and the Krejcie–Morgan sample size as published."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from compensation import ikm


def test_worked_example_ten_respondents() -> None:
    # NRR 3.2, 3.0, 2.8, 3.5, 3.1, 3.3, 3.6, 2.9, 3.0: their sum 28.4, index 28.4 / 9.
    result = ikm.compute([32, 30, 28, 35, 31, 33, 36, 29, 30], 10)
    assert result.nrr[0] == Fraction(16, 5)
    assert result.index == Fraction(284, 90)
    assert result.converted == Decimal("78.89")
    assert (result.grade.letter, result.grade.label) == ("B", "Baik")


def test_everyone_answering_four_is_one_hundred_and_grade_a() -> None:
    result = ikm.compute([4 * 7] * 9, 7)
    assert result.converted == Decimal("100.00")
    assert (result.grade.letter, result.grade.label) == ("A", "Sangat baik")


def test_everyone_answering_one_is_twenty_five_and_grade_d() -> None:
    result = ikm.compute([3] * 9, 3)
    assert result.converted == Decimal("25.00")
    assert (result.grade.letter, result.grade.label) == ("D", "Tidak baik")


@pytest.mark.parametrize(
    ("sum_per_element", "converted", "letter", "label"),
    [
        # 2 500 respondents, the same sum on every element: NRR = sum / 2500.
        (6499, "64.99", "D", "Tidak baik"),  # NI 2.5996
        (6500, "65.00", "C", "Kurang baik"),  # NI 2.60
        (7660, "76.60", "C", "Kurang baik"),  # NI 3.064
        (7661, "76.61", "B", "Baik"),  # NI 3.0644
        (8830, "88.30", "B", "Baik"),  # NI 3.532
        (8831, "88.31", "A", "Sangat baik"),  # NI 3.5324
    ],
)
def test_each_grade_boundary_of_the_table(
    sum_per_element: int, converted: str, letter: str, label: str
) -> None:
    result = ikm.compute([sum_per_element] * 9, 2500)
    assert result.converted == Decimal(converted)
    assert (result.grade.letter, result.grade.label) == (letter, label)


def test_the_converted_value_rounds_half_up_to_two_decimals() -> None:
    assert ikm.converted_value(Fraction(3064, 1000) + Fraction(2, 100000)) == Decimal("76.60")
    assert ikm.converted_value(Fraction(30642, 10000)) == Decimal("76.61")  # 76.605


def test_default_weights_are_one_ninth_and_sum_to_one() -> None:
    weights = ikm.default_weights()
    assert len(weights) == 9
    assert set(weights) == {Fraction(1, 9)}
    assert sum(weights) == 1


def test_other_weights_must_sum_to_one() -> None:
    nrrs = [Fraction(3)] * 9
    with pytest.raises(ValueError, match="sum to 1"):
        ikm.index_of(nrrs, [Fraction(11, 100)] * 9)  # the rule's rounded 0.11 sums to 0.99
    weights = [Fraction(1, 10)] * 8 + [Fraction(2, 10)]
    assert ikm.index_of(nrrs, weights) == 3


def test_nrr_needs_a_respondent() -> None:
    with pytest.raises(ValueError, match="respondent"):
        ikm.nrr(0, 0)


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (10, 10),
        (100, 80),
        (800, 260),
        (900, 269),
        (950, 274),
        (1000, 278),
        (1100, 285),
        (1200, 291),
        (10_000, 370),
        (1_000_000, 384),
    ],
)
def test_krejcie_morgan_sample_size_matches_the_published_table(
    population: int, sample: int
) -> None:
    assert ikm.sample_size(population) == sample


def test_no_population_needs_no_sample() -> None:
    assert ikm.sample_size(0) == 0
