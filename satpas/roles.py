"""Roles are Django groups; what each may do is the permission list below.

The groups are created by a data migration; their permissions are (re)applied after every
`migrate` from `ROLE_PERMISSIONS`, so a permission added by a later app reaches its roles
without hand work. Views check permissions (`user.has_perm`), never group names.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Role(models.TextChoices):
    OFFICER = "Petugas Loket", _("Petugas Loket")
    SUPERVISOR = "Supervisor", _("Supervisor")
    KASAT = "Kasat Lantas", _("Kasat Lantas")
    AUDITOR = "Auditor", _("Auditor")
    ADMIN = "Admin", _("Admin")
    # Ditlantas / Subdit Regident of a Polda: reads its assigned units side by side.
    REGIONAL = "Ditlantas", _("Ditlantas (wilayah)")


# The order in which a person holding several roles is described (highest first).
ROLE_PRECEDENCE = [
    Role.ADMIN,
    Role.KASAT,
    Role.SUPERVISOR,
    Role.OFFICER,
    Role.AUDITOR,
    Role.REGIONAL,
]

_SATPAS_CONFIG = [
    "satpas.view_unit",
    "satpas.change_unit",
    "satpas.view_openinghours",
    "satpas.add_openinghours",
    "satpas.change_openinghours",
    "satpas.delete_openinghours",
    "satpas.view_servicebreak",
    "satpas.add_servicebreak",
    "satpas.change_servicebreak",
    "satpas.delete_servicebreak",
    "satpas.view_holiday",
    "satpas.add_holiday",
    "satpas.change_holiday",
    "satpas.delete_holiday",
    "satpas.view_user",
    "satpas.add_user",
    "satpas.change_user",
]

_SATPAS_READ = ["satpas.view_unit", "satpas.view_openinghours", "satpas.view_holiday"]

_TIMING_READ = [
    "applicants.view_application",
    "service_timing.view_stagerecord",
    "service_timing.view_pause",
    "service_timing.view_servicestandard",
    "service_timing.view_stageallowance",
    "service_timing.view_systemoutage",
    "service_timing.view_servicepoint",
    "service_timing.view_routestep",
]
_COUNTER = [
    "applicants.add_application",
    "applicants.view_personal_data",
    "service_timing.log_stage",
    # The SIM card handed over at the last stage (its number, for the renewal kiosk).
    "applicants.add_heldsim",
]
_SUPERVISION = [
    "service_timing.receive_alerts",
    "service_timing.view_announcement",
    "service_timing.add_announcement",
    "service_timing.change_announcement",
    "applicants.change_application",
    "applicants.change_heldsim",  # a wrongly recorded SIM number, with a reason
    "service_timing.correct_stagerecord",
    "service_timing.add_pause",
    "service_timing.change_pause",
    "service_timing.add_systemoutage",
]
_TIMING_CONFIG = [
    "service_timing.view_stage",
    "service_timing.add_stage",
    "service_timing.change_stage",
    "service_timing.add_routestep",
    "service_timing.change_routestep",
    "service_timing.delete_routestep",
    "service_timing.add_servicepoint",
    "service_timing.change_servicepoint",
    "service_timing.add_servicestandard",
    "service_timing.add_stageallowance",
    # The counters' call rules: skipped applicants and the priority policy.
    "service_timing.view_counterpolicy",
    "service_timing.add_counterpolicy",
    "service_timing.change_counterpolicy",
]

# Compensation: cases, items and their stock, SKM responses, complaints.
_COMPENSATION_READ = [
    "compensation.view_compensationcase",
    "compensation.view_compensationitem",
    "compensation.view_compensationrule",
    "compensation.view_stockmovement",
    "compensation.view_surveyresponse",
    "compensation.view_complaint",
    "compensation.view_complaintnote",
]
_COMPENSATION_COUNTER = [
    "compensation.view_compensationcase",
    "compensation.settle_compensationcase",
    "compensation.view_compensationitem",
    "compensation.view_stockmovement",
    "compensation.view_complaint",
    "compensation.add_complaint",
]
_COMPENSATION_SUPERVISION = [
    "service_timing.receive_alerts",
    "service_timing.view_announcement",
    "service_timing.add_announcement",
    "service_timing.change_announcement",
    *_COMPENSATION_READ,
    "compensation.settle_compensationcase",
    "compensation.waive_compensationcase",
    "compensation.attribute_compensationcase",
    "compensation.add_stockmovement",
    "compensation.add_complaint",
    "compensation.change_complaint",
    "compensation.add_complaintnote",
]
_COMPENSATION_CONFIG = [
    "compensation.view_compensationitem",
    "compensation.add_compensationitem",
    "compensation.change_compensationitem",
    "compensation.view_compensationrule",
    "compensation.add_compensationrule",
    "compensation.change_compensationrule",
    "compensation.delete_compensationrule",
    "compensation.view_stockmovement",
    "compensation.add_stockmovement",
]

_PERSONNEL_CHECKS = [
    "personnel.view_attendancecheck",
    "personnel.view_appearancecheck",
    "personnel.view_professionalismassessment",
    "personnel.view_cleanlinesscheck",
]
_PERSONNEL_READ = [
    "personnel.view_officer",
    "personnel.view_dutyshift",
    *_PERSONNEL_CHECKS,
    "personnel.view_finding",
    "personnel.view_scorepolicy",
    "personnel.view_rewardrule",
    "personnel.view_scoreadjustment",
    "personnel.view_disciplinaryreferral",
    "personnel.view_recognition",
    "personnel.view_dashboard",
    "personnel.view_objection",
]
_PERSONNEL_SUPERVISOR = [
    *_PERSONNEL_READ,
    "personnel.view_own_record",
    "personnel.add_dutyshift",
    "personnel.change_dutyshift",
    "personnel.delete_dutyshift",
    "personnel.add_attendancecheck",
    "personnel.add_appearancecheck",
    "personnel.add_professionalismassessment",
    "personnel.add_cleanlinesscheck",
    "personnel.propose_scoreadjustment",
    "personnel.add_objection",
    "personnel.decide_objection",
]
_PERSONNEL_KASAT = [
    *_PERSONNEL_READ,
    "personnel.view_own_record",
    "personnel.change_scorepolicy",
    "personnel.change_rewardrule",
    "personnel.propose_scoreadjustment",
    "personnel.decide_scoreadjustment",
    "personnel.change_disciplinaryreferral",
    "personnel.add_recognition",
    "personnel.add_objection",
    "personnel.decide_objection",
]
_PERSONNEL_ADMIN = [
    "personnel.view_officer",
    "personnel.add_officer",
    "personnel.change_officer",
    "personnel.view_dutyshift",
    "personnel.add_dutyshift",
    "personnel.change_dutyshift",
    "personnel.delete_dutyshift",
    "personnel.view_scorepolicy",
    "personnel.change_scorepolicy",
    "personnel.view_rewardrule",
    "personnel.change_rewardrule",
]

# The public service page: the pledge is the Kasat's word and the operator's setting; the
# requirements and PNBP fees shown there are the operator's.
_PUBLIC_PLEDGE = ["evidence.view_servicepledge", "evidence.change_servicepledge"]
_PUBLIC_CONFIG = [
    *_PUBLIC_PLEDGE,
    "evidence.view_servicerequirements",
    "evidence.add_servicerequirements",
    "evidence.change_servicerequirements",
    "evidence.delete_servicerequirements",
    "evidence.view_servicefee",
    "evidence.add_servicefee",
    "evidence.change_servicefee",
    "evidence.delete_servicefee",
]

# Building and downloading an evidence pack writes no evidence: auditors may do it too.
_EVIDENCE = ["evidence.view_evidencepack", "evidence.export_evidence"]
# The capacity planner: the unit's counters hour by hour (the Kasat and the supervisors).
_CAPACITY = ["evidence.plan_capacity"]

# "app_label.codename" for each role. Later apps add their own lines here.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.OFFICER: [
        *_SATPAS_READ,
        *_TIMING_READ,
        *_COUNTER,
        *_COMPENSATION_COUNTER,
        "personnel.view_own_record",
        "personnel.add_objection",
        "personnel.view_recognition",
    ],
    Role.SUPERVISOR: [
        *_SATPAS_READ,
        *_TIMING_READ,
        *_COUNTER,
        *_SUPERVISION,
        *_COMPENSATION_SUPERVISION,
        "compensation.enrol_kiosk",
        "applicants.enrol_renewal_kiosk",
        *_PERSONNEL_SUPERVISOR,
        *_EVIDENCE,
        *_CAPACITY,
    ],
    Role.KASAT: [
        *_SATPAS_READ,
        *_TIMING_READ,
        "applicants.view_personal_data",
        "service_timing.view_announcement",
        "service_timing.receive_alerts",
        *_COMPENSATION_READ,
        "compensation.waive_compensationcase",
        "compensation.change_complaint",
        "compensation.add_complaintnote",
        *_PERSONNEL_KASAT,
        *_EVIDENCE,
        *_CAPACITY,
        *_PUBLIC_PLEDGE,
    ],
    Role.AUDITOR: [
        *_SATPAS_READ,
        *_TIMING_READ,
        "satpas.switch_unit",
        *_COMPENSATION_READ,
        *_PERSONNEL_READ,
        *_EVIDENCE,
    ],
    # Read-only over the units assigned to the account (`User.audit_units`): the regional
    # view, and each unit's reports after switching to it (a visit writes nothing).
    Role.REGIONAL: [
        *_SATPAS_READ,
        *_TIMING_READ,
        "satpas.switch_unit",
        "satpas.view_regional",
        *_COMPENSATION_READ,
        *_PERSONNEL_READ,
        "evidence.view_evidencepack",
    ],
    Role.ADMIN: [
        *_SATPAS_CONFIG,
        *_TIMING_READ,
        *_TIMING_CONFIG,
        *_COMPENSATION_CONFIG,
        *_PERSONNEL_ADMIN,
        *_PUBLIC_CONFIG,
    ],
}


def user_roles(user: Any) -> list[Role]:
    """The roles a user holds, highest first; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_satpas_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = [role for role in ROLE_PRECEDENCE if role.value in names]
        user._satpas_roles = cached
    return cached


