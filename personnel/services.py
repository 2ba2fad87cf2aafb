"""Writes of personnel: the policy, the roster, checks and the findings they make, proposals,
decisions, referrals and recognition. Each function is one transaction: all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from compensation.models import CompensationCase
from compensation.selectors import attributed_cases, substantiated_complaints
from personnel import scoring, selectors
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    DisciplinaryReferral,
    DutyShift,
    Finding,
    Objection,
    Officer,
    ProfessionalismAssessment,
    Recognition,
    RewardRule,
    ScoreAdjustment,
    ScorePolicy,
    Severity,
)
from satpas.models import Unit, User
from satpas.photos import photo_for_storage
from service_timing.models import ServicePoint

# --- policy -----------------------------------------------------------------------------


def policy_for(unit: Unit) -> ScorePolicy:
    """The unit's policy; a unit without one gets the documented defaults."""
    policy, created = ScorePolicy.objects.get_or_create(unit=unit)
    if created:
        RewardRule.objects.bulk_create(
            RewardRule(
                policy=policy,
                kind=spec.kind,
                points=spec.points,
                min_duty_days=spec.min_duty_days,
                min_checks=spec.min_checks,
                min_share_percent=spec.min_share_percent,
                min_served=spec.min_served,
            )
            for spec in scoring.DEFAULT_REWARD_RULES
        )
    return policy


@transaction.atomic
def policy_update(
    *,
    policy: ScorePolicy,
    values: Mapping[str, Any],
    rules: Mapping[int, Mapping[str, Any]],
) -> ScorePolicy:
    """Change the policy and its reward rules together (rules keyed by their id)."""
    policy = ScorePolicy.objects.select_for_update().get(pk=policy.pk)
    changed = False
    for name, value in values.items():
        changed |= getattr(policy, name) != value
        setattr(policy, name, value)
    for rule in policy.reward_rules.filter(pk__in=list(rules)):
        rule_changed = False
        for name, value in rules[rule.pk].items():
            rule_changed |= getattr(rule, name) != value
            setattr(rule, name, value)
        if rule_changed:
            rule.full_clean()
            rule.save()
            changed = True
    if changed:
        # Every finding records the version it was judged by; the history keeps each version.
        policy.version += 1
    policy.full_clean()
    policy.save()
    return policy


# --- the roster -------------------------------------------------------------------------


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


# --- findings ---------------------------------------------------------------------------


def _finding(
    *,
    unit: Unit,
    officer: Officer,
    criterion: str,
    severity: str,
    occurred_on: dt.date,
    description: str,
    source_key: str,
    now: dt.datetime,
    kind: str = Finding.Kind.PUNISHMENT,
    facts: Mapping[str, Any] | None = None,
    policy: ScorePolicy | None = None,
    **source: Any,
) -> tuple[Finding, bool]:
    """One active finding per source (idempotent); a heavy one opens a disciplinary referral.
    Each records the policy version it was judged by."""
    policy = policy or policy_for(unit)
    finding, created = Finding.objects.get_or_create(
        unit=unit,
        source_key=source_key,
        status=Finding.Status.ACTIVE,
        defaults={
            "policy_version": policy.version,
            "facts": dict(facts or {}),
            "officer": officer,
            "criterion": criterion,
            "kind": kind,
            "severity": severity if kind == Finding.Kind.PUNISHMENT else "",
            "occurred_on": occurred_on,
            "period": scoring.month_start(occurred_on),
            "description": description[:250],
            "created_at": now,
            **source,
        },
    )
    if created and finding.is_heavy:
        DisciplinaryReferral.objects.create(
            unit=unit, officer=officer, finding=finding, opened_at=now
        )
    return finding, created


def _case_source_key(case: CompensationCase) -> str:
    return f"case:{case.pk}"


