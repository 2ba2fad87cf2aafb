from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from demo.office import DEMO_LOGINS, DEMO_PASSWORD, DEMO_STAFF
from satpas.models import OpeningHours, Unit, User
from satpas.selectors import unit_period
from tests.clock import suite_instant
from tests.demo.conftest import SeededDemo, seeded_demo

pytestmark = pytest.mark.django_db


def _seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_refuses_with_debug_off() -> None:
    with pytest.raises(CommandError, match="DEBUG=true"):
        _seed()
    assert not Unit.objects.exists()


@pytest.fixture(scope="class")
def demo_now(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SeededDemo]:
    """The demo as `make run` seeds it (DEBUG on, no --force), at the suite's instant; seeded
    once for the tests of the class below."""
    with seeded_demo(django_db_blocker, suite_instant(), debug=True) as demo:
        yield demo


class TestTheDemoSeededNow:
    @override_settings(DEBUG=True)
    def test_seed_demo_prints_logins_that_work(self, demo_now: SeededDemo) -> None:
        output = demo_now.output
        assert "Satpas Polresta Tanjungpinang" in output
        for login in DEMO_LOGINS:
            assert login.username in output
        assert DEMO_PASSWORD in output
        client = Client()
        login = DEMO_LOGINS[2]
        response = client.post(
            reverse("login"), {"username": login.username, "password": DEMO_PASSWORD}, follow=True
        )
        assert response.context["user"].username == login.username

    def test_seed_demo_is_idempotent(self, demo_now: SeededDemo) -> None:
        counts = (Unit.objects.count(), User.objects.count(), OpeningHours.objects.count())
        _seed("--force")
        assert (Unit.objects.count(), User.objects.count(), OpeningHours.objects.count()) == counts
        assert counts == (1, len(DEMO_LOGINS) + len(DEMO_STAFF), 6)


def test_the_demo_calendar_has_the_national_holidays(frozen) -> None:
    import datetime as dt

    from demo.office import seed_office
    from satpas.models import Holiday

    frozen(2026, 11, 27, 9, 0)
    unit, _users = seed_office()
    days = dict(Holiday.objects.filter(unit=unit, date__year=2026).values_list("date", "name"))
    assert len(days) >= 15
    assert days[dt.date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert "Idul Fitri" in " ".join(days.values())
    assert Holiday.objects.filter(unit=unit, date__year=2027).count() >= 15
    assert days[dt.date(2026, 12, 24)] == "Cuti Bersama Hari Raya Natal"  # cuti bersama too


def test_the_demo_nips_sex_digit_matches_the_person() -> None:
    # NIP: birth yyyymmdd, TMT CPNS yyyymm, sex (1 male, 2 female), serial (Perka BKN 22/2007).
    women = {"Siti Rahmawati", "Dewi Lestari", "Rina Marlina"}
    for login in [*DEMO_LOGINS, *DEMO_STAFF]:
        if len(login.username) == 18:
            assert login.username[14] == ("2" if login.full_name in women else "1"), login


def test_the_demo_history_is_dated_when_it_happened(frozen) -> None:
    """The audit trail of the demo's last full month is not empty (issue 15, item 16)."""
    import datetime as dt

    from evidence.reports.audit_trail import REGISTER

    frozen(2026, 12, 1, 10, 0)
    _seed("--force")
    unit = Unit.objects.get()
    november = unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    sheets = list(REGISTER.sheets(november))
    first = sheets[0]
    assert sum(1 for _ in first.rows) > 0, first.title


@override_settings(DEBUG=True)
def test_the_demo_prints_an_applicant_the_renewal_kiosk_serves(frozen) -> None:
    """Completed demo applications leave a recorded SIM; the printed NIK and number take a
    renewal ticket at an open office."""
    import re

    from django.utils import timezone

    from applicants.models import Application, HeldSim
    from applicants.renewals import renewal_find

    frozen(2026, 11, 25, 9, 30)  # a Wednesday morning: the office is open
    output = _seed()
    match = re.search(r"NIK (\d{16})  SIM number (\d{12,16})", output)
    assert match, output
    completed = Application.objects.filter(status=Application.Status.COMPLETED)
    assert HeldSim.objects.count() == completed.count() > 0
    unit = Unit.objects.get()
    held = renewal_find(
        unit=unit, nik=match.group(1), sim_number=match.group(2), now=timezone.now()
    )
    assert held.application is not None
    assert held.application.status == Application.Status.COMPLETED
