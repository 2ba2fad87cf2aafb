"""No escalation through the admin: a unit's operator manages the counters' accounts, never
their own rights nor anyone's above them; every change to an account is in its history and
in the audit-trail register."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from satpas.models import User
from satpas.roles import Role
from satpas.selectors import unit_period
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


def form_data(user: User, **changes) -> dict:
    """The admin's change form of `user` as it stands, with some fields changed."""
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "home_unit": user.home_unit_id or "",
        "groups": [g.pk for g in user.groups.all()],
        "audit_units": [u.pk for u in user.audit_units.all()],
    }
    if user.is_active:
        data["is_active"] = "on"
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def change(client, user: User, **changes):
    return client.post(
        reverse("admin:satpas_user_change", args=[user.pk]), form_data(user, **changes)
    )


def test_operator_cannot_raise_their_own_rights(client_for, admin_user, other_unit) -> None:
    client = client_for(admin_user)
    change(
        client,
        admin_user,
        groups=[g.pk for g in Group.objects.all()],
        audit_units=[other_unit.pk],
        is_staff=None,
    )
    admin_user.refresh_from_db()
    assert {g.name for g in admin_user.groups.all()} == {Role.ADMIN.value}
    assert list(admin_user.audit_units.all()) == []
    assert admin_user.is_staff


@pytest.mark.parametrize("role", [Role.KASAT, Role.AUDITOR, Role.ADMIN])
def test_operator_cannot_grant_a_higher_role(client_for, admin_user, officer, role) -> None:
    response = change(client_for(admin_user), officer, groups=[group(role).pk])
    assert response.status_code == 200  # the form, with its error
    assert "bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    assert [g.name for g in officer.groups.all()] == [Role.OFFICER.value]


def test_operator_may_make_an_officer_a_supervisor(client_for, admin_user, officer) -> None:
    response = change(client_for(admin_user), officer, groups=[group(Role.SUPERVISOR).pk])
    assert response.status_code == 302
    assert [g.name for g in officer.groups.all()] == [Role.SUPERVISOR.value]


def test_operator_cannot_add_units_to_read(client_for, admin_user, auditor, other_unit) -> None:
    # The auditor holds a role the operator may not grant: his account is out of reach...
    change(client_for(admin_user), auditor, audit_units=[other_unit.pk])
    assert list(auditor.audit_units.all()) == []
    # ...and so is the field on a counter officer's.
    body = (
        client_for(admin_user)
        .get(reverse("admin:satpas_user_change", args=[auditor.pk]))
        .content.decode()
    )
    assert 'name="audit_units"' not in body


def test_a_regional_role_may_add_units_to_read(admin_user, client_for, officer, other_unit) -> None:
    regional = Group.objects.create(name="Operator Polda")
    regional.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="satpas",
            codename__in=["assign_audit_units", "change_user", "view_user"],
        )
    )
    admin_user.groups.add(regional)
    change(client_for(admin_user), officer, audit_units=[other_unit.pk])
    assert list(officer.audit_units.all()) == [other_unit]


def test_a_superuser_may_grant_anything(client_for, officer, unit, other_unit) -> None:
    root = User.objects.create_superuser(username="77010101", full_name="Root", password="x")
    response = change(
        client_for(root), officer, groups=[group(Role.KASAT).pk], audit_units=[other_unit.pk]
    )
    assert response.status_code == 302
    assert [g.name for g in officer.groups.all()] == [Role.KASAT.value]
    assert list(officer.audit_units.all()) == [other_unit]


def test_operator_cannot_change_a_kasats_roles(client_for, admin_user, kasat) -> None:
    change(client_for(admin_user), kasat, groups=[group(Role.OFFICER).pk], is_active=None)
    kasat.refresh_from_db()
    assert [g.name for g in kasat.groups.all()] == [Role.KASAT.value]
    assert kasat.is_active


@pytest.mark.parametrize("target", ["kasat", "auditor", "admin_peer"])
def test_operator_cannot_set_the_password_of_a_higher_role(
    request, client_for, admin_user, unit, target
) -> None:
    if target == "admin_peer":
        from tests.factories import UserFactory

        user = UserFactory(username="88010101", home_unit=unit, role=Role.ADMIN)
    else:
        user = request.getfixturevalue(target)
    url = reverse("admin:auth_user_password_change", args=[user.pk])
    client = client_for(admin_user)
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Ambil-Alih-2026!", "password2": "Ambil-Alih-2026!"})
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_operator_may_set_a_counter_officers_password(client_for, admin_user, officer) -> None:
    url = reverse("admin:auth_user_password_change", args=[officer.pk])
    response = client_for(admin_user).post(
        url,
        {
            "password1": "Loket-Baru-2026!",
            "password2": "Loket-Baru-2026!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Loket-Baru-2026!")


def test_role_and_unit_changes_are_in_the_accounts_history(client_for, officer, other_unit) -> None:
    root = User.objects.create_superuser(username="77010101", full_name="Root", password="x")
    change(
        client_for(root), officer, groups=[group(Role.SUPERVISOR).pk], audit_units=[other_unit.pk]
    )
    latest = officer.history.latest()
    assert latest.history_user == root
    assert [row.group_id for row in latest.groups.all()] == [group(Role.SUPERVISOR).pk]
    assert [row.unit_id for row in latest.audit_units.all()] == [other_unit.pk]
    earlier = {tuple(row.group_id for row in h.groups.all()) for h in officer.history.all()}
    assert (group(Role.OFFICER).pk,) in earlier


def test_role_changes_are_in_the_audit_trail_register(client_for, unit, frozen) -> None:
    import datetime as dt

    from evidence.reports import audit_trail
    from tests.factories import UserFactory

    frozen(2026, 11, 27, 9, 30)
    officer = UserFactory(username="02010399", home_unit=unit, role=Role.OFFICER)
    frozen(2026, 11, 27, 10, 0)
    root = User.objects.create_superuser(username="77010101", full_name="Root", password="x")
    change(client_for(root), officer, groups=[group(Role.SUPERVISOR).pk])
    period = unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    rows = [
        row
        for row in audit_trail.sheets(period, masked=False)[0].rows
        if row[1] == "pengguna" and row[2] == officer.pk and row[3] == "diubah"
    ]
    by_root = [row[7] for row in rows if row[5] == "77010101"]
    # The admin replaces the set of roles: one event takes the old one away, one adds the new.
    assert "grup: Petugas Loket → –" in by_root
    assert "grup: – → Supervisor" in by_root
