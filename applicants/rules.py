"""Eligibility under Perpol 5/2021 (as amended by Perpol 2/2023): ages, upgrades, downgrades.

Pure functions returning the Indonesian reason an application may not be made, or None.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from applicants.models import ApplicationType, SimClass
from applicants.nik import age_on

# Pasal 8: minimum age per class.
MIN_AGE: dict[str, int] = {
    SimClass.A: 17,
    SimClass.C: 17,
    SimClass.D: 17,
    SimClass.DI: 17,
    SimClass.CI: 18,
    SimClass.CII: 19,
    SimClass.A_UMUM: 20,
    SimClass.BI: 20,
    SimClass.BII: 21,
    SimClass.BI_UMUM: 22,
    SimClass.BII_UMUM: 23,
}

# Prerequisites: the classes one must already hold, and for how long (months), whenever a
# class is issued for the first time (a "baru" or a "peningkatan": the name of the type does
# not change the rule). BI, CI and CII are published (DOMAIN.md §1); the Umum and BII lines
# are DEFAULTS.
UPGRADE_FROM: dict[str, tuple[frozenset[str], int]] = {
    SimClass.BI: (frozenset({SimClass.A, SimClass.A_UMUM}), 12),
    SimClass.CI: (frozenset({SimClass.C}), 12),
    SimClass.CII: (frozenset({SimClass.CI}), 12),
    SimClass.BII: (frozenset({SimClass.BI, SimClass.BI_UMUM}), 12),
    SimClass.A_UMUM: (frozenset({SimClass.A}), 12),
    SimClass.BI_UMUM: (frozenset({SimClass.BI, SimClass.A_UMUM}), 12),
    SimClass.BII_UMUM: (frozenset({SimClass.BII, SimClass.BI_UMUM}), 12),
}

# Pasal 6(5): allowed downgrades, from → to.
DOWNGRADE_TO: dict[str, frozenset[str]] = {
    SimClass.A_UMUM: frozenset({SimClass.A}),
    SimClass.BI_UMUM: frozenset({SimClass.BI, SimClass.A_UMUM, SimClass.A}),
    SimClass.BII_UMUM: frozenset(
        {SimClass.BII, SimClass.BI_UMUM, SimClass.BI, SimClass.A_UMUM, SimClass.A}
    ),
    SimClass.BII: frozenset({SimClass.BI, SimClass.A}),
    SimClass.BI: frozenset({SimClass.A}),
    SimClass.CII: frozenset({SimClass.CI, SimClass.C}),
    SimClass.CI: frozenset({SimClass.C}),
}

# Pasal 4: a SIM is valid five years from issue.
VALIDITY_YEARS = 5
# Types that continue an existing SIM of the same class.
SAME_CLASS_TYPES = {
    ApplicationType.PERPANJANGAN,
    ApplicationType.PERUBAHAN_DATA,
    ApplicationType.HILANG_RUSAK,
    ApplicationType.MUTASI,
}
# Types that issue a class the applicant did not hold before.
FIRST_ISSUE_TYPES = {ApplicationType.BARU, ApplicationType.PENINGKATAN}


def _label(sim_class: str) -> str:
    return str(SimClass(sim_class).label)


def _labels(classes: frozenset[str]) -> str:
    return " / ".join(sorted(_label(c) for c in classes))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def sim_valid_until(issued_on: dt.date) -> dt.date:
    """The last day a SIM issued on `issued_on` is valid (Pasal 4: five years)."""
    return _add_years(issued_on, VALIDITY_YEARS)


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def eligibility_problems(
    *,
    application_type: str,
    sim_class: str,
    birth_date: dt.date,
    service_date: dt.date,
    current_sim_class: str = "",
    current_sim_issued_on: dt.date | None = None,
    current_sim_first_held_on: dt.date | None = None,
) -> dict[str, str]:
    """Field name → reason, for every rule the application breaks (empty when eligible).

    "Held 12 months" counts from the day the class was first held: a card renewed last month
    still counts from the first card (`current_sim_first_held_on`), else from its issue."""
    problems: dict[str, str] = {}
    minimum = MIN_AGE[sim_class]
    age = age_on(birth_date, service_date)
    if age < minimum:
        problems["sim_class"] = _(
            "Usia pemohon %(age)d tahun; SIM %(cls)s baru boleh pada usia %(min)d tahun "
            "(Perpol 5/2021 Pasal 8)."
        ) % {"age": age, "cls": _label(sim_class), "min": minimum}

    first_issue = application_type in FIRST_ISSUE_TYPES
    prerequisite = UPGRADE_FROM.get(sim_class) if first_issue else None
    needs_current = application_type != ApplicationType.BARU or prerequisite is not None
    if needs_current and not current_sim_class:
        if prerequisite is not None:
            problems["current_sim_class"] = _(
                "SIM %(cls)s mensyaratkan SIM %(need)s yang sudah dimiliki sekurang-kurangnya "
                "%(months)d bulan; isi golongan SIM yang dimiliki pemohon."
            ) % {
                "cls": _label(sim_class),
                "need": _labels(prerequisite[0]),
                "months": prerequisite[1],
            }
        else:
            problems["current_sim_class"] = _("Isi golongan SIM yang dimiliki pemohon.")
        return problems
    if needs_current and current_sim_issued_on is None:
        problems["current_sim_issued_on"] = _("Isi tanggal terbit SIM yang dimiliki pemohon.")
        return problems
    if current_sim_issued_on and current_sim_issued_on > service_date:
        problems["current_sim_issued_on"] = _("Tanggal terbit SIM tidak boleh setelah hari ini.")
        return problems
    if (
        current_sim_first_held_on
        and current_sim_issued_on
        and current_sim_first_held_on > current_sim_issued_on
    ):
        problems["current_sim_first_held_on"] = _(
            "Tanggal pertama kali memiliki golongan ini tidak boleh setelah tanggal terbit SIM "
            "yang sekarang."
        )
        return problems

    if application_type in SAME_CLASS_TYPES and current_sim_class != sim_class:
        problems["sim_class"] = _(
            "Untuk %(type)s, golongan yang dimohon harus sama dengan SIM yang dimiliki (%(cls)s)."
        ) % {"type": ApplicationType(application_type).label, "cls": _label(current_sim_class)}
    if application_type == ApplicationType.PERPANJANGAN and current_sim_issued_on:
        expires = _add_years(current_sim_issued_on, VALIDITY_YEARS)
        if expires < service_date:
            problems["current_sim_issued_on"] = _(
                "SIM ini habis masa berlakunya pada %(date)s; perpanjangan tidak bisa, ajukan "
                "SIM baru (Perpol 5/2021 Pasal 4)."
            ) % {"date": expires.strftime("%d-%m-%Y")}
    if application_type == ApplicationType.PENINGKATAN and prerequisite is None:
        problems["sim_class"] = _("Golongan %(cls)s tidak dapat diperoleh lewat peningkatan.") % {
            "cls": _label(sim_class)
        }
    elif prerequisite is not None:
        classes, months = prerequisite
        held_since = current_sim_first_held_on or current_sim_issued_on
        if current_sim_class not in classes:
            problems["current_sim_class"] = _("SIM %(cls)s mensyaratkan SIM %(need)s.") % {
                "cls": _label(sim_class),
                "need": _labels(classes),
            }
        elif held_since and _months_between(held_since, service_date) < months:
            field = (
                "current_sim_first_held_on"
                if current_sim_first_held_on
                else "current_sim_issued_on"
            )
            problems[field] = _(
                "SIM %(have)s harus sudah dimiliki sekurang-kurangnya %(months)d bulan "
                "sebelum memperoleh SIM %(cls)s (dimiliki sejak %(since)s)."
            ) % {
                "have": _label(current_sim_class),
                "months": months,
                "cls": _label(sim_class),
                "since": held_since.strftime("%d-%m-%Y"),
            }
    if application_type == ApplicationType.PENURUNAN and sim_class not in DOWNGRADE_TO.get(
        current_sim_class, frozenset()
    ):
        problems["sim_class"] = _(
            "Penurunan dari %(have)s ke %(cls)s tidak diperbolehkan (Perpol 5/2021 Pasal 6 ayat 5)."
        ) % {"have": _label(current_sim_class), "cls": _label(sim_class)}
    return problems


# Health certificates for older riders. DOMAIN.md names no age at which a health check is
# stressed (every applicant brings the letters, §1 "Requirements"); DEFAULT: 60, the age of a
# "lansia" (UU 13/1998 Pasal 1), reminded for SIM C, the class an older rider most often keeps.
HEALTH_REMINDER_AGE = 60
HEALTH_REMINDER_CLASSES = frozenset({SimClass.C})


def health_check_reminder(
    *, sim_class: str, birth_date: dt.date, service_date: dt.date
) -> str | None:
    """What an older applicant must bring (the kesehatan jasmani and rohani letters,
    DOMAIN.md §1), or None when no reminder is due."""
    if sim_class not in HEALTH_REMINDER_CLASSES:
        return None
    age = age_on(birth_date, service_date)
    if age < HEALTH_REMINDER_AGE:
        return None
    return _(
        "Pemohon berusia %(age)d tahun: wajib membawa surat keterangan sehat jasmani dari "
        "dokter (berlaku 14 hari) dan surat hasil tes psikologi (berlaku 6 bulan)."
    ) % {"age": age}
