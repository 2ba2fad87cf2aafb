"""Service-time register: every application of the period against its standard, and the
summaries per type, per stage and per day (aggregated in SQL)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Avg, Count, F, Q

from applicants.models import Application, ApplicationType
from satpas.evidence.period import Period
from satpas.evidence.registers import Register
from satpas.evidence.workbook import Column, Sheet
from satpas.privacy import mask_name, mask_nik
from satpas.stats import DurationSeconds, percentiles
from service_timing.models import StageRecord
from service_timing.selectors import stage_name

CLOSED = [Application.Status.COMPLETED, Application.Status.NOT_PASSED]


def applications(period: Period):  # type: ignore[no-untyped-def]
    return Application.objects.filter(
        unit=period.unit, service_date__gte=period.start, service_date__lte=period.end
    )


def per_type(period: Period) -> list[dict]:
    """Count, within-standard share, breaches, median and 90th percentile per type."""
    closed = applications(period).filter(status__in=CLOSED, elapsed_minutes__isnull=False)
    counts = {
        row["application_type"]: row
        for row in closed.values("application_type").annotate(
            total=Count("pk"),
            within=Count("pk", filter=Q(elapsed_minutes__lte=F("standard_minutes"))),
            average=Avg("elapsed_minutes"),
        )
    }
    spread = percentiles(closed, value="elapsed_minutes", group="application_type")
    rows = []
    for kind in ApplicationType:
        row = counts.get(kind.value)
        if not row:
            continue
        p50, p90 = spread.get(kind.value, (None, None))
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


def per_stage(period: Period) -> list[dict]:
    """Per stage: records, average and 90th percentile of service minutes (start → finish)."""
    from django.db.models import DurationField, ExpressionWrapper

    duration = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    records = StageRecord.objects.filter(
        application__unit=period.unit,
        application__service_date__gte=period.start,
        application__service_date__lte=period.end,
        finished_at__isnull=False,
        started_at__isnull=False,
    ).annotate(seconds=DurationSeconds(duration))
    counts = {
        row["stage_id"]: row
        for row in records.values("stage_id").annotate(
            total=Count("pk"),
            failed=Count("pk", filter=Q(outcome=StageRecord.Outcome.FAILED)),
            average=Avg("seconds"),
        )
    }
    spread = percentiles(records, value="seconds", group="stage_id", fractions=(0.9,))
    rows = []
    for code, row in sorted(counts.items()):
        p90 = spread.get(code, (None,))[0]
        rows.append(
            {
                "stage": stage_name(code),
                "total": row["total"],
                "failed": row["failed"],
                "average": round(row["average"] / 60, 1) if row["average"] is not None else None,
                "p90": round(p90 / 60, 1) if p90 is not None else None,
            }
        )
    return rows


def per_day(period: Period) -> Iterator[list]:
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
        share = round(100 * row["within"] / row["closed"], 1) if row["closed"] else None
        yield [
            row["service_date"],
            row["total"],
            row["closed"],
            row["within"],
            row["closed"] - row["within"],
            share,
            round(row["average"] or 0, 1),
        ]


def _applications(period: Period) -> Iterator[list]:
    rows = (
        applications(period)
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
    types = dict(ApplicationType.choices)
    statuses = dict(Application.Status.choices)
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
        verdict = ""
        if elapsed is not None and standard is not None:
            verdict = "sesuai standar" if elapsed <= standard else "melebihi standar"
        yield [
            day,
            queue,
            str(types[kind]),
            sim,
            mask_nik(nik),
            mask_name(name),
            registered,
            closed,
            str(statuses[status]),
            elapsed,
            standard,
            verdict,
            comp or "",
        ]


def sheets(period: Period) -> list[Sheet]:
    return [
        Sheet(
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
        ),
        Sheet(
            "Per tahap",
            [
                Column("Tahap", 30),
                Column("Dilayani", 10),
                Column("Tidak lulus", 12),
                Column("Rata-rata layanan (mnt)", 20),
                Column("Persentil 90 (mnt)", 16),
            ],
            (
                [r["stage"], r["total"], r["failed"], r["average"], r["p90"]]
                for r in per_stage(period)
            ),
        ),
        Sheet(
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
        ),
        Sheet(
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
            _applications(period),
        ),
    ]


REGISTER = Register(
    slug="02-waktu-pelayanan",
    title="Register waktu pelayanan SIM terhadap standar",
    indicator="Peningkatan Kualitas Pelayanan Publik · kepatuhan standar waktu; Reform · Kecepatan Waktu Penyelesaian",
    sheets=sheets,
)
