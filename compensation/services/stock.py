"""The compensation items' stock: receipts and adjustments."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compensation.models import (
    CompensationItem,
    StockMovement,
)
from satpas.models import User


@transaction.atomic
def stock_receive(
    *,
    item: CompensationItem,
    quantity: int,
    user: User,
    note: str = "",
    supplied_by: User | None = None,
    now: dt.datetime | None = None,
) -> StockMovement:
    """Items received into stock; `supplied_by` when an officer supplied them as their
    sanction, as the SOP prescribes."""
    now = now or timezone.now()
    if quantity <= 0:
        raise ValidationError({"quantity": _("Jumlah yang diterima harus lebih dari nol.")})
    if supplied_by is not None and supplied_by.home_unit_id != item.unit_id:
        raise ValidationError({"supplied_by": _("Petugas harus anggota satuan ini.")})
    movement = StockMovement(
        item=item,
        kind=StockMovement.Kind.RECEIVED,
        quantity=quantity,
        occurred_at=now,
        note=note.strip()[:250],
        supplied_by=supplied_by,
        recorded_by=user,
    )
    movement.full_clean()
    movement.save()
    return movement


@transaction.atomic
def stock_adjust(
    *, item: CompensationItem, quantity: int, user: User, note: str, now: dt.datetime | None = None
) -> StockMovement:
    """A correction after a stock count (positive or negative), always with a reason."""
    now = now or timezone.now()
    if quantity == 0:
        raise ValidationError({"quantity": _("Penyesuaian tidak boleh nol.")})
    if not note.strip():
        raise ValidationError({"note": _("Keterangan penyesuaian wajib diisi.")})
    movement = StockMovement(
        item=item,
        kind=StockMovement.Kind.ADJUSTED,
        quantity=quantity,
        occurred_at=now,
        note=note.strip()[:250],
        recorded_by=user,
    )
    movement.full_clean()
    movement.save()
    return movement
