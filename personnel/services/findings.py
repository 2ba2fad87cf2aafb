"""Findings (temuan): made from compensation cases and the monthly reward rules, withdrawn
when the facts change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from compensation.models import CompensationCase
from compensation.selectors import attributed_cases, substantiated_complaints
from personnel import scoring, selectors
from personnel.models import (
    DisciplinaryReferral,
    Finding,
    Officer,
    ScoreAdjustment,
    ScorePolicy,
)
from personnel.services.policy import policy_for
from satpas import periods
from satpas.models import Unit, User


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
            "period": periods.month_start(occurred_on),
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
    user_ids = {case.attributed_officer_id for case in cases if case.attributed_officer_id}
    user_ids |= {
        complaint.about_officer_id for complaint in complaints if complaint.about_officer_id
    }
    officers = {
        o.user_id: o
        for o in Officer.objects.filter(unit=unit, user_id__in=user_ids)
        if o.user_id is not None
    }
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
        # The query asks for complaints resolved about an officer: neither is ever None here.
        resolved = complaint.resolved_at
        if complaint.about_officer_id is None or resolved is None:
            continue
        officer = officers.get(complaint.about_officer_id)
        if officer is None:
            continue
        _f, created = _finding(
            unit=unit,
            officer=officer,
            criterion=scoring.USER_RATING,
            severity=scoring.COMPLAINT_SEVERITY,
            occurred_on=resolved.astimezone(zone).date(),
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
    last_day = periods.next_month(period) - dt.timedelta(days=1)
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
