from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from satpas.roles import Role

pytestmark = pytest.mark.django_db


def test_a_revoked_role_takes_effect_at_once(client_for, officer) -> None:
    client = client_for(officer)
    assert client.get(reverse("applicants:register")).status_code == 200
    officer.groups.remove(Group.objects.get(name=Role.OFFICER.value))
    assert client.get(reverse("applicants:register")).status_code == 403


def test_a_permission_taken_from_a_role_takes_effect_at_once(client_for, officer) -> None:
    client = client_for(officer)
    assert client.get(reverse("applicants:register")).status_code == 200
    group = Group.objects.get(name=Role.OFFICER.value)
    group.permissions.remove(group.permissions.get(codename="add_application"))
    assert client.get(reverse("applicants:register")).status_code == 403


def test_a_deactivated_account_is_logged_out(client_for, officer) -> None:
    client = client_for(officer)
    officer.is_active = False
    officer.save()
    assert client.get(reverse("home")).status_code == 302
