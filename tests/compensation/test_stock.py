"""The item stock ledger and the low-stock warning on the live board."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from compensation.models import CompensationItem, StockMovement
from compensation.panels import low_stock_panel
from compensation.selectors import items_with_stock, low_stock_items
from compensation.services import stock_adjust, stock_receive
from service_timing.extensions import BOARD_PANELS, board_panels
from tests.compensation.helpers import at

pytestmark = pytest.mark.django_db


def water(unit) -> CompensationItem:
    return CompensationItem.objects.get(unit=unit, name="Air mineral")


def test_receipts_and_adjustments_make_the_stock(unit, supervisor) -> None:
    stock_receive(item=water(unit), quantity=48, user=supervisor, note="1 dus dari Bag Log")
    stock_adjust(item=water(unit), quantity=-2, user=supervisor, note="2 botol bocor")
    stocks = {i.name: i.stock for i in items_with_stock(unit)}
    assert stocks == {"Air mineral": 46, "Permen": 0}


def test_an_officer_supplying_items_as_a_sanction_is_recorded(unit, supervisor, officer) -> None:
    movement = stock_receive(
        item=water(unit), quantity=24, user=supervisor, supplied_by=officer, note="Sanksi SOP"
    )
    assert movement.supplied_by == officer


def test_nonsense_quantities_are_refused(unit, supervisor) -> None:
    with pytest.raises(ValidationError, match="lebih dari nol"):
        stock_receive(item=water(unit), quantity=0, user=supervisor)
    with pytest.raises(ValidationError, match="Keterangan"):
        stock_adjust(item=water(unit), quantity=-1, user=supervisor, note="")
    assert not StockMovement.objects.exists()


def test_low_stock_lists_active_items_at_or_below_the_threshold(unit, supervisor) -> None:
    stock_receive(item=water(unit), quantity=11, user=supervisor)
    assert [i.name for i in low_stock_items(unit)] == ["Permen"]
    stock_adjust(item=water(unit), quantity=-1, user=supervisor, note="Hilang")
    assert [i.name for i in low_stock_items(unit)] == ["Air mineral", "Permen"]


def test_the_board_panel_warns_only_when_stock_is_low(
    unit, supervisor, django_assert_max_num_queries
) -> None:
    assert low_stock_panel in BOARD_PANELS
    with django_assert_max_num_queries(1):
        panel = low_stock_panel(unit, at(9))
    assert panel is not None
    assert [i.name for i in panel.context["low_stock_items"]] == ["Air mineral", "Permen"]
    for item in CompensationItem.objects.filter(unit=unit):
        stock_receive(item=item, quantity=50, user=supervisor)
    assert board_panels(unit, at(9)) == []


def test_the_panel_template_renders_the_items(unit) -> None:
    from django.template.loader import render_to_string

    panel = low_stock_panel(unit, at(9))
    html = render_to_string(panel.template, {"panel": panel.context})
    assert "Stok kompensasi menipis" in html
    assert "Air mineral" in html


def test_the_live_board_names_the_items_running_low(client_for, officer, unit, supervisor) -> None:
    from django.urls import reverse

    stock_receive(item=water(unit), quantity=50, user=supervisor)
    body = client_for(officer).get(reverse("service_timing:board_rows")).content.decode()
    warning = body[body.index('data-testid="low-stock"') :]
    warning = warning[: warning.index("</div>")]
    assert "Permen · 0 bungkus" in warning
    assert "Air mineral" not in warning
