from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from satpas.models import Holiday, OpeningHours, ServiceBreak, Unit
from satpas.selectors import forget_calendar


@receiver([post_save, post_delete], sender=OpeningHours)
@receiver([post_save, post_delete], sender=ServiceBreak)
@receiver([post_save, post_delete], sender=Holiday)
def calendar_row_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    forget_calendar(instance.unit_id)


@receiver(post_save, sender=Unit)
def unit_changed(sender: type, instance: Unit, **kwargs: Any) -> None:
    forget_calendar(instance.pk)
