"""SIM cards an applicant holds, as the counter records them when it hands a card over: the
renewal kiosk matches their numbers. A supervisor corrects a wrong number with a reason (the
history keeps the old one)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applicants.models import SIM_NUMBER_PATTERN, Applicant, Application, HeldSim, SimClass
from applicants.rules import sim_valid_until
from applicants.services import office_date
from satpas.models import User

# The change reason is kept in the history row (100 characters).
REASON_MAX_LENGTH = 100


def normalise_sim_number(raw: str) -> str:
    """Digits only: the card prints the number in groups."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _checked_number(raw: str, *, applicant: Applicant) -> str:
    number = normalise_sim_number(raw)
    if not re.match(SIM_NUMBER_PATTERN, number):
        raise ValidationError({"number": _("Nomor SIM terdiri dari 12 sampai 16 angka.")})
    # One card, one holder: a number on record for someone else is a typing mistake.
    if HeldSim.objects.filter(number=number).exclude(applicant=applicant).exists():
        raise ValidationError(
            {"number": _("Nomor SIM ini sudah tercatat untuk pemohon lain. Periksa kembali.")}
        )
    return number


def held_sim_record(
    *,
    applicant: Applicant,
    sim_class: str,
    number: str,
    issued_on: dt.date,
    first_held_on: dt.date | None = None,
    application: Application | None = None,
    user: User | None = None,
    now: dt.datetime,
) -> HeldSim:
    """Record the SIM card of a class the applicant holds (the counter hands it over): it
    replaces the earlier card of that class, whose first day held carries over. Raises
    ValidationError (nothing written)."""
    if sim_class not in SimClass.values:
        raise ValidationError({"sim_class": _("Pilih golongan SIM yang diserahkan.")})
    number = _checked_number(number, applicant=applicant)
    today = office_date(applicant.unit, now)
    if issued_on > today:
        raise ValidationError({"issued_on": _("Tanggal terbit SIM tidak boleh setelah hari ini.")})
    if sim_valid_until(issued_on) < today:
        raise ValidationError(
            {
                "issued_on": _(
                    "SIM yang terbit pada tanggal itu sudah habis masa berlakunya: periksa "
                    "tanggal terbit pada kartu."
                )
            }
        )
    with transaction.atomic():
        held = (
            HeldSim.objects.select_for_update()
            .filter(applicant=applicant, sim_class=sim_class)
            .first()
        )
        if held is None:
            held = HeldSim(applicant=applicant, sim_class=sim_class)
        else:
            if application is not None and held.application_id == application.pk:
                raise ValidationError(
                    _(
                        "SIM %(cls)s untuk permohonan ini sudah dicatat. Nomor yang salah "
                        "dikoreksi oleh supervisor dengan alasan."
                    )
                    % {"cls": held.get_sim_class_display()}
                )
            first_held_on = first_held_on or held.first_held_on or held.issued_on
        held.number = number
        held.issued_on = issued_on
        held.valid_until = sim_valid_until(issued_on)
        held.first_held_on = first_held_on
        held.application = application
        held.recorded_at = now
        held._history_user = user  # type: ignore[attr-defined]
        held.full_clean(validate_unique=False, validate_constraints=False)
        held.save()
    return held


def held_sim_correct(*, held: HeldSim, number: str, reason: str, user: User) -> HeldSim:
    """A supervisor corrects a wrongly recorded SIM number; the old number and the reason stay
    in the history. Raises ValidationError (nothing written)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan koreksi wajib diisi.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Alasan koreksi paling banyak %(n)d karakter.") % {"n": REASON_MAX_LENGTH}}
        )
    number = _checked_number(number, applicant=held.applicant)
    if number == held.number:
        raise ValidationError({"number": _("Nomor SIM sama dengan yang tercatat; tidak diubah.")})
    with transaction.atomic():
        locked = HeldSim.objects.select_for_update().get(pk=held.pk)
        locked.number = number
        locked._change_reason = reason  # type: ignore[attr-defined]
        locked._history_user = user  # type: ignore[attr-defined]
        locked.save(update_fields=["number"])
    held.number = number
    return held
