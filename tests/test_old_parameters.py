"""Addresses bookmarked before every page named its parameters the same way are redirected,
permanently, to the same page with today's names (issue 13): `periode` holds the period in
one textual form, `halaman` the page, `tanggal`, `jenis` and `cari` the applications'
filters."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse

from satpas.querystrings import period_parts, renamed

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


def _moved(client, url: str, params: dict) -> dict[str, list[str]]:
    response = client.get(url, params)
    assert response.status_code == 301, response.status_code
    target = urlsplit(response["Location"])
    assert target.path == url
    return parse_qs(target.query)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"periode": "bulan", "tahun": "2026", "bulan": "6"}, {"periode": ["2026-06"]}),
        ({"periode": "triwulan", "tahun": "2026", "triwulan": "2"}, {"periode": ["2026-Q2"]}),
        ({"periode": "kuartal", "tahun": "2026", "triwulan": "4"}, {"periode": ["2026-Q4"]}),
        ({"periode": "tahun", "tahun": "2025"}, {"periode": ["2025"]}),
        (
            {"periode": "rentang", "dari": "2026-06-10", "sampai": "2026-06-20"},
            {"periode": ["2026-06-10..2026-06-20"]},
        ),
        ({"periode": "", "tahun": "2026", "status": "DUE"}, {"status": ["DUE"]}),
        ({"semester": "2026-1"}, {"periode": ["2026-S1"]}),
        (
            {"day": "2026-11-20", "application_type": "BARU", "q": "B-0", "page": "2"},
            {"tanggal": ["2026-11-20"], "jenis": ["BARU"], "cari": ["B-0"], "halaman": ["2"]},
        ),
    ],
)
def test_old_names_become_new_ones(old, new) -> None:
    query = QueryDict(mutable=True)
    query.update(old)
    result = renamed(query, TODAY)
    assert result is not None
    query, permanent = result
    assert {name: query.getlist(name) for name in query} == new
    assert permanent


def test_a_missing_part_is_todays_and_not_for_good() -> None:
    query, permanent = renamed(QueryDict("periode=bulan&bulan=5"), TODAY)  # type: ignore[misc]
    assert query["periode"] == "2026-05"
    assert not permanent


def test_new_names_stay() -> None:
    assert renamed(QueryDict("periode=2026-06&status=NEW&halaman=2"), TODAY) is None
    assert renamed(QueryDict("periode=2026-06-10..2026-06-20"), TODAY) is None


def test_the_one_form_is_split_into_the_forms_parts() -> None:
    assert period_parts("2026-06") == {"periode": "bulan", "tahun": "2026", "bulan": "6"}
    assert period_parts("2026-Q2") == {"periode": "triwulan", "tahun": "2026", "triwulan": "2"}
    assert period_parts("2026-S2") == {"periode": "semester", "tahun": "2026", "semester": "2"}
    assert period_parts("2026") == {"periode": "tahun", "tahun": "2026"}
    assert period_parts("2026-06-10..2026-06-20") == {
        "periode": "rentang",
        "dari": "2026-06-10",
        "sampai": "2026-06-20",
    }
    assert period_parts("kemarin") == {"periode": "kemarin"}  # the form rejects it


def test_old_report_addresses_answer_with_the_same_content(client_for, auditor) -> None:
    client = client_for(auditor)
    url = reverse("reports:satisfaction")
    old = {"periode": "bulan", "tahun": "2026", "bulan": "6", "page": "1"}
    assert _moved(client, url, old) == {"periode": ["2026-06"], "halaman": ["1"]}
    moved = client.get(url, old, follow=True)
    assert moved.redirect_chain[0][1] == 301
    assert "Periode 01-06-2026 s.d. 30-06-2026" in moved.content.decode()
    old = {"periode": "rentang", "dari": "2026-06-10", "sampai": "2026-06-20", "status": "NEW"}
    excel = reverse("reports:complaints_excel")
    assert _moved(client, excel, old) == {
        "periode": ["2026-06-10..2026-06-20"],
        "status": ["NEW"],
    }
    assert client.get(excel, old, follow=True).status_code == 200
    assert _moved(client, reverse("reports:packs"), {"page": "2"}) == {"halaman": ["2"]}


def test_old_compensation_addresses(client_for, kasat) -> None:
    client = client_for(kasat)
    url = reverse("compensation:register")
    old = {"periode": "bulan", "tahun": "2026", "bulan": "11", "status": "DUE", "page": "2"}
    assert _moved(client, url, old) == {
        "periode": ["2026-11"],
        "status": ["DUE"],
        "halaman": ["2"],
    }
    ikm = reverse("compensation:ikm")
    assert _moved(client, ikm, {"periode": "kuartal", "tahun": "2026", "triwulan": "4"}) == {
        "periode": ["2026-Q4"]
    }
    new = client.get(ikm, {"periode": "2026-Q4"}).content.decode()
    assert "01-10-2026 – 31-12-2026" in new


def test_old_personnel_addresses(client_for, kasat) -> None:
    client = client_for(kasat)
    assert _moved(client, reverse("personnel:semester"), {"semester": "2026-1"}) == {
        "periode": ["2026-S1"]
    }
    assert _moved(client, reverse("personnel:findings"), {"periode": "2026-11", "page": "2"}) == {
        "periode": ["2026-11"],
        "halaman": ["2"],
    }
    response = client.get(reverse("personnel:semester"), {"periode": "2026-S1"})
    assert (response.context["year"], response.context["half"]) == (2026, 1)


def test_old_application_list_addresses(client_for, officer) -> None:
    client = client_for(officer)
    url = reverse("service_timing:applications")
    old = {"day": "2026-11-20", "application_type": "BARU", "q": "B", "page": "1"}
    assert _moved(client, url, old) == {
        "tanggal": ["2026-11-20"],
        "jenis": ["BARU"],
        "cari": ["B"],
        "halaman": ["1"],
    }
    response = client.get(url, {"tanggal": "2026-11-20"})
    assert response.context["day"] == dt.date(2026, 11, 20)
