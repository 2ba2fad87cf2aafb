from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from applicants.models import Application
from applicants.signals import application_registered
from satpas import memo
from satpas.models import Unit
from service_timing.defaults import install_unit_defaults
from service_timing.models import CounterPolicy, ServicePoint, Stage
from service_timing.selectors import STAGE_CACHE_KEY, points_cache_key, policy_cache_key
from service_timing.services import journey_start


@receiver(application_registered, sender=Application)
def start_journey(sender: type, application: Application, now: dt.datetime, **kwargs: Any) -> None:
    journey_start(application=application, now=now)


@receiver(post_save, sender=Unit)
def give_new_unit_defaults(
    sender: type, instance: Unit, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        install_unit_defaults(instance)


@receiver([post_save, post_delete], sender=Stage)
def forget_stages(sender: type, **kwargs: Any) -> None:
    memo.forget(STAGE_CACHE_KEY)


@receiver([post_save, post_delete], sender=ServicePoint)
def forget_points(sender: type, instance: ServicePoint, **kwargs: Any) -> None:
    memo.forget(points_cache_key(instance.unit_id))


def ensure_default_stages(sender: Any, **kwargs: Any) -> None:
    """post_migrate: the stage catalogue is reference data; it must exist after every migrate
    and after a test flush (the data migration only runs once)."""
    from service_timing.defaults import STAGES

    if sender.label != "service_timing":
        return
    for code, name, is_test in STAGES:
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "is_test": is_test, "is_default": True}
        )


@receiver([post_save, post_delete], sender=CounterPolicy)
def forget_counter_policy(sender: type, instance: CounterPolicy, **kwargs: Any) -> None:
    memo.forget(policy_cache_key(instance.unit_id))
