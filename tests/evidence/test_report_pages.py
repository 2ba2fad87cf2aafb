"""The report pages: who may open them, another unit's data, query budgets, filters, paging,
masking, and each page's Excel download."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from satpas.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JUNE = {"periode": "2026-06"}


@dataclass(frozen=True)
class Page:
    name: str
    budget: int | None  # data queries of the page with a month of data (None: its own test)
    excel_budget: int

    def __str__(self) -> str:
        return self.name


PAGES = [
    # + the route order of the stage table, + queue waiting per stage and hour; + 4 for the
    # heat maps: the opening hours (their axes), arrivals and waiting per weekday × hour (one
    # GROUP BY each), the stage catalogue for the waiting map's stage choice (cached on a
    # running server). Excel: + 3, the heat-map sheet (opening hours, two GROUP BYs).
    Page("service_time", 18, 13),
    Page("compensation", 12, 13),
    Page("reward_punishment", 10, 12),  # +1 in Excel: the objections sheet
    Page("discipline", 16, 13),
    Page("satisfaction", 8, 9),
    Page("complaints", 7, 6),
    Page("standards", 8, 6),
    # The page: see test_the_audit_trail_page_reads_each_kind_of_record_on_it_once. The
    # workbook reads each of the 31 tracked history tables in turn, with the previous versions
    # and the people named where rows changed (accounts: also their roles and units to read,
    # two queries each; objections are tracked).
    Page("audit_trail", None, 51),
]


@pytest.fixture
def other_auditor(other_unit):
    return UserFactory(username="198701012012122001", home_unit=other_unit, role=Role.AUDITOR)


def rows_of(response) -> int:
    return response.content.decode().count('data-testid="row"')


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)


@pytest.mark.parametrize("page", PAGES, ids=str)
@pytest.mark.parametrize("cast", ["supervisor", "kasat", "auditor"])
def test_readers_open_every_report_and_its_excel(request, evidence, client_for, page, cast) -> None:
    client = client_for(request.getfixturevalue(cast))
    response = client.get(reverse(f"reports:{page.name}"), JUNE)
    assert response.status_code == 200
    assert "Periode 01-06-2026 s.d. 30-06-2026" in response.content.decode()
    excel = client.get(reverse(f"reports:{page.name}_excel"), JUNE)
    assert excel.status_code == 200
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "20260601-20260630.xlsx" in excel["Content-Disposition"]
    assert workbook_of(excel).sheetnames


@pytest.mark.parametrize("page", [*PAGES, Page("index", 0, 0)], ids=str)
def test_the_counter_officer_and_the_operator_are_refused(
    client_for, officer, admin_user, page
) -> None:
    for user in (officer, admin_user):
        assert client_for(user).get(reverse(f"reports:{page.name}")).status_code == 403
        if page.name != "index":
            assert client_for(user).get(reverse(f"reports:{page.name}_excel")).status_code == 403


@pytest.mark.parametrize("page", [*PAGES, Page("index", 0, 0)], ids=str)
def test_anonymous_is_sent_to_the_login(client_for, page) -> None:
    response = client_for(None).get(reverse(f"reports:{page.name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_an_auditor_of_another_unit_sees_none_of_this_units_data(
    evidence, client_for, other_auditor, auditor, page
) -> None:
    params = dict(JUNE)
    if page.name == "audit_trail":  # the other unit's own set-up has a history of its own
        params["data"] = "compensation.CompensationCase"
    mine = client_for(auditor).get(reverse(f"reports:{page.name}"), params)
    theirs = client_for(other_auditor).get(reverse(f"reports:{page.name}"), params)
    assert theirs.status_code == 200
    if page.name != "standards":  # a new unit has its own default standards
        assert rows_of(mine) > 0
        assert rows_of(theirs) == 0
    excel = client_for(other_auditor).get(reverse(f"reports:{page.name}_excel"), JUNE)
    text = " ".join(
        str(cell)
        for sheet in workbook_of(excel)
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert evidence.world.profile.full_name not in text
    assert "LAPOR-2026-06-0042" not in text


def test_a_regional_auditor_reads_another_unit_after_switching(
    evidence, client_for, auditor, other_unit
) -> None:
    auditor.audit_units.add(other_unit)
    client = client_for(auditor)
    assert rows_of(client.get(reverse("reports:complaints"), JUNE)) == 2
    client.post(reverse("switch_unit"), {"unit": other_unit.pk})
    response = client.get(reverse("reports:complaints"), JUNE)
    assert rows_of(response) == 0
    assert other_unit.name in response.content.decode()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_query_budgets(evidence, client_for, auditor, max_queries, page) -> None:
    client = client_for(auditor)
    client.get(reverse("home"))
    if page.budget is not None:
        with max_queries(page.budget):
            assert client.get(reverse(f"reports:{page.name}"), JUNE).status_code == 200
    with max_queries(page.excel_budget):
        response = client.get(reverse(f"reports:{page.name}_excel"), JUNE)
        b"".join(response.streaming_content)


def test_the_audit_trail_page_reads_each_kind_of_record_on_it_once(
    evidence, client_for, auditor, max_queries
) -> None:
    """Which kinds of record share a page depends on the data (and, for rows saved at the same
    instant, on each table's sequence): the page costs a fixed number of queries plus one per
    kind on it (its rows with their previous versions), never one per row."""
    client = client_for(auditor)
    client.get(reverse("home"))
    url = reverse("reports:audit_trail")
    rows = client.get(url, JUNE).context["rows"]
    kinds = {event.model for event in rows}
    assert len(rows) > len(kinds) > 1, "the page mixes kinds, with several rows of one kind"
    assert any(event.changes for event in rows), "a change is described against its version"
    # Session, user, count, the page's UNION, the people named, the navigation's roles.
    with max_queries(6 + len(kinds)):
        assert client.get(url, JUNE).status_code == 200


def test_the_index_budget_and_its_links(client_for, auditor, max_queries) -> None:
    client = client_for(auditor)
    with max_queries(4):
        body = client.get(reverse("reports:index")).content.decode()
    for page in PAGES:
        assert reverse(f"reports:{page.name}") in body
    assert reverse("reports:packs") in body


def test_the_budget_does_not_grow_with_more_applications(
    evidence, client_for, auditor, officer, max_queries
) -> None:
    from tests.factories import register
    from tests.personnel.conftest import office
    from tests.personnel.world import TODAY

    for minute in range(60):
        register(unit=auditor.home_unit, officer=officer, now=office(TODAY, 9, minute))
    client = client_for(auditor)
    client.get(reverse("home"))
    with max_queries(18):  # the page's budget above: the same with 60 more applications
        response = client.get(reverse("reports:service_time"), JUNE)
    assert rows_of(response) == 50


def test_report_pages_refuse_writes(evidence, client_for, auditor) -> None:
    for page in PAGES:
        assert client_for(auditor).post(reverse(f"reports:{page.name}")).status_code == 405


# --- masking ---------------------------------------------------------------------------


def test_the_auditor_sees_masked_niks_and_the_kasat_sees_them_whole(
    evidence, client_for, auditor, kasat
) -> None:
    applicant = evidence.case.application.applicant
    masked = f"{applicant.nik[:4]}********{applicant.nik[-4:]}"
    for name in ("service_time", "compensation"):
        body = client_for(auditor).get(reverse(f"reports:{name}"), JUNE).content.decode()
        assert masked in body
        assert applicant.nik not in body
        assert "Budi Santoso" not in body
        assert 'data-testid="masked-notice"' in body
        body = client_for(kasat).get(reverse(f"reports:{name}"), JUNE).content.decode()
        assert applicant.nik in body
        assert 'data-testid="masked-notice"' not in body


def test_the_excel_is_masked_for_the_auditor_only(evidence, client_for, auditor, kasat) -> None:
    applicant = evidence.case.application.applicant
    url = reverse("reports:compensation_excel")
    (row,) = list(
        workbook_of(client_for(auditor).get(url, JUNE))["Kasus kompensasi"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert row[4] != applicant.nik
    assert row[4].startswith(applicant.nik[:4])
    assert row[5] == "B*** S***"
    (row,) = list(
        workbook_of(client_for(kasat).get(url, JUNE))["Kasus kompensasi"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert (row[4], row[5]) == (applicant.nik, applicant.full_name)


# --- filters, periods, paging ----------------------------------------------------------


def test_filters_apply_to_the_page_and_to_its_excel(evidence, client_for, auditor) -> None:
    client = client_for(auditor)
    url = reverse("reports:complaints")
    assert rows_of(client.get(url, {**JUNE, "status": "DONE"})) == 1
    assert rows_of(client.get(url, {**JUNE, "saluran": "COUNTER"})) == 1
    assert rows_of(client.get(url, {**JUNE, "terbukti": "ya"})) == 1
    excel = client.get(reverse("reports:complaints_excel"), {**JUNE, "status": "NEW"})
    complaints = list(workbook_of(excel)["Pengaduan"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in complaints] == [evidence.counter.pk]
    url = reverse("reports:service_time")
    assert rows_of(client.get(url, {**JUNE, "penilaian": "melebihi"})) == 2
    assert rows_of(client.get(url, {**JUNE, "penilaian": "sesuai"})) == 4
    assert rows_of(client.get(url, {**JUNE, "jenis": "PERPANJANGAN"})) == 1  # at the kiosk
    assert rows_of(client.get(url, {**JUNE, "jenis": "HILANG_RUSAK"})) == 0
    url = reverse("reports:discipline")
    assert rows_of(client.get(url, {**JUNE, "pemeriksaan": "profesionalisme"})) == 1
    assert rows_of(client.get(url, {**JUNE, "petugas": evidence.world.profile.pk})) == 1
    url = reverse("reports:reward_punishment")
    assert rows_of(client.get(url, {**JUNE, "tampilan": "rujukan"})) == 1
    assert rows_of(client.get(url, {**JUNE, "status": "REJECTED"})) == 1
    assert rows_of(client.get(url, {"periode": "2026-05", "tampilan": "teladan"})) == 1


@pytest.mark.parametrize(
    ("page", "kept", "wrong"),
    [
        ("compensation", {"status": "DUE"}, {"petugas": "abc"}),
        ("complaints", {"status": "DONE"}, {"terbukti": "mungkin"}),
        ("service_time", {"penilaian": "melebihi"}, {"jenis": "SIM"}),
        ("satisfaction", {}, {"saluran": "POS"}),
        ("standards", {}, {"jenis": "LAIN"}),
    ],
)
def test_a_wrong_value_in_one_filter_is_explained_and_filters_nothing(
    evidence, client_for, auditor, page, kept, wrong
) -> None:
    """The page says which value is wrong and shows the period unfiltered (the right values
    beside it are left out too), and its download agrees."""
    client = client_for(auditor)
    url, excel = reverse(f"reports:{page}"), reverse(f"reports:{page}_excel")
    unfiltered = client.get(url, JUNE)
    if kept:  # the right value alone narrows the rows
        assert rows_of(client.get(url, {**JUNE, **kept})) != rows_of(unfiltered)
    response = client.get(url, {**JUNE, **kept, **wrong})
    body = response.content.decode()
    assert 'data-testid="form-errors"' in body
    assert "Periode 01-06-2026 s.d. 30-06-2026" in body
    assert rows_of(response) == rows_of(unfiltered)
    book = workbook_of(client.get(excel, {**JUNE, **kept, **wrong}))
    whole = workbook_of(client.get(excel, JUNE))
    for sheet in whole.sheetnames:
        assert list(book[sheet].iter_rows(values_only=True)) == list(
            whole[sheet].iter_rows(values_only=True)
        )


@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"periode": "2026-Q2"}, "01-04-2026 s.d. 30-06-2026"),
        ({"periode": "2025"}, "01-01-2025 s.d. 31-12-2025"),
        (
            {"periode": "2026-06-10..2026-06-20"},
            "10-06-2026 s.d. 20-06-2026",
        ),
        ({}, "01-06-2026 s.d. 30-06-2026"),  # this month by default (the clock: 15 June)
    ],
)
def test_periods(evidence, client_for, auditor, params, label) -> None:
    body = client_for(auditor).get(reverse("reports:satisfaction"), params).content.decode()
    assert f"Periode {label}" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"periode": "2026-06-20..2026-06-10"},
            "sebelum tanggal awal",
        ),
        (
            {"periode": "2024-01-01..2026-06-10"},
            "paling panjang 400 hari",
        ),
        ({"periode": "2026-06-20.."}, "Isi tanggal awal dan tanggal akhir"),
        ({"periode": "2026-13"}, "Bulan"),
    ],
)
def test_a_bad_period_is_explained_and_the_default_shown(
    evidence, client_for, auditor, params, message
) -> None:
    body = client_for(auditor).get(reverse("reports:satisfaction"), params).content.decode()
    assert 'data-testid="form-errors"' in body
    assert message in body
    assert "Periode 01-06-2026 s.d. 30-06-2026" in body


def test_the_detail_is_paged_by_fifty(evidence, client_for, auditor) -> None:
    client = client_for(auditor)
    url = reverse("reports:audit_trail")
    first = client.get(url, JUNE)
    total = first.context["page"].paginator.count
    assert total > 100
    assert rows_of(first) == 50
    last_page = (total - 1) // 50 + 1
    last = client.get(url, {**JUNE, "halaman": last_page})
    assert rows_of(last) == total - 50 * (last_page - 1)
    assert "halaman=2" in first.content.decode()


def test_the_audit_trail_page_shows_one_records_history(
    evidence, client_for, auditor, officer
) -> None:
    response = client_for(auditor).get(
        reverse("reports:audit_trail"),
        {**JUNE, "data": "compensation.CompensationCase", "nomor": evidence.case.pk},
    )
    body = response.content.decode()
    assert rows_of(response) == 2  # opened, then handed over
    assert "status: DUE → GIVEN" in body
    assert officer.full_name in body


def test_the_excel_link_keeps_the_filters(evidence, client_for, auditor) -> None:
    body = (
        client_for(auditor)
        .get(reverse("reports:complaints"), {**JUNE, "status": "NEW", "halaman": 1})
        .content.decode()
    )
    assert f"{reverse('reports:complaints_excel')}?periode=2026-06&amp;status=NEW" in body


def test_the_auditors_home_links_to_the_reports_and_the_packs(client_for, auditor, kasat) -> None:
    body = client_for(auditor).get(reverse("home")).content.decode()
    assert 'data-testid="auditor-reports"' in body
    assert reverse("reports:service_time") in body
    assert reverse("reports:packs") in body
    assert "Belum ada register" not in body
    nav = client_for(kasat).get(reverse("home")).content.decode()
    assert f'href="{reverse("reports:index")}"' in nav


def test_months_are_named_as_elsewhere(evidence, client_for, auditor) -> None:
    client = client_for(auditor)
    for name in ("discipline", "reward_punishment"):
        body = client.get(reverse(f"reports:{name}"), JUNE).content.decode()
        assert "Juni 2026" in body, name
        assert ">06-2026<" not in body, name
