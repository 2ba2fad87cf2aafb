"""Supervisors' checks (attendance, appearance, professionalism, cleanliness) and the
findings each one makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from personnel import scoring, selectors
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    DutyShift,
    Officer,
    ProfessionalismAssessment,
    Severity,
)
from personnel.services.findings import _finding
from personnel.services.policy import policy_for
from satpas.models import Unit, User
from satpas.photos import photo_for_storage
from service_timing.models import ServicePoint


def _check_officer(unit: Unit, officer: Officer) -> None:
    if officer.unit_id != unit.pk:
        raise ValidationError({"officer": _("Petugas bukan anggota satuan ini.")})


@transaction.atomic
def attendance_record(
    *,
    shift: DutyShift,
    present: bool = True,
    arrived_at: dt.datetime | None,
    status: str = "",
    note: str = "",
    by: User,
    now: dt.datetime,
) -> AttendanceCheck:
    """Arrival against the shift's scheduled start; late (a finding) only beyond tolerance.

    `status` names a leave or other duty (izin, sakit, cuti, dinas luar, lepas piket): never a
    finding, needs a note, and may be recorded ahead. Presence or absence is an observation
    and cannot be recorded before the shift starts."""
    shift = DutyShift.objects.select_for_update().select_related("unit", "officer").get(pk=shift.pk)
    if AttendanceCheck.objects.filter(shift=shift).exists():
        raise ValidationError(_("Kehadiran untuk jadwal ini sudah dicatat."))
    status = status or (
        AttendanceCheck.Status.PRESENT if present else AttendanceCheck.Status.ABSENT
    )
    if status not in AttendanceCheck.Status.values:
        raise ValidationError({"status": _("Pilih status kehadiran yang tersedia.")})
    present = status == AttendanceCheck.Status.PRESENT
    leave = status in AttendanceCheck.LEAVE
    start = selectors.scheduled_start(shift)
    if not leave and now < start:
        raise ValidationError(
            _(
                "Jadwal %(officer)s baru mulai pukul %(start)s; kehadiran dicatat setelah jadwal "
                "dimulai."
            )
            % {"officer": shift.officer, "start": shift.starts_at.strftime("%H.%M")}
        )
    if leave and not note.strip():
        raise ValidationError(
            {"note": _("Isi keterangan (misalnya nomor surat izin, surat sakit, cuti atau sprin).")}
        )
    if present:
        if arrived_at is None:
            raise ValidationError({"arrived_at": _("Isi jam kedatangan.")})
        if arrived_at > now:
            raise ValidationError({"arrived_at": _("Jam kedatangan tidak boleh di masa depan.")})
    tolerance = policy_for(shift.unit).lateness_tolerance_minutes
    late_minutes = scoring.minutes_late(start, arrived_at) if present and arrived_at else 0
    check = AttendanceCheck(
        unit=shift.unit,
        shift=shift,
        officer=shift.officer,
        checked_on=shift.date,
        status=status,
        arrived_at=arrived_at if present else None,
        minutes_late=late_minutes,
        tolerance_minutes=tolerance,
        is_late=scoring.is_late(late_minutes, tolerance),
        recorded_at=now,
        recorded_by=by,
        note=note.strip(),
    )
    check.full_clean()
    check.save()
    if check.is_late or status == AttendanceCheck.Status.ABSENT:
        if present:
            description = _(
                "Terlambat %(m)d menit dari jadwal %(start)s (toleransi %(t)d menit)"
            ) % {
                "m": late_minutes,
                "start": shift.starts_at.strftime("%H.%M"),
                "t": tolerance,
            }
        else:
            description = _("Tidak hadir tanpa keterangan pada jadwal %(start)s") % {
                "start": shift.starts_at.strftime("%H.%M")
            }
        _finding(
            unit=shift.unit,
            officer=shift.officer,
            criterion=scoring.TIME_DISCIPLINE,
            severity=Severity.RINGAN if present else scoring.ABSENCE_SEVERITY,
            occurred_on=shift.date,
            description=description,
            source_key=f"attendance:{check.pk}",
            now=now,
            attendance=check,
        )
    return check


@transaction.atomic
def attendance_record_departure(
    *, check: AttendanceCheck, left_at: dt.datetime, note: str = "", by: User, now: dt.datetime
) -> AttendanceCheck:
    """When a present officer left, against the shift's scheduled end: leaving earlier than
    the tolerance allows is its own time-discipline finding."""
    check = (
        AttendanceCheck.objects.select_for_update(of=("self",))
        .select_related("shift", "shift__unit", "officer")
        .get(pk=check.pk)
    )
    shift = check.shift
    if check.status != AttendanceCheck.Status.PRESENT:
        raise ValidationError(_("Jam pulang hanya dicatat untuk petugas yang hadir."))
    if check.left_at is not None:
        raise ValidationError(_("Jam pulang untuk jadwal ini sudah dicatat."))
    if left_at > now:
        raise ValidationError({"left_at": _("Jam pulang tidak boleh di masa depan.")})
    if check.arrived_at and left_at < check.arrived_at:
        raise ValidationError({"left_at": _("Jam pulang tidak boleh sebelum jam datang.")})
    end = selectors.scheduled_end(shift)
    early = scoring.minutes_early(end, left_at)
    check.left_at = left_at
    check.minutes_early = early
    check.left_early = scoring.is_late(early, check.tolerance_minutes)
    if note.strip():
        check.note = f"{check.note} {note.strip()}".strip()[:250]
    check._history_user = by  # type: ignore[attr-defined]
    check.full_clean()
    check.save()
    if check.left_early:
        _finding(
            unit=shift.unit,
            officer=check.officer,
            criterion=scoring.TIME_DISCIPLINE,
            severity=Severity.RINGAN,
            occurred_on=shift.date,
            description=_(
                "Pulang %(m)d menit sebelum jadwal selesai %(end)s (toleransi %(t)d menit)"
            )
            % {"m": early, "end": shift.ends_at.strftime("%H.%M"), "t": check.tolerance_minutes},
            source_key=f"departure:{check.pk}",
            now=now,
            attendance=check,
        )
    return check


def _on_roster(
    shifts: list[DutyShift], day: dt.date, unit: Unit, note: str, now: dt.datetime, whom: str
) -> DutyShift | None:
    """A check refers to a rostered shift and is not recorded before it starts; a check with
    no shift that day needs a reason. Returns the shift the check falls in (or the first)."""
    if not shifts:
        if not note.strip():
            raise ValidationError(
                {
                    "note": _(
                        "%(whom)s tidak terjadwal pada %(date)s; isi alasan pemeriksaan di luar "
                        "jadwal pada catatan."
                    )
                    % {"whom": whom, "date": day.strftime("%d-%m-%Y")}
                }
            )
        return None
    first = shifts[0]
    if now < selectors.scheduled_start(first):
        raise ValidationError(
            _("Jadwal %(whom)s baru mulai pukul %(start)s; pemeriksaan dicatat setelahnya.")
            % {"whom": whom, "start": first.starts_at.strftime("%H.%M")}
        )
    started = [shift for shift in shifts if selectors.scheduled_start(shift) <= now]
    return started[-1]


def _not_in_future(day: dt.date, unit: Unit, now: dt.datetime) -> None:
    if day > selectors.office_today(unit, now):
        raise ValidationError({"checked_on": _("Tanggal pemeriksaan tidak boleh di masa depan.")})


def _save_item_check(
    check: AppearanceCheck | CleanlinessCheck,
    results: Mapping[str, bool],
    notes: Mapping[str, str] | None,
    photo: UploadedFile | None,
) -> None:
    """Appearance and cleanliness are saved alike: the items' outcomes, the photo, the rules."""
    check.set_results(results, notes)
    if photo is not None:
        check.photo = photo_for_storage(photo)
    check.full_clean()
    check.save()


