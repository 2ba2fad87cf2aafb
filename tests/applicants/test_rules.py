from __future__ import annotations

import datetime as dt

import pytest

from applicants.models import ApplicationType as T
from applicants.models import SimClass as C
from applicants.rules import eligibility_problems, health_check_reminder

TODAY = dt.date(2026, 11, 27)


def problems(**kwargs):
    base = {
        "application_type": T.BARU,
        "sim_class": C.C,
        "birth_date": dt.date(1995, 8, 17),
        "service_date": TODAY,
    }
    return eligibility_problems(**{**base, **kwargs})


def test_seventeen_on_the_day_may_apply_for_sim_c() -> None:
    assert problems(birth_date=dt.date(2009, 11, 27)) == {}


def test_one_day_short_of_seventeen_may_not() -> None:
    result = problems(birth_date=dt.date(2009, 11, 28))
    assert "17 tahun" in result["sim_class"]
    assert "Pasal 8" in result["sim_class"]


@pytest.mark.parametrize(
    ("sim_class", "age"),
    [(C.CI, 18), (C.CII, 19), (C.BI, 20), (C.BII, 21), (C.BI_UMUM, 22), (C.BII_UMUM, 23)],
)
def test_minimum_ages_per_class(sim_class: str, age: int) -> None:
    born = dt.date(TODAY.year - age, TODAY.month, TODAY.day)
    assert "sim_class" not in problems(sim_class=sim_class, birth_date=born)
    assert "sim_class" in problems(sim_class=sim_class, birth_date=born + dt.timedelta(days=1))


def test_upgrade_to_bi_needs_a_held_twelve_months() -> None:
    ok = problems(
        application_type=T.PENINGKATAN,
        sim_class=C.BI,
        current_sim_class=C.A,
        current_sim_issued_on=dt.date(2025, 11, 27),
    )
    assert ok == {}
    early = problems(
        application_type=T.PENINGKATAN,
        sim_class=C.BI,
        current_sim_class=C.A,
        current_sim_issued_on=dt.date(2025, 11, 28),
    )
    assert "12 bulan" in early["current_sim_issued_on"]
    wrong = problems(
        application_type=T.PENINGKATAN,
        sim_class=C.BI,
        current_sim_class=C.C,
        current_sim_issued_on=dt.date(2020, 1, 1),
    )
    assert "mensyaratkan" in wrong["current_sim_class"]


def test_allowed_and_refused_downgrades() -> None:
    assert (
        problems(
            application_type=T.PENURUNAN,
            sim_class=C.A,
            current_sim_class=C.BI_UMUM,
            current_sim_issued_on=dt.date(2024, 1, 1),
        )
        == {}
    )
    refused = problems(
        application_type=T.PENURUNAN,
        sim_class=C.C,
        current_sim_class=C.BI,
        current_sim_issued_on=dt.date(2024, 1, 1),
    )
    assert "tidak diperbolehkan" in refused["sim_class"]


def test_renewal_of_an_expired_sim_is_refused() -> None:
    assert (
        problems(
            application_type=T.PERPANJANGAN,
            current_sim_class=C.C,
            current_sim_issued_on=dt.date(2021, 11, 27),
        )
        == {}
    )
    expired = problems(
        application_type=T.PERPANJANGAN,
        current_sim_class=C.C,
        current_sim_issued_on=dt.date(2021, 11, 26),
    )
    assert "SIM baru" in expired["current_sim_issued_on"]


def test_renewal_keeps_the_class() -> None:
    result = problems(
        application_type=T.PERPANJANGAN,
        sim_class=C.A,
        current_sim_class=C.C,
        current_sim_issued_on=dt.date(2024, 1, 1),
    )
    assert "harus sama" in result["sim_class"]


def test_non_new_types_need_the_current_sim() -> None:
    assert "current_sim_class" in problems(application_type=T.HILANG_RUSAK)


@pytest.mark.parametrize(
    ("sim_class", "needs"),
    [(C.BI, C.A), (C.CI, C.C), (C.CII, C.CI)],
)
@pytest.mark.parametrize("application_type", [T.BARU, T.PENINGKATAN])
def test_a_first_issue_needs_its_prerequisite_whatever_the_type_is_called(
    application_type: str, sim_class: str, needs: str
) -> None:
    born = dt.date(1990, 1, 1)
    missing = problems(application_type=application_type, sim_class=sim_class, birth_date=born)
    assert "mensyaratkan" in missing["current_sim_class"]
    held = {"current_sim_class": needs, "birth_date": born}
    ok = problems(
        application_type=application_type,
        sim_class=sim_class,
        current_sim_issued_on=dt.date(2025, 11, 27),
        **held,
    )
    assert ok == {}
    early = problems(
        application_type=application_type,
        sim_class=sim_class,
        current_sim_issued_on=dt.date(2025, 11, 28),
        **held,
    )
    assert "12 bulan" in early["current_sim_issued_on"]


def test_a_new_sim_without_a_prerequisite_still_needs_no_current_sim() -> None:
    assert problems(application_type=T.BARU, sim_class=C.A) == {}


def test_twelve_months_count_from_the_first_card_across_a_renewal() -> None:
    # C first held 12 months ago, the card renewed 1 month ago: CI may be issued.
    renewed = {
        "application_type": T.BARU,
        "sim_class": C.CI,
        "current_sim_class": C.C,
        "current_sim_issued_on": dt.date(2026, 10, 27),
    }
    assert problems(current_sim_first_held_on=dt.date(2025, 11, 27), **renewed) == {}
    eleven = problems(current_sim_first_held_on=dt.date(2025, 11, 28), **renewed)
    assert "12 bulan" in eleven["current_sim_first_held_on"]
    assert "28-11-2025" in eleven["current_sim_first_held_on"]
    # Without the first-held date the renewed card alone is too young.
    assert "12 bulan" in problems(**renewed)["current_sim_issued_on"]


def test_first_held_cannot_be_after_the_card_in_hand() -> None:
    result = problems(
        application_type=T.PENINGKATAN,
        sim_class=C.CI,
        current_sim_class=C.C,
        current_sim_issued_on=dt.date(2024, 1, 1),
        current_sim_first_held_on=dt.date(2024, 1, 2),
    )
    assert "current_sim_first_held_on" in result


def test_an_applicant_of_sixty_for_sim_c_is_reminded_of_the_health_letters() -> None:
    reminder = health_check_reminder(
        sim_class=C.C, birth_date=dt.date(1966, 11, 27), service_date=TODAY
    )
    assert "60 tahun" in reminder
    assert "surat keterangan sehat jasmani" in reminder
    assert "psikologi" in reminder


def test_no_health_reminder_the_day_before_sixty_or_for_another_class() -> None:
    assert (
        health_check_reminder(sim_class=C.C, birth_date=dt.date(1966, 11, 28), service_date=TODAY)
        is None
    )
    assert (
        health_check_reminder(sim_class=C.A, birth_date=dt.date(1950, 1, 1), service_date=TODAY)
        is None
    )
