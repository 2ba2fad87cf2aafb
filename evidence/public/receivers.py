"""The public page forgets its standards part as soon as what it shows changes: a standard
version or its stage allowances, a route, a stage's name, the pledge, the requirements, the
fees, or the unit itself (name, signatory, closed). Listed in docs/architecture.md."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from evidence.models import ServiceFee, ServicePledge, ServiceRequirements
from evidence.public.cache import forget
from satpas.models import Unit
from service_timing.models import RouteStep, ServiceStandard, Stage, StageAllowance


def _codes(unit_ids: set[int]) -> list[str]:
    return list(Unit.objects.filter(pk__in=unit_ids).values_list("code", flat=True))


@receiver([post_save, post_delete], sender=ServiceStandard)
@receiver([post_save, post_delete], sender=RouteStep)
@receiver([post_save, post_delete], sender=ServicePledge)
@receiver([post_save, post_delete], sender=ServiceRequirements)
@receiver([post_save, post_delete], sender=ServiceFee)
def unit_row_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        forget(_codes({instance.unit_id}))


@receiver([post_save, post_delete], sender=StageAllowance)
def allowance_changed(
    sender: type, instance: StageAllowance, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    unit_ids = set(
        ServiceStandard.objects.filter(pk=instance.standard_id).values_list("unit_id", flat=True)
    )
    forget(_codes(unit_ids))


@receiver([post_save, post_delete], sender=Stage)
def stage_changed(sender: type, raw: bool = False, **kwargs: Any) -> None:
    """A stage's name is every unit's (a handful of renames a year)."""
    if not raw:
        forget(Unit.objects.values_list("code", flat=True))


@receiver([post_save, post_delete], sender=Unit)
def unit_changed(sender: type, instance: Unit, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        forget([instance.code])


@receiver(pre_save, sender=Unit)
def unit_code_changing(sender: type, instance: Unit, raw: bool = False, **kwargs: Any) -> None:
    """A renamed code: the page under the old address goes at once (it answers 404 next)."""
    if raw or instance.pk is None:
        return
    old = Unit.objects.filter(pk=instance.pk).values_list("code", flat=True).first()
    if old and old != instance.code:
        forget([old])
