"""The register of SOP service-standard versions, with their per-stage allowances.

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

from collections.abc import Iterator

import django_filters
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicationType
from evidence.registers import Register
from evidence.reports.base import Content, Report
from evidence.reports.filters import ReportFilter
from evidence.workbook import Column, Sheet
from satpas.selectors import UnitPeriod
from service_timing.models import ServiceStandard, StageAllowance
from service_timing.selectors import allowances_in_route_order, route_position, stage_name


class Filters(ReportFilter):
    jenis = django_filters.ChoiceFilter(
        field_name="application_type",
        label=_("Jenis"),
        choices=ApplicationType.choices,
        empty_label=_("Semua jenis"),
    )

    class Meta(ReportFilter.Meta):
        model = ServiceStandard
        fields = ["jenis"]


def versions(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[ServiceStandard]:
    """Every version of the unit (the register is the whole history, not only the period)."""
    rows = ServiceStandard.objects.filter(unit=period.unit)
    return filters.apply(rows) if filters is not None else rows


def in_force_during(period: UnitPeriod) -> set[int]:
    """Versions that judged at least one day of the period: per type, the latest version on
    or before the first day, and every version that starts inside the period (1 query)."""
    rows = (
        ServiceStandard.objects.filter(unit=period.unit, effective_from__lte=period.end)
        .order_by("application_type", "-effective_from")
        .values_list("pk", "application_type", "effective_from")
    )
    found: set[int] = set()
    before: set[str] = set()
    for pk, kind, effective_from in rows:
        if effective_from > period.start:
            found.add(pk)
        elif kind not in before:
            before.add(kind)
            found.add(pk)
    return found


def allowances(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[StageAllowance]:
    """The allowances of the versions that the filters keep."""
    rows = StageAllowance.objects.filter(standard__unit=period.unit)
    if filters is None:
        return rows
    return rows.filter(standard__in=versions(period, filters).values("pk"))


def _versions(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    in_force = in_force_during(period)
    for standard in (
        versions(period, filters)
        .select_related("created_by")
        .order_by("application_type", "effective_from")
        .iterator(chunk_size=500)
    ):
        yield [
            standard.get_application_type_display(),
            standard.minutes,
            standard.warning_percent,
            standard.effective_from,
            standard.sop_reference,
            "ya" if standard.is_default else "tidak",
            standard.created_at,
            standard.created_by.full_name if standard.created_by else "",
            "ya" if standard.pk in in_force else "tidak",
        ]


def _allowances(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    for allowance in (
        allowances(period, filters)
        .select_related("standard")
        .annotate(route_position=route_position())
        .order_by(
            "standard__application_type", "standard__effective_from", "route_position", "stage_id"
        )
        .iterator(chunk_size=1000)
    ):
        yield [
            allowance.standard.get_application_type_display(),
            allowance.standard.effective_from,
            stage_name(allowance.stage_id),
            allowance.minutes,
        ]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: Filters | None = None
) -> list[Sheet]:
    return [
        Sheet(
            "Versi standar",
            [
                Column("Jenis permohonan", 26),
                Column("Standar (menit)", 12),
                Column("Ambang peringatan (%)", 14),
                Column("Berlaku mulai", 14),
                Column("Dasar SOP", 50),
                Column("Bawaan", 9),
                Column("Dibuat", 18),
                Column("Dibuat oleh", 24),
                Column("Berlaku pada periode", 12),
            ],
            _versions(period, filters),
        ),
        Sheet(
            "Alokasi per tahap",
            [
                Column("Jenis permohonan", 26),
                Column("Versi berlaku mulai", 16),
                Column("Tahap", 30),
                Column("Alokasi (menit)", 14),
            ],
            _allowances(period, filters),
        ),
    ]


REGISTER = Register(
    slug="01-standar-pelayanan",
    title="Register versi standar waktu pelayanan (SOP)",
    indicator="Pemenuhan · Peningkatan Kualitas Pelayanan Publik · i.a–i.c Standar Pelayanan",
    sheets=sheets,
)


def content(period: UnitPeriod, filters: Filters) -> Content:
    rows = (
        versions(period, filters)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "allowances",
                queryset=allowances_in_route_order(StageAllowance.objects.select_related("stage")),
            )
        )
        .order_by("application_type", "-effective_from", "-pk")
    )
    return Content(rows=rows, summary={"in_force": in_force_during(period)})


REPORT = Report(
    slug="standards",
    path="standar-pelayanan",
    title=_("Versi standar pelayanan"),
    description=_(
        "Setiap versi standar waktu pelayanan (SOP) per jenis permohonan dan alokasinya per tahap; versi yang berlaku pada periode ditandai."
    ),
    register=REGISTER,
    filters=Filters,
    permissions=("service_timing.view_servicestandard",),
    content=content,
    template="reports/standards.html",
)
