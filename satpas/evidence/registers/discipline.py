"""Discipline logs: attendance (10-minute tolerance), appearance and 3S, professionalism and the
cleanliness of the service points, with the violations per month against the same months a
year earlier (Reform: penurunan pelanggaran disiplin pegawai)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    Finding,
    ProfessionalismAssessment,
    Rank,
    ScoreAdjustment,
    Severity,
)
from personnel.scoring import DISCIPLINE, LKE_BASIS
from satpas.evidence.period import Period
from satpas.evidence.registers import Register, yes_no
from satpas.evidence.workbook import Column, Sheet

CHUNK = 2000
ATTENDANCE, APPEARANCE, PROFESSIONALISM, CLEANLINESS = (
    "kehadiran",
    "sikap-tampang",
    "profesionalisme",
    "kebersihan",
)
KINDS = [ATTENDANCE, APPEARANCE, PROFESSIONALISM, CLEANLINESS]
PASSED, FAILED = "memenuhi", "tidak"
DISCIPLINE_CRITERIA = [code for code, basis in LKE_BASIS.items() if basis == DISCIPLINE]


@dataclass(frozen=True)
class Filters:
    officer_id: int | None = None
    result: str = ""  # PASSED or FAILED


def _in_period(model: type, period: Period) -> QuerySet:
    return model.objects.filter(
        unit=period.unit, checked_on__gte=period.start, checked_on__lte=period.end
    )


def checks(kind: str, period: Period, filters: Filters | None = None) -> QuerySet:
    """The checks of one kind in the period that the filters keep."""
    filters = filters or Filters()
    if kind == ATTENDANCE:
        rows = _in_period(AttendanceCheck, period)
        failed = Q(is_late=True) | Q(status=AttendanceCheck.Status.ABSENT)
    elif kind == CLEANLINESS:
        rows = _in_period(CleanlinessCheck, period)
        failed = Q(passed=False)
    else:
        model = AppearanceCheck if kind == APPEARANCE else ProfessionalismAssessment
        rows = _in_period(model, period)
        failed = Q(passed=False)
    if filters.officer_id:
        if kind == CLEANLINESS:
            # A point's check falls on the officers on duty there that day.
            rows = rows.filter(
                service_point__duty_shifts__officer_id=filters.officer_id,
                service_point__duty_shifts__date=F("checked_on"),
            ).distinct()
        else:
            rows = rows.filter(officer_id=filters.officer_id)
    if filters.result == FAILED:
        rows = rows.filter(failed)
    elif filters.result == PASSED:
        rows = rows.exclude(failed)
    return rows


def totals(period: Period, filters: Filters | None = None) -> dict[str, dict[str, int]]:
    """Checks and violations of each kind in the period, for one officer or all (4 queries):
    {"attendance": {checks, late, absent, failed}, "appearance": {checks, failed}, …}."""
    base = Filters(officer_id=filters.officer_id if filters else None)
    attendance = checks(ATTENDANCE, period, base).aggregate(
        checks=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        absent=Count("pk", filter=Q(status=AttendanceCheck.Status.ABSENT)),
    )
    attendance["failed"] = attendance["late"] + attendance["absent"]
    result = {"attendance": attendance}
    for name, kind in (
        ("appearance", APPEARANCE),
        ("professionalism", PROFESSIONALISM),
        ("cleanliness", CLEANLINESS),
    ):
        result[name] = checks(kind, period, base).aggregate(
            checks=Count("pk", distinct=kind == CLEANLINESS),
            failed=Count("pk", filter=Q(passed=False), distinct=kind == CLEANLINESS),
        )
    return result


def per_month(period: Period) -> list[dict]:
    """Violations per month of the period (4 queries, grouped in SQL)."""
    months: dict[dt.date, dict] = {}

    def merge(rows: QuerySet, **names: str) -> None:
        for row in rows:
            month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
            entry = months.setdefault(month, {"month": month})
            for name, column in names.items():
                entry[name] = row[column]

    merge(
        _in_period(AttendanceCheck, period)
        .annotate(month=TruncMonth("checked_on"))
        .values("month")
        .annotate(
            checks=Count("pk"),
            late=Count("pk", filter=Q(is_late=True)),
            absent=Count("pk", filter=Q(status=AttendanceCheck.Status.ABSENT)),
        )
        .order_by(),
        attendance="checks",
        late="late",
        absent="absent",
    )
    for model, checks_name, failed_name in (
        (AppearanceCheck, "appearance", "appearance_failed"),
        (ProfessionalismAssessment, "professionalism", "professionalism_failed"),
        (CleanlinessCheck, "cleanliness", "cleanliness_failed"),
    ):
        merge(
            _in_period(model, period)
            .annotate(month=TruncMonth("checked_on"))
            .values("month")
            .annotate(checks=Count("pk"), failed=Count("pk", filter=Q(passed=False)))
            .order_by(),
            **{checks_name: "checks", failed_name: "failed"},
        )
    rows = []
    for month in sorted(months):
        entry = {
            key: months[month].get(key, 0)
            for key in (
                "attendance",
                "late",
                "absent",
                "appearance",
                "appearance_failed",
                "professionalism",
                "professionalism_failed",
                "cleanliness",
                "cleanliness_failed",
            )
        }
        entry["month"] = month
        entry["violations"] = (
            entry["late"]
            + entry["absent"]
            + entry["appearance_failed"]
            + entry["professionalism_failed"]
            + entry["cleanliness_failed"]
        )
        rows.append(entry)
    return rows


def a_year_earlier(period: Period) -> Period:
    def back(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)

    return Period(period.unit, back(period.start), back(period.end))


def violations(period: Period) -> dict[str, int]:
    """Discipline violations found in the period (punishment findings on the discipline
    criteria) and how many were sanctioned: an approved adjustment or a referral (1 query)."""
    return Finding.objects.filter(
        unit=period.unit,
        occurred_on__gte=period.start,
        occurred_on__lte=period.end,
        kind=Finding.Kind.PUNISHMENT,
        criterion__in=DISCIPLINE_CRITERIA,
        status=Finding.Status.ACTIVE,  # a withdrawn finding is not a violation
    ).aggregate(
        found=Count("pk"),
        sanctioned=Count(
            "pk",
            filter=Q(adjustment__status=ScoreAdjustment.Status.APPROVED)
            | Q(referral__isnull=False),
        ),
        heavy=Count("pk", filter=Q(severity=Severity.BERAT)),
    )


def comparison(period: Period) -> dict[str, dict[str, int]]:
    return {"now": violations(period), "before": violations(a_year_earlier(period))}


def _rank(code: str) -> str:
    return dict(Rank.choices).get(code, code).split(" (")[0]


def _attendance(period: Period, filters: Filters | None) -> Iterator[list]:
    statuses = dict(AttendanceCheck.Status.choices)
    rows = (
        checks(ATTENDANCE, period, filters)
        .order_by("checked_on", "shift__starts_at", "pk")
        .values_list(
            "checked_on",
            "officer__number",
            "officer__full_name",
            "officer__rank",
            "shift__service_point__number",
            "shift__starts_at",
            "status",
            "arrived_at",
            "minutes_late",
            "tolerance_minutes",
            "is_late",
            "note",
            "recorded_by__full_name",
            "recorded_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for (
        day,
        number,
        name,
        rank,
        point,
        starts,
        status,
        arrived,
        late,
        tolerance,
        is_late,
        note,
        by,
        at,
    ) in rows:
        yield [
            day,
            number,
            name,
            _rank(rank),
            f"Loket {point}" if point else "",
            starts.strftime("%H.%M") if starts else "",
            str(statuses.get(status, status)),
            arrived,
            late,
            tolerance,
            yes_no(is_late),
            note,
            by,
            at,
        ]


def _appearance(period: Period, filters: Filters | None) -> Iterator[list]:
    severities = dict(Severity.choices)
    fields = [f"{item}_ok" for item in AppearanceCheck.ITEMS]
    notes = [f"{item}_note" for item in AppearanceCheck.ITEMS]
    rows = (
        checks(APPEARANCE, period, filters)
        .order_by("checked_on", "recorded_at", "pk")
        .values_list(
            "checked_on",
            "officer__number",
            "officer__full_name",
            "officer__rank",
            *fields,
            *notes,
            "passed",
            "severity",
            "photo",
            "note",
            "recorded_by__full_name",
            "recorded_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    count = len(fields)
    for row in rows:
        day, number, name, rank = row[:4]
        oks, texts = row[4 : 4 + count], row[4 + count : 4 + 2 * count]
        passed, severity, photo, note, by, at = row[4 + 2 * count :]
        items = [
            "ya" if ok else (f"tidak: {text}" if text else "tidak")
            for ok, text in zip(oks, texts, strict=True)
        ]
        yield [
            day,
            number,
            name,
            _rank(rank),
            *items,
            yes_no(passed),
            "" if passed else str(severities.get(severity, severity)),
            yes_no(bool(photo)),
            note,
            by,
            at,
        ]


def _professionalism(period: Period, filters: Filters | None) -> Iterator[list]:
    severities = dict(Severity.choices)
    rows = (
        checks(PROFESSIONALISM, period, filters)
        .order_by("checked_on", "recorded_at", "pk")
        .values_list(
            "checked_on",
            "officer__number",
            "officer__full_name",
            "officer__rank",
            *ProfessionalismAssessment.ASPECTS,
            "passed",
            "severity",
            "note",
            "recorded_by__full_name",
            "recorded_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        day, number, name, rank, *scores = row[:8]
        passed, severity, note, by, at = row[8:]
        yield [
            day,
            number,
            name,
            _rank(rank),
            *scores,
            yes_no(passed),
            "" if passed else str(severities.get(severity, severity)),
            note,
            by,
            at,
        ]


def _cleanliness(period: Period, filters: Filters | None) -> Iterator[list]:
    severities = dict(Severity.choices)
    fields = [f"{item}_ok" for item in CleanlinessCheck.ITEMS]
    rows = (
        checks(CLEANLINESS, period, filters)
        .order_by("checked_on", "recorded_at", "pk")
        .values_list(
            "checked_on",
            "service_point__number",
            "service_point__name",
            *fields,
            "passed",
            "severity",
            "photo",
            "note",
            "recorded_by__full_name",
            "recorded_at",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        day, number, point = row[:3]
        oks = row[3 : 3 + len(fields)]
        passed, severity, photo, note, by, at = row[3 + len(fields) :]
        yield [
            day,
            f"Loket {number} · {point}",
            *[yes_no(ok) for ok in oks],
            yes_no(passed),
            "" if passed else str(severities.get(severity, severity)),
            yes_no(bool(photo)),
            note,
            by,
            at,
        ]


def _per_month(period: Period) -> Iterator[list]:
    for row in per_month(period):
        yield [
            row["month"],
            row["attendance"],
            row["late"],
            row["absent"],
            row["appearance"],
            row["appearance_failed"],
            row["professionalism"],
            row["professionalism_failed"],
            row["cleanliness"],
            row["cleanliness_failed"],
            row["violations"],
        ]


def _comparison(period: Period) -> Iterator[list]:
    earlier = a_year_earlier(period)
    figures = comparison(period)
    for label, span, row in (
        ("Periode ini", period, figures["now"]),
        ("Periode yang sama tahun sebelumnya", earlier, figures["before"]),
    ):
        yield [label, span.start, span.end, row["found"], row["sanctioned"], row["heavy"]]


def sheets(period: Period, *, masked: bool = True, filters: Filters | None = None) -> list[Sheet]:
    def officer_columns() -> list[Column]:
        return [
            Column("Tanggal", 12),
            Column("NRP/NIP", 20),
            Column("Nama", 24),
            Column("Pangkat", 10),
        ]

    checker = [Column("Dicatat oleh", 22), Column("Dicatat pada", 17)]
    return [
        Sheet(
            "Ringkasan per bulan",
            [
                Column("Bulan", 12),
                Column("Cek kehadiran", 11),
                Column("Terlambat", 10),
                Column("Tidak hadir", 10),
                Column("Cek sikap tampang", 12),
                Column("Tidak memenuhi", 10),
                Column("Penilaian profesionalisme", 14),
                Column("Tidak memenuhi", 10),
                Column("Cek kebersihan", 11),
                Column("Tidak memenuhi", 10),
                Column("Jumlah pelanggaran", 12),
            ],
            _per_month(period),
        ),
        Sheet(
            "Pelanggaran dibanding",
            [
                Column("Periode", 34),
                Column("Dari", 12),
                Column("Sampai", 12),
                Column("Pelanggaran disiplin", 14),
                Column("Dikenai sanksi", 12),
                Column("Berat", 8),
            ],
            _comparison(period),
        ),
        Sheet(
            "Kehadiran",
            [
                *officer_columns(),
                Column("Loket", 10),
                Column("Jadwal mulai", 10),
                Column("Kehadiran", 22),
                Column("Waktu datang", 17),
                Column("Menit terlambat", 10),
                Column("Toleransi (menit)", 10),
                Column("Terlambat", 10),
                Column("Catatan", 30),
                *checker,
            ],
            _attendance(period, filters),
        ),
        Sheet(
            "Sikap tampang",
            [
                *officer_columns(),
                Column("Rambut", 14),
                Column("Cukur", 14),
                Column("Seragam", 14),
                Column("Sepatu", 14),
                Column("Papan nama/atribut", 14),
                Column("3S", 14),
                Column("Memenuhi", 10),
                Column("Tingkat", 9),
                Column("Foto", 7),
                Column("Catatan", 30),
                *checker,
            ],
            _appearance(period, filters),
        ),
        Sheet(
            "Profesionalisme",
            [
                *officer_columns(),
                Column("Penguasaan SOP", 11),
                Column("Ketelitian", 10),
                Column("Sikap dan komunikasi", 12),
                Column("Integritas", 10),
                Column("Memenuhi", 10),
                Column("Tingkat", 9),
                Column("Catatan", 30),
                *checker,
            ],
            _professionalism(period, filters),
        ),
        Sheet(
            "Kebersihan loket",
            [
                Column("Tanggal", 12),
                Column("Loket", 26),
                Column("Lantai, meja, loket", 12),
                Column("Tempat sampah", 12),
                Column("Ruang tunggu", 12),
                Column("Cuci tangan", 12),
                Column("Hand sanitiser", 12),
                Column("Memenuhi", 10),
                Column("Tingkat", 9),
                Column("Foto", 7),
                Column("Catatan", 30),
                *checker,
            ],
            _cleanliness(period, filters),
        ),
    ]


REGISTER = Register(
    slug="05-disiplin",
    title="Log pemeriksaan disiplin, sikap tampang, profesionalisme dan kebersihan",
    indicator="Penataan SDM · aturan disiplin/kode etik/kode perilaku dilaksanakan; Reform · penurunan pelanggaran disiplin pegawai",
    sheets=sheets,
)
