"""Service time against the SOP standard: per type, per stage, per day, and each application.

Service-time register: every application of the period against its standard, and the summaries
per type, per stage and per day (aggregated in SQL).

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import django_filters
from django.db.models import Avg, Case, Count, F, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, ApplicationType
from evidence.prefetch import Later
from evidence.registers import Register
from evidence.reports import service_hours
from evidence.reports.base import Content, Report
from evidence.reports.filters import ReportFilter
from evidence.workbook import Column, Sheet
from satpas.privacy import mask_name, mask_nik
from satpas.selectors import UnitPeriod
from satpas.stats import summarise
from service_timing.models import StageRecord
from service_timing.selectors import heatmap, stage_name, stage_order, stages_by_code
from service_timing.selectors.sql import MinutesBetween

CLOSED = [Application.Status.COMPLETED, Application.Status.NOT_PASSED]
WITHIN, BREACHED = "sesuai", "melebihi"


class Filters(ReportFilter):
    jenis = django_filters.ChoiceFilter(
        field_name="application_type",
        label=_("Jenis"),
        choices=ApplicationType.choices,
        empty_label=_("Semua jenis"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Application.Status.choices, empty_label=_("Semua status")
    )
    penilaian = django_filters.ChoiceFilter(
        label=_("Penilaian"),
        choices=[(WITHIN, _("Sesuai standar")), (BREACHED, _("Melebihi standar"))],
        empty_label=_("Semua"),
        method="verdict",
    )
    # Picks the stage of the waiting heat map; the rows are not narrowed by it.
    tahap = django_filters.ChoiceFilter(
        label=_("Tahap peta tunggu"),
        choices=lambda: [(code, stage.name) for code, stage in stages_by_code().items()],
        empty_label=_("Semua tahap"),
        method=lambda queryset, name, value: queryset,
    )

    class Meta(ReportFilter.Meta):
        model = Application
        fields = ["jenis", "status", "penilaian", "tahap"]

    def verdict(
        self, queryset: QuerySet[Application], name: str, value: str
    ) -> QuerySet[Application]:
        """Closed applications only: an open one has no verdict yet."""
        closed = queryset.filter(status__in=CLOSED)
        if value == WITHIN:
            return closed.filter(elapsed_minutes__lte=F("standard_minutes"))
        return closed.filter(elapsed_minutes__gt=F("standard_minutes"))


def applications(period: UnitPeriod) -> QuerySet[Application]:
    return Application.objects.filter(
        unit=period.unit, service_date__gte=period.start, service_date__lte=period.end
    )


def application_rows(period: UnitPeriod, filters: Filters | None = None) -> QuerySet[Application]:
    """The applications of the period that the filters keep (the detail of the report)."""
    rows = applications(period)
    return filters.apply(rows) if filters is not None else rows


def overall(period: UnitPeriod) -> dict:
    """The period at a glance: registered, closed, within the standard, breaches, median, p90."""
    # The percentiles are of the closed applications only (a withdrawn one has minutes too).
    ((totals, spread),) = summarise(
        applications(period).annotate(
            closed_minutes=Case(When(status__in=CLOSED, then=F("elapsed_minutes")))
        ),
        value="closed_minutes",
        aggregates={
            "total": Count("pk"),
            "closed": Count("pk", filter=Q(status__in=CLOSED)),
            "within": Count(
                "pk", filter=Q(status__in=CLOSED, elapsed_minutes__lte=F("standard_minutes"))
            ),
        },
    ).values()
    closed = totals["closed"] or 0
    totals["share"] = round(100 * totals["within"] / closed, 1) if closed else None
    totals["breaches"] = closed - (totals["within"] or 0)
    totals["median"] = round(spread[0], 1) if spread[0] is not None else None
    totals["p90"] = round(spread[1], 1) if spread[1] is not None else None
    return totals


def per_type(period: UnitPeriod) -> list[dict]:
    """Count, within-standard share, breaches, median and 90th percentile per type."""
    closed = applications(period).filter(status__in=CLOSED, elapsed_minutes__isnull=False)
    summary = summarise(
        closed,
        value="elapsed_minutes",
        group="application_type",
        aggregates={
            "total": Count("pk"),
            "within": Count("pk", filter=Q(elapsed_minutes__lte=F("standard_minutes"))),
            "average": Avg("elapsed_minutes"),
        },
    )
    rows = []
    for kind in ApplicationType:
        if kind.value not in summary:
            continue
        row, (p50, p90) = summary[kind.value]
        rows.append(
            {
                "type": kind.label,
                "total": row["total"],
                "within": row["within"],
                "breaches": row["total"] - row["within"],
                "share": round(100 * row["within"] / row["total"], 1),
                "average": round(row["average"] or 0, 1),
                "median": round(p50, 1) if p50 is not None else None,
                "p90": round(p90, 1) if p90 is not None else None,
            }
        )
    return rows


def per_stage(period: UnitPeriod, order: Mapping[str, int] | None = None) -> list[dict]:
    """Per stage: records, average and 90th percentile of service minutes (start → finish)."""
    records = StageRecord.objects.filter(
        application__unit=period.unit,
        application__service_date__gte=period.start,
        application__service_date__lte=period.end,
        finished_at__isnull=False,
        started_at__isnull=False,
    ).annotate(minutes=MinutesBetween("started_at", "finished_at"))
    summary = summarise(
        records,
        value="minutes",
        group="stage_id",
        fractions=(0.9,),
        aggregates={
            "total": Count("pk"),
            "failed": Count("pk", filter=Q(outcome=StageRecord.Outcome.FAILED)),
            "average": Avg("minutes"),
        },
    )
    if order is None:
        order = stage_order(period.unit)
    rows = []
    for code, (row, (p90,)) in sorted(
        summary.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
    ):
        rows.append(
            {
                "stage": stage_name(code),
                "total": row["total"],
                "failed": row["failed"],
                "average": round(row["average"], 1) if row["average"] is not None else None,
                "p90": round(p90, 1) if p90 is not None else None,
            }
        )
    return rows


def queue_per_stage_hour(period: UnitPeriod, calls: heatmap.QueueCells | None = None) -> list[dict]:
    """Queue waiting before each stage's counters, per stage and hour of the call (office
    time): how long applicants waited from ready (the previous stage finished, or
    registration) until called. Queue capacity is the unit's matter (roster, counters), never
    an officer's finding: this is where it is read (DESIGN.md, "Judging people fairly").
    The weekday × hour cells of `heatmap.queue_cells` summed over the weekdays (its one
    query, none when the caller passes them)."""
    if calls is None:
        calls = heatmap.queue_cells(period.unit, period.start, period.end)
    called: Counter[tuple[str, int]] = Counter()
    minutes: dict[tuple[str, int], float] = defaultdict(float)
    longest: dict[tuple[str, int], float] = {}
    for (stage, _weekday, hour), cell in calls.items():
        key = (stage, hour)
        called[key] += cell.called
        minutes[key] += cell.minutes
        longest[key] = max(longest.get(key, cell.longest), cell.longest)
    return [
        {
            "stage": stage_name(stage),
            "hour": hour,
            "called": called[stage, hour],
            "average": round(max(0.0, minutes[stage, hour] / called[stage, hour]), 1),
            "longest": round(max(0.0, longest[stage, hour]), 1),
        }
        for stage, hour in sorted(called)
    ]


def per_day(period: UnitPeriod) -> Iterator[list]:
    for row in per_day_rows(period):
        yield [
            row["service_date"],
            row["total"],
            row["closed"],
            row["within"],
            row["breaches"],
            row["share"],
            row["average"],
        ]


def per_day_rows(period: UnitPeriod) -> Iterator[dict]:
    """One row per office day with applications (at most one per day of the period)."""
    rows = (
        applications(period)
        .values("service_date")
        .annotate(
            total=Count("pk"),
            closed=Count("pk", filter=Q(status__in=CLOSED)),
            within=Count(
                "pk", filter=Q(status__in=CLOSED, elapsed_minutes__lte=F("standard_minutes"))
            ),
            average=Avg("elapsed_minutes", filter=Q(status__in=CLOSED)),
        )
        .order_by("service_date")
    )
    for row in rows:
        yield {
            **row,
            "breaches": row["closed"] - row["within"],
            "share": round(100 * row["within"] / row["closed"], 1) if row["closed"] else None,
            "average": round(row["average"] or 0, 1),
        }


def verdict_of(elapsed: int | None, standard: int | None) -> str:
    if elapsed is None or standard is None:
        return ""
    return "sesuai standar" if elapsed <= standard else "melebihi standar"


def _applications(period: UnitPeriod, masked: bool, filters: Filters | None) -> Iterator[list]:
    rows = (
        application_rows(period, filters)
        .order_by("service_date", "registered_at")
        .values_list(
            "service_date",
            "queue_number",
            "application_type",
            "sim_class",
            "applicant__nik",
            "applicant__full_name",
            "registered_at",
            "closed_at",
            "status",
            "elapsed_minutes",
            "standard_minutes",
            "compensation_state",
        )
        .iterator(chunk_size=2000)
    )
    # Translated once, not once per row.
    types = {value: str(label) for value, label in ApplicationType.choices}
    statuses = {value: str(label) for value, label in Application.Status.choices}
    for (
        day,
        queue,
        kind,
        sim,
        nik,
        name,
        registered,
        closed,
        status,
        elapsed,
        standard,
        comp,
    ) in rows:
        yield [
            day,
            queue,
            types[kind],
            sim,
            mask_nik(nik) if masked else nik,
            mask_name(name) if masked else name,
            registered,
            closed,
            statuses[status],
            elapsed,
            standard,
            verdict_of(elapsed, standard),
            comp or "",
        ]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: Filters | None = None
) -> Iterator[Sheet]:
    order = stage_order(period.unit)  # the stage sheet's and the heat-map sheet's
    # The two slow summaries start now (in a pack's worker, beside the first sheets).
    stages = Later(per_stage, period, order)
    calls = Later(heatmap.queue_cells, period.unit, period.start, period.end)
    yield Sheet(
        "Ringkasan per jenis",
        [
            Column("Jenis", 26),
            Column("Selesai", 10),
            Column("Sesuai standar", 14),
            Column("Melebihi", 10),
            Column("% sesuai", 10),
            Column("Rata-rata (mnt)", 14),
            Column("Median (mnt)", 13),
            Column("Persentil 90 (mnt)", 16),
        ],
        (
            [
                r["type"],
                r["total"],
                r["within"],
                r["breaches"],
                r["share"],
                r["average"],
                r["median"],
                r["p90"],
            ]
            for r in per_type(period)
        ),
    )
    yield Sheet(
        "Per tahap",
        [
            Column("Tahap", 30),
            Column("Dilayani", 10),
            Column("Tidak lulus", 12),
            Column("Rata-rata layanan (mnt)", 20),
            Column("Persentil 90 (mnt)", 16),
        ],
        ([r["stage"], r["total"], r["failed"], r["average"], r["p90"]] for r in stages()),
    )
    yield Sheet(
        "Antrean per tahap dan jam",
        [
            Column("Tahap", 30),
            Column("Jam dipanggil", 12),
            Column("Dipanggil", 10),
            Column("Rata-rata menunggu (mnt)", 20),
            Column("Terlama menunggu (mnt)", 20),
        ],
        (
            [r["stage"], f"{r['hour']:02d}.00", r["called"], r["average"], r["longest"]]
            for r in queue_per_stage_hour(period, calls())
        ),
        note="Waktu tunggu antrean adalah kapasitas satuan (jadwal, jumlah loket), bukan "
        "temuan petugas.",
    )
    yield service_hours.sheet(period, order=order, calls=calls())
    yield Sheet(
        "Per hari",
        [
            Column("Tanggal", 12),
            Column("Permohonan", 12),
            Column("Ditutup", 10),
            Column("Sesuai standar", 14),
            Column("Melebihi", 10),
            Column("% sesuai", 10),
            Column("Rata-rata (mnt)", 14),
        ],
        per_day(period),
    )
    yield Sheet(
        "Per permohonan",
        [
            Column("Tanggal", 12),
            Column("Antrean", 9),
            Column("Jenis", 24),
            Column("Gol.", 9),
            Column("NIK", 19),
            Column("Nama", 18),
            Column("Didaftarkan", 17),
            Column("Ditutup", 17),
            Column("Status", 13),
            Column("Waktu (mnt)", 11),
            Column("Standar (mnt)", 12),
            Column("Penilaian", 16),
            Column("Kompensasi", 11),
        ],
        _applications(period, masked, filters),
    )


REGISTER = Register(
    slug="02-waktu-pelayanan",
    title="Register waktu pelayanan SIM terhadap standar",
    indicator="Peningkatan Kualitas Pelayanan Publik · kepatuhan standar waktu; Reform · Kecepatan Waktu Penyelesaian",
    sheets=sheets,
)


def _stage(filters: Filters) -> str | None:
    """The stage of the waiting heat map; every stage when the form is not valid."""
    return filters.form.cleaned_data.get("tahap") or None if filters.is_valid() else None


def content(period: UnitPeriod, filters: Filters) -> Content:
    order = stage_order(period.unit)  # the stage table's and the waiting map's (one query)
    calls = heatmap.queue_cells(period.unit, period.start, period.end)  # both queue tables'
    summary: dict[str, Any] = {
        "overall": overall(period),
        "per_type": per_type(period),
        "per_stage": per_stage(period, order),
        "queue": queue_per_stage_hour(period, calls),
        "per_day": list(per_day_rows(period)),  # one row per office day at most
        "hours": service_hours.summary(period, _stage(filters), order=order, calls=calls),
    }
    summary["chart"] = {
        "labels": [f"{row['service_date']:%d-%m}" for row in summary["per_day"]],
        "bars": [row["total"] for row in summary["per_day"]],
        "line": [row["share"] for row in summary["per_day"]],
        "bar_label": str(_("Permohonan")),
        "line_label": str(_("Persentase sesuai standar")),
        "line_max": 100,
    }
    rows = (
        application_rows(period, filters)
        .select_related("applicant")
        .order_by("-service_date", "-registered_at", "-pk")
    )
    return Content(rows=rows, summary=summary)


REPORT = Report(
    slug="service_time",
    path="waktu-pelayanan",
    title=_("Waktu pelayanan"),
    description=_(
        "Waktu pelayanan setiap permohonan terhadap standar SOP: per jenis, per tahap dan per hari, median dan persentil 90, serta pelanggaran standar."
    ),
    register=REGISTER,
    filters=Filters,
    permissions=("applicants.view_application",),
    content=content,
    template="reports/service_time.html",
)