def primary_role(user: Any) -> Role | None:
    roles = user_roles(user)
    return roles[0] if roles else None


def has_role(user: Any, *roles: Role) -> bool:
    held = user_roles(user)
    return any(role in held for role in roles)


def sync_role_permissions(*, strict: bool = False) -> list[str]:
    """Make every role group hold exactly its listed permissions; returns the missing ones."""
    from django.contrib.auth.models import Group, Permission

    wanted: set[tuple[str, str]] = set()
    for codes in ROLE_PERMISSIONS.values():
        wanted.update(tuple(code.split(".", 1)) for code in codes)  # type: ignore[misc]
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = sorted(f"{app}.{code}" for app, code in wanted if (app, code) not in found)
    if missing and strict:
        raise LookupError(f"Unknown permissions in ROLE_PERMISSIONS: {', '.join(missing)}")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        perms = [found[key] for key in (tuple(c.split(".", 1)) for c in codes) if key in found]
        group.permissions.set(perms)
    return missing


def sync_role_permissions_handler(sender: Any, **kwargs: Any) -> None:
    """post_migrate: runs once per app with models; only the last one's run sees every
    permission (an app without models, such as the demo layer, gets no post_migrate)."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender.label != with_models[-1].label:
        return
    missing = sync_role_permissions()
    if missing:
        logger.warning("Role permissions not found (yet): %s", ", ".join(missing))
