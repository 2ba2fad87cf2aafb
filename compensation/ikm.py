"""SKM / IKM arithmetic of PermenPANRB 14/2017, and the Krejcie–Morgan sample size.

Pure arithmetic, no Django. NRR per element = sum of scores ÷ respondents; the index is the
weighted sum of the NRRs (weights 1/9 each by default; any weights must sum to 1); the
converted value is the index × 25 (25–100), graded A–D by the rule's table. Exact fractions
are used inside so that a grade boundary is never decided by a floating-point crumb.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ELEMENT_COUNT = 9
SCALE = (1, 2, 3, 4)
CONVERSION_FACTOR = 25

# Krejcie & Morgan (1970): chi-square for 1 degree of freedom at 95 %, P = 0.5, d = 0.05.
KM_CHI_SQUARE = Decimal("3.841")
KM_P = Decimal("0.5")
KM_D = Decimal("0.05")


@dataclass(frozen=True)
class Grade:
    letter: str
    label: str  # the rule's Indonesian wording (mutu pelayanan)
    lowest: Decimal  # lowest converted value of the band, two decimals


# PermenPANRB 14/2017: converted value (NIK) bands, two decimals. D 25.00–64.99,
# C 65.00–76.60, B 76.61–88.30, A 88.31–100.00.
GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat baik", Decimal("88.31")),
    Grade("B", "Baik", Decimal("76.61")),
    Grade("C", "Kurang baik", Decimal("65.00")),
    Grade("D", "Tidak baik", Decimal("25.00")),
)


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    nrr: tuple[Fraction, ...]  # per element, in element order
    index: Fraction  # 1.00–4.00
    converted: Decimal  # 25.00–100.00, rounded half up to two decimals
    grade: Grade


def default_weights(count: int = ELEMENT_COUNT) -> tuple[Fraction, ...]:
    return tuple(Fraction(1, count) for _ in range(count))


def nrr(score_sum: int, respondents: int) -> Fraction:
    """Average score of one element (nilai rata-rata)."""
    if respondents <= 0:
        raise ValueError("NRR needs at least one respondent")
    return Fraction(score_sum, respondents)


def index_of(nrrs: Sequence[Fraction], weights: Sequence[Fraction] | None = None) -> Fraction:
    """IKM = Σ(NRR × weight); the weights must sum to exactly 1."""
    weights = tuple(weights) if weights is not None else default_weights(len(nrrs))
    if len(weights) != len(nrrs):
        raise ValueError("one weight per element")
    if sum(weights, Fraction(0)) != 1:
        raise ValueError("the weights must sum to 1")
    return sum(
        (Fraction(value) * weight for value, weight in zip(nrrs, weights, strict=True)), Fraction(0)
    )


def converted_value(index: Fraction) -> Decimal:
    """The index × 25, rounded half up to two decimals as the rule's table prints it."""
    exact = Decimal(index.numerator * CONVERSION_FACTOR) / Decimal(index.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def grade_of(converted: Decimal) -> Grade:
    for grade in GRADES:
        if converted >= grade.lowest:
            return grade
    return GRADES[-1]


def compute(
    score_sums: Sequence[int], respondents: int, weights: Sequence[Fraction] | None = None
) -> IkmResult:
    """IKM from the sum of scores per element and the number of respondents."""
    nrrs = tuple(nrr(total, respondents) for total in score_sums)
    index = index_of(nrrs, weights)
    converted = converted_value(index)
    return IkmResult(
        respondents=respondents,
        nrr=nrrs,
        index=index,
        converted=converted,
        grade=grade_of(converted),
    )


def sample_size(population: int) -> int:
    """Krejcie–Morgan minimum sample for a population, rounded as the published table is
    (to the nearest whole number): 100 → 80, 1000 → 278, 10 000 → 370."""
    if population <= 0:
        return 0
    n = Decimal(population)
    pq = KM_P * (1 - KM_P)
    s = (KM_CHI_SQUARE * n * pq) / (KM_D * KM_D * (n - 1) + KM_CHI_SQUARE * pq)
    return int(s.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
