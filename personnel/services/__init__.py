"""Writes of personnel: the policy, the roster, checks and the findings they make, proposals,
decisions, referrals and recognition. Each function is one transaction: all or nothing.
"""

from personnel.services.checks import (
    CleanlinessResult,
    appearance_record,
    attendance_record,
    attendance_record_departure,
    cleanliness_record,
    professionalism_record,
)
from personnel.services.decisions import (
    ProposalSummary,
    adjustment_decide,
    adjustments_decide,
    adjustments_propose,
    recognition_name,
    referral_update,
)
from personnel.services.findings import (
    case_finding_sync,
    finding_withdraw,
    findings_from_compensation,
    findings_from_reward_rules,
    overdue_judgment,
)
from personnel.services.objections import (
    may_object,
    objection_deadline,
    objection_decide,
    objection_file,
)
from personnel.services.policy import (
    policy_for,
    policy_update,
)
from personnel.services.roster import (
    duty_shift_create,
    duty_shift_delete,
    roster_import,
)

__all__ = [
    "CleanlinessResult",
    "ProposalSummary",
    "adjustment_decide",
    "adjustments_decide",
    "adjustments_propose",
    "appearance_record",
    "attendance_record",
    "attendance_record_departure",
    "case_finding_sync",
    "cleanliness_record",
    "duty_shift_create",
    "duty_shift_delete",
    "finding_withdraw",
    "findings_from_compensation",
    "findings_from_reward_rules",
    "may_object",
    "objection_deadline",
    "objection_decide",
    "objection_file",
    "overdue_judgment",
    "policy_for",
    "policy_update",
    "professionalism_record",
    "recognition_name",
    "referral_update",
    "roster_import",
]
