from __future__ import annotations

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_styled_indonesian_404(client_for, officer) -> None:
    response = client_for(officer).get("/tidak-ada/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Halaman atau data tidak ditemukan" in body
    assert "bootstrap.min.css" in body


def test_500_page_renders_without_a_request_context() -> None:
    body = render_to_string("500.html")
    assert "Terjadi gangguan pada server" in body


def test_forbidden_page_is_styled(client_for, officer) -> None:
    # An officer is not staff: the admin answers with its login, so check a 403 template
    # directly through the permission helper's message.
    body = render_to_string("403.html", {"exception": "Anda tidak berwenang membuka halaman ini."})
    assert "Akses ditolak" in body


def test_expired_form_explains_itself(officer) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/keluar/")
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.content.decode()