def overdue_judgment(case: CompensationCase, policy: ScorePolicy) -> tuple[int | None, str]:
    """The user who answers for an overdue case under the policy, or None and why nobody does.

    A case without a breach (waived, or brought within the standard by a correction or a
    pause) is never a finding; nor is an overrun nobody's service caused (queue, outage), nor
    an officer's own part within the policy's threshold. A supervisor's attribution by hand
    stands on its stated reason."""
    if case.status == CompensationCase.Status.WAIVED:
        return None, _("Kompensasi dibebaskan: %(note)s") % {"note": case.settlement_note}
    if case.minutes_over <= 0:
        return None, _("Layanan tidak melewati standar.")
    if not case.attributed_officer_id:
        return None, case.attribution_note or _("Keterlambatan tidak dibebankan ke petugas.")
    threshold = policy.service_overrun_threshold_minutes
    if not case.attributed_by_id and case.officer_minutes <= threshold:
        return None, _("Bagian petugas %(m)d menit, tidak melebihi ambang temuan %(t)d menit.") % {
            "m": case.officer_minutes,
            "t": threshold,
        }
    return case.attributed_officer_id, ""


def _case_facts(case: CompensationCase, policy: ScorePolicy) -> dict[str, Any]:
    detail = case.attribution_detail or {}
    application = case.application
    facts: dict[str, Any] = {
        "rule": "case",
        "queue": application.queue_number,
        "date": application.service_date.strftime("%d-%m-%Y"),
        "minutes_over": case.minutes_over,
        "standard": application.standard_minutes,
        "officer_minutes": case.officer_minutes,
        "threshold": policy.service_overrun_threshold_minutes,
        "stage": case.attributed_stage_id or detail.get("stage"),
        "stage_name": str(case.attributed_stage) if case.attributed_stage_id else "",
        "allowance": detail.get("allowance"),
        "called_at": detail.get("called_at"),
        "started_at": detail.get("started_at"),
        "finished_at": detail.get("finished_at"),
        "service": detail.get("service", 0),
        "service_over": detail.get("service_over", 0),
        "idle": detail.get("idle", 0),
        "queue_wait": detail.get("queue", 0),
        "outage": detail.get("outage", 0),
        "pause": detail.get("pause", 0),
    }
    if case.attributed_by_id:
        facts["manual_reason"] = case.attribution_note
        facts["manual_by"] = case.attributed_by.full_name if case.attributed_by else ""
    return facts


def _case_description(case: CompensationCase, facts: Mapping[str, Any]) -> str:
    # The date is part of the name: queue numbers start again every day.
    if facts.get("manual_reason"):
        return _(
            "Layanan %(q)s tanggal %(date)s melewati standar %(m)d menit; petugas ditetapkan "
            "supervisor"
        ) % {"q": facts["queue"], "date": facts["date"], "m": case.minutes_over}
    return _(
        "Layanan %(q)s tanggal %(date)s: bagian petugas di tahap %(stage)s %(m)d menit "
        "melewati alokasi"
    ) % {
        "q": facts["queue"],
        "date": facts["date"],
        "stage": facts.get("stage_name") or facts.get("stage") or "–",
        "m": case.officer_minutes,
    }


