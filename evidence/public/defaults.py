"""What the public page shows where a unit has configured nothing: the customary pledge,
the requirements of Perpol 5/2021 (as amended by Perpol 2/2023) and the PNBP tariff of
PP 76/2020 (DOMAIN.md §1). Pure data, no Django: a unit's own rows replace them.

These are the unit's published texts (data the unit may rewrite), not interface strings,
so they are kept in Indonesian and not translated.
"""

from __future__ import annotations

# The customary wording of a maklumat pelayanan (PermenPANRB 15/2014, Lampiran: "Maklumat
# Pelayanan"), with the unit's own compensation promise.
PLEDGE = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan SIM sesuai standar "
    "pelayanan yang telah ditetapkan, dan apabila tidak menepati janji ini, kami siap "
    "menerima sanksi sesuai peraturan perundang-undangan yang berlaku.\n"
    "Apabila pelayanan melebihi standar waktu, pemohon berhak atas kompensasi."
)

_FORM = "Formulir permohonan SIM (manual atau elektronik)"
_KTP = "KTP-el asli (WNA: dokumen keimigrasian)"
_OLD_SIM = "SIM lama"
_HEALTH = "Surat keterangan sehat jasmani dari dokter (berlaku 14 hari)"
_PSYCHOLOGY = "Surat lulus tes psikologi (berlaku 6 bulan)"
_JKN = "Bukti kepesertaan aktif JKN/BPJS Kesehatan"
_SCHOOL = (
    "Sertifikat diklat mengemudi dari sekolah mengemudi terakreditasi (paling lama 6 bulan) "
    "atau surat hasil verifikasi kompetensi"
)
_PNBP = "Bukti pembayaran PNBP"

# Perpol 5/2021 Pasal 9 (Perpol 2/2023); renewal needs health and psychology again
# (DOMAIN.md §1); a lost SIM needs the police loss report, a damaged one the old card.
REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "BARU": (_FORM, _KTP, _SCHOOL, _HEALTH, _PSYCHOLOGY, _JKN, _PNBP),
    "PERPANJANGAN": (_FORM, _KTP, _OLD_SIM, _HEALTH, _PSYCHOLOGY, _JKN, _PNBP),
    "PENINGKATAN": (
        _FORM,
        _KTP,
        "SIM golongan sebelumnya (dimiliki paling sedikit 12 bulan)",
        _SCHOOL,
        _HEALTH,
        _PSYCHOLOGY,
        _JKN,
        _PNBP,
    ),
    "PENURUNAN": (_FORM, _KTP, _OLD_SIM, _HEALTH, _PSYCHOLOGY, _JKN, _PNBP),
    "PERUBAHAN_DATA": (_FORM, _KTP, _OLD_SIM, "Dokumen pendukung perubahan data", _JKN, _PNBP),
    "HILANG_RUSAK": (
        _FORM,
        _KTP,
        "Surat keterangan kehilangan dari kepolisian (SIM hilang) atau SIM yang rusak",
        _HEALTH,
        _PSYCHOLOGY,
        _JKN,
        _PNBP,
    ),
    "MUTASI": (_FORM, _KTP, _OLD_SIM, "Berkas mutasi SIM dari Satpas asal", _HEALTH, _JKN, _PNBP),
}

# PP 76/2020, rupiah. Classes grouped as the regulation's table groups them.
_NEW = {"A": 120_000, "BI": 120_000, "BII": 120_000, "BI_UMUM": 120_000, "BII_UMUM": 120_000}
_NEW |= {"C": 100_000, "CI": 100_000, "CII": 100_000, "D": 50_000, "DI": 50_000}
_RENEWAL = {"A": 80_000, "BI": 80_000, "BII": 80_000, "C": 75_000, "CI": 75_000, "CII": 75_000}
_RENEWAL |= {"D": 30_000, "DI": 30_000}

# Per application type, the tariff it is billed by. Lost/damaged and mutasi are billed like
# a renewal; an upgrade by the new-SIM tariff of the class applied for (DOMAIN.md's DEFAULT).
# Not found in PP 76/2020 (A Umum, renewal of Umum classes, penurunan, perubahan data): no
# default, the page says the fee is not set rather than guess one.
TARIFF_BY_TYPE: dict[str, dict[str, int]] = {
    "BARU": _NEW,
    "PENINGKATAN": _NEW,
    "PERPANJANGAN": _RENEWAL,
    "HILANG_RUSAK": _RENEWAL,
    "MUTASI": _RENEWAL,
}


def default_fee(application_type: str, sim_class: str) -> int | None:
    """PP 76/2020's fee in rupiah, or None where the regulation gives none."""
    return TARIFF_BY_TYPE.get(application_type, {}).get(sim_class)


def default_requirements(application_type: str) -> tuple[str, ...]:
    return REQUIREMENTS.get(application_type, ())
