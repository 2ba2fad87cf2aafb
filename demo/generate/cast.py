"""A generated unit with its calendar, counters and staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group

from applicants.models import Applicant, Application
from compensation.models import CompensationItem
from personnel.models import Officer
from personnel.models.officers import Rank
from satpas.calendar import OfficeCalendar
from satpas.models import OpeningHours, ServiceBreak, Unit, User
from satpas.roles import Role
from satpas.selectors import build_office_calendar
from service_timing.models import ServicePoint


@dataclass
class UnitCast:
    unit: Unit
    calendar: OfficeCalendar
    registrar: User
    supervisor: User
    kasat: User
    points: dict[str, ServicePoint]
    servers: dict[str, list[tuple[User, Officer]]]
    officers: list[Officer]
    items: list[CompensationItem]
    routes: dict[tuple[str, bool], tuple[list[dict], Any]] = field(default_factory=dict)
    niks: set[str] = field(default_factory=set)  # a NIK is unique per unit
    done_days: set[dt.date] = field(default_factory=set)


def make_unit(index: int, *, code: str | None = None) -> UnitCast:
    """A Satpas of the generated country, with its calendar, counters and staff."""
    code = code or f"GEN{index:03d}"
    unit, _created = Unit.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Satpas Polres Contoh {index:03d}",
            "region": "Polda Contoh",
            "city": "Kota Contoh",
            "letterhead": "KEPOLISIAN NEGARA REPUBLIK INDONESIA\nDAERAH CONTOH\nRESOR CONTOH",
            "signatory_title": "KASAT LANTAS POLRES CONTOH",
            "signatory_name": "KASAT CONTOH",
            "signatory_rank": "AKP",
            "signatory_nrp": f"8{index:03d}0001",
        },
    )
    if not unit.opening_hours.exists():
        for weekday, (opens, closes) in {d: (dt.time(8), dt.time(15)) for d in range(5)}.items():
            OpeningHours.objects.create(
                unit=unit, weekday=weekday, opens_at=opens, closes_at=closes
            )
        OpeningHours.objects.create(
            unit=unit, weekday=5, opens_at=dt.time(8), closes_at=dt.time(12)
        )
        ServiceBreak.objects.create(
            unit=unit, starts_at=dt.time(12), ends_at=dt.time(13), label="Ishoma"
        )
    points = {
        p.stage_id: p
        for p in ServicePoint.objects.filter(unit=unit, is_active=True).order_by("number")
    }

    def person(number: int, role: Role, name: str, rank: str) -> tuple[User, Officer]:
        username = f"6{index:03d}{number:04d}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": name, "home_unit": unit}
        )
        if created:
            # Generated people never log in with a password; benchmarks open sessions directly.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role.value))
        officer, _ = Officer.objects.get_or_create(
            unit=unit,
            number=username,
            defaults={"user": user, "full_name": name, "rank": rank, "position": str(role.label)},
        )
        return user, officer

    staff = [
        person(10 + i, Role.OFFICER, f"Petugas {i + 1:02d}", Rank.BRIPDA)
        for i in range(len(points) + 1)
    ]
    supervisor, _ = person(2, Role.SUPERVISOR, "Kanit Regident", Rank.IPTU)
    kasat, _ = person(1, Role.KASAT, "Kasat Lantas", Rank.AKP)
    servers = {code: [staff[i], staff[(i + 1) % len(staff)]] for i, code in enumerate(points)}
    cast = UnitCast(
        unit=unit,
        calendar=build_office_calendar(unit),
        registrar=staff[0][0],
        supervisor=supervisor,
        kasat=kasat,
        points=points,
        servers=servers,
        officers=[officer for _user, officer in staff],
        items=list(CompensationItem.objects.filter(unit=unit, is_active=True).order_by("name")),
    )
    cast.niks.update(Applicant.objects.filter(unit=unit).values_list("nik", flat=True).iterator())
    cast.done_days.update(
        Application.objects.filter(unit=unit).values_list("service_date", flat=True).distinct()
    )
    return cast