def case_finding_sync(
    *,
    case: CompensationCase,
    now: dt.datetime,
    reason: str,
    by: User | None = None,
    create: bool = False,
    policy: ScorePolicy | None = None,
    officers: Mapping[int, Officer] | None = None,
) -> tuple[Finding | None, bool]:
    """Make the finding of an overdue case say what the case now says (facts change,
    judgments follow): updated, withdrawn with the reason, or moved to another officer.
    A new finding is made only with `create` (when proposals are put together) or to replace
    one that moved. Returns the active finding and whether it was made now."""
    active = (
        Finding.objects.select_for_update()
        .filter(unit_id=case.unit_id, source_key=_case_source_key(case), status="ACTIVE")
        .first()
    )
    if active is None and not create:
        return None, False  # nothing was judged on this case yet: nothing to follow
    unit = case.unit
    policy = policy or policy_for(unit)
    user_id, why_not = overdue_judgment(case, policy)
    officer = None
    if user_id is not None:
        officer = (
            officers.get(user_id)
            if officers is not None
            else Officer.objects.filter(unit_id=case.unit_id, user_id=user_id).first()
        )
        if officer is None:
            why_not = _("Petugas yang ditunjuk tidak memiliki profil petugas di satuan ini.")
    if officer is None:
        if active is not None:
            finding_withdraw(finding=active, reason=f"{reason} {why_not}".strip(), by=by, now=now)
        return None, False
    facts = _case_facts(case, policy)
    description = _case_description(case, facts)[:250]
    if active is not None and active.officer_id == officer.pk:
        if active.facts != facts or active.description != description:
            active.facts, active.description = facts, description
            active.policy_version = policy.version
            active._change_reason = reason[:100]  # type: ignore[attr-defined]
            if by is not None:
                active._history_user = by  # type: ignore[attr-defined]
            active.save()
        return active, False
    if active is not None:
        finding_withdraw(
            finding=active,
            reason=_("%(reason)s Petugas yang bertanggung jawab berubah.") % {"reason": reason},
            by=by,
            now=now,
        )
        create = True
    if not create:
        return None, False
    zone = selectors.office_zone(unit)
    return _finding(
        unit=unit,
        officer=officer,
        criterion=scoring.SERVICE_TIMELINESS,
        severity=scoring.COMPENSATION_CASE_SEVERITY,
        occurred_on=case.opened_at.astimezone(zone).date(),
        description=description,
        source_key=_case_source_key(case),
        now=now,
        facts=facts,
        policy=policy,
        compensation_case=case,
    )


@transaction.atomic
def findings_from_compensation(
    *, unit: Unit, start: dt.datetime, end: dt.datetime, now: dt.datetime
) -> int:
    """Findings from overdue compensation cases attributed to an officer (service timeliness,
    judged by the officer's own part) and from substantiated complaints (users' rating). A
    "kurang puas" case is compensation owed to the applicant, not a judgment of an officer:
    only a substantiated complaint is."""
    policy = policy_for(unit)
    cases = [
        case
        for case in attributed_cases(unit, start, end).select_related("attributed_by")
        if case.reason == CompensationCase.Reason.OVERDUE
    ]
    complaints = list(substantiated_complaints(unit, start, end))
    user_ids = {case.attributed_officer_id for case in cases}
    user_ids |= {complaint.about_officer_id for complaint in complaints}
    officers = {o.user_id: o for o in Officer.objects.filter(unit=unit, user_id__in=user_ids)}
    zone = selectors.office_zone(unit)
    made = 0
    for case in cases:
        _f, created = case_finding_sync(
            case=case,
            now=now,
            reason=_("Usulan disusun."),
            create=True,
            policy=policy,
            officers=officers,
        )
        made += created
    for complaint in complaints:
        officer = officers.get(complaint.about_officer_id)
        if officer is None:
            continue
        _f, created = _finding(
            unit=unit,
            officer=officer,
            criterion=scoring.USER_RATING,
            severity=scoring.COMPLAINT_SEVERITY,
            occurred_on=complaint.resolved_at.astimezone(zone).date(),
            description=_("Pengaduan terbukti: %(text)s") % {"text": complaint.description[:150]},
            source_key=f"complaint:{complaint.pk}",
            now=now,
            policy=policy,
            complaint=complaint,
        )
        made += created
    return made


