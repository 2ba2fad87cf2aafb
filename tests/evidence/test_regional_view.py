"""The regional view: a Ditlantas user reads its assigned units side by side, nothing else."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from applicants.models import Application
from compensation.models import CompensationCase, CompensationItem, SurveyResponse
from evidence.regional.figures import SORT_KEYS, compare, sort_rows
from evidence.regional.views import COLUMNS
from satpas import periods
from satpas.access import ACTIVE_UNIT_SESSION_KEY
from satpas.models import Unit, User
from satpas.roles import Role
from tests.factories import UnitFactory, UserFactory, timed_applications

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
MAY = {"periode": "2026-05"}
CLOSED, OPEN = Application.Status.COMPLETED, Application.Status.OPEN


@pytest.fixture
def far_unit(db: None) -> Unit:
    """A unit of another Polda: assigned to nobody here."""
    return UnitFactory(code="KRM", name="Satpas Polres Karimun", region="Polda Riau")


@pytest.fixture
def regional(unit: Unit, other_unit: Unit) -> User:
    """Kombes Agus Salim, Dirlantas: no home unit, Tanjungpinang and Bintan assigned."""
    user = UserFactory(
        username="72030101", full_name="Agus Salim", home_unit=None, role=Role.REGIONAL
    )
    user.audit_units.add(unit, other_unit)
    return user


def _may_figures(unit: Unit, other_unit: Unit, far_unit: Unit, officer: User) -> None:
    # Tanjungpinang: 4 closed (3 within 30 minutes), 1 open; Bintan: 2 closed, 1 within.
    timed_applications(unit, officer, [(CLOSED, 10), (CLOSED, 20), (CLOSED, 30), (CLOSED, 50)])
    timed_applications(unit, officer, [(OPEN, None)])
    timed_applications(
        unit, officer, [(CLOSED, 40)], application_type="PERPANJANGAN", standard_minutes=60
    )
    timed_applications(other_unit, officer, [(CLOSED, 25), (CLOSED, 45)])
    timed_applications(far_unit, officer, [(CLOSED, 5)] * 3)


def test_the_figures_of_each_unit_come_from_its_own_rows(
    unit, other_unit, far_unit, officer
) -> None:
    _may_figures(unit, other_unit, far_unit, officer)
    at = dt.datetime(2026, 5, 4, 10, tzinfo=JAKARTA)
    application = Application.objects.filter(unit=unit).first()
    CompensationCase.objects.create(
        unit=unit,
        application=application,
        reason="OVERDUE",
        opened_at=at,
        status="GIVEN",
        settled_at=at,
        item=CompensationItem.objects.create(unit=unit, name="Air mineral uji"),
    )
    CompensationCase.objects.create(
        unit=unit, application=application, reason="DISSATISFIED", opened_at=at, status="DUE"
    )
    for n in range(2):
        SurveyResponse.objects.create(
            unit=other_unit,
            submitted_at=at + dt.timedelta(minutes=n),
            channel="KIOSK",
            **{f"u{i}": 4 for i in range(1, 10)},
        )
    may = periods.month(2026, 5, JAKARTA)
    rows = {row.unit.code: row for row in compare([unit, other_unit], may).rows}

    assert set(rows) == {"TPI", "BTN"}
    tpi, btn = rows["TPI"], rows["BTN"]
    assert (tpi.applications, tpi.closed, tpi.within, tpi.share) == (6, 5, 4, 80.0)
    # Closed minutes 10, 20, 30, 40, 50: median 30, p90 = 40 + 0.6 × 10.
    assert (tpi.median, tpi.p90) == (30.0, 46.0)
    assert tpi.per_type["BARU"].total == 4
    assert tpi.per_type["BARU"].share == 75.0
    assert tpi.per_type["PERPANJANGAN"].median == 40.0
    assert (tpi.owed, tpi.given, tpi.still_due, tpi.given_share) == (2, 1, 1, 50.0)
    assert tpi.ikm is None
    assert tpi.respondents == 0
    assert (btn.applications, btn.share, btn.median) == (2, 50.0, 35.0)
    assert (btn.respondents, btn.ikm, btn.grade) == (2, 100, "A")
    assert btn.owed == 0


def test_a_timestamp_counts_on_the_office_day_of_its_own_unit(unit, other_unit, officer) -> None:
    """Units of one Polda may keep different clocks: 31 May 23.30 WIB is 1 June in WITA."""
    other_unit.time_zone = Unit.TimeZone.WITA
    other_unit.save()
    late = dt.datetime(2026, 5, 31, 23, 30, tzinfo=JAKARTA)
    for each in (unit, other_unit):
        timed_applications(each, officer, [(CLOSED, 10)])
        CompensationCase.objects.create(
            unit=each,
            application=Application.objects.get(unit=each),
            reason="OVERDUE",
            opened_at=late,
            status="DUE",
        )
    rows = {
        r.unit.code: r for r in compare([unit, other_unit], periods.month(2026, 5, JAKARTA)).rows
    }
    assert rows["TPI"].owed == 1
    assert rows["BTN"].owed == 0


def test_sorting_ranks_by_the_column_and_puts_units_without_a_figure_last(
    unit, other_unit, far_unit, officer
) -> None:
    timed_applications(unit, officer, [(CLOSED, 10), (CLOSED, 50)])
    timed_applications(other_unit, officer, [(CLOSED, 10)])
    result = compare([unit, other_unit, far_unit], periods.month(2026, 5, JAKARTA))
    down, key = sort_rows(result.rows, "-sesuai")
    assert key == "-sesuai"
    assert [row.unit.code for row in down] == ["BTN", "TPI", "KRM"]
    up, _key = sort_rows(result.rows, "sesuai")
    assert [row.unit.code for row in up] == ["TPI", "BTN", "KRM"]
    by_name, key = sort_rows(result.rows, "nonsense")
    assert key == "satuan"
    assert [row.unit.code for row in by_name] == ["BTN", "KRM", "TPI"]
    assert set(COLUMNS) == set(SORT_KEYS)


def test_the_regional_user_sees_its_units_and_not_another_polda(
    client_for, regional, unit, other_unit, far_unit, officer
) -> None:
    _may_figures(unit, other_unit, far_unit, officer)
    response = client_for(regional).get(reverse("reports:regional"), MAY)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-unit="TPI"' in page
    assert 'data-unit="BTN"' in page
    assert 'data-unit="KRM"' not in page
    assert "Karimun" not in page
    assert "80,0 %" in page  # Indonesian: a decimal comma
    assert "<svg" in page  # the chart


def test_the_columns_sort_on_the_page(client_for, regional, unit, other_unit, officer) -> None:
    timed_applications(unit, officer, [(CLOSED, 10)])
    timed_applications(other_unit, officer, [(CLOSED, 50)])
    page = client_for(regional).get(reverse("reports:regional"), {**MAY, "urut": "-sesuai"})
    text = page.content.decode()
    assert text.index('data-unit="TPI"') < text.index('data-unit="BTN"')
    assert 'aria-sort="descending"' in text


@pytest.mark.parametrize("who", ["officer", "supervisor", "kasat", "auditor", "visitor"])
def test_unit_users_are_refused(request, client_for, who) -> None:
    user = request.getfixturevalue(who)
    assert client_for(user).get(reverse("reports:regional")).status_code == 403
    assert client_for(user).get(reverse("reports:regional_excel")).status_code == 403


def test_anonymous_is_sent_to_sign_in() -> None:
    for name in ("reports:regional", "reports:regional_excel"):
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_drill_down_opens_an_assigned_units_reports_read_only(
    client_for, regional, unit, officer
) -> None:
    timed_applications(unit, officer, [(CLOSED, 10)])
    client = client_for(regional)
    response = client.post(
        reverse("switch_unit"), {"unit": unit.pk, "next": reverse("reports:index")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:index")
    assert client.get(reverse("reports:index")).status_code == 200
    report = client.get(reverse("reports:service_time"), MAY)
    assert report.status_code == 200
    assert unit.name in report.content.decode()
    # Reading is not writing: a visited unit takes nothing from the regional user.
    refused = client.post(reverse("reports:pack_request"), {"periode": "bulan"})
    assert refused.status_code == 403


def test_another_units_drill_down_is_not_found(client_for, regional, far_unit) -> None:
    client = client_for(regional)
    response = client.post(reverse("switch_unit"), {"unit": far_unit.pk})
    assert response.status_code == 404
    # Nor does a session that names it (an old or forged one) open its reports.
    session = client.session
    session[ACTIVE_UNIT_SESSION_KEY] = far_unit.pk
    session.save()
    assert client.get(reverse("reports:service_time"), MAY).status_code == 403


def test_the_excel_export_holds_every_unit_and_type_and_keeps_formulas_as_text(
    client_for, regional, unit, other_unit, far_unit, officer
) -> None:
    other_unit.name = '=HYPERLINK("http://contoh.invalid","klik")'
    other_unit.save()
    _may_figures(unit, other_unit, far_unit, officer)
    response = client_for(regional).get(reverse("reports:regional_excel"), MAY)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('wilayah-20260501-20260531.xlsx"')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    units, per_type = book.worksheets
    values = [[cell.value for cell in row] for row in units.iter_rows()]
    codes = {row[0] for row in values}
    assert {"TPI", "BTN"} <= codes
    assert "KRM" not in codes
    tpi = next(row for row in values if row[0] == "TPI")
    assert tpi[3:9] == [6, 5, 4, 80.0, 30.0, 46.0]
    btn = next(row for row in units.iter_rows() if row[0].value == "BTN")
    assert btn[1].data_type == "s"
    assert btn[1].value.startswith("=HYPERLINK")
    types = {(row[0].value, row[2].value) for row in per_type.iter_rows(min_row=2)}
    assert types == {("TPI", "SIM baru"), ("TPI", "Perpanjangan"), ("BTN", "SIM baru")}


def test_a_wrong_period_falls_back_to_the_default_month(client_for, regional, unit) -> None:
    response = client_for(regional).get(
        reverse("reports:regional"),
        {"periode": "rentang", "dari": "2026-05-09", "sampai": "x"},
        follow=True,
    )
    assert response.status_code == 200
    today = timezone.localdate()  # the default period is this month, in office time
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    assert f"Periode {first:%d-%m-%Y} s.d. {last:%d-%m-%Y}" in response.content.decode()


def _units_and_queries(regional: User, officer: User, count: int) -> int:
    for index in range(count):
        extra = UnitFactory(code=f"R{index:02d}")
        regional.audit_units.add(extra)
        timed_applications(extra, officer, [(CLOSED, 10 + index), (OPEN, None)])
        timed_applications(extra, officer, [(CLOSED, 20)], application_type="MUTASI")
    client = Client()
    client.force_login(regional)
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("reports:regional"), MAY).status_code == 200
    return len(
        [q for q in context.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    )


def test_the_query_budget_does_not_grow_with_the_units(officer) -> None:
    first = UserFactory(
        username="72030102", full_name="Dua Satuan", home_unit=None, role=Role.REGIONAL
    )
    two = _units_and_queries(first, officer, 2)
    second = UserFactory(
        username="72030103", full_name="Lima Satuan", home_unit=None, role=Role.REGIONAL
    )
    five = _units_and_queries(second, officer, 5)
    assert two == five
    assert five <= 16


def test_the_home_page_leads_the_regional_user_to_the_view_and_its_units(
    client_for, regional, unit, other_unit
) -> None:
    page = client_for(regional).get(reverse("home")).content.decode()
    assert reverse("reports:regional") in page
    assert 'data-testid="regional-link"' in page
    assert "Akun belum terhubung ke satuan" not in page  # no home unit, yet not lost
    assert f'<option value="{other_unit.pk}"' in page  # a unit to switch to and read
