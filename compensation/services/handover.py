"""Settling a compensation case: hand-over, decline, waiver, attribution by a supervisor and a
case for a dissatisfied applicant."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from compensation.models import (
    CompensationCase,
    CompensationItem,
    Complaint,
    StockMovement,
)
from compensation.services.detection import _changed, _sync_application_state
from compensation.services.rules import offered_items
from satpas.models import User
from satpas.photos import photo_for_storage

Reason = CompensationCase.Reason
Status = CompensationCase.Status


def _locked_case(case: CompensationCase) -> CompensationCase:
    return (
        CompensationCase.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=case.pk)
    )


def _must_be_due(case: CompensationCase) -> None:
    if case.status != Status.DUE:
        raise ValidationError(
            _("Kompensasi ini sudah diselesaikan (%(status)s).")
            % {"status": case.get_status_display()}
        )


@transaction.atomic
def case_give(
    *,
    case: CompensationCase,
    item: CompensationItem,
    acknowledged: bool,
    user: User,
    note: str = "",
    photo: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> CompensationCase:
    """The item is handed over and the applicant acknowledges receiving it."""
    now = now or timezone.now()
    case = _locked_case(case)
    _must_be_due(case)
    if item.pk not in {offered.pk for offered in offered_items(case)}:
        raise ValidationError(
            {"item": _("Barang ini tidak termasuk yang ditawarkan untuk kasus ini.")}
        )
    if not acknowledged:
        raise ValidationError(
            {"acknowledged": _("Pemohon harus menyatakan telah menerima kompensasi.")}
        )
    case.status, case.item, case.acknowledged = Status.GIVEN, item, True
    case.settled_at, case.settled_by, case.settlement_note = now, user, note.strip()[:250]
    if photo is not None:
        case.photo = photo_for_storage(photo)
    case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    movement = StockMovement(
        item=item,
        kind=StockMovement.Kind.GIVEN,
        quantity=-1,
        occurred_at=now,
        case=case,
        recorded_by=user,
        note=_("Kompensasi %(q)s") % {"q": case.application.queue_number},
    )
    movement.full_clean()
    movement.save()
    _sync_application_state(case.application)
    return case


@transaction.atomic
def case_decline(
    *, case: CompensationCase, user: User, note: str = "", now: dt.datetime | None = None
) -> CompensationCase:
    """The applicant was offered the compensation and declined it."""
    now = now or timezone.now()
    case = _locked_case(case)
    _must_be_due(case)
    case.status, case.acknowledged = Status.DECLINED, False
    case.settled_at, case.settled_by, case.settlement_note = now, user, note.strip()[:250]
    case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _sync_application_state(case.application)
    return case


@transaction.atomic
def case_waive(
    *, case: CompensationCase, user: User, reason: str, now: dt.datetime | None = None
) -> CompensationCase:
    """Only a supervisor may waive, and only with a reason."""
    now = now or timezone.now()
    if not user.has_perm("compensation.waive_compensationcase"):
        raise ValidationError(_("Hanya supervisor yang dapat membebaskan kompensasi."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan pembebasan wajib diisi.")})
    case = _locked_case(case)
    _must_be_due(case)
    case.status, case.acknowledged = Status.WAIVED, False
    case.settled_at, case.settled_by, case.settlement_note = now, user, reason.strip()[:250]
    case._history_user = user  # type: ignore[attr-defined]
    case._change_reason = reason.strip()[:100]  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _sync_application_state(case.application)
    _changed(case, _("Kompensasi dibebaskan: %(r)s") % {"r": reason.strip()}, now, user)
    return case


@transaction.atomic
def case_attribute(
    *,
    case: CompensationCase,
    officer: User,
    reason: str,
    user: User,
    now: dt.datetime | None = None,
) -> CompensationCase:
    """A supervisor names the officer by hand (the clock could not, or named the wrong one),
    always with a reason; the findings built on the case follow."""
    now = now or timezone.now()
    if not user.has_perm("compensation.attribute_compensationcase"):
        raise ValidationError(_("Hanya supervisor yang dapat menetapkan petugas."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penetapan petugas wajib diisi.")})
    case = _locked_case(case)
    if case.reason == Reason.OVERDUE and case.minutes_over <= 0:
        raise ValidationError(_("Layanan ini tidak melewati standar; tidak ada yang dibebankan."))
    if officer.home_unit_id != case.unit_id or not officer.is_active:
        raise ValidationError({"officer": _("Petugas harus anggota aktif satuan ini.")})
    case.attributed_officer, case.attributed_by = officer, user
    case.attribution_note = reason.strip()[:250]
    case._history_user = user  # type: ignore[attr-defined]
    case._change_reason = reason.strip()[:100]  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _changed(
        case,
        _("Petugas ditetapkan ulang oleh supervisor: %(r)s") % {"r": reason.strip()},
        now,
        user,
    )
    return case


@transaction.atomic
def case_open_dissatisfied(
    *,
    application: Application,
    description: str,
    complaint_text: str = "",
    channel: str = Complaint.Channel.COUNTER,
    user: User | None = None,
    now: dt.datetime | None = None,
) -> tuple[CompensationCase, Complaint | None]:
    """The applicant is not satisfied ("kurang puas"): a DISSATISFIED case to settle, once per
    application. "Kurang puas" is a rating, not a complaint: a complaint is made only when the
    applicant writes one (`complaint_text`), and only a substantiated one judges an officer."""
    now = now or timezone.now()
    Application.objects.select_for_update().filter(pk=application.pk).first()
    if CompensationCase.objects.filter(
        application_id=application.pk, reason=Reason.DISSATISFIED
    ).exists():
        raise ValidationError(_("Ketidakpuasan pemohon ini sudah tercatat."))
    case = CompensationCase(
        unit_id=application.unit_id,
        application=application,
        reason=Reason.DISSATISFIED,
        opened_at=now,
        dissatisfaction_note=description.strip()[:250],
    )
    if user is not None:
        case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save()
    complaint = None
    if complaint_text.strip():
        complaint = Complaint(
            unit_id=application.unit_id,
            application=application,
            compensation_case=case,
            channel=channel,
            received_at=now,
            description=complaint_text.strip(),
        )
        if user is not None:
            complaint._history_user = user  # type: ignore[attr-defined]
        complaint.full_clean()
        complaint.save()
    _sync_application_state(application)
    return case, complaint
