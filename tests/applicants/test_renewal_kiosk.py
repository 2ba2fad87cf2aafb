"""The renewal kiosk: a known applicant renewing a SIM on record takes a ticket at a tablet a
supervisor enrolled; every refusal says why and writes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.held_sims import held_sim_record
from applicants.kiosk_views import RENEWAL_KIOSK
from applicants.models import Application, Channel, HeldSim
from applicants.services import application_register
from compensation.views.kiosk import KIOSK_COOKIE
from satpas.models import Holiday
from tests.factories import make_nik, register

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1990, 3, 4)
NIK = make_nik(BIRTH, serial=7)
NUMBER = "1234-5678-9012"


def url(name: str, unit) -> str:
    return reverse(f"applicants:{name}", args=[unit.code])


@pytest.fixture
def open_office(frozen):
    """A Wednesday morning, office open (the suite may run at 23.50, office closed)."""
    frozen(2026, 11, 25, 9, 30)


@pytest.fixture
def held(unit, officer, open_office) -> HeldSim:
    """Budi was served here before; the counter recorded his SIM C, valid until 2027."""
    application = application_register(
        unit=unit,
        registered_by=officer,
        nik=NIK,
        full_name="Budi Santoso",
        birth_date=BIRTH,
        sex="L",
        application_type="BARU",
        sim_class="C",
        now=timezone.now() - dt.timedelta(days=400),
    )
    return held_sim_record(
        applicant=application.applicant,
        sim_class="C",
        number=NUMBER,
        issued_on=dt.date(2022, 12, 1),
        application=application,
        now=timezone.now(),
    )


def kiosk(client_for, supervisor, unit):
    client = client_for(supervisor)
    response = client.post(url("renewal_kiosk_enrol", unit))
    assert response.status_code == 302
    assert response["Location"] == url("renewal_kiosk", unit)
    return client


def take_ticket(client, unit, nik=NIK, number=NUMBER):
    return client.post(url("renewal_kiosk", unit), {"nik": nik, "sim_number": number})


def test_a_known_applicant_takes_a_renewal_ticket(client_for, supervisor, unit, held) -> None:
    client = kiosk(client_for, supervisor, unit)
    response = take_ticket(client, unit)
    assert response["Location"] == url("renewal_kiosk_confirm", unit)
    page = client.get(response["Location"]).content.decode()
    assert "B*** S***" in page
    assert "Budi Santoso" not in page
    assert NIK not in page
    assert "Perpanjangan" in page
    assert "01-12-2027" in page
    assert not Application.objects.filter(application_type="PERPANJANGAN").exists()
    response = client.post(url("renewal_kiosk_confirm", unit))
    assert response["Location"] == url("renewal_kiosk_ticket", unit)
    application = Application.objects.get(application_type="PERPANJANGAN")
    assert (application.channel, application.registered_by) == (Channel.KIOSK, None)
    assert (application.sim_class, application.current_sim_class) == ("C", "C")
    assert application.queue_number == "P-001"
    # The kiosk took the form: the first counter verifies the documents.
    assert application.journey.current_stage_id == "VERIF"
    assert application.history.first().history_user is None
    ticket = client.get(response["Location"]).content.decode()
    assert "P-001" in ticket
    assert reverse("service_timing:status", args=[application.ticket_code]) in ticket
    # Back at the start, the ticket is gone from the tablet.
    client.get(url("renewal_kiosk", unit))
    assert client.get(url("renewal_kiosk_ticket", unit)).status_code == 302


def refusal(client, unit, **data) -> str:
    response = take_ticket(client, unit, **data)
    assert response.status_code == 200
    return response.content.decode()


def test_a_malformed_nik_is_refused(client_for, supervisor, unit, held) -> None:
    client = kiosk(client_for, supervisor, unit)
    assert "16 angka" in refusal(client, unit, nik="12345")
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


NO_MATCH = "NIK atau nomor SIM tidak cocok dengan data kami."


def _without_csrf(page: str) -> str:
    """The page's main content without its per-response CSRF token."""
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def test_an_unknown_nik_and_a_wrong_number_get_the_same_answer(
    client_for, supervisor, unit, held
) -> None:
    """The kiosk does not tell whether a NIK was ever served here: an unknown NIK and a SIM
    number not on record for a known one get the same page (the typed values aside)."""
    client = kiosk(client_for, supervisor, unit)
    client.get(url("renewal_kiosk", unit))  # shows the enrolment's message, once
    stranger = make_nik(BIRTH, serial=8)
    unknown = refusal(client, unit, nik=stranger, number="999999999999")
    mismatch = refusal(client, unit, number="999999999999")
    assert NO_MATCH in unknown
    assert "belum pernah terdaftar" not in unknown
    assert _without_csrf(unknown).replace(stranger, NIK) == _without_csrf(mismatch)
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_a_known_number_under_another_nik_is_no_match(client_for, supervisor, unit, held) -> None:
    client = kiosk(client_for, supervisor, unit)
    assert NO_MATCH in refusal(client, unit, nik=make_nik(BIRTH, serial=8))
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_an_expired_sim_goes_to_the_counter_as_a_new_application(
    client_for, supervisor, unit, held
) -> None:
    HeldSim.objects.filter(pk=held.pk).update(
        issued_on=dt.date(2021, 1, 1), valid_until=dt.date(2026, 1, 1)
    )
    client = kiosk(client_for, supervisor, unit)
    page = refusal(client, unit)
    assert "habis masa berlakunya pada 01-01-2026" in page
    assert "SIM baru" in page
    assert "Pasal 4" in page
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_an_umum_class_is_renewed_at_the_counter(client_for, supervisor, unit, held) -> None:
    HeldSim.objects.filter(pk=held.pk).update(sim_class="A_UMUM")
    client = kiosk(client_for, supervisor, unit)
    assert "tidak dapat diperpanjang di kios" in refusal(client, unit)
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_an_application_open_today_is_not_doubled(
    client_for, supervisor, officer, unit, held
) -> None:
    register(unit, officer, birth=BIRTH, serial=7, sim_class="A")
    client = kiosk(client_for, supervisor, unit)
    assert "sudah terdaftar hari ini dengan nomor antrean B-" in refusal(client, unit)
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_the_office_closed_refuses(client_for, supervisor, unit, held, frozen) -> None:
    client = kiosk(client_for, supervisor, unit)
    frozen(2026, 12, 31, 23, 50)
    page = client.get(url("renewal_kiosk", unit)).content.decode()
    assert 'data-testid="renewal-closed"' in page
    assert "Kantor sedang tutup" in refusal(client, unit)
    frozen(2026, 11, 26, 9, 30)
    Holiday.objects.create(unit=unit, date=dt.date(2026, 11, 26), name="Libur")
    assert "Hari ini kantor tutup" in refusal(client, unit)
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_the_confirmation_checks_again(client_for, supervisor, unit, held, frozen) -> None:
    """Between the steps the office may close: nothing is registered."""
    client = kiosk(client_for, supervisor, unit)
    take_ticket(client, unit)
    frozen(2026, 11, 25, 15, 30)
    page = client.post(url("renewal_kiosk_confirm", unit)).content.decode()
    assert "Kantor sedang tutup" in page
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_an_unenrolled_device_is_told_to_ask_a_supervisor(client_for, unit, held) -> None:
    client = client_for(None)
    page = client.get(url("renewal_kiosk", unit))
    assert page.status_code == 403
    assert "belum terdaftar sebagai kios perpanjangan" in page.content.decode()
    assert take_ticket(client, unit).status_code == 403
    assert client.post(url("renewal_kiosk_confirm", unit)).status_code == 403
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_enrolments_are_per_purpose(client_for, supervisor, unit, held) -> None:
    survey = client_for(supervisor)
    survey.post(reverse("compensation:kiosk_enrol", args=[unit.code]))
    assert take_ticket(survey, unit).status_code == 403
    # A survey cookie's value copied under the renewal kiosk's name fails its signature.
    survey.cookies[RENEWAL_KIOSK.cookie] = survey.cookies[KIOSK_COOKIE].value
    assert take_ticket(survey, unit).status_code == 403
    renewal = kiosk(client_for, supervisor, unit)
    body = renewal.get(reverse("compensation:kiosk", args=[unit.code])).content.decode()
    assert 'data-testid="kiosk-not-enrolled"' in body
    assert (
        renewal.post(
            reverse("compensation:kiosk", args=[unit.code]), {"anonymous": "1"}
        ).status_code
        == 403
    )
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


