"""A unit's day, month and report periods follow the unit's own zone, not Jakarta's or UTC's.

At 16.30 UTC on 30 November 2026 it is still 30 November (23.30) in Tanjungpinang (WIB), but
already 1 December in Makassar (WITA, 00.30) and in Jayapura (WIT, 01.30).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applicants.services import office_date
from evidence.models import EvidencePack
from evidence.services import evidence_pack_request
from personnel.selectors import office_today
from satpas import periods
from satpas.models import Unit
from satpas.roles import Role
from tests.clock import office_clock
from tests.factories import UnitFactory, UserFactory, register

pytestmark = pytest.mark.django_db

INSTANT = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)
NOVEMBER_30, DECEMBER_1 = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


@pytest.fixture
def papua() -> Unit:
    return UnitFactory(
        code="JYP", name="Satpas Polresta Jayapura", time_zone=Unit.TimeZone.WIT, region="Papua"
    )


@pytest.fixture
def makassar() -> Unit:
    return UnitFactory(code="MKS", name="Satpas Polrestabes Makassar", time_zone=Unit.TimeZone.WITA)


def test_the_office_day_and_month_are_the_units_own(unit, makassar, papua) -> None:
    assert unit.time_zone == Unit.TimeZone.WIB
    assert office_date(unit, INSTANT) == NOVEMBER_30
    assert office_date(makassar, INSTANT) == DECEMBER_1
    assert office_date(papua, INSTANT) == DECEMBER_1
    assert periods.month_start(office_today(unit, INSTANT)) == dt.date(2026, 11, 1)
    assert periods.month_start(office_today(papua, INSTANT)) == dt.date(2026, 12, 1)


def test_a_registration_belongs_to_the_office_day_of_its_unit(unit, papua) -> None:
    officer_tpi = UserFactory(home_unit=unit, role=Role.OFFICER)
    officer_jyp = UserFactory(home_unit=papua, role=Role.OFFICER)
    late_tpi = register(unit, officer_tpi, now=INSTANT)
    early_jyp = register(papua, officer_jyp, now=INSTANT)
    assert late_tpi.service_date == NOVEMBER_30
    assert early_jyp.service_date == DECEMBER_1


@pytest.mark.parametrize(
    ("zone", "first_day", "last_day"),
    [
        (Unit.TimeZone.WIB, dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        (Unit.TimeZone.WITA, dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        (Unit.TimeZone.WIT, dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
    ],
)
def test_a_report_opens_on_the_current_month_of_the_units_zone(
    client_for, zone, first_day, last_day
) -> None:
    place = UnitFactory(code=f"Z{zone[-4:].upper()}", time_zone=zone)
    kasat = UserFactory(home_unit=place, role=Role.KASAT)
    with office_clock(INSTANT):
        response = client_for(kasat).get(reverse("reports:service_time"))
    assert response.status_code == 200
    period = response.context["period"]
    assert period.start == first_day
    assert period.end == last_day
    assert period.start_at == dt.datetime.combine(first_day, dt.time(), tzinfo=period.zone)


def test_an_evidence_pack_may_end_on_the_units_today_even_when_jakarta_is_a_day_behind(
    unit, papua
) -> None:
    kasat_jyp = UserFactory(home_unit=papua, role=Role.KASAT)
    kasat_tpi = UserFactory(home_unit=unit, role=Role.KASAT)
    with office_clock(INSTANT):
        pack = evidence_pack_request(
            unit=papua, start=dt.date(2026, 11, 1), end=DECEMBER_1, user=kasat_jyp
        )
        assert pack.period_end == DECEMBER_1
        with pytest.raises(ValidationError):
            evidence_pack_request(
                unit=unit, start=dt.date(2026, 11, 1), end=DECEMBER_1, user=kasat_tpi
            )
    assert not EvidencePack.objects.filter(unit=unit).exists()
