"""Requesting a capacity plan (or a what-if) and computing it in the background."""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.capacity.history import MAX_WEEKS
from evidence.capacity.planner import plan_week, what_if
from evidence.models import CapacityPlan
from satpas.models import Unit, User

logger = logging.getLogger(__name__)


def _today(unit: Unit) -> dt.date:
    return timezone.localdate(timezone=ZoneInfo(unit.time_zone))


def capacity_plan_request(
    *, unit: Unit, week_start: dt.date, weeks: int, target: Decimal, user: User
) -> CapacityPlan:
    """Queue a week's plan; the worker computes it (the request returns at once)."""
    if week_start.weekday() != 0:
        raise ValidationError(_("Minggu harus dimulai hari Senin."))
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(_("Riwayat 1 sampai %(n)d minggu.") % {"n": MAX_WEEKS})
    if not Decimal("0.5") <= target <= Decimal("0.999"):
        raise ValidationError(_("Target tepat waktu antara 50 dan 99,9 persen."))
    with transaction.atomic():
        plan = CapacityPlan(
            unit=unit, week_start=week_start, weeks=weeks, target=target, requested_by=user
        )
        plan.full_clean()
        plan.save()
        transaction.on_commit(lambda: _enqueue(plan.pk))
    return plan


def capacity_what_if_request(
    *, base: CapacityPlan, day: dt.date, stage: str, hours: list[int], delta: int, user: User
) -> CapacityPlan:
    """Queue a what-if on one day of a computed plan: a counter added or removed at a stage."""
    result = base.result or {}
    planned = next((d for d in result.get("days", []) if d["date"] == day.isoformat()), None)
    if base.status != CapacityPlan.Status.DONE or planned is None:
        raise ValidationError(_("Hari itu tidak ada dalam rencana yang sudah selesai."))
    if stage not in planned["stages"]:
        raise ValidationError(_("Tahap itu tidak dilalui pada hari itu."))
    if not hours or any(hour not in planned["hours"] for hour in hours):
        raise ValidationError(_("Pilih jam-jam buka pada hari itu."))
    if delta not in (-1, 1):
        raise ValidationError(_("Tambah atau kurangi satu loket."))
    with transaction.atomic():
        plan = CapacityPlan.objects.create(
            unit=base.unit,
            week_start=base.week_start,
            weeks=base.weeks,
            target=base.target,
            base=base,
            day=day,
            changes=[{"stage": stage, "hours": sorted(set(hours)), "delta": delta}],
            requested_by=user,
        )
        transaction.on_commit(lambda: _enqueue(plan.pk))
    return plan


def _enqueue(plan_id: int) -> None:
    from evidence.tasks import compute_capacity_plan

    compute_capacity_plan.enqueue(plan_id)


def capacity_plan_compute(plan_id: int, *, replications: int | None = None) -> CapacityPlan:
    """Compute a queued plan; progress is written as it goes, a failure is recorded."""
    plan = CapacityPlan.objects.select_related("unit").get(pk=plan_id)
    if plan.status == CapacityPlan.Status.DONE:
        return plan
    CapacityPlan.objects.filter(pk=plan.pk).update(
        status=CapacityPlan.Status.RUNNING, progress=0, error=""
    )

    def progress(percent: int, step: str) -> None:
        CapacityPlan.objects.filter(pk=plan.pk).update(progress=min(percent, 99), step=step[:120])

    extra: dict[str, Any] = {"replications": replications} if replications else {}
    try:
        if plan.day is not None:
            result = what_if(
                plan.unit,
                plan.day,
                weeks=plan.weeks,
                today=_today(plan.unit),
                changes=plan.changes,
                **extra,
            )
        else:
            result = plan_week(
                plan.unit,
                plan.week_start,
                weeks=plan.weeks,
                target=float(plan.target),
                today=_today(plan.unit),
                progress=progress,
                **extra,
            )
    except Exception as exc:
        logger.exception("Capacity plan %s failed", plan.pk)
        CapacityPlan.objects.filter(pk=plan.pk).update(
            status=CapacityPlan.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    # As the database gives it back (hours become string keys), also to the caller.
    plan.result = json.loads(json.dumps(result))
    plan.status, plan.progress, plan.step = CapacityPlan.Status.DONE, 100, _("Selesai")
    plan.finished_at = timezone.now()
    plan.save(update_fields=["result", "status", "progress", "step", "finished_at"])
    return plan
