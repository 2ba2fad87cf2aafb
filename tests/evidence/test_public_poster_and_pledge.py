"""The waiting-room poster of the public page, and the pledge's edit page."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evidence.models import ServicePledge
from tests.conftest import visiting

pytestmark = pytest.mark.django_db


def test_the_poster_is_a_pdf_pointing_to_the_page(client_for, unit) -> None:
    response = client_for(None).get(reverse("public:poster", args=["tpi"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "http://testserver/layanan/TPI/" in text
    assert "Standar Pelayanan SIM" in text
    assert unit.name.upper() in text


def test_the_poster_of_an_unknown_unit_is_a_404(client_for, db) -> None:
    assert client_for(None).get(reverse("public:poster", args=["XXX"])).status_code == 404


def test_the_kasat_changes_the_pledge_and_the_page_shows_it(client_for, unit, kasat) -> None:
    anonymous = client_for(None)
    assert "sanggup menyelenggarakan" in anonymous.get("/layanan/TPI/").content.decode()
    client = client_for(kasat)
    page = client.get(reverse("public:pledge"))
    assert page.status_code == 200
    assert "sanggup menyelenggarakan" in page.content.decode()  # the wording shown today
    response = client.post(
        reverse("public:pledge"), {"text": "  Kami siap melayani.\n\nTepat waktu.  "}
    )
    assert response.status_code == 302
    pledge = ServicePledge.objects.get(unit=unit)
    assert pledge.text == "Kami siap melayani.\nTepat waktu."
    assert pledge.updated_by == kasat
    body = anonymous.get("/layanan/TPI/").content.decode()
    assert "Kami siap melayani." in body
    assert "sanggup menyelenggarakan" not in body
    client.post(reverse("public:pledge"), {"text": "Versi kedua."})
    assert [h.text for h in pledge.history.order_by("history_date")] == [
        "Kami siap melayani.\nTepat waktu.",
        "Versi kedua.",
    ]
    assert "Versi kedua." in client.get(reverse("public:pledge")).content.decode()


def test_the_admin_operator_may_change_it_too(client_for, unit, admin_user) -> None:
    response = client_for(admin_user).post(reverse("public:pledge"), {"text": "Janji operator."})
    assert response.status_code == 302
    assert ServicePledge.objects.get(unit=unit).text == "Janji operator."


@pytest.mark.parametrize("text", ["", "   \n  ", "x" * 3001])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client_for, unit, kasat, text
) -> None:
    response = client_for(kasat).post(reverse("public:pledge"), {"text": text})
    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.content.decode()
    assert not ServicePledge.objects.exists()


@pytest.mark.parametrize("role", ["officer", "supervisor", "auditor"])
def test_other_roles_may_not_change_it(request, client_for, unit, role) -> None:
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("public:pledge")).status_code == 403
    assert client.post(reverse("public:pledge"), {"text": "Diubah"}).status_code == 403
    assert not ServicePledge.objects.exists()


def test_anonymous_is_sent_to_sign_in(client_for, unit) -> None:
    response = client_for(None).post(reverse("public:pledge"), {"text": "Diubah"})
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]
    assert not ServicePledge.objects.exists()


def test_another_units_kasat_changes_only_his_own_unit(
    client_for, unit, other_unit, other_kasat
) -> None:
    client_for(other_kasat).post(reverse("public:pledge"), {"text": "Janji Bintan."})
    assert not ServicePledge.objects.filter(unit=unit).exists()
    assert ServicePledge.objects.get(unit=other_unit).text == "Janji Bintan."
    assert "Janji Bintan." not in client_for(None).get("/layanan/TPI/").content.decode()


def test_a_visitor_reading_the_unit_may_not_change_it(client_for, unit, visitor) -> None:
    client = visiting(client_for(visitor), unit)
    assert client.post(reverse("public:pledge"), {"text": "Diubah"}).status_code == 403
    assert not ServicePledge.objects.exists()
