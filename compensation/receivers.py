"""Compensation listens to the counters and the supervisors' timing changes (service_timing
never imports this layer), and gives every new unit the SOP's default rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from compensation.services import (
    could_be_late,
    install_default_rules,
    overdue_check,
    reevaluate_cases_during,
)
from satpas.models import Unit
from service_timing.models import Journey, StageRecord, SystemOutage
from service_timing.signals import outage_recorded, stage_event, timing_changed


@receiver(stage_event, sender=StageRecord)
def check_after_counter_event(
    sender: type, journey: Journey, event: str, now: dt.datetime, **kwargs: Any
) -> None:
    # Inside the counter's transaction: a failure here rolls the counter event back too.
    if journey.application.compensation_state or could_be_late(journey, now):
        overdue_check(journey=journey, now=now)


@receiver(timing_changed, sender=Application)
def check_after_timing_change(
    sender: type, application: Application, now: dt.datetime, **kwargs: Any
) -> None:
    journey = Journey.objects.select_related("application", "unit").get(pk=application.pk)
    overdue_check(
        journey=journey,
        now=now,
        after_correction=True,
        reason=kwargs.get("reason", ""),
        user=kwargs.get("user"),
    )


@receiver(outage_recorded, sender=SystemOutage)
def check_after_outage(
    sender: type,
    unit_id: int,
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    now: dt.datetime,
    **kwargs: Any,
) -> None:
    # Only applications with an overdue case can have an attribution to take back.
    reevaluate_cases_during(
        unit_id=unit_id,
        start=started_at,
        end=ended_at or now,
        now=now,
        reason=_("Gangguan sistem dicatat: %(start)s–%(end)s")
        % {
            "start": timezone.localtime(started_at).strftime("%d-%m-%Y %H.%M"),
            "end": timezone.localtime(ended_at).strftime("%H.%M") if ended_at else "…",
        },
        user=kwargs.get("user"),
    )


@receiver(post_save, sender=Unit)
def give_new_unit_default_rule(
    sender: type, instance: Unit, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        install_default_rules(instance)