def test_another_units_kiosk_cannot_register_here(
    client_for, supervisor, unit, other_unit, held
) -> None:
    from satpas.roles import Role
    from tests.factories import UserFactory

    stranger = UserFactory(username="85061199", home_unit=other_unit, role=Role.SUPERVISOR)
    client = kiosk(client_for, stranger, other_unit)
    assert take_ticket(client, unit).status_code == 403
    # At its own unit the NIK is not known.
    assert NO_MATCH in refusal(client, other_unit)
    # A session naming this unit's SIM does not carry over to the other unit's pages.
    session = client.session
    session["renewal_kiosk_sim"] = {"unit": unit.code, "pk": held.pk}
    session.save()
    assert client.post(url("renewal_kiosk_confirm", other_unit)).status_code == 302
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat"])
def test_signed_in_staff_are_refused(request, client_for, unit, held, cast) -> None:
    """Staff register at the counter, under their own name: a ticket taken at the kiosk by
    someone signed in would hide who registered it."""
    client = client_for(request.getfixturevalue(cast))
    page = client.get(url("renewal_kiosk", unit))
    assert page.status_code == 403
    assert "Kios perpanjangan hanya untuk pemohon" in page.content.decode()
    assert take_ticket(client, unit).status_code == 403
    assert not Application.objects.filter(channel=Channel.KIOSK).exists()


