"""Complaints: channel, SP4N-LAPOR! reference, state, outcome, and the share handled.

Complaints register: every complaint received in the period with its channel, SP4N-LAPOR!
reference, state, outcome and follow-up notes, and the share handled (LKE iii; Reform:
persentase penanganan pengaduan masyarakat).

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import django_filters
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from compensation.models import Complaint, ComplaintNote
from compensation.selectors import complaint_handling, complaint_list
from evidence.registers import Register, yes_no
from evidence.reports.base import Content, Report
from evidence.reports.filters import ReportFilter
from evidence.workbook import Column, Sheet
from satpas.privacy import mask_text
from satpas.selectors import UnitPeriod

CHUNK = 2000
SUBSTANTIATED, NOT_SUBSTANTIATED, UNDECIDED = "ya", "tidak", "belum"


class Filters(ReportFilter):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Complaint.Status.choices, empty_label=_("Semua status")
    )
    saluran = django_filters.ChoiceFilter(
        field_name="channel",
        label=_("Saluran"),
        choices=Complaint.Channel.choices,
        empty_label=_("Semua saluran"),
    )
    terbukti = django_filters.ChoiceFilter(
        label=_("Terbukti"),
        choices=[
            (SUBSTANTIATED, _("Terbukti")),
            (NOT_SUBSTANTIATED, _("Tidak terbukti")),
            (UNDECIDED, _("Belum diputuskan")),
        ],
        empty_label=_("Semua"),
        method="outcome",
    )

    class Meta(ReportFilter.Meta):
        model = Complaint
        fields = ["status", "saluran", "terbukti"]

    def outcome(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        if value == UNDECIDED:
            return queryset.filter(substantiated__isnull=True)
        return queryset.filter(substantiated=value == SUBSTANTIATED)


def complaints(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[Complaint]:
    rows = complaint_list(period.unit, start=period.start_at, end=period.end_at)
    return filters.apply(rows) if filters is not None else rows


def handling(period: UnitPeriod) -> dict:
    """By state and the share finished (1 query)."""
    return complaint_handling(period.unit, period.start_at, period.end_at)


def per_channel(period: UnitPeriod) -> list[dict]:
    """Per channel: received, finished, substantiated (1 query)."""
    counted: dict[str, Mapping[str, Any]] = {
        row["channel"]: row
        for row in complaints(period)
        .order_by()
        .values("channel")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=Complaint.Status.DONE)),
            substantiated=Count("pk", filter=Q(substantiated=True)),
        )
    }
    return [
        {
            "channel": code,
            "label": label,
            "total": counted.get(code, {}).get("total", 0),
            "done": counted.get(code, {}).get("done", 0),
            "substantiated": counted.get(code, {}).get("substantiated", 0),
        }
        for code, label in Complaint.Channel.choices
    ]


def _complaints(period: UnitPeriod, filters: Filters | None, masked: bool) -> Iterator[list]:
    channels, statuses = dict(Complaint.Channel.choices), dict(Complaint.Status.choices)
    rows = (
        complaints(period, filters)
        .order_by("received_at", "pk")
        .annotate(note_count=Count("notes"))
        .values_list(
            "pk",
            "received_at",
            "channel",
            "lapor_reference",
            "application__queue_number",
            "application__service_date",
            "description",
            "about_officer__full_name",
            "status",
            "substantiated",
            "resolved_at",
            "handled_by__full_name",
            "note_count",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        pk,
        received,
        channel,
        reference,
        queue,
        day,
        description,
        officer,
        status,
        substantiated,
        resolved,
        handled_by,
        notes,
    ) in rows:
        days = (resolved - received).total_seconds() / 86400 if resolved else None
        yield [
            pk,
            received,
            str(channels.get(channel, channel)),
            reference,
            f"{queue} ({day:%d-%m-%Y})" if queue else "",
            mask_text(description) if masked else description,
            officer,
            str(statuses.get(status, status)),
            yes_no(substantiated),
            resolved,
            round(days, 1) if days is not None else None,
            handled_by,
            notes,
        ]


def _notes(period: UnitPeriod, filters: Filters | None, masked: bool) -> Iterator[list]:
    rows = (
        ComplaintNote.objects.filter(complaint__in=complaints(period, filters).values("pk"))
        .order_by("complaint__received_at", "complaint_id", "written_at", "pk")
        .values_list("complaint_id", "written_at", "written_by__full_name", "text")
        .iterator(chunk_size=CHUNK)
    )
    for complaint_id, written_at, by, text in rows:
        yield [complaint_id, written_at, by, mask_text(text) if masked else text]


def _summary(period: UnitPeriod) -> Iterator[list]:
    totals = handling(period)
    yield ["Diterima", totals["total"], ""]
    yield ["Baru (belum ditindaklanjuti)", totals["new"], ""]
    yield ["Sedang diproses", totals["in_progress"], ""]
    yield ["Selesai", totals["done"], totals["done_percent"]]
    for row in per_channel(period):
        yield [f"Saluran: {row['label']}", row["total"], row["done"]]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: Filters | None = None
) -> list[Sheet]:
    return [
        Sheet(
            "Ringkasan",
            [Column("Uraian", 36), Column("Jumlah", 10), Column("% selesai / selesai", 16)],
            _summary(period),
        ),
        Sheet(
            "Pengaduan",
            [
                Column("No.", 7),
                Column("Diterima", 17),
                Column("Saluran", 18),
                Column("Nomor SP4N-LAPOR!", 18),
                Column("Permohonan", 18),
                Column("Isi pengaduan", 50),
                Column("Petugas yang diadukan", 22),
                Column("Status", 11),
                Column("Terbukti", 9),
                Column("Selesai pada", 17),
                Column("Lama penanganan (hari)", 12),
                Column("Ditangani oleh", 22),
                Column("Tindak lanjut", 10),
            ],
            _complaints(period, filters, masked),
        ),
        Sheet(
            "Tindak lanjut",
            [
                Column("No. pengaduan", 10),
                Column("Waktu", 17),
                Column("Oleh", 22),
                Column("Tindak lanjut", 70),
            ],
            _notes(period, filters, masked),
        ),
    ]


REGISTER = Register(
    slug="07-pengaduan",
    title="Register pengaduan masyarakat dan penanganannya",
    indicator="Pemenuhan · Peningkatan Kualitas Pelayanan Publik · iii.a–iii.c pengelolaan pengaduan (kanal, SP4N-LAPOR!, evaluasi berkala); Reform · persentase penanganan pengaduan",
    sheets=sheets,
)


def content(period: UnitPeriod, filters: Filters) -> Content:
    rows = complaints(period, filters).annotate(note_count=Count("notes"))
    return Content(
        rows=rows,
        summary={
            "handling": handling(period),
            "per_channel": per_channel(period),
        },
    )


REPORT = Report(
    slug="complaints",
    path="pengaduan",
    title=_("Pengaduan"),
    description=_(
        "Pengaduan masyarakat dari setiap saluran (termasuk SP4N-LAPOR!), status, hasil dan tindak lanjutnya, serta persentase yang selesai ditangani."
    ),
    register=REGISTER,
    filters=Filters,
    permissions=("compensation.view_complaint",),
    content=content,
    template="reports/complaints.html",
)
