"""An application's journey through its route, started at registration."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applicants.models import Application, Channel
from applicants.services import application_priority_change
from satpas.models import User
from service_timing.models import (
    Journey,
    StageRecord,
)
from service_timing.selectors import (
    route_steps,
    standard_in_force,
)


def journey_start(*, application: Application, now: dt.datetime) -> Journey:
    """Take the route and the standard in force for a new application."""
    standard = standard_in_force(
        application.unit, application.application_type, application.service_date
    )
    if standard is None:
        raise ValidationError(
            {
                "application_type": _(
                    "Standar waktu layanan untuk jenis ini belum diatur. Hubungi admin satuan."
                )
            }
        )
    steps = route_steps(application.unit, application.application_type, application.sim_class)
    if not steps:
        raise ValidationError(
            {
                "application_type": _(
                    "Urutan tahap untuk jenis ini belum diatur. Hubungi admin satuan."
                )
            }
        )
    allowances = {a.stage_id: a.minutes for a in standard.allowances.all()}
    route = [
        {
            "code": step.stage_id,
            "allowance": allowances.get(step.stage_id),
            "is_test": step.stage.is_test,
        }
        for step in steps
    ]
    if application.channel == Channel.KIOSK and len(route) > 1 and route[0]["code"] == "REG":
        # The kiosk took the registration form: the first counter verifies the documents.
        route = route[1:]
        application.first_stage_code = str(route[0]["code"])
        application.save(update_fields=["first_stage_code"])
    if application.retake_of_id:
        # A retake starts at the test that was failed; the stages before it were done.
        failed = (
            StageRecord.objects.filter(
                application_id=application.retake_of_id, outcome=StageRecord.Outcome.FAILED
            )
            .values_list("stage_id", flat=True)
            .first()
        )
        codes = [step["code"] for step in route]
        if failed is not None and failed in codes:
            route = route[codes.index(failed) :]
            application.first_stage_code = failed
            application.save(update_fields=["first_stage_code"])
    return Journey.objects.create(
        application=application,
        unit=application.unit,
        service_date=application.service_date,
        standard=standard,
        standard_minutes=standard.minutes,
        warning_percent=standard.warning_percent,
        route=route,
        current_index=0,
        current_stage_id=route[0]["code"],
        state=Journey.State.WAITING,
        ready_since=now,
        priority=application.is_priority,
    )


@transaction.atomic
def journey_priority_set(
    *, application: Application, priority: str, note: str, reason: str, user: User
) -> bool:
    """Set or clear an application's priority (with a reason, kept in its history) and move
    it in the queue at once. False when nothing changed."""
    journey = (
        Journey.objects.select_for_update(of=("self",))
        .select_related("application")
        .filter(pk=application.pk)
        .first()
    )
    if journey is None:
        raise ValidationError(_("Permohonan ini tidak ada dalam antrean."))
    changed = application_priority_change(
        application=journey.application, priority=priority, note=note, reason=reason, user=user
    )
    if changed:
        Journey.objects.filter(pk=journey.pk).update(priority=journey.application.is_priority)
    return changed