@pytest.mark.parametrize("cast", ["officer", "kasat", "auditor", "other_officer"])
def test_only_a_supervisor_of_the_unit_enrols(request, client_for, unit, cast) -> None:
    response = client_for(request.getfixturevalue(cast)).post(url("renewal_kiosk_enrol", unit))
    assert response.status_code in (403, 404)
    assert RENEWAL_KIOSK.cookie not in response.cookies


def test_the_kiosk_is_rate_limited(client_for, supervisor, unit, held, settings) -> None:
    settings.PUBLIC_RATE_LIMITS = {
        **settings.PUBLIC_RATE_LIMITS,
        "renewal_kiosk": {"address": "2/m", "unit": "100/m"},
    }
    client = kiosk(client_for, supervisor, unit)
    for _ in range(2):
        refusal(client, unit, nik="1")
    assert take_ticket(client, unit).status_code == 429


def test_query_budget(client_for, supervisor, unit, held, django_assert_max_num_queries) -> None:
    client = kiosk(client_for, supervisor, unit)
    with django_assert_max_num_queries(12):
        take_ticket(client, unit)
    with django_assert_max_num_queries(12):
        client.get(url("renewal_kiosk_confirm", unit))


def test_a_recorded_sim_keeps_the_day_the_class_was_first_held(unit, held) -> None:
    renewed = held_sim_record(
        applicant=held.applicant,
        sim_class="C",
        number="999988887777",
        issued_on=dt.date(2026, 11, 20),
        now=timezone.now(),
    )
    assert (renewed.pk, renewed.first_held_on) == (held.pk, dt.date(2022, 12, 1))
    assert renewed.valid_until == dt.date(2031, 11, 20)
