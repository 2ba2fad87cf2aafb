from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse

from satpas.access import get_in_unit, readable_units, resolve_active_unit, scoped
from satpas.models import Holiday
from tests.factories import HolidayFactory

pytestmark = pytest.mark.django_db

# Pages anyone may open without logging in.
PUBLIC = {"login", "set_language"}


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    request.unit = resolve_active_unit(request)
    return request


@pytest.mark.parametrize(
    "url_name", ["home", "password_change", "password_change_done", "admin:index"]
)
def test_anonymous_is_sent_to_the_login_page(url_name: str) -> None:
    url = reverse(url_name)
    response = Client().get(url)
    assert response.status_code == 302
    assert (
        response["Location"].startswith(reverse("login")) or "/admin/login/" in response["Location"]
    )


def test_anonymous_post_to_unit_switch_is_sent_to_login() -> None:
    response = Client().post(reverse("switch_unit"), {"unit": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_units_row_is_a_404_for_the_other_units_officer(unit, other_officer) -> None:
    holiday = HolidayFactory(unit=unit)
    with pytest.raises(Http404):
        get_in_unit(_request(other_officer), Holiday.objects.all(), pk=holiday.pk)


def test_own_units_row_is_found(unit, officer) -> None:
    holiday = HolidayFactory(unit=unit)
    assert get_in_unit(_request(officer), Holiday.objects.all(), pk=holiday.pk) == holiday


def test_scoped_lists_only_the_active_units_rows(unit, other_unit, officer) -> None:
    mine = HolidayFactory(unit=unit)
    HolidayFactory(unit=other_unit)
    assert list(scoped(_request(officer), Holiday.objects.all())) == [mine]


def test_a_malformed_lookup_is_a_404_not_a_500(unit, officer) -> None:
    with pytest.raises(Http404):
        get_in_unit(_request(officer), Holiday.objects.all(), pk="bukan-angka")


def test_officer_reads_only_the_home_unit(unit, other_unit, officer) -> None:
    officer.audit_units.add(other_unit)  # ignored: officers may not switch units
    assert list(readable_units(officer)) == [unit]


def test_regional_auditor_may_switch_to_an_assigned_unit(client_for, auditor, other_unit) -> None:
    auditor.audit_units.add(other_unit)
    client = client_for(auditor)
    response = client.post(reverse("switch_unit"), {"unit": other_unit.pk, "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["active_unit"] == other_unit


def test_switching_to_an_unassigned_unit_is_a_404(client_for, auditor, other_unit) -> None:
    client = client_for(auditor)
    response = client.post(reverse("switch_unit"), {"unit": other_unit.pk})
    assert response.status_code == 404
    assert client.get(reverse("home")).context["active_unit"] == auditor.home_unit


def test_officer_of_another_unit_cannot_switch_into_this_unit(
    client_for, unit, other_officer
) -> None:
    response = client_for(other_officer).post(reverse("switch_unit"), {"unit": unit.pk})
    assert response.status_code == 404


def test_switch_ignores_an_offsite_next_url(client_for, auditor, other_unit) -> None:
    auditor.audit_units.add(other_unit)
    response = client_for(auditor).post(
        reverse("switch_unit"), {"unit": other_unit.pk, "next": "https://contoh.invalid/"}
    )
    assert response["Location"] == reverse("home")


def test_pages_show_times_in_the_units_zone(client_for, unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 9, 30)  # 09.30 WIB is 11.30 WIT
    unit.time_zone = "Asia/Jayapura"
    unit.save()
    body = client_for(officer).get(reverse("home")).content.decode()
    assert "11.30" in body
    assert "09.30" not in body


def test_ping_answers_who_is_logged_in(client_for, officer) -> None:
    response = client_for(officer).get(reverse("ping"))
    assert response.json() == {
        "ok": True,
        "user": officer.username,
        "unit": "TPI",
        "idle_seconds_left": None,  # the test settings turn the idle timeout off
    }


def test_ping_without_a_session_redirects_to_login(client_for, db) -> None:
    assert client_for(None).get(reverse("ping")).status_code == 302
