"""The register of SOP service-standard versions, with their per-stage allowances.

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicationType
from evidence.registers import Register
from evidence.reports.base import Content, Report
from evidence.reports.forms import PeriodForm, choice
from evidence.workbook import Column, Sheet
from satpas.selectors import UnitPeriod
from service_timing.models import ServiceStandard, StageAllowance
from service_timing.selectors import allowances_in_route_order, route_position, stage_name


@dataclass(frozen=True)
class Filters:
    application_type: str = ""


def versions(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[ServiceStandard]:
    """Every version of the unit (the register is the whole history, not only the period)."""
    rows = ServiceStandard.objects.filter(unit=period.unit)
    if filters and filters.application_type:
        rows = rows.filter(application_type=filters.application_type)
    return rows


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
    rows = StageAllowance.objects.filter(standard__unit=period.unit)
    if filters and filters.application_type:
        rows = rows.filter(standard__application_type=filters.application_type)
    return rows


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


class Form(PeriodForm):
    jenis = choice(_("Jenis"), ApplicationType.choices, all_label=_("Semua jenis"))

    def filters(self) -> Filters:
        return Filters(application_type=self.value("jenis") or "")


def content(period: UnitPeriod, form: Form) -> Content:
    rows = (
        versions(period, form.filters())
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
    form=Form,
    permissions=("service_timing.view_servicestandard",),
    content=content,
    template="reports/standards.html",
)
