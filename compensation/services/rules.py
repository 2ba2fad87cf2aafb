"""Compensation rules: the SOP default per unit and the items a case may be offered."""

from __future__ import annotations

from django.db import transaction

from compensation.models import (
    CompensationCase,
    CompensationItem,
    CompensationRule,
)
from satpas.models import Unit

DEFAULT_ITEMS: list[tuple[str, str]] = [("Air mineral", "botol"), ("Permen", "bungkus")]
DEFAULT_TIER_MINUTES = 1
DEFAULT_RULE_NOTE = "SOP: air mineral atau permen, pilihan pemohon"


@transaction.atomic
def install_default_rules(unit: Unit) -> dict[str, int]:
    """Give a unit the SOP's items and one tier if it has none; never touches what exists."""
    made = {"items": 0, "rules": 0}
    items = []
    for name, label in DEFAULT_ITEMS:
        item, created = CompensationItem.objects.get_or_create(
            unit=unit, name=name, defaults={"unit_label": label}
        )
        items.append(item)
        made["items"] += created
    if not CompensationRule.objects.filter(unit=unit).exists():
        rule = CompensationRule.objects.create(
            unit=unit,
            min_minutes_over=DEFAULT_TIER_MINUTES,
            note=DEFAULT_RULE_NOTE,
            is_default=True,
        )
        rule.items.set(items)
        made["rules"] += 1
    return made


def offered_items(case: CompensationCase) -> list[CompensationItem]:
    """Items the applicant may choose from: the highest tier the overrun reaches (the lowest
    tier for a dissatisfied applicant); every active item when the unit set no tier."""
    rules = list(
        CompensationRule.objects.filter(unit_id=case.unit_id)
        .prefetch_related("items")
        .order_by("min_minutes_over")
    )
    if not rules:
        return list(CompensationItem.objects.filter(unit_id=case.unit_id, is_active=True))
    chosen = rules[0]
    for rule in rules:
        if case.minutes_over >= rule.min_minutes_over:
            chosen = rule
    return [item for item in chosen.items.all() if item.is_active]
