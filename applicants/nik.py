"""NIK (Nomor Induk Kependudukan): 16 digits = province (2) + regency (2) + district (2) +
ddmmyy of birth (day + 40 for women) + serial (4). Pure functions, no database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Kemendagri province codes (Permendagri 72/2019 and the 2022 Papua provinces).
PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

NIK_RE = re.compile(r"^\d{16}$")


class InvalidNik(ValueError):
    """The NIK is malformed; the message says why, in the office's language."""


@dataclass(frozen=True)
class NikFacts:
    nik: str
    province: str
    birth_date: dt.date
    sex: str  # "L" (laki-laki) or "P" (perempuan)


def normalise(raw: str) -> str:
    """Digits only: KTP readers and people type spaces and dots."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse_nik(raw: str, *, today: dt.date) -> NikFacts:
    """Read province, sex and birth date from a NIK, or raise InvalidNik with the reason."""
    nik = normalise(raw)
    if not NIK_RE.match(nik):
        raise InvalidNik(_("NIK harus 16 angka (sekarang %(n)d karakter).") % {"n": len(nik)})
    province = nik[0:2]
    if province not in PROVINCES:
        raise InvalidNik(_("Kode provinsi %(code)s pada NIK tidak dikenal.") % {"code": province})
    if nik[2:4] == "00" or nik[4:6] == "00":
        raise InvalidNik(_("Kode kabupaten/kota atau kecamatan pada NIK tidak boleh 00."))
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        sex, day = "P", day - 40
    # Two-digit year: the latest century that does not put the birth in the future.
    year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    try:
        birth = dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidNik(_("Tanggal lahir pada NIK (digit 7–12) bukan tanggal yang ada.")) from exc
    if birth > today:
        birth = dt.date(year - 100, month, day)
    if nik[12:16] == "0000":
        raise InvalidNik(_("Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000."))
    return NikFacts(nik=nik, province=PROVINCES[province], birth_date=birth, sex=sex)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years of age on a day (a 29 February birthday counts on 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
