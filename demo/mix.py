"""What the demo's applicants come for and how the counters take them: the real mix of
application types and SIM classes, names, the licence already held, typical stage times and
test failures. The demo history (demo.timing) and the generated years (demo.generate) draw
from here."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TypeVar

from applicants.models import ApplicationType, SimClass
from satpas.calendar import OfficeCalendar

V = TypeVar("V", bound=str)

T = ApplicationType
TYPE_MIX = [
    (T.PERPANJANGAN, 48),
    (T.BARU, 24),
    (T.HILANG_RUSAK, 8),
    (T.PENINGKATAN, 7),
    (T.MUTASI, 6),
    (T.PERUBAHAN_DATA, 4),
    (T.PENURUNAN, 3),
]
CLASS_MIX = {
    T.BARU: [
        (SimClass.C, 55),
        (SimClass.A, 37),
        (SimClass.A_UMUM, 4),
        (SimClass.CI, 2),
        (SimClass.D, 2),
    ],
    T.PERPANJANGAN: [
        (SimClass.C, 58),
        (SimClass.A, 34),
        (SimClass.BI, 4),
        (SimClass.BI_UMUM, 2),
        (SimClass.BII, 2),
    ],
    T.PENINGKATAN: [(SimClass.BI, 60), (SimClass.A_UMUM, 25), (SimClass.CI, 15)],
    T.PENURUNAN: [(SimClass.A, 100)],
}
UPGRADE_FROM: dict[str, str] = {
    SimClass.BI: SimClass.A,
    SimClass.A_UMUM: SimClass.A,
    SimClass.CI: SimClass.C,
}
FAIL_RATE = {"TEORI": 0.08, "SIMULATOR": 0.05, "PRAKTIK": 0.10}
# Typical service minutes per stage (waits come on top), well within each stage's allowance:
# an officer's own service seldom overruns (tests/demo/test_personnel.py, README "Demo").
SERVICE_MINUTES = {
    "REG": 4,
    "VERIF": 6,
    "BAYAR": 4,
    "BIO": 5,
    "TEORI": 18,
    "SIMULATOR": 10,
    "PRAKTIK": 12,
    "CETAK": 4,
    "SERAH": 2,
}
FIRST_NAMES = [
    "Budi",
    "Siti",
    "Andi",
    "Dewi",
    "Rudi",
    "Sri",
    "Agus",
    "Nur",
    "Eko",
    "Rina",
    "Hendra",
    "Wati",
    "Joko",
    "Fitri",
    "Yusuf",
    "Ayu",
    "Bayu",
    "Lestari",
    "Doni",
    "Indah",
    "Fajar",
    "Maya",
    "Rizal",
    "Putri",
    "Hadi",
    "Sari",
    "Iwan",
    "Nanda",
    "Arif",
    "Yuni",
    "Teguh",
    "Ratna",
    "Samsul",
    "Dian",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Lestari",
    "Pratama",
    "Hidayat",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Rahman",
    "Kurniawan",
    "Setiawan",
    "Gunawan",
    "Sembiring",
    "Tanjung",
    "Purba",
    "Lubis",
    "Manurung",
    "Syahputra",
    "Ramadhan",
    "Permana",
    "Firmansyah",
    "Hasibuan",
]


def pick(rng: random.Random, weighted: Sequence[tuple[V, int]]) -> V:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def current_sim(
    application_type: str, sim_class: str, day: dt.date, rng: random.Random
) -> tuple[str, dt.date | None]:
    if application_type == T.BARU and sim_class not in UPGRADE_FROM:
        return "", None
    if application_type in (T.BARU, T.PENINGKATAN):
        # A class issued for the first time needs its prerequisite held 12 months.
        return UPGRADE_FROM[sim_class], day - dt.timedelta(days=rng.randint(400, 1500))
    if application_type == T.PENURUNAN:
        return SimClass.BI, day - dt.timedelta(days=rng.randint(400, 1500))
    if application_type == T.PERPANJANGAN:
        return sim_class, day - dt.timedelta(days=rng.randint(4 * 365, 5 * 365 - 5))
    return sim_class, day - dt.timedelta(days=rng.randint(100, 4 * 365))


def open_moment(calendar: OfficeCalendar, moment: dt.datetime) -> dt.datetime:
    """Nobody is called during a break: the call waits for the counter to reopen."""
    local = moment.astimezone(calendar.zone)
    for start, end in calendar.day_periods(local.date()):
        if local < start:
            return start + dt.timedelta(minutes=1)
        if local < end:
            return moment
    return moment
