from __future__ import annotations

import pytest
from django.urls import reverse

from personnel.models import RewardRule
from personnel.services import policy_for
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


def _change_form_data(response) -> dict[str, str]:
    """What the admin change page would post back unchanged: the form's and inlines' values."""
    data: dict[str, str] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update(
            {management[name].html_name: management[name].value() for name in management.fields}
        )
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form[name].html_name] = "on" if value is True else str(value)
    return data


def test_a_policy_saved_in_admin_is_a_new_version_as_on_the_policy_page(
    client_for, superuser, unit
) -> None:
    policy = policy_for(unit)
    rule = policy.reward_rules.first()
    client = client_for(superuser)
    url = reverse("admin:personnel_scorepolicy_change", args=[policy.pk])
    data = _change_form_data(client.get(url))
    data["service_overrun_threshold_minutes"] = str(policy.service_overrun_threshold_minutes + 5)
    prefix = next(
        key for key, value in data.items() if key.endswith("-id") and value == str(rule.pk)
    )
    data[prefix.replace("-id", "-points")] = str(rule.points + 1)

    response = client.post(url, data)

    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.version == 2
    assert policy.service_overrun_threshold_minutes == int(
        data["service_overrun_threshold_minutes"]
    )
    assert RewardRule.objects.get(pk=rule.pk).points == rule.points + 1


def test_a_policy_saved_in_admin_without_a_change_keeps_its_version(
    client_for, superuser, unit
) -> None:
    policy = policy_for(unit)
    client = client_for(superuser)
    url = reverse("admin:personnel_scorepolicy_change", args=[policy.pk])

    response = client.post(url, _change_form_data(client.get(url)))

    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.version == 1


def test_a_policy_is_not_added_in_admin(client_for, superuser) -> None:
    response = client_for(superuser).get(reverse("admin:personnel_scorepolicy_add"))
    assert response.status_code == 403
