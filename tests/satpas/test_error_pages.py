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


def test_a_refused_page_logs_one_line_without_a_traceback(client_for, officer, caplog) -> None:
    import logging

    from django.urls import reverse

    with caplog.at_level(logging.WARNING):
        response = client_for(officer).get(reverse("service_timing:outage"))
    assert response.status_code == 403
    lines = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in lines] == ["Forbidden (Permission denied): /gangguan/"]
    assert lines[0].exc_info is None
    # Django's own console handler is gone: the root's prints each record once.
    assert logging.getLogger("django").handlers == []


def test_admin_pages_name_their_icon(client_for, admin_user) -> None:
    body = client_for(admin_user).get("/admin/").content.decode()
    assert 'rel="icon"' in body
    assert "satpas/favicon" in body
