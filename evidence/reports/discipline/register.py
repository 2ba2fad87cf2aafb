"""The discipline register's sheets (the Excel download and the evidence pack).

Discipline logs: attendance (10-minute tolerance), appearance and 3S, professionalism and the
cleanliness of the service points, with the violations per month against the same months a
year earlier (Reform: penurunan pelanggaran disiplin pegawai)."""

from __future__ import annotations

from collections.abc import Iterator

from evidence.registers import Register, short_rank, yes_no
from evidence.reports.discipline.queries import (
    APPEARANCE,
    ATTENDANCE,
    CLEANLINESS,
    PROFESSIONALISM,
    Filters,
    a_year_earlier,
    checks,
    comparison,
    per_month,
)
from evidence.reports.filters import FormFilters
from evidence.workbook import Column, Sheet
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    ProfessionalismAssessment,
    Severity,
)
from satpas.selectors import UnitPeriod

CHUNK = 2000


def _attendance(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
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
            short_rank(rank),
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


def _appearance(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
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
            short_rank(rank),
            *items,
            yes_no(passed),
            "" if passed else str(severities.get(severity, severity)),
            yes_no(bool(photo)),
            note,
            by,
            at,
        ]


def _professionalism(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
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
            short_rank(rank),
            *scores,
            yes_no(passed),
            "" if passed else str(severities.get(severity, severity)),
            note,
            by,
            at,
        ]


def _cleanliness(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
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


def _per_month(period: UnitPeriod) -> Iterator[list]:
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


def _comparison(period: UnitPeriod) -> Iterator[list]:
    earlier = a_year_earlier(period)
    figures = comparison(period)
    for label, span, row in (
        ("Periode ini", period, figures["now"]),
        ("Periode yang sama tahun sebelumnya", earlier, figures["before"]),
    ):
        yield [label, span.start, span.end, row["found"], row["sanctioned"], row["heavy"]]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: FormFilters | None = None
) -> list[Sheet]:
    chosen: Filters | None = filters.values() if filters is not None else None

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
            _attendance(period, chosen),
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
            _appearance(period, chosen),
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
            _professionalism(period, chosen),
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
            _cleanliness(period, chosen),
        ),
    ]


REGISTER = Register(
    slug="05-disiplin",
    title="Log pemeriksaan disiplin, sikap tampang, profesionalisme dan kebersihan",
    indicator="Penataan SDM · aturan disiplin/kode etik/kode perilaku dilaksanakan; Reform · penurunan pelanggaran disiplin pegawai",
    sheets=sheets,
)
