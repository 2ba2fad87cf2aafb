from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from applicants.models import Applicant, Application
from tests.factories import make_nik, register

pytestmark = pytest.mark.django_db

URL = "/permohonan/baru/"


def form(**overrides: str) -> dict[str, str]:
    data = {
        "nik": make_nik(dt.date(1995, 8, 17)),
        "full_name": "Budi Santoso",
        "birth_date": "1995-08-17",
        "sex": "L",
        "phone": "",
        "application_type": "BARU",
        "sim_class": "C",
        "current_sim_class": "",
        "current_sim_issued_on": "",
        "retake_ticket": "",
    }
    return {**data, **overrides}


def test_officer_registers_and_lands_on_the_printable_ticket(client_for, officer) -> None:
    response = client_for(officer).post(URL, form())
    application = Application.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("service_timing:ticket", args=[application.pk]) + "?cetak=1"
    )
    assert application.registered_by == officer
    assert application.queue_number == "B-001"


def test_a_nik_that_does_not_match_the_birth_date_is_explained_and_nothing_is_written(
    client_for, officer
) -> None:
    response = client_for(officer).post(URL, form(birth_date="1995-08-18"))
    assert response.status_code == 200
    assert "Tanggal lahir tidak cocok dengan NIK" in response.content.decode()
    assert not Application.objects.exists()
    assert not Applicant.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nik": "123"}, "NIK harus 16 angka"),
        ({"nik": "9972011708950003"}, "provinsi 99"),
        ({"birth_date": "2012-01-01", "nik": make_nik(dt.date(2012, 1, 1))}, "Pasal 8"),
        ({"application_type": "PERPANJANGAN"}, "golongan SIM yang dimiliki"),
        ({"phone": "08xx"}, "Nomor HP hanya angka"),
        ({"retake_ticket": "f" * 32}, "tidak ditemukan di satuan ini"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client_for, officer, overrides, message) -> None:
    response = client_for(officer).post(URL, form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_returning_applicant_fills_in_by_itself(client_for, officer, unit, frozen) -> None:
    frozen(2026, 11, 20, 9)
    register(unit, officer, serial=5, name="Sari Wulandari", birth=dt.date(1990, 3, 4), female=True)
    frozen(2026, 11, 27, 9)
    nik = make_nik(dt.date(1990, 3, 4), female=True, serial=5)
    response = client_for(officer).post(reverse("applicants:applicant_lookup"), {"nik": nik})
    body = response.content.decode()
    assert "Pemohon lama" in body
    assert 'value="Sari Wulandari"' in body
    assert 'value="1990-03-04"' in body


def test_a_new_nik_gives_birth_date_and_sex(client_for, officer) -> None:
    nik = make_nik(dt.date(2001, 12, 9), female=True)
    body = (
        client_for(officer)
        .post(reverse("applicants:applicant_lookup"), {"nik": nik})
        .content.decode()
    )
    assert "Pemohon baru dari provinsi Kepulauan Riau" in body
    assert 'value="2001-12-09"' in body
    assert '<option value="P" selected>' in body


def test_lookup_of_a_malformed_nik_explains(client_for, officer) -> None:
    body = (
        client_for(officer)
        .post(reverse("applicants:applicant_lookup"), {"nik": "12"})
        .content.decode()
    )
    assert "NIK harus 16 angka" in body


def test_lookup_does_not_reveal_another_units_applicant(
    client_for, unit, officer, other_officer
) -> None:
    register(unit, officer, serial=9, name="Rahasia Tanjungpinang")
    nik = make_nik(dt.date(1995, 8, 17), serial=9)
    body = (
        client_for(other_officer)
        .post(reverse("applicants:applicant_lookup"), {"nik": nik})
        .content.decode()
    )
    assert "Rahasia" not in body
    assert "Pemohon baru" in body


def test_lookup_refuses_get_so_that_no_nik_lands_in_a_url(client_for, officer) -> None:
    assert client_for(officer).get(reverse("applicants:applicant_lookup")).status_code == 405


@pytest.mark.parametrize("cast", ["kasat", "auditor"])
def test_only_counter_staff_may_register(request, client_for, cast) -> None:
    user = request.getfixturevalue(cast)
    assert client_for(user).get(URL).status_code == 403
    assert client_for(user).post(URL, form()).status_code == 403
    assert not Application.objects.exists()


def test_anonymous_is_sent_to_login(client_for, db) -> None:
    assert client_for(None).get(URL)["Location"].startswith("/masuk/")


def test_registration_page_query_budget(client_for, officer, django_assert_max_num_queries) -> None:
    client = client_for(officer)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200


def test_a_renewed_card_asks_when_the_class_was_first_held(client_for, officer, frozen) -> None:
    frozen(2026, 11, 27, 9)
    upgrade = {
        "application_type": "PENINGKATAN",
        "sim_class": "CI",
        "current_sim_class": "C",
        "current_sim_issued_on": "2026-06-01",
        "current_sim_renewed": "on",
    }
    response = client_for(officer).post(URL, form(**upgrade))
    assert "isi tanggal pertama kali memiliki golongan ini" in response.content.decode()
    assert not Application.objects.exists()
    response = client_for(officer).post(
        URL, form(**upgrade, current_sim_first_held_on="2020-03-02")
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.current_sim_first_held_on == dt.date(2020, 3, 2)
    assert application.current_sim_issued_on == dt.date(2026, 6, 1)


def test_registering_the_same_person_twice_the_same_day_is_refused_with_a_link(
    client_for, officer, unit, frozen
) -> None:
    frozen(2026, 11, 27, 9)
    client = client_for(officer)
    client.post(URL, form())
    first = Application.objects.get()
    response = client.post(URL, form())  # Back, then "Daftarkan" again
    body = response.content.decode()
    assert response.status_code == 200
    assert "sudah terdaftar hari ini dengan nomor antrean B-001" in body
    assert reverse("service_timing:application", args=[first.pk]) in body
    assert Application.objects.count() == 1


def test_the_nik_lookup_warns_of_an_application_still_in_process(
    client_for, officer, unit, frozen
) -> None:
    frozen(2026, 11, 27, 9)
    application = register(unit, officer, serial=6)
    nik = make_nik(dt.date(1995, 8, 17), serial=6)
    response = client_for(officer).post(reverse("applicants:applicant_lookup"), {"nik": nik})
    body = response.content.decode()
    assert 'data-testid="open-application"' in body
    assert "Buka permohonan B-001" in body
    assert reverse("service_timing:application", args=[application.pk]) in body


def test_an_elderly_sim_c_applicant_is_reminded_on_the_ticket_and_the_confirmation(
    client_for, officer
) -> None:
    client = client_for(officer)
    elderly = {"nik": make_nik(dt.date(1960, 3, 1)), "birth_date": "1960-03-01"}
    ticket_url = client.post(URL, form(**elderly))["Location"]

    ticket = client.get(ticket_url).content.decode()
    assert 'data-testid="ticket-health"' in ticket
    assert "Pemohon berusia 66 tahun" in ticket
    assert "surat keterangan sehat jasmani" in ticket
    # The counter's next page carries the confirmation, with the reminder beside it.
    page = client.get(URL).content.decode()
    assert "Terdaftar dengan nomor antrean B-001." in page
    assert "Pemohon berusia 66 tahun" in page


def test_a_younger_applicant_gets_no_health_reminder(client_for, officer) -> None:
    client = client_for(officer)
    ticket = client.get(client.post(URL, form())["Location"]).content.decode()
    assert 'data-testid="ticket-health"' not in ticket
    assert "Pemohon berusia" not in client.get(URL).content.decode()
