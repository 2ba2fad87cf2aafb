"""The stock page: items and their stock, the ledger, receipts and adjustments."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compensation.models import CompensationItem, StockMovement
from compensation.services import stock_receive

pytestmark = pytest.mark.django_db

URL = reverse("compensation:stock")
RECEIVE = reverse("compensation:stock_receive")
ADJUST = reverse("compensation:stock_adjust")


def water(unit) -> CompensationItem:
    return CompensationItem.objects.get(unit=unit, name="Air mineral")


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat", "auditor", "admin_user"])
def test_who_may_read_the_stock(request, client_for, cast: str) -> None:
    assert client_for(request.getfixturevalue(cast)).get(URL).status_code == 200


def test_anonymous_is_sent_to_login(client_for) -> None:
    assert client_for(None).get(URL)["Location"].startswith(reverse("login"))


def test_the_forms_show_only_to_those_who_record(client_for, officer, supervisor) -> None:
    assert f'action="{RECEIVE}"' not in client_for(officer).get(URL).content.decode()
    assert f'action="{RECEIVE}"' in client_for(supervisor).get(URL).content.decode()


def test_an_officer_may_not_record_stock(client_for, unit, officer) -> None:
    response = client_for(officer).post(
        RECEIVE, {"terima-item": water(unit).pk, "terima-quantity": 24}
    )
    assert response.status_code == 403
    assert not StockMovement.objects.exists()


def test_supervisor_records_a_receipt_supplied_as_a_sanction(
    client_for, unit, supervisor, officer
) -> None:
    response = client_for(supervisor).post(
        RECEIVE,
        {
            "terima-item": water(unit).pk,
            "terima-quantity": 24,
            "terima-supplied_by": officer.pk,
            "terima-note": "Sanksi keterlambatan",
        },
        follow=True,
    )
    assert "24 botol Air mineral diterima." in response.content.decode()
    movement = StockMovement.objects.get()
    assert (movement.quantity, movement.supplied_by, movement.recorded_by) == (
        24,
        officer,
        supervisor,
    )


def test_an_adjustment_needs_a_reason_and_cannot_be_zero(client_for, unit, supervisor) -> None:
    client = client_for(supervisor)
    body = client.post(
        ADJUST, {"sesuai-item": water(unit).pk, "sesuai-quantity": 0}
    ).content.decode()
    assert "Penyesuaian tidak boleh nol." in body
    assert "Keterangan penyesuaian wajib diisi." in body
    client.post(
        ADJUST, {"sesuai-item": water(unit).pk, "sesuai-quantity": -3, "sesuai-note": "Bocor"}
    )
    assert StockMovement.objects.get().quantity == -3


def test_another_units_item_cannot_be_chosen(client_for, unit, supervisor, other_unit) -> None:
    foreign = CompensationItem.objects.get(unit=other_unit, name="Air mineral")
    body = (
        client_for(supervisor)
        .post(RECEIVE, {"terima-item": foreign.pk, "terima-quantity": 5})
        .content.decode()
    )
    assert "Masukkan pilihan yang valid" in body
    assert not StockMovement.objects.exists()


def test_stock_page_query_budget(
    client_for, unit, supervisor, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        stock_receive(item=water(unit), quantity=1, user=supervisor)
    client = client_for(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
