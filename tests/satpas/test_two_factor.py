"""Optional TOTP second step for Admin and Kasat Lantas, enforced when REQUIRE_2FA is on."""

from __future__ import annotations

from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from satpas.two_factor import PENDING_KEY_SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


def code(hex_key: str) -> str:
    return f"{totp(unhexlify(hex_key)):06d}"


def enrolled(client_for, user, frozen) -> TOTPDevice:
    # The clock moves before the sign-in: the suite's clock is frozen two days earlier and a
    # session signed in then would have expired (SESSION_COOKIE_AGE) by the time of the code.
    frozen(2026, 11, 27, 9, 0)
    client = client_for(user)
    client.get(reverse("two_factor_enrol"))
    key = client.session[PENDING_KEY_SESSION_KEY]
    client.post(reverse("two_factor_enrol"), {"token": code(key), "next": "/"})
    return TOTPDevice.objects.get(key=key)


@pytest.mark.parametrize("role", ["kasat", "admin_user"])
def test_without_a_second_step_admin_and_kasat_reach_nothing(
    request, client_for, required, role
) -> None:
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("two_factor_verify"))["Location"].startswith(
        reverse("two_factor_enrol")
    )
    assert client.post(reverse("personnel:decide_bulk"), {}).status_code == 302


def test_other_roles_and_a_setting_off_ask_nothing(client_for, officer, kasat, settings) -> None:
    settings.REQUIRE_2FA = True
    assert client_for(officer).get(reverse("home")).status_code == 200
    settings.REQUIRE_2FA = False
    assert client_for(kasat).get(reverse("home")).status_code == 200


def test_enrolment_shows_a_qr_code_and_a_first_code_activates_it(
    client_for, kasat, required, frozen
) -> None:
    frozen(2026, 11, 27, 9, 0)
    client = client_for(kasat)
    page = client.get(reverse("two_factor_enrol")).content.decode()
    assert "<svg" in page
    assert 'data-testid="totp-secret"' in page
    key = client.session[PENDING_KEY_SESSION_KEY]
    wrong = client.post(reverse("two_factor_enrol"), {"token": "000000"})
    assert "Kode tidak cocok" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()
    done = client.post(reverse("two_factor_enrol"), {"token": code(key), "next": "/"})
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=kasat).confirmed
    assert client.get(reverse("home")).status_code == 200


def test_after_the_next_sign_in_the_code_is_asked_again(
    client_for, kasat, required, frozen
) -> None:
    device = enrolled(client_for, kasat, frozen)
    client = client_for(kasat)  # a new sign-in with the password
    assert client.get(reverse("home")).status_code == 302
    frozen(2026, 11, 27, 9, 1)
    wrong = client.post(reverse("two_factor_verify"), {"token": "123456"})
    assert "Kode tidak cocok" in wrong.content.decode()
    assert client.get(reverse("home")).status_code == 302
    frozen(2026, 11, 27, 9, 1, 5)  # after a wrong code, django-otp waits a second
    right = client.post(reverse("two_factor_verify"), {"token": code(device.key), "next": "/"})
    assert right["Location"] == "/"
    assert client.get(reverse("home")).status_code == 200


def test_a_password_alone_cannot_add_a_device(client_for, kasat, required, frozen) -> None:
    enrolled(client_for, kasat, frozen)
    client = client_for(kasat)
    response = client.get(reverse("two_factor_enrol"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert TOTPDevice.objects.filter(user=kasat).count() == 1
