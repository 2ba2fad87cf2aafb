"""SOP time standards: a new version and its stage allowances."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from satpas.models import User
from service_timing.models import (
    ServiceStandard,
    StageAllowance,
)
from service_timing.selectors import (
    version_would_change_judged_days,
)


def allowances_exceed_standard(minutes: int, allowances: dict[str, int]) -> str:
    """Why the stage allowances do not fit the standard, or "" when they do: allowances that
    add up to more than the standard would let every stage be on time and the whole late."""
    total = sum(allowances.values())
    if total <= minutes:
        return ""
    return _(
        "Jumlah alokasi tahap %(total)d menit melebihi standar %(minutes)d menit; kurangi "
        "alokasi tahap atau naikkan standar."
    ) % {"total": total, "minutes": minutes}


@transaction.atomic
def standard_revise(
    *,
    standard: ServiceStandard,
    minutes: int,
    warning_percent: int,
    effective_from: dt.date,
    sop_reference: str,
    allowances: dict[str, int],
    user: User,
) -> ServiceStandard:
    """A new version of a standard. A version in use is never changed: the new one starts on
    a later day, so that nobody's service is judged by a rule made after it began."""
    if version_would_change_judged_days(standard.unit, standard.application_type, effective_from):
        raise ValidationError(
            {
                "effective_from": _(
                    "Sudah ada permohonan pada tanggal itu atau sesudahnya; versi baru hanya dapat berlaku mulai hari setelah permohonan terakhir (biasanya besok)."
                )
            }
        )
    if effective_from <= standard.effective_from:
        raise ValidationError(
            {"effective_from": _("Versi baru harus berlaku setelah versi sebelumnya.")}
        )
    allowance_problem = allowances_exceed_standard(minutes, allowances)
    if allowance_problem:
        raise ValidationError({"allowances": allowance_problem})
    new = ServiceStandard(
        unit=standard.unit,
        application_type=standard.application_type,
        minutes=minutes,
        warning_percent=warning_percent,
        effective_from=effective_from,
        sop_reference=sop_reference,
        created_by=user,
    )
    new.full_clean()
    new.save()
    for code, allowance in allowances.items():
        StageAllowance.objects.create(standard=new, stage_id=code, minutes=allowance)
    return new
