"""Objections (keberatan): an officer's objection to a finding and its decision."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from personnel import selectors
from personnel.models import (
    Finding,
    Objection,
    ScorePolicy,
)
from personnel.services.findings import finding_withdraw
from personnel.services.policy import policy_for
from satpas.models import User


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
