"""Stock movements added in the admin go through the stock services: server time, the
operator as recorder, no hand-over written by hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compensation.models import CompensationItem, StockMovement

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(unit):
    return CompensationItem.objects.filter(unit=unit).first() or CompensationItem.objects.create(
        unit=unit, name="Air mineral"
    )


def test_a_receipt_in_the_admin_is_recorded_now_by_the_operator(
    client_for, admin_user, item, frozen
) -> None:
    frozen(2026, 11, 27, 9, 30)
    before = StockMovement.objects.count()
    response = client_for(admin_user).post(
        reverse("admin:compensation_stockmovement_add"),
        {"item": item.pk, "kind": "RECEIVED", "quantity": 24, "note": "Dus baru"},
    )
    assert response.status_code == 302
    movement = StockMovement.objects.latest("pk")
    assert StockMovement.objects.count() == before + 1
    assert (movement.kind, movement.quantity, movement.recorded_by) == ("RECEIVED", 24, admin_user)
    assert movement.history.get().history_user == admin_user


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "GIVEN", "quantity": -1}, "dicatat dari penyerahan kompensasi"),
        ({"kind": "ADJUSTED", "quantity": -2, "note": ""}, "Keterangan penyesuaian wajib diisi"),
        ({"kind": "RECEIVED", "quantity": 0}, "harus lebih dari nol"),
    ],
)
def test_the_admin_refuses_what_the_services_refuse(client_for, admin_user, item, data, message):
    before = StockMovement.objects.count()
    response = client_for(admin_user).post(
        reverse("admin:compensation_stockmovement_add"), {"item": item.pk, "note": "", **data}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert StockMovement.objects.count() == before
