"""Who may manage whose account: no one raises their own rights, or anyone's above their own.

A unit's operator (the Admin role) manages the counters' accounts: counter officers and
supervisors of the unit. Kasat Lantas, auditor and admin rights, other units to read
(`audit_units`) and staff or superuser status are granted by a superuser, and the units to
read also by a regional role holding `satpas.assign_audit_units`. The admin applies these
rules (satpas/admin.py); they live here so that any other door applies the same ones.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db.models import QuerySet

from satpas.roles import Role, user_roles

# The roles a unit operator may give or take away.
OPERATOR_GRANTABLE = (Role.OFFICER, Role.SUPERVISOR)

# What an operator may never change on their own account.
OWN_ACCOUNT_LOCKED = ("is_active", "is_staff", "is_superuser", "groups", "audit_units")


def may_assign_audit_units(by: Any) -> bool:
    """Other units to read are a regional decision: a superuser or a regional role."""
    return bool(by.is_superuser or by.has_perm("satpas.assign_audit_units"))


def grantable_groups(by: Any) -> QuerySet[Group]:
    """The role groups `by` may give or take away."""
    if by.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(name__in=[role.value for role in OPERATOR_GRANTABLE])


def outranks(by: Any, target: Any) -> bool:
    """May `by` manage `target`'s rights and password? Never a superuser's (unless one
    themselves), never someone holding a role `by` may not grant, never a staff account
    other than their own."""
    if by.is_superuser:
        return True
    if target.is_superuser:
        return False
    if target.pk == by.pk:
        return True  # their own password; their own rights are locked separately
    if target.is_staff:
        return False
    return set(user_roles(target)) <= set(OPERATOR_GRANTABLE)


def locked_fields(by: Any, target: Any | None) -> list[str]:
    """The fields of `target`'s account that `by` may not change in the admin."""
    if by.is_superuser:
        return []
    locked = ["is_superuser"]
    if not may_assign_audit_units(by):
        locked.append("audit_units")
    if target is not None:
        if target.pk == by.pk:
            locked += OWN_ACCOUNT_LOCKED
        elif not outranks(by, target):
            locked += ["is_active", "is_staff", "groups", "audit_units", "username"]
    return list(dict.fromkeys(locked))
