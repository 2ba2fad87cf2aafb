"""Register of SOP service-standard versions and their per-stage allowances."""

from __future__ import annotations

from collections.abc import Iterator

from satpas.evidence.period import Period
from satpas.evidence.registers import Register
from satpas.evidence.workbook import Column, Sheet
from service_timing.models import ServiceStandard, StageAllowance
from service_timing.selectors import stage_name


def _versions(period: Period) -> Iterator[list]:
    for standard in (
        ServiceStandard.objects.filter(unit=period.unit)
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
        ]


def _allowances(period: Period) -> Iterator[list]:
    for allowance in (
        StageAllowance.objects.filter(standard__unit=period.unit)
        .select_related("standard")
        .order_by("standard__application_type", "standard__effective_from", "stage_id")
        .iterator(chunk_size=1000)
    ):
        yield [
            allowance.standard.get_application_type_display(),
            allowance.standard.effective_from,
            stage_name(allowance.stage_id),
            allowance.minutes,
        ]


def sheets(period: Period) -> list[Sheet]:
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
            ],
            _versions(period),
        ),
        Sheet(
            "Alokasi per tahap",
            [
                Column("Jenis permohonan", 26),
                Column("Versi berlaku mulai", 16),
                Column("Tahap", 30),
                Column("Alokasi (menit)", 14),
            ],
            _allowances(period),
        ),
    ]


REGISTER = Register(
    slug="01-standar-pelayanan",
    title="Register versi standar waktu pelayanan (SOP)",
    indicator="Pemenuhan · Peningkatan Kualitas Pelayanan Publik · i.a–i.c Standar Pelayanan",
    sheets=sheets,
)
