"""The cast every test can call on, the frozen clock, and Playwright on Debian's Chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import zoneinfo
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from satpas.models import Unit, User
from satpas.roles import Role
from tests.factories import TEST_PASSWORD, UnitFactory, UserFactory

pytest_plugins = ["tests.clock"]

# Property tests judge the code, not the machine: on a busy CI machine generating examples
# may be slow, which is no failure of the code under test.
hypothesis_settings.register_profile(
    "satpas", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("satpas")

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM must
# still be usable from the test body and from live_server's thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header() -> str:
    """Say which database the suite really runs on (CI runs it on SQLite and PostgreSQL)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return "database: sqlite3 (in-memory test database)"
    return (
        f"database: {engine} on {db.get('HOST')}:{db.get('PORT')}, test database test_{db['NAME']}"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


# --- the office -------------------------------------------------------------------------


@pytest.fixture
def unit(db: None) -> Unit:
    """Satpas Polresta Tanjungpinang, with its calendar."""
    return UnitFactory(code="TPI", name="Satpas Polresta Tanjungpinang")


@pytest.fixture
def other_unit(db: None) -> Unit:
    return UnitFactory(code="BTN", name="Satpas Polres Bintan", region="Polda Kepulauan Riau")


# --- the named cast ---------------------------------------------------------------------


@pytest.fixture
def officer(unit: Unit) -> User:
    """Bripda Rizky Pratama, counter officer."""
    return UserFactory(
        username="02010345", full_name="Rizky Pratama", home_unit=unit, role=Role.OFFICER
    )


@pytest.fixture
def supervisor(unit: Unit) -> User:
    """Iptu Hendra Wijaya, Kanit Regident."""
    return UserFactory(
        username="85061122", full_name="Hendra Wijaya", home_unit=unit, role=Role.SUPERVISOR
    )


@pytest.fixture
def kasat(unit: Unit) -> User:
    """AKP Made Arya Wibawa, Kasat Lantas."""
    return UserFactory(
        username="87090101", full_name="Made Arya Wibawa", home_unit=unit, role=Role.KASAT
    )


@pytest.fixture
def auditor(unit: Unit) -> User:
    """Siti Rahmawati, internal ZI evaluator (PNS, NIP)."""
    return UserFactory(
        username="198503122010122003", full_name="Siti Rahmawati", home_unit=unit, role=Role.AUDITOR
    )


@pytest.fixture
def admin_user(unit: Unit) -> User:
    """Dewi Lestari, the unit's operator."""
    user = UserFactory(
        username="199001152015032001", full_name="Dewi Lestari", home_unit=unit, role=Role.ADMIN
    )
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def other_officer(other_unit: Unit) -> User:
    """Briptu Andi Saputra, counter officer of another unit."""
    return UserFactory(
        username="03020456", full_name="Andi Saputra", home_unit=other_unit, role=Role.OFFICER
    )


@pytest.fixture
def other_auditor(other_unit: Unit) -> User:
    """Rina Kartika, ZI evaluator of another unit (PNS, NIP)."""
    return UserFactory(
        username="198704152011012004",
        full_name="Rina Kartika",
        home_unit=other_unit,
        role=Role.AUDITOR,
    )


@pytest.fixture
def visitor(unit: Unit, other_unit: Unit) -> User:
    """Kompol Bambang Sutrisno of Polda staff: Supervisor, Kasat and auditor at home (Bintan),
    allowed to read Tanjungpinang; the test client fixtures switch him there."""
    from django.contrib.auth.models import Group

    user = UserFactory(
        username="80050311", full_name="Bambang Sutrisno", home_unit=other_unit, role=Role.AUDITOR
    )
    user.groups.add(*Group.objects.filter(name__in=[Role.SUPERVISOR, Role.KASAT]))
    user.audit_units.add(unit)
    return user


def visiting(client: Client, unit: Unit) -> Client:
    """The client's user has switched to read `unit` (as the unit switch does)."""
    from satpas.access import ACTIVE_UNIT_SESSION_KEY

    session = client.session
    session[ACTIVE_UNIT_SESSION_KEY] = unit.pk
    session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A test client logged in as the given user (anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


# --- query budgets --------------------------------------------------------------------

_TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I
)


@pytest.fixture
def max_queries() -> Callable[[int], contextlib.AbstractContextManager[CaptureQueriesContext]]:
    """Like django_assert_max_num_queries, but counts only statements that touch data:
    BEGIN/COMMIT and savepoints (SQLite logs them, PostgreSQL does not) are not queries."""

    @contextlib.contextmanager
    def check(limit: int) -> Iterator[CaptureQueriesContext]:
        with CaptureQueriesContext(connection) as context:
            yield context
        statements = [
            q["sql"] for q in context.captured_queries if not _TRANSACTION_CONTROL.match(q["sql"])
        ]
        assert len(statements) <= limit, (
            f"{len(statements)} queries, budget {limit}:\n" + "\n".join(s[:160] for s in statements)
        )

    return check


# --- the clock --------------------------------------------------------------------------


@pytest.fixture
def frozen() -> Iterator[Callable[..., time_machine.Coordinates]]:
    """Freeze the clock at an office time: `frozen(2026, 11, 27, 9, 30)` (Asia/Jakarta).

    Call it again to move the frozen clock; it stays frozen until the test ends.
    """
    traveller: list[time_machine.travel] = []

    def freeze(*args: int) -> time_machine.Coordinates:
        moment = dt.datetime(*args, tzinfo=JAKARTA)
        if traveller:
            traveller[-1].stop()
        travel = time_machine.travel(moment, tick=False)
        traveller.append(travel)
        return travel.start()

    yield freeze
    if traveller:
        traveller[-1].stop()


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: `playwright install` cannot download here."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture(autouse=True)
def _office_language() -> Iterator[None]:
    """Every test starts in the interface language: a request for an English page leaves
    English active in its thread (LocaleMiddleware activates and never deactivates), and
    a later test's service texts (history reasons, messages) must not come out in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Cached calendars and stage names must not leak from one test into the next."""
    from django.core.cache import cache

    from satpas import memo

    cache.clear()
    memo.clear()
    yield
    cache.clear()
    memo.clear()
