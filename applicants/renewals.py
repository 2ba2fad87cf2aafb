"""Renewal (perpanjangan) from the kiosk: a known applicant types their NIK and the number of a
SIM on record, and gets a ticket; the first counter verifies the documents.

The kiosk reads only what the unit already knows (an earlier application with that NIK, a SIM
the counter recorded when handing it over), and registers through `application_register`,
so every rule of the counter holds. Each refusal is a ValidationError with a code and a
sentence for the applicant; nothing is written.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.held_sims import normalise_sim_number
from applicants.models import (
    ELDERLY_FROM_AGE,
    Application,
    ApplicationType,
    Channel,
    HeldSim,
    Priority,
    SimClass,
)
from applicants.nik import InvalidNik, age_on, normalise, parse_nik
from applicants.services import application_register, office_date
from satpas.models import Unit
from satpas.selectors import office_calendar

# The Umum classes go to the counter: their renewal fee is not published (DOMAIN.md §1,
# "Not found: renewal of Umum classes"), so the kiosk cannot tell the applicant what to pay.
KIOSK_RENEWABLE_CLASSES: frozenset[str] = frozenset(SimClass.values) - SimClass.umum()


def office_closed_reason(unit: Unit, now: dt.datetime) -> str | None:
    """Why the office takes no applicant now (holiday, closed day, outside hours), or None."""
    calendar = office_calendar(unit)
    local = now.astimezone(calendar.zone)
    today = local.date()
    hours = calendar.hours_on(today)
    if today in calendar.holidays or hours is None:
        return _("Hari ini kantor tutup (hari libur atau bukan hari layanan).")
    opens, closes = hours
    if not opens <= local.time() < closes:
        return _(
            "Kantor sedang tutup. Jam layanan hari ini pukul %(opens)s–%(closes)s; "
            "silakan kembali pada jam layanan."
        ) % {"opens": opens.strftime("%H.%M"), "closes": closes.strftime("%H.%M")}
    return None


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def renewal_find(*, unit: Unit, nik: str, sim_number: str, now: dt.datetime) -> HeldSim:
    """The SIM the kiosk would renew for this NIK and number; raises the refusal (reads only)."""
    if (closed := office_closed_reason(unit, now)) is not None:
        raise _refuse(closed, "closed")
    today = office_date(unit, now)
    nik = normalise(nik)
    try:
        parse_nik(nik, today=today)
    except InvalidNik as exc:
        raise _refuse(str(exc), "nik_format") from exc
    # One look-up and one refusal for both a NIK not known here and a number not on record
    # for it: the kiosk does not tell a passer-by whether a NIK was ever served at this unit.
    held = (
        HeldSim.objects.select_related("applicant__unit")
        .filter(
            applicant__unit=unit,
            applicant__nik=nik,
            applicant__anonymised_at__isnull=True,
            number=normalise_sim_number(sim_number),
        )
        .first()
    )
    if held is None:
        raise _refuse(
            _(
                "NIK atau nomor SIM tidak cocok dengan data kami. Periksa kembali NIK pada KTP "
                "dan nomor pada kartu SIM Anda, atau daftar di loket pendaftaran."
            ),
            "no_match",
        )
    applicant = held.applicant
    label = held.get_sim_class_display()
    if held.sim_class not in KIOSK_RENEWABLE_CLASSES:
        raise _refuse(
            _("SIM %(cls)s tidak dapat diperpanjang di kios. Silakan daftar di loket pendaftaran.")
            % {"cls": label},
            "class",
        )
    if held.valid_until < today:
        raise _refuse(
            _(
                "SIM %(cls)s Anda habis masa berlakunya pada %(date)s. SIM yang sudah habis "
                "masa berlakunya tidak dapat diperpanjang (Perpol 5/2021 Pasal 4): silakan ke "
                "loket pendaftaran untuk mengajukan SIM baru."
            )
            % {"cls": label, "date": held.valid_until.strftime("%d-%m-%Y")},
            "expired",
        )
    already = applicant.applications.filter(
        service_date=today, status=Application.Status.OPEN
    ).first()
    if already is not None:
        raise _refuse(
            _(
                "Anda sudah terdaftar hari ini dengan nomor antrean %(q)s dan permohonannya "
                "masih berjalan. Tunggu panggilan untuk nomor itu."
            )
            % {"q": already.queue_number},
            "open_today",
        )
    return held


def elderly_age_of(held: HeldSim, now: dt.datetime) -> int | None:
    """The applicant's age when it gives them the elderly priority, else None."""
    age = age_on(held.applicant.birth_date, office_date(held.applicant.unit, now))
    return age if age >= ELDERLY_FROM_AGE else None


def renewal_register(
    *, unit: Unit, held_sim_id: int, elderly_priority: bool, now: dt.datetime | None = None
) -> Application:
    """Register the renewal of a SIM found by `renewal_find` (checked again: time has passed
    since the applicant typed). Registered by nobody, through the kiosk channel."""
    now = now or timezone.now()
    held = (
        HeldSim.objects.select_related("applicant__unit")
        .filter(pk=held_sim_id, applicant__unit=unit)
        .first()
    )
    if held is None:
        raise _refuse(_("Sesi kios sudah berakhir. Silakan mulai lagi."), "session")
    held = renewal_find(unit=unit, nik=held.applicant.nik, sim_number=held.number, now=now)
    applicant = held.applicant
    priority = Priority.ELDERLY if elderly_priority and elderly_age_of(held, now) else ""
    try:
        return application_register(
            unit=unit,
            registered_by=None,
            channel=Channel.KIOSK,
            nik=applicant.nik,
            full_name=applicant.full_name,
            birth_date=applicant.birth_date,
            sex=applicant.sex,
            phone=applicant.phone,
            application_type=ApplicationType.PERPANJANGAN,
            sim_class=held.sim_class,
            current_sim_class=held.sim_class,
            current_sim_issued_on=held.issued_on,
            current_sim_first_held_on=held.first_held_on,
            priority=priority,
            now=now,
        )
    except ValidationError as exc:
        # The counter's rules (age, the day's open application raced in): one sentence.
        raise _refuse(" ".join(exc.messages), "rules") from exc
