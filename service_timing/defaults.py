"""Default stages, routes, standards and counters (DOMAIN.md §1–§2), all editable in admin.

The stage catalogue arrives by data migration; each unit gets its routes, standards and one
counter per stage from `install_unit_defaults`, which runs when a unit is created and from
`manage.py install_defaults`. It never overwrites what a unit has changed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from applicants.models import ApplicationType as T
from satpas.models import Unit

# code, name, is_test
STAGES: list[tuple[str, str, bool]] = [
    ("REG", "Pendaftaran (formulir)", False),
    ("VERIF", "Verifikasi dokumen", False),
    ("BAYAR", "Pembayaran PNBP", False),
    ("BIO", "Foto, sidik jari & tanda tangan", False),
    ("TEORI", "Ujian teori", True),
    ("SIMULATOR", "Ujian simulator", True),
    ("PRAKTIK", "Ujian praktik", True),
    ("CETAK", "Pencetakan SIM", False),
    ("SERAH", "Penyerahan SIM", False),
]

WITH_TESTS = ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "SIMULATOR", "PRAKTIK", "CETAK", "SERAH"]
WITHOUT_TESTS = ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"]
UMUM_ONLY = {"SIMULATOR"}

# Tests for new and upgraded SIMs only; penurunan and mutasi without tests are DEFAULTS.
ROUTES: dict[str, list[str]] = {
    T.BARU: WITH_TESTS,
    T.PENINGKATAN: WITH_TESTS,
    T.PERPANJANGAN: WITHOUT_TESTS,
    T.PENURUNAN: WITHOUT_TESTS,
    T.PERUBAHAN_DATA: WITHOUT_TESTS,
    T.HILANG_RUSAK: WITHOUT_TESTS,
    T.MUTASI: WITHOUT_TESTS,
}

# DEFAULT standards (minutes): baru 120 and perpanjangan 60 as Satpas Polres Aceh Timur.
STANDARD_MINUTES: dict[str, int] = {
    T.BARU: 120,
    T.PENINGKATAN: 120,
    T.PERPANJANGAN: 60,
    T.PENURUNAN: 60,
    T.PERUBAHAN_DATA: 60,
    T.HILANG_RUSAK: 60,
    T.MUTASI: 60,
}

# Per-stage allowances (waiting plus service), after Surabaya's split and Indoberita's test
# times (theory 25 minutes for 30 questions, simulator 15). All of a type's allowances,
# the SIM Umum simulator included, add up to at most its standard: an applicant served
# within every allowance is never overdue (tests/service_timing/test_defaults.py).
ALLOWANCES_WITH_TESTS = {
    "REG": 10,
    "VERIF": 15,
    "BAYAR": 10,
    "BIO": 10,
    "TEORI": 25,
    "SIMULATOR": 15,
    "PRAKTIK": 20,
    "CETAK": 10,
    "SERAH": 5,
}
ALLOWANCES_WITHOUT_TESTS = {"REG": 10, "VERIF": 10, "BAYAR": 10, "BIO": 15, "CETAK": 10, "SERAH": 5}

DEFAULT_EFFECTIVE_FROM = dt.date(2022, 5, 18)
DEFAULT_SOP_REFERENCE = "SOP revisi 18 Mei 2022 (standar bawaan, sesuaikan dengan SOP satuan)"

# One counter per stage, numbered in route order.
COUNTERS: list[tuple[int, str, str]] = [
    (1, "Pendaftaran", "REG"),
    (2, "Verifikasi", "VERIF"),
    (3, "Pembayaran (Bank)", "BAYAR"),
    (4, "Foto & Sidik Jari", "BIO"),
    (5, "Ruang Ujian Teori", "TEORI"),
    (6, "Simulator", "SIMULATOR"),
    (7, "Lapangan Ujian Praktik", "PRAKTIK"),
    (8, "Pencetakan", "CETAK"),
    (9, "Penyerahan SIM", "SERAH"),
]


@transaction.atomic
def install_unit_defaults(unit: Unit) -> dict[str, int]:
    """Create what a unit lacks of the defaults; returns how many rows were made."""
    from service_timing.models import (
        RouteStep,
        ServicePoint,
        ServiceStandard,
        StageAllowance,
    )

    made = {"routes": 0, "standards": 0, "counters": 0}
    for application_type, codes in ROUTES.items():
        if RouteStep.objects.filter(unit=unit, application_type=application_type).exists():
            continue
        RouteStep.objects.bulk_create(
            RouteStep(
                unit=unit,
                application_type=application_type,
                stage_id=code,
                position=position,
                umum_only=code in UMUM_ONLY,
                is_default=True,
            )
            for position, code in enumerate(codes, start=1)
        )
        made["routes"] += 1
    for application_type, minutes in STANDARD_MINUTES.items():
        if ServiceStandard.objects.filter(unit=unit, application_type=application_type).exists():
            continue
        standard = ServiceStandard.objects.create(
            unit=unit,
            application_type=application_type,
            minutes=minutes,
            effective_from=DEFAULT_EFFECTIVE_FROM,
            sop_reference=DEFAULT_SOP_REFERENCE,
            is_default=True,
        )
        allowances = (
            ALLOWANCES_WITH_TESTS
            if "TEORI" in ROUTES[application_type]
            else ALLOWANCES_WITHOUT_TESTS
        )
        for code, allowance in allowances.items():
            StageAllowance.objects.create(standard=standard, stage_id=code, minutes=allowance)
        made["standards"] += 1
    if not ServicePoint.objects.filter(unit=unit).exists():
        for number, name, code in COUNTERS:
            ServicePoint.objects.create(unit=unit, number=number, name=name, stage_id=code)
            made["counters"] += 1
    return made
