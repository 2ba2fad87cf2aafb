from __future__ import annotations

import pytest
from django.urls import reverse

from compensation.models import CompensationItem
from compensation.services import (
    complaint_add_note,
    complaint_create,
    stock_receive,
    survey_submit,
    sweep_overdue,
)
from tests.compensation.helpers import at
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db

MODELS = [
    "compensationitem",
    "compensationrule",
    "stockmovement",
    "compensationcase",
    "surveyresponse",
    "complaint",
    "complaintnote",
]


@pytest.fixture
def superuser(unit):
    user = UserFactory(username="198001012005011001", full_name="Admin Pusat", home_unit=unit)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def rows(unit, officer, supervisor):
    for _ in range(5):
        application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
        survey_submit(unit=unit, application=application, scores={f"u{i}": 3 for i in range(1, 10)})
        complaint = complaint_create(
            unit=unit, channel="PHONE", description="Antre", application=application
        )
        complaint_add_note(complaint=complaint, text="Ditelepon", user=supervisor)
    sweep_overdue(now=at(9, 30))
    for item in CompensationItem.objects.filter(unit=unit):
        stock_receive(item=item, quantity=10, user=supervisor, supplied_by=officer)


@pytest.mark.parametrize("model", MODELS)
def test_changelists_load_within_budget(
    client_for, superuser, rows, model: str, django_assert_max_num_queries
) -> None:
    client = client_for(superuser)
    with django_assert_max_num_queries(16):
        response = client.get(reverse(f"admin:compensation_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["compensationitem", "compensationrule", "stockmovement"])
def test_the_units_operator_configures_items_rules_and_stock(
    client_for, admin_user, rows, model: str
) -> None:
    assert (
        client_for(admin_user).get(reverse(f"admin:compensation_{model}_changelist")).status_code
        == 200
    )


def test_the_operator_sees_only_their_units_items(client_for, admin_user, other_unit) -> None:
    body = (
        client_for(admin_user)
        .get(reverse("admin:compensation_compensationitem_changelist"))
        .content.decode()
    )
    assert body.count("Air mineral") == 1


def test_cases_are_evidence_and_cannot_be_edited_in_admin(client_for, superuser, rows) -> None:
    from compensation.models import CompensationCase

    case = CompensationCase.objects.first()
    client = client_for(superuser)
    response = client.post(
        reverse("admin:compensation_compensationcase_change", args=[case.pk]), {"status": "WAIVED"}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "DUE"
    assert client.get(reverse("admin:compensation_compensationcase_add")).status_code == 403


def test_a_duplicate_item_is_refused_with_a_message_that_says_it_exists(
    client_for, admin_user, unit
) -> None:
    from compensation.models import CompensationItem

    response = client_for(admin_user).post(
        "/admin/compensation/compensationitem/add/",
        {
            "unit": unit.pk,
            "name": "Air mineral",
            "unit_label": "botol",
            "low_stock_threshold": 10,
            "is_active": "on",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Barang kompensasi dengan Satuan dan Nama barang ini sudah ada." in body
    assert "tidak ada" not in body
    assert CompensationItem.objects.filter(unit=unit, name="Air mineral").count() == 1


def test_a_new_item_is_offered_at_hand_over_in_the_same_step(client_for, admin_user, unit) -> None:
    import re

    from compensation.models import CompensationItem, CompensationRule

    client = client_for(admin_user)
    body = client.get("/admin/compensation/compensationitem/add/").content.decode()
    rules = list(CompensationRule.objects.filter(unit=unit))
    assert rules
    boxes = re.findall(r'<input type="checkbox" name="rules"[^>]*>', body)
    assert len(boxes) == len(rules)
    assert all("checked" in box for box in boxes)
    client.post(
        "/admin/compensation/compensationitem/add/",
        {
            "unit": unit.pk,
            "name": "Teh kotak",
            "unit_label": "kotak",
            "low_stock_threshold": 10,
            "is_active": "on",
            "rules": [rule.pk for rule in rules],
        },
    )
    item = CompensationItem.objects.get(unit=unit, name="Teh kotak")
    assert set(CompensationRule.objects.filter(items=item)) == set(rules)
