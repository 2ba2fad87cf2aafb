from __future__ import annotations

import contextlib

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from satpas.validators import nrp_warning, validate_personnel_number


@pytest.mark.parametrize("value", ["87090101", "198503122010122003", "199001152015032001"])
def test_valid_nrp_and_nip_pass(value: str) -> None:
    validate_personnel_number(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("8709010", "NRP (8 angka) atau NIP (18 angka)"),
        ("87 09 01 01", "NRP (8 angka) atau NIP (18 angka)"),
        ("198513122010122003", "tanggal lahir atau TMT CPNS"),  # month 13
        ("198503122010123003", "jenis kelamin"),  # sex digit 3
        ("198503121995122003", "terlalu dekat"),  # CPNS at the age of ten
    ],
)
def test_malformed_numbers_are_refused_with_a_reason(value: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_personnel_number(value)
    assert message in " ".join(info.value.messages)


def test_nrp_month_digits_only_warn() -> None:
    assert nrp_warning("87130101") is not None
    assert nrp_warning("87090101") is None


@given(st.text(max_size=30))
def test_any_text_is_either_accepted_or_refused_cleanly(value: str) -> None:
    with contextlib.suppress(ValidationError):
        validate_personnel_number(value)
