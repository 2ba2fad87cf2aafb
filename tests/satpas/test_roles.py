from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from satpas.roles import ROLE_PERMISSIONS, Role, has_role, primary_role, sync_role_permissions

pytestmark = pytest.mark.django_db


def test_the_five_roles_exist_as_groups() -> None:
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_every_listed_permission_exists() -> None:
    # strict=True raises on a typo or a permission that no model defines.
    assert sync_role_permissions(strict=True) == []


def test_groups_hold_exactly_their_listed_permissions() -> None:
    for role, codes in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(codes), role


def test_auditor_holds_no_write_permission() -> None:
    writes = [
        code
        for code in ROLE_PERMISSIONS[Role.AUDITOR]
        if code.split(".")[1].startswith(("add_", "change_", "delete_"))
    ]
    assert writes == []


def test_roles_are_read_from_group_membership(kasat, officer) -> None:
    assert primary_role(kasat) is Role.KASAT
    assert has_role(officer, Role.OFFICER)
    assert not has_role(officer, Role.KASAT, Role.SUPERVISOR)
