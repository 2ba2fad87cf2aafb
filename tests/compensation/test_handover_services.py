"""Settling a case: item given and acknowledged, declined, or waived by a supervisor."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from applicants.models import Application
from compensation.models import (
    CompensationCase,
    CompensationItem,
    CompensationRule,
    Complaint,
    StockMovement,
)
from compensation.services import (
    case_decline,
    case_give,
    case_open_dissatisfied,
    case_waive,
    install_default_rules,
    offered_items,
    sweep_overdue,
)
from tests.compensation.helpers import at
from tests.factories import UnitFactory, register

pytestmark = pytest.mark.django_db


def item(unit, name: str) -> CompensationItem:
    return CompensationItem.objects.get(unit=unit, name=name)


@pytest.fixture
def late_case(unit, officer) -> CompensationCase:
    register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 40))
    return CompensationCase.objects.get()


def test_a_new_unit_gets_the_sops_water_or_candy_rule() -> None:
    unit = UnitFactory(code="KRM")
    assert set(CompensationItem.objects.filter(unit=unit).values_list("name", flat=True)) == {
        "Air mineral",
        "Permen",
    }
    rule = CompensationRule.objects.get(unit=unit)
    assert rule.min_minutes_over == 1
    assert {i.name for i in rule.items.all()} == {"Air mineral", "Permen"}


def test_installing_the_default_rule_again_changes_nothing(unit) -> None:
    assert install_default_rules(unit) == {"items": 0, "rules": 0}
    assert CompensationRule.objects.filter(unit=unit).count() == 1


def test_water_is_handed_over_and_acknowledged(unit, officer, late_case) -> None:
    water = item(unit, "Air mineral")
    case_give(case=late_case, item=water, acknowledged=True, user=officer, now=at(9, 45))
    late_case.refresh_from_db()
    assert late_case.status == CompensationCase.Status.GIVEN
    assert (late_case.item, late_case.settled_by, late_case.acknowledged) == (water, officer, True)
    assert late_case.settled_at == at(9, 45)
    movement = StockMovement.objects.get(case=late_case)
    assert (movement.item, movement.kind, movement.quantity) == (water, "GIVEN", -1)
    late_case.application.refresh_from_db()
    assert late_case.application.compensation_state == Application.Compensation.SETTLED


def test_handing_over_without_acknowledgement_is_refused(unit, officer, late_case) -> None:
    with pytest.raises(ValidationError, match="menyatakan telah menerima"):
        case_give(case=late_case, item=item(unit, "Permen"), acknowledged=False, user=officer)
    assert not StockMovement.objects.exists()
    late_case.refresh_from_db()
    assert late_case.status == CompensationCase.Status.DUE


def test_a_settled_case_cannot_be_settled_again(unit, officer, late_case) -> None:
    case_give(case=late_case, item=item(unit, "Permen"), acknowledged=True, user=officer)
    with pytest.raises(ValidationError, match="sudah diselesaikan"):
        case_give(case=late_case, item=item(unit, "Permen"), acknowledged=True, user=officer)
    with pytest.raises(ValidationError, match="sudah diselesaikan"):
        case_decline(case=late_case, user=officer)
    assert StockMovement.objects.count() == 1


def test_another_units_item_is_refused(officer, late_case, other_unit) -> None:
    with pytest.raises(ValidationError, match="tidak termasuk"):
        case_give(case=late_case, item=item(other_unit, "Permen"), acknowledged=True, user=officer)


def test_a_longer_overrun_reaches_a_higher_tier(unit, late_case) -> None:
    shirt = CompensationItem.objects.create(unit=unit, name="Kaos Satpas", unit_label="buah")
    tier = CompensationRule.objects.create(unit=unit, min_minutes_over=31)
    tier.items.set([shirt])
    assert late_case.minutes_over == 40
    assert offered_items(late_case) == [shirt]
    late_case.minutes_over = 30
    assert {i.name for i in offered_items(late_case)} == {"Air mineral", "Permen"}


def test_an_inactive_item_is_not_offered(unit, late_case) -> None:
    CompensationItem.objects.filter(unit=unit, name="Permen").update(is_active=False)
    assert [i.name for i in offered_items(late_case)] == ["Air mineral"]


def test_the_applicant_may_decline(officer, late_case) -> None:
    case_decline(case=late_case, user=officer, note="Pemohon terburu-buru")
    late_case.refresh_from_db()
    assert late_case.status == CompensationCase.Status.DECLINED
    assert not late_case.acknowledged
    assert not StockMovement.objects.exists()


def test_only_a_supervisor_may_waive_and_only_with_a_reason(officer, supervisor, late_case) -> None:
    with pytest.raises(ValidationError, match="Hanya supervisor"):
        case_waive(case=late_case, user=officer, reason="Pemohon sudah pulang")
    with pytest.raises(ValidationError, match="Alasan"):
        case_waive(case=late_case, user=supervisor, reason="  ")
    case_waive(case=late_case, user=supervisor, reason="Pemohon sudah pulang sebelum diserahkan")
    late_case.refresh_from_db()
    assert late_case.status == CompensationCase.Status.WAIVED
    assert late_case.settlement_note == "Pemohon sudah pulang sebelum diserahkan"
    assert late_case.history.first().history_user == supervisor


def test_kurang_puas_opens_a_dissatisfied_case_and_no_complaint(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    case, complaint = case_open_dissatisfied(
        application=application, description="Petugas kurang ramah", user=officer, now=at(9)
    )
    assert (case.reason, case.status, case.minutes_over) == ("DISSATISFIED", "DUE", 0)
    assert case.dissatisfaction_note == "Petugas kurang ramah"
    assert complaint is None
    assert not Complaint.objects.exists()
    application.refresh_from_db()
    assert application.compensation_state == Application.Compensation.DUE
    # The dissatisfied applicant may choose from the first tier.
    assert {i.name for i in offered_items(case)} == {"Air mineral", "Permen"}
    with pytest.raises(ValidationError, match="sudah tercatat"):
        case_open_dissatisfied(application=application, description="Lagi", user=officer)


def test_a_complaint_the_applicant_writes_is_recorded_with_the_case(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    case, complaint = case_open_dissatisfied(
        application=application,
        description="Lama",
        complaint_text="Petugas loket 3 membentak saya",
        user=officer,
        now=at(9),
    )
    assert (complaint.compensation_case, complaint.channel, complaint.status) == (
        case,
        Complaint.Channel.COUNTER,
        Complaint.Status.NEW,
    )
    assert complaint.description == "Petugas loket 3 membentak saya"
    assert complaint.about_officer is None


def test_state_stays_due_while_any_case_is_due(unit, officer, late_case) -> None:
    case_open_dissatisfied(application=late_case.application, description="", user=officer)
    case_give(case=late_case, item=item(unit, "Permen"), acknowledged=True, user=officer)
    late_case.application.refresh_from_db()
    assert late_case.application.compensation_state == Application.Compensation.DUE
