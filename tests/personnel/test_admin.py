from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "officer",
    "dutyshift",
    "attendancecheck",
    "appearancecheck",
    "professionalismassessment",
    "cleanlinesscheck",
    "finding",
    "scorepolicy",
    "scoreadjustment",
    "disciplinaryreferral",
    "recognition",
]


@pytest.fixture
def superuser(unit):
    user = UserFactory(username="88010101", home_unit=unit)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.parametrize("model", MODELS)
def test_changelists_load_within_budget(
    client_for, superuser, small_world, model, django_assert_max_num_queries
) -> None:
    client = client_for(superuser)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(f"admin:personnel_{model}_changelist"))
    assert response.status_code == 200


def test_the_unit_operator_manages_officers_and_the_roster_only(
    client_for, admin_user, small_world
) -> None:
    client = client_for(admin_user)
    assert client.get(reverse("admin:personnel_officer_changelist")).status_code == 200
    assert client.get(reverse("admin:personnel_dutyshift_import")).status_code == 200
    assert client.get(reverse("admin:personnel_finding_changelist")).status_code == 403


def test_evidence_cannot_be_edited_or_deleted_in_admin(client_for, superuser, small_world) -> None:
    client = client_for(superuser)
    finding = small_world.finding
    url = reverse("admin:personnel_finding_delete", args=[finding.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    adjustment = small_world.adjustment
    response = client.post(reverse("admin:personnel_scoreadjustment_change", args=[adjustment.pk]))
    assert response.status_code == 403
