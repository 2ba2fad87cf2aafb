"""SKM / IKM: the index per element and per month, the sample, and the anonymous responses.

SKM / IKM register (PermenPANRB 14/2017): the anonymous responses, and per month and for the
whole period the NRR of every element, the index, its converted value and grade, and the
Krejcie–Morgan sample the number of applicants requires against the responses received.

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import django_filters
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from applicants.models import Application
from compensation import ikm
from compensation.models import SurveyResponse
from compensation.skm import ELEMENTS, FIELDS
from evidence.registers import Register, yes_no
from evidence.reports.base import Content, Report
from evidence.reports.filters import ReportFilter
from evidence.workbook import Column, Sheet
from satpas.privacy import mask_text
from satpas.selectors import UnitPeriod

CHUNK = 2000
GRADE_LABELS = {grade.letter: grade.label for grade in ikm.GRADES}
CHANNELS = dict(SurveyResponse._meta.get_field("channel").flatchoices)


class Filters(ReportFilter):
    saluran = django_filters.ChoiceFilter(
        field_name="channel",
        label=_("Saluran"),
        choices=list(CHANNELS.items()),
        empty_label=_("Semua saluran"),
    )

    class Meta(ReportFilter.Meta):
        model = SurveyResponse
        fields = ["saluran"]


@dataclass(frozen=True)
class Element:
    name: str
    nrr: Decimal  # two decimals, as the report prints it
    weighted: Decimal
    counts: tuple[int, int, int, int]  # answers 1, 2, 3, 4


@dataclass(frozen=True)
class Result:
    label: str  # "11-2026" or "Periode"
    month: dt.date | None
    respondents: int
    population: int  # applications registered in the span
    required_sample: int
    index: Decimal | None  # 1.00–4.00, four decimals
    converted: Decimal | None  # 25.00–100.00
    grade: str
    grade_label: str
    elements: tuple[Element, ...]

    @property
    def sample_reached(self) -> bool:
        return self.respondents >= self.required_sample


def responses(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[SurveyResponse]:
    rows = SurveyResponse.objects.filter(
        unit=period.unit, submitted_at__gte=period.start_at, submitted_at__lt=period.end_at
    )
    return filters.apply(rows) if filters is not None else rows


def _aggregates() -> dict:
    aggregates: dict = {"n": Count("pk")}
    for field in FIELDS:
        aggregates[f"{field}_sum"] = Sum(field)
        for score in ikm.SCALE:
            aggregates[f"{field}_{score}"] = Count("pk", filter=Q(**{field: score}))
    return aggregates


def _result(label: str, month: dt.date | None, row: Mapping[str, Any], population: int) -> Result:
    respondents = row.get("n") or 0
    computed = (
        ikm.compute([row[f"{field}_sum"] for field in FIELDS], respondents) if respondents else None
    )
    weights = ikm.default_weights()
    elements = []
    for i, element in enumerate(ELEMENTS):
        nrr = computed.nrr[i] if computed else Fraction(0)
        elements.append(
            Element(
                name=str(element.name),
                nrr=_decimal(nrr, 2),
                weighted=_decimal(nrr * weights[i], 3),
                counts=tuple(row.get(f"{element.field}_{score}", 0) for score in ikm.SCALE),  # type: ignore[arg-type]
            )
        )
    return Result(
        label=label,
        month=month,
        respondents=respondents,
        population=population,
        required_sample=ikm.sample_size(population),
        index=_decimal(computed.index, 4) if computed else None,
        converted=computed.converted if computed else None,
        grade=computed.grade.letter if computed else "",
        grade_label=computed.grade.label if computed else "",
        elements=tuple(elements),
    )


def _decimal(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places))


def _month(value: dt.date | dt.datetime) -> dt.date:
    return (value.date() if isinstance(value, dt.datetime) else value).replace(day=1)


def results(period: UnitPeriod, filters: Filters | None = None) -> tuple[Result, list[Result]]:
    """The whole period and each month of it, computed exactly as the rule says from sums
    and counts aggregated in SQL (4 queries whatever the length of the period)."""
    rows = responses(period, filters)
    total = rows.aggregate(**_aggregates())
    monthly = {
        _month(row["month"]): row
        for row in rows.annotate(month=TruncMonth("submitted_at", tzinfo=period.zone))
        .values("month")
        .annotate(**_aggregates())
        .order_by()
    }
    registered = Application.objects.filter(
        unit=period.unit, registered_at__gte=period.start_at, registered_at__lt=period.end_at
    )
    population = {
        _month(row["month"]): row["count"]
        for row in registered.annotate(month=TruncMonth("registered_at", tzinfo=period.zone))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    }
    months = []
    for month in sorted(set(monthly) | set(population)):
        months.append(
            _result(f"{month:%m-%Y}", month, monthly.get(month, {}), population.get(month, 0))
        )
    whole = _result("Periode", None, total, sum(population.values()))
    return whole, months


def _responses(period: UnitPeriod, filters: Filters | None, masked: bool) -> Iterator[list]:
    rows = (
        responses(period, filters)
        .order_by("submitted_at", "pk")
        .values_list("submitted_at", "channel", *FIELDS, "comment")
        .iterator(chunk_size=CHUNK)
    )
    for submitted, channel, *rest in rows:
        scores, comment = rest[:-1], rest[-1]
        yield [
            submitted,
            str(CHANNELS.get(channel, channel)),
            *scores,
            round(sum(scores) / len(scores), 2),
            mask_text(comment) if masked else comment,
        ]


def _summary(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    whole, months = results(period, filters)
    for result in [*months, whole]:
        yield [
            result.label,
            result.respondents,
            result.population,
            result.required_sample,
            yes_no(result.sample_reached),
            result.index,
            result.converted,
            result.grade,
            result.grade_label,
        ]


def _elements(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    whole, months = results(period, filters)
    for result in [*months, whole]:
        if not result.respondents:
            continue
        for number, element in enumerate(result.elements, start=1):
            yield [
                result.label,
                f"U{number}",
                element.name,
                *element.counts,
                element.nrr,
                element.weighted,
            ]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: Filters | None = None
) -> list[Sheet]:
    return [
        Sheet(
            "IKM per bulan",
            [
                Column("Bulan", 12),
                Column("Responden", 11),
                Column("Pemohon (populasi)", 14),
                Column("Sampel minimal (Krejcie–Morgan)", 16),
                Column("Sampel terpenuhi", 11),
                Column("Nilai IKM (1–4)", 12),
                Column("Nilai konversi (25–100)", 14),
                Column("Mutu", 7),
                Column("Kinerja", 14),
            ],
            _summary(period, filters),
        ),
        Sheet(
            "NRR per unsur",
            [
                Column("Bulan", 12),
                Column("Unsur", 7),
                Column("Nama unsur", 36),
                Column("Jawaban 1", 10),
                Column("Jawaban 2", 10),
                Column("Jawaban 3", 10),
                Column("Jawaban 4", 10),
                Column("NRR", 8),
                Column("NRR tertimbang", 12),
            ],
            _elements(period, filters),
        ),
        Sheet(
            "Respons",
            [
                Column("Diisi pada", 17),
                Column("Saluran", 10),
                *[Column(f"U{i}", 5) for i in range(1, 10)],
                Column("Rata-rata", 9),
                Column("Saran / komentar", 50),
            ],
            _responses(period, filters, masked),
        ),
    ]


REGISTER = Register(
    slug="06-skm-ikm",
    title="Survei kepuasan masyarakat (SKM) dan indeks kepuasan (IKM)",
    indicator="Pemenuhan · Peningkatan Kualitas Pelayanan Publik · iv.a–iv.c penilaian kepuasan (SKM berkala, hasil dapat diakses, ditindaklanjuti)",
    sheets=sheets,
)


def content(period: UnitPeriod, filters: Filters) -> Content:
    whole, months = results(period, filters)
    return Content(
        rows=responses(period, filters).order_by("-submitted_at", "-pk"),
        summary={
            "whole": whole,
            "months": months,
            "chart": {
                "labels": [month.label for month in months],
                "bars": [month.respondents for month in months],
                "line": [float(month.converted) if month.converted else None for month in months],
                "bar_label": str(_("Responden")),
                "line_label": str(_("Nilai IKM (25–100)")),
                "line_max": 100,
            },
        },
    )


REPORT = Report(
    slug="satisfaction",
    path="skm-ikm",
    title=_("SKM / IKM"),
    description=_(
        "Survei kepuasan masyarakat (PermenPANRB 14/2017): NRR per unsur, nilai IKM dan mutu per bulan, sampel minimal dibanding responden, dan respons tanpa identitas."
    ),
    register=REGISTER,
    filters=Filters,
    permissions=("compensation.view_surveyresponse",),
    content=content,
    template="reports/satisfaction.html",
)