@transaction.atomic
def finding_withdraw(
    *, finding: Finding, reason: str, by: User | None, now: dt.datetime
) -> ScoreAdjustment | None:
    """Withdraw a finding whose cause is gone, keeping the reason. Its proposal not yet decided
    is withdrawn too; an approved entry is never edited: a reversing entry with the reason goes
    to the Kasat Lantas. Returns that reversing entry, if one was proposed."""
    reason = reason.strip()[:250] or _("Dasar temuan berubah.")
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != Finding.Status.ACTIVE:
        return None
    finding.status, finding.withdrawn_at, finding.withdrawn_reason = (
        Finding.Status.WITHDRAWN,
        now,
        reason,
    )
    finding._change_reason = reason[:100]  # type: ignore[attr-defined]
    if by is not None:
        finding._history_user = by  # type: ignore[attr-defined]
    finding.full_clean(validate_constraints=False)
    finding.save()
    adjustment = (
        ScoreAdjustment.objects.select_for_update(of=("self",)).filter(finding=finding).first()
    )
    if adjustment is None:
        return None
    if adjustment.status == ScoreAdjustment.Status.PROPOSED:
        adjustment.status = ScoreAdjustment.Status.WITHDRAWN
        adjustment.decided_at, adjustment.decided_by = now, by
        adjustment.decision_reason = reason
        adjustment._change_reason = reason[:100]  # type: ignore[attr-defined]
        adjustment.save()
        return None
    if adjustment.status != ScoreAdjustment.Status.APPROVED:
        return None
    if ScoreAdjustment.objects.filter(reverses=adjustment).exists():
        return None
    reversal = ScoreAdjustment(
        unit_id=adjustment.unit_id,
        officer_id=adjustment.officer_id,
        reverses=adjustment,
        period=adjustment.period,
        criterion=adjustment.criterion,
        kind=adjustment.kind,
        points=-adjustment.points,
        reason=(_("Pembatalan: %(reason)s") % {"reason": reason})[:250],
        proposed_at=now,
        proposed_by=by,
    )
    reversal.full_clean()
    reversal.save()
    return reversal


@transaction.atomic
def findings_from_reward_rules(*, unit: Unit, period: dt.date, now: dt.datetime) -> int:
    """Reward findings for every officer whose month met an active reward rule."""
    policy = policy_for(unit)
    rules = list(policy.reward_rules.filter(is_active=True))
    if not rules and not policy.low_timeliness_share_percent:
        return 0
    months = selectors.officer_months(unit, period)
    officers = Officer.objects.in_bulk(list(months))
    last_day = scoring.next_month(period) - dt.timedelta(days=1)
    made = 0
    for officer_id, month in months.items():
        if policy.low_timeliness_share_percent and scoring.timeliness_low(
            month,
            below_percent=policy.low_timeliness_share_percent,
            min_served=policy.low_timeliness_min_served,
        ):
            share = scoring.timeliness_share(month.served, month.overdue) or 0
            facts = {
                "rule": "low_timeliness",
                "served": month.served,
                "late": month.overdue,
                "share": round(share * 100),
                "below": policy.low_timeliness_share_percent,
                "min_served": policy.low_timeliness_min_served,
            }
            _f, created = _finding(
                unit=unit,
                officer=officers[officer_id],
                criterion=scoring.SERVICE_TIMELINESS,
                severity=scoring.LOW_TIMELINESS_SEVERITY,
                occurred_on=last_day,
                description=_(
                    "Tepat waktu %(share)d%% dari %(served)d tahap dilayani pada %(month)s "
                    "(ambang %(below)d%%)"
                )
                % {
                    "share": facts["share"],
                    "served": month.served,
                    "month": period.strftime("%m-%Y"),
                    "below": policy.low_timeliness_share_percent,
                },
                source_key=f"timeliness:{period:%Y-%m}:officer:{officer_id}",
                now=now,
                facts=facts,
                policy=policy,
            )
            made += created
        for rule in rules:
            if not scoring.reward_earned(rule.spec(), month):
                continue
            _f, created = _finding(
                unit=unit,
                officer=officers[officer_id],
                criterion=rule.criterion,
                kind=Finding.Kind.REWARD,
                severity="",
                occurred_on=last_day,
                description=_("%(rule)s, %(month)s")
                % {
                    "rule": rule.get_kind_display(),
                    "month": period.strftime("%m-%Y"),
                },
                source_key=f"reward:{rule.kind}:{period:%Y-%m}:officer:{officer_id}",
                now=now,
                policy=policy,
                reward_rule=rule,
            )
            made += created
    return made


