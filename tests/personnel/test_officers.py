from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from personnel.models import Officer, Rank

pytestmark = pytest.mark.django_db


def _officer(unit, **kwargs) -> Officer:
    values = {
        "unit": unit,
        "number": "96040512",
        "full_name": "Andika Saputra",
        "rank": Rank.BRIPTU,
        "position": "Petugas verifikasi",
        **kwargs,
    }
    return Officer(**values)


def test_a_polri_member_has_an_eight_digit_nrp(unit) -> None:
    _officer(unit).full_clean()
    with pytest.raises(ValidationError, match="NRP 8 angka"):
        _officer(unit, number="199207142019031002").full_clean()


def test_a_pns_has_a_valid_eighteen_digit_nip(unit) -> None:
    _officer(unit, number="199207142019031002", rank=Rank.PENGATUR).full_clean()
    with pytest.raises(ValidationError, match="NIP"):
        _officer(unit, number="96040512", rank=Rank.PENGATUR).full_clean()
    with pytest.raises(ValidationError, match="tanggal lahir"):
        _officer(unit, number="199213142019031002", rank=Rank.PENGATUR).full_clean()


def test_a_linked_account_carries_the_same_number(unit, officer) -> None:
    with pytest.raises(ValidationError, match="harus sama"):
        _officer(unit, user=officer).full_clean()
    _officer(unit, user=officer, number=officer.username, rank=Rank.BRIPDA).full_clean()
