"""Every report, in the order of the index page and the navigation."""

from __future__ import annotations

from evidence.registers import Register
from evidence.reports import (
    audit_trail,
    compensation,
    complaints,
    discipline,
    reward_punishment,
    satisfaction,
    service_time,
    standards,
)
from evidence.reports.base import Report

REPORTS: list[Report] = [
    service_time.REPORT,
    compensation.REPORT,
    reward_punishment.REPORT,
    discipline.REPORT,
    satisfaction.REPORT,
    complaints.REPORT,
    standards.REPORT,
    audit_trail.REPORT,
]
BY_SLUG = {report.slug: report for report in REPORTS}


def all_registers() -> list[Register]:
    """The registers of the evidence pack, in the order they appear in it."""
    return [
        standards.REGISTER,
        service_time.REGISTER,
        compensation.REGISTER,
        reward_punishment.REGISTER,
        discipline.REGISTER,
        satisfaction.REGISTER,
        complaints.REGISTER,
        audit_trail.REGISTER,
    ]


def reports_for(user: object) -> list[Report]:
    return [report for report in REPORTS if user.has_perms(report.all_permissions)]  # type: ignore[attr-defined]
