"""The SMK semester recommendation as an Excel workbook (openpyxl, write-only: constant memory)."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from personnel import selectors
from personnel.models import Rank
from satpas.models import Unit
from satpas.spreadsheets import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def semester_workbook(unit: Unit, year: int, half: int) -> bytes:
    months = _("Januari–Juni") if half == 1 else _("Juli–Desember")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Rekomendasi SMK"))
    bold = Font(bold=True)

    def heading(text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        return cell

    sheet.append([heading(_("Rekomendasi penyesuaian nilai SMK"))])
    sheet.append(
        [
            safe_cell(sheet, unit.name),
            _("Semester %(half)d %(year)d (%(months)s)")
            % {"half": half, "year": year, "months": months},
        ]
    )
    sheet.append(
        [
            _(
                "Hanya penyesuaian yang disetujui Kasat Lantas. Rekomendasi bagi pejabat penilai SMK, bukan nilai SMK itu sendiri."
            )
        ]
    )
    sheet.append([])
    sheet.append(
        [
            heading(text)
            for text in (
                _("NRP/NIP"),
                _("Nama"),
                _("Pangkat"),
                _("Jabatan"),
                _("Disiplin"),
                _("Kinerja"),
                _("Penilaian pengguna"),
                _("Penghargaan"),
                _("Sanksi"),
                _("Rekomendasi penyesuaian"),
                _("Jumlah catatan"),
            )
        ]
    )
    ranks = dict(Rank.choices)
    for row in selectors.semester_totals(unit, year, half):
        values = [
            row["number"],
            row["full_name"],
            ranks.get(row["rank"], row["rank"]),
            row["position"],
            row["discipline"],
            row["performance"],
            row["users"],
            row["rewards"],
            row["punishments"],
            row["total"],
            row["entries"],
        ]
        sheet.append([safe_cell(sheet, value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def semester_workbook_response(unit: Unit, year: int, half: int) -> HttpResponse:
    response = HttpResponse(semester_workbook(unit, year, half), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="rekomendasi-smk-{unit.code}-{year}-{half}.xlsx"'
    )
    return response
