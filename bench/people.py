"""Units and counter officers made for the benchmarks and the load scripts (never the demo)."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group

from satpas.models import Unit, User
from satpas.roles import Role


def fresh_unit(prefix: str) -> Unit:
    """A new unit with a random code, so that runs never meet each other's data."""
    code = f"{prefix}{secrets.token_hex(4).upper()}"
    return Unit.objects.create(
        code=code,
        name=f"Satpas Uji Beban {code}",
        region="Polda Contoh",
        city="Kota Contoh",
        letterhead="KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        signatory_title="KASAT LANTAS",
        signatory_name="KASAT",
        signatory_rank="AKP",
        signatory_nrp="87090101",
    )


def new_officer(unit: Unit, number: int, *, lead: str = "5") -> User:
    """A Petugas Loket of the unit (no password: the scripts log in by session)."""
    user = User.objects.create(
        username=f"{lead}{unit.pk % 1000:03d}{number:04d}",
        full_name=f"Petugas {number}",
        home_unit=unit,
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=Role.OFFICER.value))
    return user
