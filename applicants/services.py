"""Writes of the applicants app: registering an application (and its applicant)."""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import (
    PRIORITY_NOTE_MAX_LENGTH,
    QUEUE_PREFIX,
    Applicant,
    Application,
    Channel,
    Priority,
    QueueCounter,
)
from applicants.nik import InvalidNik, normalise, parse_nik
from applicants.rules import eligibility_problems
from applicants.signals import application_registered
from satpas.models import Unit, User

# Pasal 15(2), 17(2), 19(4): two retakes, both within one window of 14 working days counted
# from the day after the first failure (a retake does not open a new window).
MAX_RETAKES = 2
RETAKE_WORKING_DAYS = 14


def office_date(unit: Unit, moment: dt.datetime) -> dt.date:
    return moment.astimezone(ZoneInfo(unit.time_zone)).date()


def new_ticket_code() -> str:
    """128 random bits: the ticket code is the public status URL, so it must not be guessed.
    Hexadecimal, so that a scanner's keystrokes never look like a console command (+, -)."""
    return secrets.token_hex(16)


def next_queue_number(*, unit: Unit, service_date: dt.date, prefix: str) -> str:
    """The next number of the day for a prefix: B-001, B-002, … Safe under concurrency:
    the counter row stays locked until the registering transaction commits."""
    counter = QueueCounter.objects.filter(unit=unit, service_date=service_date, prefix=prefix)
    if not counter.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                QueueCounter.objects.create(
                    unit=unit, service_date=service_date, prefix=prefix, last=1
                )
        except IntegrityError:  # another counter created it first
            counter.update(last=F("last") + 1)
    last = counter.values_list("last", flat=True).get()
    return f"{prefix}-{last:03d}"


def check_identity(
    *, nik: str, birth_date: dt.date | None, sex: str, today: dt.date
) -> dict[str, str]:
    """What the typed birth date and sex say against the NIK (field → reason)."""
    try:
        facts = parse_nik(nik, today=today)
    except InvalidNik as exc:
        return {"nik": str(exc)}
    problems = {}
    if birth_date and birth_date != facts.birth_date:
        problems["birth_date"] = _(
            "Tanggal lahir tidak cocok dengan NIK (menurut NIK: %(date)s). Periksa NIK atau "
            "tanggal lahir pada KTP."
        ) % {"date": facts.birth_date.strftime("%d-%m-%Y")}
    if sex and sex != facts.sex:
        problems["sex"] = _(
            "Jenis kelamin tidak cocok dengan NIK (pada NIK perempuan, tanggal lahir ditambah 40)."
        )
    return problems


def check_priority(*, priority: str, note: str) -> dict[str, str]:
    """What is wrong with a priority reason and its note (field → reason)."""
    if priority not in Priority.values:
        return {"priority": _("Alasan prioritas tidak dikenal.")}
    if priority == Priority.OTHER and not note.strip():
        return {"priority_note": _("Prioritas 'lainnya': tulis alasannya (keputusan satuan).")}
    if len(note) > PRIORITY_NOTE_MAX_LENGTH:
        return {"priority_note": _("Keterangan prioritas paling banyak 100 karakter.")}
    return {}


def check_retake(
    *,
    retake_of: Application,
    unit: Unit,
    nik: str,
    application_type: str,
    sim_class: str,
    service_date: dt.date,
    working_days_between: int | None,
) -> dict[str, str]:
    if retake_of.unit_id != unit.pk:
        return {"retake_ticket": _("Tiket ujian sebelumnya tidak ditemukan di satuan ini.")}
    if retake_of.status != Application.Status.NOT_PASSED:
        return {
            "retake_ticket": _("Permohonan %(q)s tidak berstatus tidak lulus.")
            % {"q": retake_of.queue_number}
        }
    if retake_of.applicant.nik != nik:
        return {"retake_ticket": _("Tiket ujian sebelumnya milik pemohon lain.")}
    if (retake_of.application_type, retake_of.sim_class) != (application_type, sim_class):
        return {"retake_ticket": _("Ujian ulang harus untuk jenis dan golongan yang sama.")}
    chain, cursor = 0, retake_of
    # The descriptor answers None without a query when there is no earlier ticket.
    while (previous := cursor.retake_of) is not None:
        chain += 1
        cursor = previous
    if chain >= MAX_RETAKES:
        return {
            "retake_ticket": _(
                "Ujian ulang sudah %(n)d kali; sesuai Perpol 5/2021 pemohon harus mendaftar dari awal."
            )
            % {"n": chain}
        }
    if working_days_between is not None and working_days_between > RETAKE_WORKING_DAYS:
        return {
            "retake_ticket": _(
                "Batas ujian ulang 14 hari kerja sejak hari setelah ujian pertama yang tidak "
                "lulus sudah lewat; pemohon harus mendaftar dari awal."
            )
        }
    return {}


def first_failure(application: Application) -> Application:
    """The application whose failed test opened the retake window (the start of the chain)."""
    cursor = application
    while (previous := cursor.retake_of) is not None:
        cursor = previous
    return cursor


