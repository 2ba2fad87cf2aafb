"""The unit's score policy: read (with its defaults) and revised."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from personnel import scoring
from personnel.models import (
    RewardRule,
    ScorePolicy,
)
from satpas.models import Unit


def policy_for(unit: Unit) -> ScorePolicy:
    """The unit's policy; a unit without one gets the documented defaults."""
    policy, created = ScorePolicy.objects.get_or_create(unit=unit)
    if created:
        RewardRule.objects.bulk_create(
            RewardRule(
                policy=policy,
                kind=spec.kind,
                points=spec.points,
                min_duty_days=spec.min_duty_days,
                min_checks=spec.min_checks,
                min_share_percent=spec.min_share_percent,
                min_served=spec.min_served,
            )
            for spec in scoring.DEFAULT_REWARD_RULES
        )
    return policy


@transaction.atomic
def policy_update(
    *,
    policy: ScorePolicy,
    values: Mapping[str, Any],
    rules: Mapping[int, Mapping[str, Any]],
) -> ScorePolicy:
    """Change the policy and its reward rules together (rules keyed by their id)."""
    policy = ScorePolicy.objects.select_for_update().get(pk=policy.pk)
    changed = False
    for name, value in values.items():
        changed |= getattr(policy, name) != value
        setattr(policy, name, value)
    for rule in policy.reward_rules.filter(pk__in=list(rules)):
        rule_changed = False
        for name, value in rules[rule.pk].items():
            rule_changed |= getattr(rule, name) != value
            setattr(rule, name, value)
        if rule_changed:
            rule.full_clean()
            rule.save()
            changed = True
    if changed:
        # Every finding records the version it was judged by; the history keeps each version.
        policy.version += 1
    policy.full_clean()
    policy.save()
    return policy