# --- checks -----------------------------------------------------------------------------


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
    if present and arrived_at is None:
        raise ValidationError({"arrived_at": _("Isi jam kedatangan.")})
    if present and arrived_at > now:
        raise ValidationError({"arrived_at": _("Jam kedatangan tidak boleh di masa depan.")})
    tolerance = policy_for(shift.unit).lateness_tolerance_minutes
    late_minutes = scoring.minutes_late(start, arrived_at) if present else 0
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
    for item in AppearanceCheck.ITEMS:
        setattr(check, f"{item}_ok", bool(results.get(item, True)))
        setattr(check, f"{item}_note", (notes.get(item) or "").strip())
    check.passed = not check.failed_items()
    if photo is not None:
        check.photo = photo_for_storage(photo)
    check.full_clean()
    check.save()
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
    for item in CleanlinessCheck.ITEMS:
        setattr(check, f"{item}_ok", bool(results.get(item, True)))
    check.passed = not check.failed_items()
    if photo is not None:
        check.photo = photo_for_storage(photo)
    check.full_clean()
    check.save()
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


# --- proposals and decisions ------------------------------------------------------------


@dataclass(frozen=True)
class ProposalSummary:
    findings: int  # findings that were turned into proposals now (whenever they were made)
    made: int  # of all findings, those derived now from cases, complaints and monthly rules
    proposed: int
    referrals_open: int
    rewards_evaluated: bool


@transaction.atomic
def adjustments_propose(
    *, unit: Unit, period: dt.date, by: User | None, now: dt.datetime
) -> ProposalSummary:
    """Turn a month's findings into PROPOSED adjustments (idempotent).

    Compensation cases and complaints become findings first; the reward rules are evaluated
    only for a month that has ended, so that a late arrival on the 30th still counts."""
    period = scoring.month_start(period)
    policy = ScorePolicy.objects.select_for_update().get(pk=policy_for(unit).pk)
    start, end = selectors.month_bounds(unit, period)
    made = findings_from_compensation(unit=unit, start=start, end=end, now=now)
    month_over = scoring.next_month(period) <= selectors.office_today(unit, now)
    if month_over:
        made += findings_from_reward_rules(unit=unit, period=period, now=now)
    pending = Finding.objects.filter(
        unit=unit, period=period, status=Finding.Status.ACTIVE, adjustment__isnull=True
    ).exclude(severity=Severity.BERAT)
    rules = {rule.pk: rule for rule in policy.reward_rules.all()}
    proposals = []
    for finding in pending.select_related("officer"):
        if finding.kind == Finding.Kind.REWARD:
            rule = rules.get(finding.reward_rule_id)
            points = rule.points if rule else 1
        else:
            points = scoring.punishment_points(
                policy.base_points(finding.criterion), finding.severity, policy.medium_factor
            )
        proposals.append(
            ScoreAdjustment(
                unit=unit,
                officer=finding.officer,
                finding=finding,
                period=period,
                criterion=finding.criterion,
                kind=finding.kind,
                points=points,
                reason=finding.description,
                proposed_at=now,
                proposed_by=by,
            )
        )
    for proposal in proposals:
        proposal.save()
    return ProposalSummary(
        findings=len(proposals),
        made=made,
        proposed=len(proposals),
        referrals_open=selectors.open_referrals_count(unit),
        rewards_evaluated=month_over,
    )


def _decide(
    adjustment: ScoreAdjustment, *, approve: bool, reason: str, by: User, now: dt.datetime
) -> None:
    if adjustment.status != ScoreAdjustment.Status.PROPOSED:
        raise ValidationError(
            _("Usulan untuk %(officer)s sudah diputuskan (%(status)s).")
            % {"officer": adjustment.officer, "status": adjustment.get_status_display()}
        )
    if (
        adjustment.finding_id
        and Objection.objects.filter(
            finding_id=adjustment.finding_id, status=Objection.Status.PENDING
        ).exists()
    ):
        raise ValidationError(
            _("Usulan untuk %(officer)s ditahan: keberatan petugas atas temuannya belum diputus.")
            % {"officer": adjustment.officer}
        )
    adjustment.status = (
        ScoreAdjustment.Status.APPROVED if approve else ScoreAdjustment.Status.REJECTED
    )
    adjustment.decided_at = now
    adjustment.decided_by = by
    adjustment.decision_reason = reason.strip()
    adjustment.full_clean()
    adjustment.save()


