"""The duty roster: shifts added, removed and imported from a spreadsheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from personnel.models import (
    AttendanceCheck,
    DutyShift,
    Officer,
)
from satpas.models import Unit
from service_timing.models import ServicePoint


@transaction.atomic
def duty_shift_create(
    *,
    unit: Unit,
    officer: Officer,
    date: dt.date,
    shift: str,
    service_point: ServicePoint,
    starts_at: dt.time,
    ends_at: dt.time,
) -> DutyShift:
    duty = DutyShift(
        unit=unit,
        officer=officer,
        date=date,
        shift=shift,
        service_point=service_point,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    duty.full_clean()
    duty.save()
    return duty


@transaction.atomic
def duty_shift_delete(*, duty: DutyShift) -> None:
    """Take a shift off the roster, unless attendance was already recorded for it."""
    if AttendanceCheck.objects.filter(shift=duty).exists():
        raise ValidationError(
            _("Kehadiran untuk jadwal ini sudah dicatat; jadwal tidak dapat dihapus.")
        )
    duty.delete()


def roster_import(*, unit: Unit, dataset: Any, dry_run: bool) -> Any:
    """Import roster rows: with any bad row, nothing changes (the result lists the errors)."""
    from personnel.resources import DutyShiftResource

    return DutyShiftResource(unit).import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )
