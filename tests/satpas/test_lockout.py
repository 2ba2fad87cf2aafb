"""Login lock-out per address across usernames, besides the one per username and address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _fail(client: Client, count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        client.post(reverse("login"), {"username": f"{91000000 + n:08d}", "password": "salah"})


def test_an_address_trying_many_usernames_is_locked_out(kasat, password) -> None:
    client = Client()
    _fail(client, 20)  # one wrong password for each of twenty accounts
    response = client.post(reverse("login"), {"username": kasat.username, "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_below_the_address_limit_a_right_password_still_works(kasat, password) -> None:
    client = Client()
    _fail(client, 19)
    response = client.post(reverse("login"), {"username": kasat.username, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(kasat.pk)


def test_another_address_is_not_locked_by_the_first(kasat, password) -> None:
    _fail(Client(REMOTE_ADDR="10.0.0.7"), 20)
    client = Client(REMOTE_ADDR="10.0.0.8")
    response = client.post(reverse("login"), {"username": kasat.username, "password": password})
    assert response.status_code == 302