def _reason_required(approve: bool, reason: str) -> None:
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})


@transaction.atomic
def adjustment_decide(
    *, adjustment: ScoreAdjustment, approve: bool, reason: str = "", by: User, now: dt.datetime
) -> ScoreAdjustment:
    """The Kasat Lantas approves or rejects one proposal; a rejection needs a reason."""
    _reason_required(approve, reason)
    adjustment = (
        ScoreAdjustment.objects.select_for_update(of=("self",))
        .select_related("officer")
        .get(pk=adjustment.pk)
    )
    _decide(adjustment, approve=approve, reason=reason, by=by, now=now)
    return adjustment


@transaction.atomic
def adjustments_decide(
    *,
    unit: Unit,
    ids: Iterable[int],
    approve: bool,
    reason: str = "",
    by: User,
    now: dt.datetime,
) -> int:
    """Decide several proposals of the unit at once: all of them, or none."""
    _reason_required(approve, reason)
    wanted = set(ids)
    adjustments = list(
        ScoreAdjustment.objects.select_for_update(of=("self",))
        .select_related("officer")
        .filter(unit=unit, pk__in=wanted)
    )
    if not adjustments or len(adjustments) != len(wanted):
        raise ValidationError(_("Pilih usulan satuan ini yang akan diputuskan."))
    for adjustment in adjustments:
        _decide(adjustment, approve=approve, reason=reason, by=by, now=now)
    return len(adjustments)


@transaction.atomic
def referral_update(
    *, referral: DisciplinaryReferral, status: str, decision: str = "", by: User, now: dt.datetime
) -> DisciplinaryReferral:
    """Move a referral along PP 2/2003's process; a decided one is closed for good."""
    referral = DisciplinaryReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.status == DisciplinaryReferral.Status.DECIDED:
        raise ValidationError(_("Rujukan ini sudah diputus."))
    referral.status = status
    referral.decision = decision.strip()
    if status == DisciplinaryReferral.Status.DECIDED:
        if not referral.decision:
            raise ValidationError({"decision": _("Isi putusan sidang disiplin.")})
        referral.decided_at = now
        referral.decided_by = by
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def recognition_name(
    *,
    unit: Unit,
    period: dt.date,
    officer: Officer,
    position: int,
    citation: str,
    by: User,
    now: dt.datetime,
) -> Recognition:
    """Name a best officer of a month from the ledger (approved net points above zero)."""
    period = scoring.month_start(period)
    _check_officer(unit, officer)
    if period >= scoring.month_start(selectors.office_today(unit, now)):
        raise ValidationError(_("Petugas teladan ditetapkan setelah bulannya berakhir."))
    ranking = {row["officer"]: row for row in selectors.month_ranking(unit, period, limit=1000)}
    row = ranking.get(officer.pk)
    if row is None or row["points"] <= 0:
        raise ValidationError(
            {
                "officer": _(
                    "Petugas ini tidak memiliki poin bersih positif yang disetujui bulan itu."
                )
            }
        )
    if Recognition.objects.filter(unit=unit, period=period, officer=officer).exists():
        raise ValidationError({"officer": _("Petugas ini sudah ditetapkan bulan itu.")})
    if Recognition.objects.filter(unit=unit, period=period, position=position).exists():
        raise ValidationError({"position": _("Peringkat ini sudah terisi bulan itu.")})
    recognition = Recognition(
        unit=unit,
        period=period,
        officer=officer,
        position=position,
        points=row["points"],
        citation=citation.strip(),
        named_at=now,
        named_by=by,
    )
    recognition.full_clean()
    recognition.save()
    return recognition


