"""The compensation items' stock: levels, receipts and adjustments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_POST,
    require_safe,
)

from compensation import selectors, services
from compensation.forms import (
    StockAdjustForm,
    StockReceiveForm,
)
from compensation.models import CompensationItem, StockMovement
from compensation.views.common import error_messages
from satpas.access import UnitRequest, permission_required, require_unit
from satpas.querystrings import canonical_query, paginate


def _stock_forms(
    request: HttpRequest, *, receive_data: Any = None, adjust_data: Any = None
) -> tuple[StockReceiveForm, StockAdjustForm]:
    unit = require_unit(request)
    items = CompensationItem.objects.filter(unit=unit, is_active=True).order_by("name")
    return (
        StockReceiveForm(
            receive_data, items=items, officers=selectors.unit_officers(unit), prefix="terima"
        ),
        StockAdjustForm(adjust_data, items=items, prefix="sesuai"),
    )


def _render_stock(request: HttpRequest, receive_form: Any, adjust_form: Any) -> HttpResponse:
    unit = require_unit(request)
    movements = (
        StockMovement.objects.filter(item__unit=unit)
        .select_related("item", "recorded_by", "supplied_by", "case__application")
        .order_by("-occurred_at", "-pk")
    )
    return render(
        request,
        "compensation/stock.html",
        {
            "items": list(selectors.items_with_stock(unit).order_by("name")),
            "page": paginate(request, movements),
            "receive_form": receive_form,
            "adjust_form": adjust_form,
            "may_record": request.user.has_perm("compensation.add_stockmovement"),
        },
    )


@require_safe
@permission_required("compensation.view_stockmovement")
@canonical_query(periods=False)
def stock(request: UnitRequest) -> HttpResponse:
    """Items, their stock (the ledger's sum) and the ledger."""
    return _render_stock(request, *_stock_forms(request))


@require_POST
@permission_required("compensation.add_stockmovement")
def stock_receive(request: UnitRequest) -> HttpResponse:
    receive_form, adjust_form = _stock_forms(request, receive_data=request.POST)
    if receive_form.is_valid():
        data = receive_form.cleaned_data
        try:
            services.stock_receive(
                item=data["item"],
                quantity=data["quantity"],
                supplied_by=data["supplied_by"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                receive_form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(n)d %(label)s %(item)s diterima.")
                % {"n": data["quantity"], "label": data["item"].unit_label, "item": data["item"]},
            )
            return redirect("compensation:stock")
    return _render_stock(request, receive_form, adjust_form)


@require_POST
@permission_required("compensation.add_stockmovement")
def stock_adjust(request: UnitRequest) -> HttpResponse:
    receive_form, adjust_form = _stock_forms(request, adjust_data=request.POST)
    if adjust_form.is_valid():
        data = adjust_form.cleaned_data
        try:
            services.stock_adjust(
                item=data["item"], quantity=data["quantity"], note=data["note"], user=request.user
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                adjust_form.add_error(None, message)
        else:
            messages.success(
                request, _("Penyesuaian stok %(item)s dicatat.") % {"item": data["item"]}
            )
            return redirect("compensation:stock")
    return _render_stock(request, receive_form, adjust_form)
