"""Officers, the duty roster, checks, findings, the score policy and the SMK ledger."""

from personnel.models.checks import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    ProfessionalismAssessment,
    Severity,
)
from personnel.models.ledger import (
    DisciplinaryReferral,
    Finding,
    Recognition,
    ScoreAdjustment,
)
from personnel.models.objections import Objection
from personnel.models.officers import DutyShift, Officer, Rank
from personnel.models.policy import Criterion, RewardRule, ScorePolicy

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
