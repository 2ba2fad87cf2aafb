"""The regional view as a workbook: the units side by side, then each unit per type."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext as _

from evidence.regional.figures import UnitFigures
from evidence.workbook import Column, Sheet
from satpas import periods


def sheets(
    rows: Sequence[UnitFigures], types: Sequence[tuple[str, str]], period: periods.Period
) -> list[Sheet]:
    note = _("Periode %(period)s") % {"period": period.label()}
    return [
        Sheet(
            title=_("Satuan"),
            columns=[
                Column(_("Kode"), 10),
                Column(_("Satuan"), 34),
                Column(_("Wilayah"), 24),
                Column(_("Permohonan"), 12),
                Column(_("Selesai"), 10),
                Column(_("Sesuai standar"), 14),
                Column(_("Sesuai standar (%)"), 16),
                Column(_("Median (menit)"), 14),
                Column(_("P90 (menit)"), 12),
                Column(_("Kompensasi terutang"), 18),
                Column(_("Kompensasi diberikan"), 18),
                Column(_("Kompensasi belum diberikan"), 22),
                Column(_("Responden SKM"), 14),
                Column(_("IKM"), 10),
                Column(_("Mutu"), 8),
                Column(_("Temuan"), 10),
                Column(_("Temuan sanksi"), 14),
                Column(_("Temuan penghargaan"), 18),
                Column(_("Rujukan disiplin dibuka"), 20),
                Column(_("Rujukan disiplin belum diputus"), 24),
            ],
            rows=_units(rows),
            note=note,
        ),
        Sheet(
            title=_("Per jenis"),
            columns=[
                Column(_("Kode"), 10),
                Column(_("Satuan"), 34),
                Column(_("Jenis"), 22),
                Column(_("Selesai"), 10),
                Column(_("Sesuai standar"), 14),
                Column(_("Sesuai standar (%)"), 16),
                Column(_("Median (menit)"), 14),
                Column(_("P90 (menit)"), 12),
            ],
            rows=_per_type(rows, types),
            note=note,
        ),
    ]


def _units(rows: Sequence[UnitFigures]) -> Iterator[list]:
    for row in rows:
        yield [
            row.unit.code,
            row.unit.name,
            row.unit.region,
            row.applications,
            row.closed,
            row.within,
            row.share,
            row.median,
            row.p90,
            row.owed,
            row.given,
            row.still_due,
            row.respondents,
            row.ikm,
            row.grade,
            row.findings,
            row.punishments,
            row.rewards,
            row.referrals,
            row.open_referrals,
        ]


def _per_type(rows: Sequence[UnitFigures], types: Sequence[tuple[str, str]]) -> Iterator[list]:
    for row in rows:
        for value, label in types:
            figures = row.per_type.get(value)
            if figures is None:
                continue
            yield [
                row.unit.code,
                row.unit.name,
                label,
                figures.total,
                figures.within,
                figures.share,
                figures.median,
                figures.p90,
            ]
