"""Adjustments proposed from findings and decided by the Kasat, referrals and recognition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from personnel import scoring, selectors
from personnel.models import (
    DisciplinaryReferral,
    Finding,
    Objection,
    Officer,
    Recognition,
    ScoreAdjustment,
    ScorePolicy,
    Severity,
)
from personnel.services.checks import _check_officer
from personnel.services.findings import findings_from_compensation, findings_from_reward_rules
from personnel.services.policy import policy_for
from satpas import periods
from satpas.models import Unit, User


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
    period = periods.month_start(period)
    policy = ScorePolicy.objects.select_for_update().get(pk=policy_for(unit).pk)
    start, end = selectors.month_bounds(unit, period)
    made = findings_from_compensation(unit=unit, start=start, end=end, now=now)
    month_over = periods.next_month(period) <= selectors.office_today(unit, now)
    if month_over:
        made += findings_from_reward_rules(unit=unit, period=period, now=now)
    pending = Finding.objects.filter(
        unit=unit, period=period, status=Finding.Status.ACTIVE, adjustment__isnull=True
    ).exclude(severity=Severity.BERAT)
    rules = {rule.pk: rule for rule in policy.reward_rules.all()}
    proposals = []
    for finding in pending.select_related("officer"):
        if finding.kind == Finding.Kind.REWARD:
            rule = rules.get(finding.reward_rule_id) if finding.reward_rule_id else None
            points = rule.points if rule else 1
        else:
            punishment = scoring.punishment_points(
                policy.base_points(finding.criterion), finding.severity, policy.medium_factor
            )
            if punishment is None:  # a heavy finding (left out above) is referred, not scored
                continue
            points = punishment
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
    period = periods.month_start(period)
    _check_officer(unit, officer)
    if period >= periods.month_start(selectors.office_today(unit, now)):
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
