from __future__ import annotations

import pytest

from satpas.privacy import mask_name, mask_nik, name_for, nik_for


def test_nik_keeps_region_and_serial_only() -> None:
    assert mask_nik("2172015708950003") == "2172********0003"


def test_name_keeps_initials_only() -> None:
    assert mask_name("Budi  Santoso") == "B*** S***"


@pytest.mark.django_db
def test_auditor_sees_masked_values(auditor) -> None:
    assert nik_for(auditor, "2172015708950003") == "2172********0003"
    assert name_for(auditor, "Budi Santoso") == "B*** S***"
