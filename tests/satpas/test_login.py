from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_speaks_indonesian() -> None:
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="id"' in body
    assert "Masuk ke Satpas" in body
    assert "NRP/NIP" in body


def test_login_with_nrp_lands_on_the_home_page(kasat, password) -> None:
    client = Client()
    response = client.post(
        reverse("login"), {"username": kasat.username, "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Selamat datang" in response.content.decode()


def test_wrong_password_is_explained_and_logs_nobody_in(kasat) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": kasat.username, "password": "salah"})
    assert response.status_code == 200
    assert "NRP/NIP atau kata sandi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(kasat, password) -> None:
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": kasat.username, "password": "salah"})
    response = client.post(reverse("login"), {"username": kasat.username, "password": password})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(client_for, kasat) -> None:
    client = client_for(kasat)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_page_is_in_indonesian(client_for, officer) -> None:
    response = client_for(officer).get(reverse("password_change"))
    assert response.status_code == 200
    assert "Ganti kata sandi" in response.content.decode()


def test_password_change_keeps_the_user_logged_in(client_for, officer, password) -> None:
    client = client_for(officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "Loket-Baru-2026!",
            "new_password2": "Loket-Baru-2026!",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Loket-Baru-2026!")


def test_english_is_available_through_the_language_switch(client_for, officer) -> None:
    client = client_for(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("home"))
    assert 'lang="en"' in response.content.decode()
    assert "Welcome" in response.content.decode()


def test_an_english_browser_still_gets_indonesian_by_default(client_for, officer) -> None:
    response = client_for(officer).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in response.content.decode()


def test_the_counter_home_counts_completed_applications_in_english(
    client_for, officer, unit
) -> None:
    from tests.factories import register

    register(unit, officer)
    client = client_for(officer)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("home")).content.decode()
    assert ">completed</div>" in body
    assert ">ends</div>" not in body
