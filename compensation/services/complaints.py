"""Complaints (pengaduan): filing, follow-up notes and closing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from compensation.models import (
    Complaint,
    ComplaintNote,
)
from compensation.selectors import responsible_candidate_ids
from satpas.models import Unit, User


@transaction.atomic
def complaint_create(
    *,
    unit: Unit,
    channel: str,
    description: str,
    user: User | None = None,
    received_at: dt.datetime | None = None,
    lapor_reference: str = "",
    application: Application | None = None,
    about_officer: User | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    now = now or timezone.now()
    if not description.strip():
        raise ValidationError({"description": _("Isi pengaduan wajib diisi.")})
    if received_at is not None and received_at > now:
        raise ValidationError({"received_at": _("Waktu diterima tidak boleh di masa depan.")})
    if application is not None and application.unit_id != unit.pk:
        raise ValidationError({"application": _("Permohonan tidak ditemukan di satuan ini.")})
    if about_officer is not None:
        _check_responsible(about_officer, application, unit)
    if channel == Complaint.Channel.LAPOR and not lapor_reference.strip():
        raise ValidationError(
            {"lapor_reference": _("Nomor tiket SP4N-LAPOR! wajib diisi untuk saluran ini.")}
        )
    complaint = Complaint(
        unit=unit,
        channel=channel,
        description=description.strip(),
        received_at=received_at or now,
        lapor_reference=lapor_reference.strip(),
        application=application,
        about_officer=about_officer,
    )
    if user is not None:
        complaint._history_user = user  # type: ignore[attr-defined]
    complaint.full_clean()
    complaint.save()
    return complaint


def _check_responsible(officer: User, application: Application | None, unit: Unit) -> None:
    """Only an officer of the unit who served the application, or was rostered at one of its
    counters that day, can answer for a complaint about it."""
    if officer.home_unit_id != unit.pk:
        raise ValidationError({"about_officer": _("Petugas harus anggota satuan ini.")})
    if application is None:
        raise ValidationError(
            {
                "about_officer": _(
                    "Petugas yang bertanggung jawab hanya dapat ditetapkan bila pengaduan terkait "
                    "permohonan (nomor antrean dan tanggal layanan)."
                )
            }
        )
    if officer.pk not in responsible_candidate_ids(application):
        raise ValidationError(
            {
                "about_officer": _(
                    "%(officer)s tidak melayani permohonan %(q)s dan tidak berjaga di loketnya "
                    "pada %(date)s; pilih petugas yang melayani atau berjaga."
                )
                % {
                    "officer": officer.full_name or officer.username,
                    "q": application.queue_number,
                    "date": application.service_date.strftime("%d-%m-%Y"),
                }
            }
        )


def _locked_complaint(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_add_note(
    *, complaint: Complaint, text: str, user: User, now: dt.datetime | None = None
) -> ComplaintNote:
    """A follow-up note; the first one moves a new complaint to "diproses"."""
    now = now or timezone.now()
    if not text.strip():
        raise ValidationError({"text": _("Tindak lanjut wajib diisi.")})
    complaint = _locked_complaint(complaint)
    if complaint.status == Complaint.Status.DONE:
        raise ValidationError(_("Pengaduan ini sudah selesai."))
    note = ComplaintNote(complaint=complaint, written_at=now, written_by=user, text=text.strip())
    note.full_clean()
    note.save()
    if complaint.status == Complaint.Status.NEW:
        complaint.status, complaint.handled_by = Complaint.Status.IN_PROGRESS, user
        complaint._history_user = user  # type: ignore[attr-defined]
        complaint.save(update_fields=["status", "handled_by"])
    return note


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    substantiated: bool,
    conclusion: str,
    user: User,
    about_officer: User | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    """Finish handling: the conclusion is written as the last note; whether it was
    substantiated (and against whom) feeds the officers' user-rating findings."""
    now = now or timezone.now()
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Kesimpulan penanganan wajib diisi.")})
    complaint = _locked_complaint(complaint)
    if complaint.status == Complaint.Status.DONE:
        raise ValidationError(_("Pengaduan ini sudah selesai."))
    if about_officer is not None:
        _check_responsible(about_officer, complaint.application, complaint.unit)
    ComplaintNote.objects.create(
        complaint=complaint, written_at=now, written_by=user, text=conclusion.strip()
    )
    complaint.status, complaint.resolved_at, complaint.handled_by = (
        Complaint.Status.DONE,
        now,
        user,
    )
    complaint.substantiated = substantiated
    if about_officer is not None:
        complaint.about_officer = about_officer
    complaint._history_user = user  # type: ignore[attr-defined]
    complaint.full_clean()
    complaint.save()
    return complaint
