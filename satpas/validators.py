"""Identifier formats of Polri personnel (DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NRP_RE = re.compile(r"^\d{8}$")
NIP_RE = re.compile(r"^\d{18}$")


def nip_problem(nip: str) -> str | None:
    """Why an 18-digit NIP is not well formed, or None (Perka BKN 22/2007)."""
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        dt.date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        return str(_("NIP memuat tanggal lahir atau TMT CPNS yang tidak valid."))
    if nip[14] not in "12":
        return str(_("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."))
    if int(nip[8:12]) < birth.year + 15:
        return str(_("TMT CPNS pada NIP terlalu dekat dengan tanggal lahir."))
    return None


def validate_personnel_number(value: str) -> None:
    """An NRP (8 digits) or a NIP (18 digits: birth date, TMT CPNS, sex, serial)."""
    if NRP_RE.match(value):
        return
    if NIP_RE.match(value):
        problem = nip_problem(value)
        if problem:
            raise ValidationError(problem, code="invalid_nip")
        return
    raise ValidationError(
        _("Isi NRP (8 angka) atau NIP (18 angka), tanpa spasi atau tanda baca."),
        code="invalid_personnel_number",
    )


def nrp_warning(value: str) -> str | None:
    """A soft warning only: the meaning of NRP digits is not published (DOMAIN.md §6)."""
    if NRP_RE.match(value) and not 1 <= int(value[2:4]) <= 12:
        return str(_("Digit ke-3 dan ke-4 NRP biasanya bulan (01–12); periksa kembali."))
    return None
