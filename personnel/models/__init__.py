"""Officers, the duty roster, checks, findings, the score policy and the SMK ledger."""

from personnel.models.checks import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    ProfessionalismAssessment,
    Severity,
)
from personnel.models.ledger import (
    Criterion,
    DisciplinaryReferral,
    Finding,
    Recognition,
    RewardRule,
    ScoreAdjustment,
    ScorePolicy,
)
from personnel.models.objections import Objection
from personnel.models.officers import DutyShift, Officer, Rank

__all__ = [
    "AppearanceCheck",
    "AttendanceCheck",
    "CleanlinessCheck",
    "Criterion",
    "DisciplinaryReferral",
    "DutyShift",
    "Finding",
    "Objection",
    "Officer",
    "ProfessionalismAssessment",
    "Rank",
    "Recognition",
    "RewardRule",
    "ScoreAdjustment",
    "ScorePolicy",
    "Severity",
]