def working_days_after(unit: Unit, start: dt.date, end: dt.date) -> int:
    """Open days of the unit after `start` up to and including `end`."""
    from satpas.selectors import office_calendar

    calendar = office_calendar(unit)
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        days += calendar.is_open_day(day)
    return days


def application_register(
    *,
    unit: Unit,
    registered_by: User | None,
    nik: str,
    full_name: str,
    birth_date: dt.date,
    sex: str,
    application_type: str,
    sim_class: str,
    phone: str = "",
    current_sim_class: str = "",
    current_sim_issued_on: dt.date | None = None,
    current_sim_first_held_on: dt.date | None = None,
    retake_of: Application | None = None,
    priority: str = "",
    priority_note: str = "",
    channel: str = Channel.COUNTER,
    now: dt.datetime | None = None,
) -> Application:
    """Register one application and its applicant; raises ValidationError (nothing written).
    At the counter `registered_by` is the officer; the kiosk (`channel`) has none."""
    if (channel == Channel.KIOSK) != (registered_by is None):
        raise ValueError("An officer registers at the counter; the kiosk has no user.")
    now = now or timezone.now()
    service_date = office_date(unit, now)
    nik = normalise(nik)
    priority_note = priority_note.strip() if priority else ""
    problems = check_identity(nik=nik, birth_date=birth_date, sex=sex, today=service_date)
    problems = problems or check_priority(priority=priority, note=priority_note)
    if not problems:
        problems = eligibility_problems(
            application_type=application_type,
            sim_class=sim_class,
            birth_date=birth_date,
            service_date=service_date,
            current_sim_class=current_sim_class,
            current_sim_issued_on=current_sim_issued_on,
            current_sim_first_held_on=current_sim_first_held_on,
        )
    if not problems and retake_of is not None:
        first = first_failure(retake_of)
        failed_on = office_date(unit, first.closed_at) if first.closed_at else service_date
        problems = check_retake(
            retake_of=retake_of,
            unit=unit,
            nik=nik,
            application_type=application_type,
            sim_class=sim_class,
            service_date=service_date,
            working_days_between=working_days_after(unit, failed_on, service_date),
        )
    if problems:
        raise ValidationError(problems)

    with transaction.atomic():
        applicant, created = Applicant.objects.get_or_create(
            unit=unit,
            nik=nik,
            defaults={"full_name": full_name, "birth_date": birth_date, "sex": sex, "phone": phone},
        )
        if not created:
            # Locked so that two clicks on "Daftarkan" cannot both pass the check below.
            Applicant.objects.select_for_update().filter(pk=applicant.pk).exists()
            already = applicant.applications.filter(
                service_date=service_date, status=Application.Status.OPEN
            ).first()
            if already is not None:
                raise ValidationError(
                    {
                        "nik": _(
                            "Pemohon ini sudah terdaftar hari ini dengan nomor antrean %(q)s dan "
                            "permohonannya masih berjalan. Lanjutkan permohonan itu; jangan "
                            "mendaftarkan dua kali."
                        )
                        % {"q": already.queue_number}
                    }
                )
        if not created and (applicant.full_name, applicant.phone) != (
            full_name,
            phone or applicant.phone,
        ):
            applicant.full_name = full_name
            applicant.phone = phone or applicant.phone
            applicant.full_clean()
            applicant.save(update_fields=["full_name", "phone"])
        application = Application(
            unit=unit,
            applicant=applicant,
            application_type=application_type,
            sim_class=sim_class,
            current_sim_class=current_sim_class,
            current_sim_issued_on=current_sim_issued_on,
            current_sim_first_held_on=current_sim_first_held_on,
            service_date=service_date,
            queue_number=next_queue_number(
                unit=unit, service_date=service_date, prefix=QUEUE_PREFIX[application_type]
            ),
            ticket_code=new_ticket_code(),
            registered_at=now,
            registered_by=registered_by,
            channel=channel,
            retake_of=retake_of,
            priority=priority,
            priority_note=priority_note,
        )
        application.full_clean(validate_unique=False, validate_constraints=False)
        application.save()
        application_registered.send(sender=Application, application=application, now=now)
    return application


def application_priority_change(
    *, application: Application, priority: str, note: str, reason: str, user: User
) -> bool:
    """Set or clear an open application's priority; the reason goes into its history.
    False when nothing changes. Called by the counter side, which keeps its queue in step
    (service_timing.services.journey_priority_set) in the same transaction."""
    note = note.strip() if priority else ""
    problems = check_priority(priority=priority, note=note)
    if not reason.strip():
        problems["reason"] = _("Alasan perubahan wajib diisi.")
    if problems:
        raise ValidationError(problems)
    if not application.is_open:
        raise ValidationError(_("Permohonan ini sudah ditutup."))
    if (application.priority, application.priority_note) == (priority, note):
        return False
    application.priority, application.priority_note = priority, note
    application._change_reason = reason.strip()[:100]  # type: ignore[attr-defined]
    application._history_user = user  # type: ignore[attr-defined]
    application.save(update_fields=["priority", "priority_note"])
    return True
