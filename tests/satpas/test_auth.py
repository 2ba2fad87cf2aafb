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


def test_a_deleted_role_takes_effect_at_once(client_for, officer) -> None:
    client = client_for(officer)
    assert client.get(reverse("applicants:register")).status_code == 200
    Group.objects.get(name=Role.OFFICER.value).delete()  # no m2m signal is sent for this
    assert client.get(reverse("applicants:register")).status_code == 403


def test_the_permissions_are_read_with_the_user_in_one_statement(client_for, officer) -> None:
    """Nothing cached per process or per server: every request reads the user's grants."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(officer)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("applicants:register")).status_code == 200
    reading_grants = [q["sql"] for q in captured.captured_queries if "auth_permission" in q["sql"]]
    assert len(reading_grants) == 1
    assert "satpas_user" in reading_grants[0]
