"""Officer profiles for the cast, a counter, and shorthands to put people on the roster."""

from __future__ import annotations

import datetime as dt

import pytest

from personnel.models import DutyShift, Officer, Rank
from service_timing.models import ServicePoint
from tests.conftest import JAKARTA


@pytest.fixture
def profile(officer) -> Officer:
    """Bripda Rizky Pratama's officer profile (linked to the `officer` login)."""
    return Officer.objects.create(
        unit=officer.home_unit,
        user=officer,
        number=officer.username,
        full_name=officer.full_name,
        rank=Rank.BRIPDA,
        position="Petugas loket SIM",
    )


@pytest.fixture
def colleague(unit) -> Officer:
    """Briptu Andika Saputra, no login of his own."""
    return Officer.objects.create(
        unit=unit,
        number="96040512",
        full_name="Andika Saputra",
        rank=Rank.BRIPTU,
        position="Petugas verifikasi",
    )


@pytest.fixture
def other_profile(other_officer) -> Officer:
    return Officer.objects.create(
        unit=other_officer.home_unit,
        user=other_officer,
        number=other_officer.username,
        full_name=other_officer.full_name,
        rank=Rank.BRIPTU,
        position="Petugas loket",
    )


@pytest.fixture
def point(unit) -> ServicePoint:
    """Loket 1 · Pendaftaran (every new unit gets one counter per stage)."""
    return ServicePoint.objects.get(unit=unit, number=1)


@pytest.fixture
def on_duty(unit, point):
    """on_duty(officer, day, start=08.00): a roster line at Loket 1."""

    def make(officer: Officer, day: dt.date, start: dt.time = dt.time(8), **kwargs) -> DutyShift:
        return DutyShift.objects.create(
            unit=unit,
            officer=officer,
            date=day,
            shift=kwargs.pop("shift", DutyShift.Shift.PENUH),
            service_point=kwargs.pop("service_point", point),
            starts_at=start,
            ends_at=kwargs.pop("ends_at", dt.time(15)),
        )

    return make


def office(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=JAKARTA)


@pytest.fixture
def other_supervisor(other_unit):
    from satpas.roles import Role
    from tests.factories import UserFactory

    return UserFactory(username="86070233", home_unit=other_unit, role=Role.SUPERVISOR)


@pytest.fixture
def other_kasat(other_unit):
    from satpas.roles import Role
    from tests.factories import UserFactory

    return UserFactory(username="86070244", home_unit=other_unit, role=Role.KASAT)


@pytest.fixture
def world(unit, officer, supervisor, kasat, auditor, admin_user, frozen):
    """A month of data at 15 June 2026, 10.00 (see tests/personnel/world.py)."""
    from tests.personnel import world as world_module

    frozen(2026, 6, 15, 10, 0)
    return world_module.build(unit, officer, supervisor, kasat)


@pytest.fixture
def small_world(unit, officer, supervisor, kasat, auditor, admin_user, frozen):
    """The same month with only the two named officers (for access tests)."""
    from tests.personnel import world as world_module

    frozen(2026, 6, 15, 10, 0)
    return world_module.build(unit, officer, supervisor, kasat, extra_officers=0)