@transaction.atomic
def appearance_record(
    *,
    unit: Unit,
    officer: Officer,
    checked_on: dt.date,
    results: Mapping[str, bool],
    notes: Mapping[str, str],
    severity: str = Severity.RINGAN,
    photo: UploadedFile | None = None,
    note: str = "",
    by: User,
    now: dt.datetime,
) -> AppearanceCheck:
    """Sikap tampang and 3S; any failed item makes one finding."""
    _check_officer(unit, officer)
    _not_in_future(checked_on, unit, now)
    shift = _on_roster(
        selectors.shifts_of(officer, checked_on), checked_on, unit, note, now, str(officer)
    )
    check = AppearanceCheck(
        unit=unit,
        officer=officer,
        shift=shift,
        checked_on=checked_on,
        severity=severity,
        note=note,
        recorded_at=now,
        recorded_by=by,
    )
    _save_item_check(check, results, notes, photo)
    if not check.passed:
        items = "; ".join(
            f"{label}{f' ({text})' if text else ''}" for label, text in check.failed_items()
        )
        _finding(
            unit=unit,
            officer=officer,
            criterion=scoring.APPEARANCE,
            severity=severity,
            occurred_on=checked_on,
            description=_("Sikap tampang tidak memenuhi: %(items)s") % {"items": items},
            source_key=f"appearance:{check.pk}",
            now=now,
            appearance=check,
        )
    return check


