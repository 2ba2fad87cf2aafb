"""The compensation register: cases with attribution and settlement, per type, item stock.

Compensation register: every case of the period with its attribution and settlement, the summary
per application type (the LKE asks for compensation for *all* service types), the item stock
ledger with running balances, and the unit's compensation rules.

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import django_filters
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicationType
from compensation.filters import CaseFields
from compensation.models import CompensationCase, CompensationItem, CompensationRule, StockMovement
from compensation.selectors import case_counts, case_register, unit_officers
from evidence.registers import Register, yes_no
from evidence.reports.base import Content, Report
from evidence.reports.filters import ReportFilter
from evidence.reports.service_time import CLOSED, applications
from evidence.workbook import Column, Sheet
from satpas.privacy import mask_name, mask_nik
from satpas.selectors import UnitPeriod
from service_timing.models import ServiceStandard

CHUNK = 2000


class Filters(ReportFilter, CaseFields):
    """The register's case filters, and the application type; the officers to choose from
    are the unit's."""

    jenis = django_filters.ChoiceFilter(
        field_name="application__application_type",
        label=_("Jenis"),
        choices=ApplicationType.choices,
        empty_label=_("Semua jenis"),
    )

    class Meta(ReportFilter.Meta):
        model = CompensationCase
        fields = ["status", "alasan", "jenis", "petugas"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_officers(unit_officers(self.unit).values_list("pk", "full_name"))


def cases(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[CompensationCase]:
    """Cases opened in the period that the filters keep (newest first, with their relations)."""
    rows = case_register(period.unit, start=period.start_at, end=period.end_at)
    return filters.apply(rows) if filters is not None else rows


def counts(period: UnitPeriod, filters: Filters | None = None) -> dict[str, int]:
    return case_counts(cases(period, filters))


def per_type(period: UnitPeriod) -> list[dict]:
    """For every application type (also those without a case): applications closed, closed
    over the standard, cases by reason and state, and the standard in force (4 queries)."""
    apps = {
        row["application_type"]: row
        for row in applications(period)
        .values("application_type")
        .annotate(
            closed=Count("pk", filter=Q(status__in=CLOSED)),
            breaches=Count(
                "pk", filter=Q(status__in=CLOSED, elapsed_minutes__gt=F("standard_minutes"))
            ),
        )
        .order_by()
    }
    Status, Reason = CompensationCase.Status, CompensationCase.Reason
    owed = {
        row["application__application_type"]: row
        for row in cases(period)
        .order_by()
        .values("application__application_type")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(reason=Reason.OVERDUE)),
            dissatisfied=Count("pk", filter=Q(reason=Reason.DISSATISFIED)),
            given=Count("pk", filter=Q(status=Status.GIVEN)),
            declined=Count("pk", filter=Q(status=Status.DECLINED)),
            waived=Count("pk", filter=Q(status=Status.WAIVED)),
            due=Count("pk", filter=Q(status=Status.DUE)),
        )
    }
    standards: dict[str, int] = {}
    for kind, minutes in (
        ServiceStandard.objects.filter(unit=period.unit, effective_from__lte=period.end)
        .order_by("application_type", "-effective_from")
        .values_list("application_type", "minutes")
    ):
        standards.setdefault(kind, minutes)
    has_rules = CompensationRule.objects.filter(unit=period.unit).exists()
    rows = []
    for kind in ApplicationType:
        app: Mapping[str, Any] = apps.get(kind.value, {})
        case: Mapping[str, Any] = owed.get(kind.value, {})
        total = case.get("total", 0)
        settled = case.get("given", 0) + case.get("declined", 0) + case.get("waived", 0)
        rows.append(
            {
                "type": kind.label,
                "standard": standards.get(kind.value),
                "covered": has_rules and kind.value in standards,
                "closed": app.get("closed", 0),
                "breaches": app.get("breaches", 0),
                "cases": total,
                "overdue": case.get("overdue", 0),
                "dissatisfied": case.get("dissatisfied", 0),
                "given": case.get("given", 0),
                "declined": case.get("declined", 0),
                "waived": case.get("waived", 0),
                "due": case.get("due", 0),
                "settled_share": round(100 * settled / total, 1) if total else None,
            }
        )
    return rows