# --- objections (keberatan) ---------------------------------------------------------------


def objection_deadline(finding: Finding, policy: ScorePolicy) -> dt.datetime:
    return finding.created_at + dt.timedelta(days=policy.objection_days)


def may_object(finding: Finding, policy: ScorePolicy, now: dt.datetime) -> bool:
    """A punishment finding still in force, without an objection, within the period."""
    return (
        finding.kind == Finding.Kind.PUNISHMENT
        and finding.status == Finding.Status.ACTIVE
        and not hasattr(finding, "objection")
        and now <= objection_deadline(finding, policy)
    )


@transaction.atomic
def objection_file(*, finding: Finding, reason: str, by: User, now: dt.datetime) -> Objection:
    """The officer objects to a finding about them, with a reason, within the policy's period;
    the finding's proposal waits for the decision."""
    finding = Finding.objects.select_for_update().select_related("unit").get(pk=finding.pk)
    officer = selectors.officer_of_user(by)
    if officer is None or officer.pk != finding.officer_id:
        raise ValidationError(_("Keberatan hanya dapat diajukan oleh petugas yang bersangkutan."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan keberatan wajib diisi.")})
    if finding.kind != Finding.Kind.PUNISHMENT:
        raise ValidationError(_("Keberatan hanya untuk temuan sanksi."))
    if finding.status != Finding.Status.ACTIVE:
        raise ValidationError(_("Temuan ini sudah ditarik."))
    if Objection.objects.filter(finding=finding).exists():
        raise ValidationError(_("Keberatan atas temuan ini sudah diajukan."))
    policy = policy_for(finding.unit)
    if now > objection_deadline(finding, policy):
        raise ValidationError(
            _("Batas waktu keberatan (%(days)d hari sejak temuan dicatat) sudah lewat.")
            % {"days": policy.objection_days}
        )
    objection = Objection(
        unit=finding.unit,
        finding=finding,
        officer=officer,
        reason=reason.strip(),
        filed_at=now,
        filed_by=by,
    )
    objection._history_user = by  # type: ignore[attr-defined]
    objection.full_clean()
    objection.save()
    return objection


@transaction.atomic
def objection_decide(
    *, objection: Objection, annul: bool, reason: str, by: User, now: dt.datetime
) -> Objection:
    """A supervisor or the Kasat Lantas upholds the finding or annuls it, with a reason. An
    annulled finding is withdrawn: its pending proposal with it, an approved one reversed."""
    if not by.has_perm("personnel.decide_objection"):
        raise ValidationError(_("Hanya supervisor atau Kasat Lantas yang dapat memutus keberatan."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan keputusan wajib diisi.")})
    objection = Objection.objects.select_for_update(of=("self",)).get(pk=objection.pk)
    if objection.status != Objection.Status.PENDING:
        raise ValidationError(_("Keberatan ini sudah diputus."))
    if objection.filed_by_id == by.pk:
        raise ValidationError(_("Keberatan sendiri tidak dapat diputus sendiri."))
    objection.status = Objection.Status.ANNULLED if annul else Objection.Status.UPHELD
    objection.decided_at, objection.decided_by = now, by
    objection.decision_reason = reason.strip()[:250]
    objection._history_user = by  # type: ignore[attr-defined]
    objection._change_reason = objection.decision_reason[:100]  # type: ignore[attr-defined]
    objection.full_clean()
    objection.save()
    if annul:
        finding_withdraw(
            finding=objection.finding,
            reason=_("Keberatan dikabulkan: %(reason)s") % {"reason": objection.decision_reason},
            by=by,
            now=now,
        )
    return objection


def roster_import(*, unit: Unit, dataset: Any, dry_run: bool) -> Any:
    """Import roster rows: with any bad row, nothing changes (the result lists the errors)."""
    from personnel.resources import DutyShiftResource

    return DutyShiftResource(unit).import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )
