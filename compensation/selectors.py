"""Reads of compensation that other layers use (personnel derives findings from these)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from applicants.models import Application
from compensation import ikm
from compensation.extensions import rostered_for
from compensation.ikm import IkmResult
from compensation.models import CompensationCase, CompensationItem, Complaint, SurveyResponse
from compensation.skm import ELEMENTS, FIELDS, GRADE_LABELS, Element
from satpas.models import Unit, User
from service_timing.models import StageRecord

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def attributed_cases(
    unit: Unit, start: dt.datetime, end: dt.datetime
) -> QuerySet[CompensationCase]:
    """Cases opened in [start, end) that name an officer (service timeliness findings)."""
    return (
        CompensationCase.objects.filter(
            unit=unit, opened_at__gte=start, opened_at__lt=end, attributed_officer__isnull=False
        )
        .select_related("application", "attributed_stage", "attributed_point", "attributed_officer")
        .order_by("opened_at", "pk")
    )


def substantiated_complaints(
    unit: Unit, start: dt.datetime, end: dt.datetime
) -> QuerySet[Complaint]:
    """Complaints resolved in [start, end) as substantiated against an officer (users' rating)."""
    return (
        Complaint.objects.filter(
            unit=unit,
            resolved_at__gte=start,
            resolved_at__lt=end,
            substantiated=True,
            about_officer__isnull=False,
        )
        .select_related("about_officer", "application")
        .order_by("resolved_at", "pk")
    )


def open_case_count(unit: Unit) -> int:
    """Cases still owed to applicants (the Kasat's home shows it)."""
    return CompensationCase.objects.filter(unit=unit, status=CompensationCase.Status.DUE).count()


def cases_per_officer(unit: Unit, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    """Cases opened in [start, end) per attributed officer and reason, counted in SQL:
    [{"officer_id", "officer_name", "officer_username", "reason", "count"}, …]."""
    rows = (
        CompensationCase.objects.filter(
            unit=unit, opened_at__gte=start, opened_at__lt=end, attributed_officer__isnull=False
        )
        .values(
            "attributed_officer_id",
            "attributed_officer__full_name",
            "attributed_officer__username",
            "reason",
        )
        .annotate(count=Count("pk"))
        .order_by("attributed_officer__full_name", "attributed_officer_id", "reason")
    )
    return [
        {
            "officer_id": row["attributed_officer_id"],
            "officer_name": row["attributed_officer__full_name"],
            "officer_username": row["attributed_officer__username"],
            "reason": row["reason"],
            "count": row["count"],
        }
        for row in rows
    ]


class Stock(TypedDict):
    stock: int


def items_with_stock(unit: Unit) -> QuerySet[WithAnnotations[CompensationItem, Stock]]:
    """The unit's items with their stock (sum of the ledger) as `stock`."""
    return CompensationItem.objects.filter(unit=unit).annotate(
        stock=Coalesce(Sum("movements__quantity"), 0)
    )


def low_stock_items(unit: Unit) -> list[WithAnnotations[CompensationItem, Stock]]:
    """Active items at or below their warning threshold (one query)."""
    return list(
        items_with_stock(unit)
        .filter(is_active=True, stock__lte=F("low_stock_threshold"))
        .order_by("name")
    )


def cases_of_application(application: Application) -> list[CompensationCase]:
    return list(
        CompensationCase.objects.filter(application=application)
        .select_related(
            "item", "attributed_stage", "attributed_point", "attributed_officer", "settled_by"
        )
        .order_by("opened_at", "pk")
    )


def case_register(
    unit: Unit,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> QuerySet[CompensationCase]:
    """The unit's cases opened in [start, end) (all when open-ended), newest first, with
    what the register shows; `compensation.filters.CaseFilter` narrows them."""
    cases = CompensationCase.objects.filter(unit=unit)
    if start is not None:
        cases = cases.filter(opened_at__gte=start)
    if end is not None:
        cases = cases.filter(opened_at__lt=end)
    return cases.select_related(
        "application__applicant",
        "attributed_stage",
        "attributed_point",
        "attributed_officer",
        "item",
        "settled_by",
    ).order_by("-opened_at", "-pk")


def case_counts(cases: QuerySet[CompensationCase]) -> dict[str, int]:
    """How many cases of a (filtered) register are in each state, in one query."""
    Status = CompensationCase.Status
    return cases.order_by().aggregate(
        total=Count("pk"),
        due=Count("pk", filter=Q(status=Status.DUE)),
        given=Count("pk", filter=Q(status=Status.GIVEN)),
        declined=Count("pk", filter=Q(status=Status.DECLINED)),
        waived=Count("pk", filter=Q(status=Status.WAIVED)),
    )


def unit_officers(unit: Unit) -> QuerySet[User]:
    return User.objects.filter(home_unit=unit, is_active=True).order_by("full_name")


def responsible_candidate_ids(application: Application) -> set[int]:
    """Users who may answer for a complaint about an application: whoever registered it or
    served one of its stages, and whoever was rostered at one of its counters that day."""
    served = set(
        StageRecord.objects.filter(application=application, served_by__isnull=False).values_list(
            "served_by", flat=True
        )
    )
    if application.registered_by_id is not None:  # nobody registers at the renewal kiosk
        served.add(application.registered_by_id)
    return served | rostered_for(application)


def responsible_candidates(application: Application | None) -> QuerySet[User]:
    """The officers a complaint's handler may choose from (none without an application)."""
    if application is None:
        return User.objects.none()
    return User.objects.filter(
        home_unit_id=application.unit_id, pk__in=responsible_candidate_ids(application)
    ).order_by("full_name")


# --- SKM / IKM --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ElementReport:
    element: Element
    nrr: Fraction
    weighted: Fraction
    counts: tuple[int, int, int, int]  # how many answered 1, 2, 3, 4


@dataclass(frozen=True)
class IkmReport:
    start: dt.datetime
    end: dt.datetime
    respondents: int
    population: int  # applicants registered in the period
    required_sample: int
    result: IkmResult | None
    elements: tuple[ElementReport, ...]

    @property
    def sample_reached(self) -> bool:
        return self.respondents >= self.required_sample

    @property
    def grade_label(self) -> Any:
        return GRADE_LABELS[self.result.grade.letter] if self.result else ""


def ikm_sums() -> dict[str, Any]:
    """Aggregates that `ikm_of` needs: respondents and the sum of scores per element."""
    return {"ikm_n": Count("pk"), **{f"ikm_{field}": Sum(field) for field in FIELDS}}


def ikm_of(row: Mapping[str, Any]) -> IkmResult | None:
    """The IKM of rows aggregated with `ikm_sums()`: the one way every page gets its value and
    grade (compensation.ikm: exact fractions, rounded half up once), or None without answers."""
    respondents = row.get("ikm_n") or 0
    if not respondents:
        return None
    return ikm.compute([row[f"ikm_{field}"] for field in FIELDS], respondents)


def ikm_report(unit: Unit, start: dt.datetime, end: dt.datetime) -> IkmReport:
    """SKM responses submitted in [start, end) aggregated in SQL (two queries), IKM computed
    by compensation.ikm exactly as PermenPANRB 14/2017."""
    aggregates: dict[str, Any] = {"n": Count("pk")}
    for field in FIELDS:
        aggregates[f"{field}_sum"] = Sum(field)
        for score in ikm.SCALE:
            aggregates[f"{field}_{score}"] = Count("pk", filter=Q(**{field: score}))
    row = SurveyResponse.objects.filter(
        unit=unit, submitted_at__gte=start, submitted_at__lt=end
    ).aggregate(**aggregates)
    population = Application.objects.filter(
        unit=unit, registered_at__gte=start, registered_at__lt=end
    ).count()
    respondents = row["n"]
    result = (
        ikm.compute([row[f"{field}_sum"] for field in FIELDS], respondents) if respondents else None
    )
    weights = ikm.default_weights()
    elements = tuple(
        ElementReport(
            element=element,
            nrr=result.nrr[i] if result else Fraction(0),
            weighted=result.nrr[i] * weights[i] if result else Fraction(0),
            counts=tuple(row[f"{element.field}_{score}"] for score in ikm.SCALE),
        )
        for i, element in enumerate(ELEMENTS)
    )
    return IkmReport(
        start=start,
        end=end,
        respondents=respondents,
        population=population,
        required_sample=ikm.sample_size(population),
        result=result,
        elements=elements,
    )


# --- complaints -------------------------------------------------------------------------------


def complaint_list(
    unit: Unit,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> QuerySet[Complaint]:
    """The unit's complaints received in [start, end) (all when open-ended), newest first;
    `compensation.filters.ComplaintFilter` narrows them."""
    complaints = Complaint.objects.filter(unit=unit)
    if start is not None:
        complaints = complaints.filter(received_at__gte=start)
    if end is not None:
        complaints = complaints.filter(received_at__lt=end)
    return complaints.select_related("application", "about_officer", "handled_by").order_by(
        "-received_at", "-pk"
    )


def complaint_handling(
    unit: Unit, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> dict[str, Any]:
    """Complaints received in [start, end) (all when open-ended) by status and the share
    finished (LKE: persentase penanganan pengaduan), in one query."""
    Status = Complaint.Status
    row = (
        complaint_list(unit, start=start, end=end)
        .order_by()
        .aggregate(
            total=Count("pk"),
            new=Count("pk", filter=Q(status=Status.NEW)),
            in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
            done=Count("pk", filter=Q(status=Status.DONE)),
        )
    )
    row["done_percent"] = round(100 * row["done"] / row["total"]) if row["total"] else None
    return row
