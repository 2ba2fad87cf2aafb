"""Demo office for `seed_demo`: the unit, its calendar and one login per role.

Everything here is idempotent: running it again updates the same rows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from satpas.holiday_import import import_holidays
from satpas.models import OpeningHours, ServiceBreak, Unit, User
from satpas.roles import Role

DEMO_PASSWORD = "Demo-Satpas-2022"  # noqa: S105 (printed on purpose: demo data only)
DEMO_UNIT_CODE = "TPI"


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    username: str
    full_name: str
    rank: str
    position: str


DEMO_LOGINS = [
    DemoLogin(Role.OFFICER, "02010345", "Rizky Pratama", "Bripda", "Petugas loket SIM"),
    DemoLogin(Role.SUPERVISOR, "85061122", "Hendra Wijaya", "Iptu", "Kanit Regident"),
    DemoLogin(Role.KASAT, "87090101", "Made Arya Wibawa, S.I.K.", "AKP", "Kasat Lantas"),
    DemoLogin(Role.AUDITOR, "198503122010122003", "Siti Rahmawati", "Penata", "Auditor TPI"),
    DemoLogin(Role.ADMIN, "199001152015032001", "Dewi Lestari", "Pengatur", "Operator satuan"),
]

# Further counter staff (all Petugas Loket, same demo password), so that the demo history
# spreads the work over several people as a real Satpas does.
DEMO_STAFF = [
    DemoLogin(Role.OFFICER, "96040512", "Andika Saputra", "Briptu", "Petugas verifikasi"),
    DemoLogin(Role.OFFICER, "94110823", "Yudi Hartono", "Brigpol", "Petugas foto & sidik jari"),
    DemoLogin(Role.OFFICER, "97020214", "Nur Aisyah", "Bripda", "Petugas pendaftaran"),
    DemoLogin(Role.OFFICER, "90070931", "Fajar Nugroho", "Bripka", "Penguji teori"),
    DemoLogin(Role.OFFICER, "92050617", "Agus Salim", "Bripka", "Penguji praktik"),
    DemoLogin(Role.OFFICER, "199207142019032002", "Rina Marlina", "Pengatur", "Petugas cetak SIM"),
    DemoLogin(Role.OFFICER, "95120308", "Taufik Hidayat", "Briptu", "Petugas penyerahan"),
]

LETTERHEAD = (
    "KEPOLISIAN NEGARA REPUBLIK INDONESIA\n"
    "DAERAH KEPULAUAN RIAU\n"
    "RESOR KOTA TANJUNGPINANG\n"
    "SATUAN LALU LINTAS"
)

# DEFAULT opening hours (configurable in admin): Mon–Fri 08.00–15.00, Sat 08.00–12.00.
WEEK = {
    0: (dt.time(8), dt.time(15)),
    1: (dt.time(8), dt.time(15)),
    2: (dt.time(8), dt.time(15)),
    3: (dt.time(8), dt.time(15)),
    4: (dt.time(8), dt.time(15)),
    5: (dt.time(8), dt.time(12)),
}


@transaction.atomic
def seed_office() -> tuple[Unit, dict[Role, User]]:
    unit, _ = Unit.objects.update_or_create(
        code=DEMO_UNIT_CODE,
        defaults={
            "name": "Satpas Polresta Tanjungpinang",
            "region": "Polda Kepulauan Riau",
            "city": "Tanjungpinang",
            "address": "Jl. Ahmad Yani No. 1, Tanjungpinang",
            "time_zone": Unit.TimeZone.WIB,
            "letterhead": LETTERHEAD,
            "signatory_title": "KASAT LANTAS POLRESTA TANJUNGPINANG",
            "signatory_name": "MADE ARYA WIBAWA, S.I.K.",
            "signatory_rank": "AKP",
            "signatory_nrp": "87090101",
        },
    )
    for weekday, (opens_at, closes_at) in WEEK.items():
        OpeningHours.objects.update_or_create(
            unit=unit, weekday=weekday, defaults={"opens_at": opens_at, "closes_at": closes_at}
        )
    ServiceBreak.objects.update_or_create(
        unit=unit,
        weekday=None,
        label="Ishoma",
        defaults={"starts_at": dt.time(12), "ends_at": dt.time(13)},
    )
    this_year = timezone.localdate().year
    for year in range(this_year - 1, this_year + 2):  # as `manage.py import_holidays` does
        import_holidays(unit, year)

    users: dict[Role, User] = {}
    for login in [*DEMO_LOGINS, *DEMO_STAFF]:
        user, _ = User.objects.update_or_create(
            username=login.username,
            defaults={
                "full_name": login.full_name,
                "home_unit": unit,
                "is_staff": login.role is Role.ADMIN,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=login.role.value)])
        users.setdefault(login.role, user)
    return unit, users


def demo_staff() -> list[User]:
    """Every demo user who works a counter (the printed officer login first)."""
    names = [login.username for login in DEMO_LOGINS if login.role is Role.OFFICER]
    names += [login.username for login in DEMO_STAFF]
    by_name = {user.username: user for user in User.objects.filter(username__in=names)}
    return [by_name[name] for name in names if name in by_name]


def _event_time(instance: models.Model, *, limit: dt.datetime) -> dt.datetime | None:
    """The latest moment the record itself carries (called, finished, given, decided…), or
    its latest date at the start of the office day; never later than `limit`."""
    moments: list[dt.datetime] = []
    days: list[dt.date] = []
    for field in instance._meta.concrete_fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        value = getattr(instance, field.attname, None)
        if isinstance(field, models.DateTimeField) and isinstance(value, dt.datetime):
            moments.append(value)
        elif isinstance(field, models.DateField) and isinstance(value, dt.date):
            days.append(value)
    if not moments:
        zone = timezone.get_default_timezone()
        moments = [dt.datetime.combine(day, dt.time(8), tzinfo=zone) for day in days]
    moments = [moment for moment in moments if moment <= limit]
    return max(moments) if moments else None


@contextlib.contextmanager
def history_dated_by_event() -> Iterator[None]:
    """Demo history is written in one go today but tells of the past 30 days: date each
    history row by the time its record carries, as if it had been written that day (the
    audit-trail register of last month would otherwise be empty in the demo)."""
    now = timezone.now()

    def backdate(sender: Any, instance: models.Model, history_instance: Any, **kwargs: Any) -> None:
        moment = _event_time(instance, limit=now)
        if moment is not None:
            history_instance.history_date = moment

    uid = "satpas-demo-history-dates"
    pre_create_historical_record.connect(backdate, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid=uid)