@transaction.atomic
def professionalism_record(
    *,
    unit: Unit,
    officer: Officer,
    checked_on: dt.date,
    scores: Mapping[str, int],
    severity: str = Severity.RINGAN,
    note: str = "",
    by: User,
    now: dt.datetime,
) -> ProfessionalismAssessment:
    """Four aspects scored 1–4; a 1 on any aspect makes one finding."""
    _check_officer(unit, officer)
    _not_in_future(checked_on, unit, now)
    _on_roster(selectors.shifts_of(officer, checked_on), checked_on, unit, note, now, str(officer))
    assessment = ProfessionalismAssessment(
        unit=unit,
        officer=officer,
        checked_on=checked_on,
        severity=severity,
        note=note,
        recorded_at=now,
        recorded_by=by,
        **{aspect: scores.get(aspect) for aspect in ProfessionalismAssessment.ASPECTS},
    )
    assessment.full_clean()
    assessment.passed = not assessment.failed_items()
    assessment.save()
    if not assessment.passed:
        items = "; ".join(label for label, _score in assessment.failed_items())
        text = _("Profesionalisme tidak memenuhi: %(items)s") % {"items": items}
        if note:
            text = f"{text}. {note}"
        _finding(
            unit=unit,
            officer=officer,
            criterion=scoring.PROFESSIONALISM,
            severity=severity,
            occurred_on=checked_on,
            description=text,
            source_key=f"professionalism:{assessment.pk}",
            now=now,
            professionalism=assessment,
        )
    return assessment


@dataclass(frozen=True)
class CleanlinessResult:
    check: CleanlinessCheck
    findings: int


@transaction.atomic
def cleanliness_record(
    *,
    unit: Unit,
    service_point: ServicePoint,
    checked_on: dt.date,
    results: Mapping[str, bool],
    severity: str = Severity.RINGAN,
    photo: UploadedFile | None = None,
    note: str = "",
    by: User,
    now: dt.datetime,
) -> CleanlinessResult:
    """A failed check makes one finding for each officer on duty there that day."""
    if service_point.unit_id != unit.pk:
        raise ValidationError({"service_point": _("Loket bukan milik satuan ini.")})
    _not_in_future(checked_on, unit, now)
    _on_roster(
        selectors.shifts_at(service_point.pk, checked_on),
        checked_on,
        unit,
        note,
        now,
        str(service_point),
    )
    check = CleanlinessCheck(
        unit=unit,
        service_point=service_point,
        checked_on=checked_on,
        severity=severity,
        note=note,
        recorded_at=now,
        recorded_by=by,
    )
    _save_item_check(check, results, None, photo)
    made = 0
    if not check.passed:
        text = _("%(point)s tidak memenuhi: %(items)s") % {
            "point": service_point,
            "items": "; ".join(check.failed_items()),
        }
        for officer in selectors.officers_on_duty(service_point.pk, checked_on):
            _f, created = _finding(
                unit=unit,
                officer=officer,
                criterion=scoring.CLEANLINESS,
                severity=severity,
                occurred_on=checked_on,
                description=text,
                source_key=f"cleanliness:{check.pk}:officer:{officer.pk}",
                now=now,
                cleanliness=check,
            )
            made += created
    return CleanlinessResult(check=check, findings=made)