def stock_summary(period: UnitPeriod) -> list[dict]:
    """Per item: balance before the period, received, given, adjusted, balance after (1 query)."""
    before = Q(movements__occurred_at__lt=period.start_at)
    during = Q(
        movements__occurred_at__gte=period.start_at, movements__occurred_at__lt=period.end_at
    )
    Kind = StockMovement.Kind

    def total(condition: Q) -> Coalesce:
        return Coalesce(Sum("movements__quantity", filter=condition), 0)

    rows = (
        CompensationItem.objects.filter(unit=period.unit)
        .annotate(
            opening=total(before),
            received=total(during & Q(movements__kind=Kind.RECEIVED)),
            given=total(during & Q(movements__kind=Kind.GIVEN)),
            adjusted=total(during & Q(movements__kind=Kind.ADJUSTED)),
        )
        .order_by("name")
        .values("pk", "name", "unit_label", "opening", "received", "given", "adjusted")
    )
    return [
        {
            **row,
            "given_out": -row["given"],
            "closing": row["opening"] + row["received"] + row["given"] + row["adjusted"],
        }
        for row in rows
    ]


def _cases(period: UnitPeriod, masked: bool, filters: Filters | None) -> Iterator[list]:
    reasons = dict(CompensationCase.Reason.choices)
    statuses = dict(CompensationCase.Status.choices)
    types = dict(ApplicationType.choices)
    rows = (
        cases(period, filters)
        .order_by("opened_at", "pk")
        .values_list(
            "opened_at",
            "application__service_date",
            "application__queue_number",
            "application__application_type",
            "application__applicant__nik",
            "application__applicant__full_name",
            "reason",
            "minutes_over",
            "attributed_stage__name",
            "attributed_point__number",
            "attributed_point__name",
            "attributed_officer__full_name",
            "attributed_officer__username",
            "attribution_note",
            "attributed_by__full_name",
            "status",
            "item__name",
            "settled_by__full_name",
            "settled_at",
            "acknowledged",
            "settlement_note",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        opened,
        day,
        queue,
        kind,
        nik,
        name,
        reason,
        minutes_over,
        stage,
        point_number,
        point_name,
        officer,
        officer_number,
        note,
        attributed_by,
        status,
        item,
        settled_by,
        settled_at,
        acknowledged,
        settlement_note,
    ) in rows:
        yield [
            opened,
            day,
            queue,
            str(types.get(kind, kind)),
            mask_nik(nik) if masked else nik,
            mask_name(name) if masked else name,
            str(reasons.get(reason, reason)),
            minutes_over if reason == CompensationCase.Reason.OVERDUE else None,
            stage,
            f"Loket {point_number} · {point_name}" if point_number else "",
            officer,
            officer_number,
            f"{note} (manual: {attributed_by})" if attributed_by else note,
            str(statuses.get(status, status)),
            item,
            settled_by,
            settled_at,
            yes_no(acknowledged) if status == CompensationCase.Status.GIVEN else "",
            settlement_note,
        ]


def _per_type(period: UnitPeriod) -> Iterator[list]:
    for row in per_type(period):
        yield [
            row["type"],
            row["standard"],
            yes_no(row["covered"]),
            row["closed"],
            row["breaches"],
            row["cases"],
            row["overdue"],
            row["dissatisfied"],
            row["given"],
            row["declined"],
            row["waived"],
            row["due"],
            row["settled_share"],
        ]


def _stock(period: UnitPeriod) -> Iterator[list]:
    """The ledger with a running balance per item, starting from the balance before the
    period (only one balance per item is held at a time)."""
    opening = {row["pk"]: row["opening"] for row in stock_summary(period)}
    kinds = dict(StockMovement.Kind.choices)
    rows = (
        StockMovement.objects.filter(
            item__unit=period.unit,
            occurred_at__gte=period.start_at,
            occurred_at__lt=period.end_at,
        )
        .order_by("item__name", "occurred_at", "pk")
        .values_list(
            "item_id",
            "item__name",
            "occurred_at",
            "kind",
            "quantity",
            "case__application__queue_number",
            "case__application__service_date",
            "supplied_by__full_name",
            "recorded_by__full_name",
            "note",
        )
        .iterator(chunk_size=CHUNK)
    )
    balance: dict[int, int] = {}
    for item_id, item, when, kind, quantity, queue, day, supplied_by, recorded_by, note in rows:
        balance[item_id] = balance.get(item_id, opening.get(item_id, 0)) + quantity
        yield [
            when,
            item,
            str(kinds.get(kind, kind)),
            quantity,
            balance[item_id],
            f"{queue} ({day:%d-%m-%Y})" if queue else "",
            supplied_by,
            recorded_by,
            note,
        ]


def _stock_summary(period: UnitPeriod) -> Iterator[list]:
    for row in stock_summary(period):
        yield [
            row["name"],
            row["unit_label"],
            row["opening"],
            row["received"],
            row["given_out"],
            row["adjusted"],
            row["closing"],
        ]


def _rules(period: UnitPeriod) -> Iterator[list]:
    for rule in (
        CompensationRule.objects.filter(unit=period.unit)
        .prefetch_related("items")
        .order_by("min_minutes_over")
        .iterator(chunk_size=100)
    ):
        yield [
            rule.min_minutes_over,
            ", ".join(item.name for item in rule.items.all()),
            rule.note,
            yes_no(rule.is_default),
        ]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: Filters | None = None
) -> list[Sheet]:
    return [
        Sheet(
            "Per jenis layanan",
            [
                Column("Jenis permohonan", 26),
                Column("Standar (menit)", 12),
                Column("Kompensasi berlaku", 14),
                Column("Permohonan ditutup", 14),
                Column("Melebihi standar", 12),
                Column("Kasus", 9),
                Column("Karena terlambat", 12),
                Column("Karena kurang puas", 12),
                Column("Diberikan", 10),
                Column("Ditolak pemohon", 12),
                Column("Dibebaskan", 11),
                Column("Terutang", 10),
                Column("% diselesaikan", 12),
            ],
            _per_type(period),
        ),
        Sheet(
            "Kasus kompensasi",
            [
                Column("Dibuka", 17),
                Column("Tanggal layanan", 12),
                Column("Antrean", 9),
                Column("Jenis permohonan", 24),
                Column("NIK", 19),
                Column("Nama", 18),
                Column("Alasan", 22),
                Column("Menit lewat standar", 12),
                Column("Tahap", 22),
                Column("Loket", 22),
                Column("Petugas", 22),
                Column("NRP/NIP petugas", 20),
                Column("Catatan atribusi", 30),
                Column("Status", 18),
                Column("Barang", 14),
                Column("Diselesaikan oleh", 22),
                Column("Diselesaikan pada", 17),
                Column("Diterima pemohon", 10),
                Column("Catatan", 30),
            ],
            _cases(period, masked, filters),
        ),
        Sheet(
            "Stok barang",
            [
                Column("Barang", 18),
                Column("Satuan", 9),
                Column("Saldo awal", 11),
                Column("Diterima", 10),
                Column("Diberikan", 10),
                Column("Penyesuaian", 12),
                Column("Saldo akhir", 11),
            ],
            _stock_summary(period),
        ),
        Sheet(
            "Mutasi stok",
            [
                Column("Waktu", 17),
                Column("Barang", 18),
                Column("Jenis", 12),
                Column("Jumlah", 9),
                Column("Saldo", 9),
                Column("Kasus (antrean)", 18),
                Column("Disediakan oleh petugas", 22),
                Column("Dicatat oleh", 22),
                Column("Keterangan", 30),
            ],
            _stock(period),
        ),
        Sheet(
            "Aturan kompensasi",
            [
                Column("Mulai dari (menit lewat standar)", 16),
                Column("Barang yang ditawarkan", 30),
                Column("Catatan", 40),
                Column("Bawaan", 9),
            ],
            _rules(period),
        ),
    ]


REGISTER = Register(
    slug="03-kompensasi",
    title="Register kompensasi kepada penerima layanan",
    indicator="Pemenuhan · Peningkatan Kualitas Pelayanan Publik · ii.d sistem pemberian kompensasi bila layanan tidak sesuai standar (semua jenis layanan)",
    sheets=sheets,
)


def content(period: UnitPeriod, filters: Filters) -> Content:
    rows = cases(period, filters)
    return Content(
        rows=rows,
        summary={
            "counts": counts(period, filters),
            "per_type": per_type(period),
            "stock": stock_summary(period),
        },
    )


REPORT = Report(
    slug="compensation",
    path="kompensasi",
    title=_("Kompensasi"),
    description=_(
        "Kompensasi kepada pemohon bila layanan melewati standar atau pemohon kurang puas: kasus, petugas, penyerahan, per jenis layanan dan stok barang."
    ),
    register=REGISTER,
    filters=Filters,
    permissions=("compensation.view_compensationcase",),
    content=content,
    template="reports/compensation.html",
)
