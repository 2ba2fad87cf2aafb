"""The exit kiosk takes anonymous answers only on a tablet a supervisor enrolled (a signed
cookie); staff who are signed in never answer the survey."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from compensation.models import SurveyResponse
from compensation.views.kiosk import KIOSK_COOKIE, KIOSK_SALT
from tests.factories import register

pytestmark = pytest.mark.django_db

GOOD = {f"u{i}": 4 for i in range(1, 10)}


def kiosk_url(unit) -> str:
    return reverse("compensation:kiosk", args=[unit.code])


def submit_url(unit) -> str:
    return reverse("compensation:kiosk_submit", args=[unit.code])


def enrol_url(unit) -> str:
    return reverse("compensation:kiosk_enrol", args=[unit.code])


def enrolled_kiosk(client_for, supervisor, unit):
    """A tablet enrolled by the supervisor, who is signed out afterwards."""
    client = client_for(supervisor)
    response = client.post(enrol_url(unit))
    assert response.status_code == 302
    assert response["Location"] == kiosk_url(unit)
    return client


def test_enrolment_sets_a_signed_cookie_and_signs_the_supervisor_out(
    client_for, supervisor, unit
) -> None:
    client = client_for(supervisor)
    page = client.get(enrol_url(unit))
    assert page.status_code == 200
    assert 'data-testid="kiosk-enrol"' in page.content.decode()
    response = client.post(enrol_url(unit))
    cookie = response.cookies[KIOSK_COOKIE]
    assert cookie["httponly"]
    probe = RequestFactory().get("/", HTTP_COOKIE=f"{KIOSK_COOKIE}={cookie.value}")
    assert probe.get_signed_cookie(KIOSK_COOKIE, salt=KIOSK_SALT) == unit.code
    # Signed out: the tablet is now the applicants', not the supervisor's.
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    body = client.get(kiosk_url(unit)).content.decode()
    assert 'name="anonymous"' in body


def test_an_enrolled_kiosk_takes_anonymous_answers(client_for, supervisor, unit) -> None:
    client = enrolled_kiosk(client_for, supervisor, unit)
    assert (
        'data-testid="survey-form"'
        in client.post(kiosk_url(unit), {"anonymous": "1"}, follow=True).content.decode()
    )
    client.post(submit_url(unit), {**GOOD, "comment": "", "ticket_code": ""})
    assert SurveyResponse.objects.filter(unit=unit, application=None).count() == 1


def test_an_unenrolled_device_is_refused_anonymous_answers(client_for, unit) -> None:
    client = client_for(None)
    page = client.get(kiosk_url(unit)).content.decode()
    assert 'name="anonymous"' not in page
    assert 'data-testid="kiosk-not-enrolled"' in page
    for url, data in [
        (kiosk_url(unit), {"anonymous": "1"}),
        (submit_url(unit), {**GOOD, "comment": "", "ticket_code": ""}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 403
        assert "belum terdaftar sebagai kios" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_forged_or_other_units_cookie_is_not_an_enrolment(
    client_for, supervisor, unit, other_unit
) -> None:
    client = client_for(None)
    client.cookies[KIOSK_COOKIE] = unit.code  # unsigned
    assert client.post(submit_url(unit), {**GOOD, "ticket_code": ""}).status_code == 403
    client = enrolled_kiosk(client_for, supervisor, unit)
    response = client.post(submit_url(other_unit), {**GOOD, "ticket_code": ""})
    assert response.status_code == 403
    assert not SurveyResponse.objects.exists()


def test_an_unenrolled_kiosk_still_takes_a_ticket(client_for, unit, officer) -> None:
    application = register(unit, officer)
    client = client_for(None)
    client.post(submit_url(unit), {**GOOD, "comment": "", "ticket_code": application.ticket_code})
    assert SurveyResponse.objects.get().application == application


@pytest.mark.parametrize("cast", ["officer", "kasat", "auditor", "admin_user", "other_officer"])
def test_only_a_supervisor_of_the_unit_enrols(request, client_for, unit, cast) -> None:
    user = request.getfixturevalue(cast)
    response = client_for(user).post(enrol_url(unit))
    assert response.status_code in (403, 404)
    assert KIOSK_COOKIE not in response.cookies
    assert client_for(None).post(enrol_url(unit)).status_code == 302  # to the login
    assert KIOSK_COOKIE not in client_for(None).post(enrol_url(unit)).cookies


def test_a_supervisor_of_another_unit_cannot_enrol_this_units_kiosk(
    client_for, unit, other_unit
) -> None:
    from satpas.roles import Role
    from tests.factories import UserFactory

    stranger = UserFactory(username="85061199", home_unit=other_unit, role=Role.SUPERVISOR)
    response = client_for(stranger).post(enrol_url(unit))
    assert response.status_code == 404
    assert KIOSK_COOKIE not in response.cookies


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat"])
def test_signed_in_staff_cannot_submit_a_survey(request, client_for, unit, officer, cast) -> None:
    application = register(unit, officer)
    client = client_for(request.getfixturevalue(cast))
    survey = reverse("compensation:survey", args=[application.ticket_code])
    page = client.get(survey)
    assert page.status_code == 200
    assert 'data-testid="survey-form"' not in page.content.decode()
    assert "Petugas tidak dapat mengisi survei" in page.content.decode()
    assert client.post(survey, {**GOOD, "comment": ""}).status_code == 403
    data = {**GOOD, "comment": "", "ticket_code": application.ticket_code}
    assert client.post(submit_url(unit), data).status_code == 403
    assert client.post(kiosk_url(unit), {"ticket_code": application.ticket_code}).status_code == 403
    assert not SurveyResponse.objects.exists()
