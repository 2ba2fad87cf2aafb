from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from applicants.nik import InvalidNik, age_on, parse_nik

TODAY = dt.date(2026, 11, 27)


def test_a_mans_nik_gives_his_birth_date_and_sex() -> None:
    facts = parse_nik("2172011708950003", today=TODAY)
    assert (facts.birth_date, facts.sex, facts.province) == (
        dt.date(1995, 8, 17),
        "L",
        "Kepulauan Riau",
    )


def test_a_womans_day_carries_forty() -> None:
    facts = parse_nik("2172015708950003", today=TODAY)
    assert (facts.birth_date, facts.sex) == (dt.date(1995, 8, 17), "P")


def test_a_two_digit_year_never_lands_in_the_future() -> None:
    assert parse_nik("2172010101080001", today=TODAY).birth_date == dt.date(2008, 1, 1)
    assert parse_nik("2172010101300001", today=TODAY).birth_date == dt.date(1930, 1, 1)


def test_spaces_and_dots_are_ignored() -> None:
    assert parse_nik("2172 0117 0895 0003", today=TODAY).nik == "2172011708950003"


@pytest.mark.parametrize(
    ("nik", "reason"),
    [
        ("217201170895000", "16 angka"),
        ("21720117089500AB", "16 angka"),
        ("9972011708950003", "provinsi 99"),
        ("2100011708950003", "tidak boleh 00"),
        ("2172013202950003", "bukan tanggal"),  # 32 February
        ("2172017202950003", "bukan tanggal"),  # woman, day 32
        ("2172012902950003", "bukan tanggal"),  # 29 February 1995
        ("2172011708950000", "0000"),
    ],
)
def test_malformed_niks_are_refused_with_the_reason(nik: str, reason: str) -> None:
    with pytest.raises(InvalidNik, match=reason):
        parse_nik(nik, today=TODAY)


def test_age_counts_whole_years() -> None:
    assert age_on(dt.date(2009, 11, 28), TODAY) == 16
    assert age_on(dt.date(2009, 11, 27), TODAY) == 17


@given(st.text(max_size=40))
def test_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    with contextlib.suppress(InvalidNik):
        parse_nik(text, today=TODAY)
