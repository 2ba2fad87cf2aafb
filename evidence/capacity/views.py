"""Rencana kapasitas: ask for a week's plan, follow it being computed, read it, try a what-if,
and take the recommendation away as a roster draft."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from evidence.capacity.forms import PlanForm, WhatIfForm
from evidence.capacity.planner import week_label
from evidence.capacity.roster import draft_csv, roster_draft
from evidence.capacity.services import capacity_plan_request, capacity_what_if_request
from evidence.models import CapacityPlan
from satpas.access import UnitRequest, get_in_unit, permission_required, require_unit
from satpas.querystrings import paginate

PERMISSION = "evidence.plan_capacity"
PAGE_SIZE = 30
POLL_SECONDS = 3


def _today(request: HttpRequest) -> dt.date:
    return timezone.localdate(timezone=ZoneInfo(require_unit(request).time_zone))


def _render_list(request: HttpRequest, form: PlanForm, *, status: int = 200) -> HttpResponse:
    plans = (
        CapacityPlan.objects.filter(unit=require_unit(request), base__isnull=True)
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
    )
    return render(
        request,
        "capacity/plans.html",
        {"form": form, "page": paginate(request, plans, PAGE_SIZE)},
        status=status,
    )


@require_safe
@permission_required(PERMISSION)
def plan_list(request: UnitRequest) -> HttpResponse:
    return _render_list(request, PlanForm(today=_today(request)))


@require_POST
@permission_required(PERMISSION)
def plan_request(request: UnitRequest) -> HttpResponse:
    form = PlanForm(request.POST, today=_today(request))
    if not form.is_valid():
        return _render_list(request, form, status=400)
    try:
        plan = capacity_plan_request(
            unit=request.unit,
            week_start=form.cleaned_data["minggu"],
            weeks=form.cleaned_data["riwayat"],
            target=form.cleaned_data["target"] / 100,
            user=request.user,
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _render_list(request, form, status=400)
    return redirect("capacity:plan", pk=plan.pk)


def _plan(request: HttpRequest, pk: int) -> CapacityPlan:
    return get_in_unit(
        request, CapacityPlan.objects.select_related("unit", "requested_by", "base"), pk=pk
    )


def _percent(estimate: dict[str, float] | None) -> dict[str, float] | None:
    if not estimate:
        return None
    return {key: round(100 * value, 1) for key, value in estimate.items()}


def _minutes(estimate: dict[str, float] | None) -> dict[str, float] | None:
    if not estimate:
        return None
    return {key: round(value, 1) for key, value in estimate.items()}


def day_tables(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each planned day as rows of stage and hour, for the template (no arithmetic there)."""
    names = result.get("stage_names", {})
    errors = {
        stage: row.get("error_pp")
        for stage, row in (result.get("backtest") or {}).get("stages", {}).items()
    }
    tables = []
    for day in result.get("days", []):
        roster, advice = day["roster"], day["recommended"]
        rows = []
        for stage in day["stages"]:
            for hour in day["hours"]:
                key = f"{stage}|{hour}"
                before, after = roster["cells"].get(key, {}), advice["cells"].get(key, {})
                rows.append(
                    {
                        "stage": names.get(stage, stage),
                        "code": stage,
                        "hour": hour,
                        "first": hour == day["hours"][0],
                        "span": len(day["hours"]),
                        "error_pp": errors.get(stage),
                        "arrivals": before.get("arrivals"),
                        "roster": before.get("counters", 0),
                        "recommended": after.get("counters", 0),
                        "wait": _minutes(before.get("wait")),
                        "on_time": _percent(before.get("on_time")),
                        "wait_recommended": _minutes(after.get("wait")),
                        "on_time_recommended": _percent(after.get("on_time")),
                    }
                )
        tables.append(
            {
                "date": dt.date.fromisoformat(day["date"]),
                "on_time": _percent(roster["on_time"]),
                "on_time_recommended": _percent(advice["on_time"]),
                "officer_hours": roster["officer_hours"],
                "officer_hours_recommended": advice["officer_hours"],
                "reached": advice["reached"],
                "rows": rows,
            }
        )
    return tables


def backtest_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    names = result.get("stage_names", {})
    rows = []
    for stage, row in (result.get("backtest") or {}).get("stages", {}).items():
        rows.append(
            {
                "stage": names.get(stage, stage),
                "predicted": round(100 * row["predicted_on_time"], 1)
                if row["predicted_on_time"] is not None
                else None,
                "observed": round(100 * row["observed_on_time"], 1)
                if row["observed_on_time"] is not None
                else None,
                "error_pp": row["error_pp"],
                "predicted_wait": round(row["predicted_wait"], 1)
                if row["predicted_wait"] is not None
                else None,
                "observed_wait": round(row["observed_wait"], 1)
                if row["observed_wait"] is not None
                else None,
                "error_minutes": row["error_minutes"],
            }
        )
    return rows


def what_if_rows(plan: CapacityPlan, names: dict[str, str]) -> dict[str, Any] | None:
    result = plan.result
    if not result:
        return None
    rows = []
    touched = {c["stage"]: set(c["hours"]) for c in result["changes"]}
    for stage in result["stages"]:
        for hour in result["hours"]:
            key = f"{stage}|{hour}"
            before, after = result["before"]["cells"][key], result["after"]["cells"][key]
            if stage not in touched and before.get("on_time") == after.get("on_time"):
                continue
            rows.append(
                {
                    "stage": names.get(stage, stage),
                    "hour": hour,
                    "changed": hour in touched.get(stage, ()),
                    "counters": before["counters"],
                    "counters_after": after["counters"],
                    "on_time": _percent(before.get("on_time")),
                    "on_time_after": _percent(after.get("on_time")),
                    "wait": _minutes(before.get("wait")),
                    "wait_after": _minutes(after.get("wait")),
                }
            )
    return {
        "date": dt.date.fromisoformat(result["date"]),
        "on_time": _percent(result["before"]["on_time"]),
        "on_time_after": _percent(result["after"]["on_time"]),
        "rows": rows,
    }


def _render_plan(
    request: HttpRequest, plan: CapacityPlan, form: WhatIfForm | None = None, *, status: int = 200
) -> HttpResponse:
    base = plan.base or plan
    result = base.result or {}
    names = result.get("stage_names", {})
    context: dict[str, Any] = {
        "plan": plan,
        "base": base,
        "week": week_label(plan.week_start),
        "poll_seconds": POLL_SECONDS,
    }
    if base.status == CapacityPlan.Status.DONE and result:
        context.update(
            {
                "inputs": result.get("inputs", {}),
                "backtest": result.get("backtest"),
                "backtest_rows": backtest_rows(result),
                "days": day_tables(result) if not plan.is_what_if else [],
                "form": form or WhatIfForm(result=result, names=names),
                "what_ifs": list(base.what_ifs.order_by("-requested_at", "-pk")[:10]),
            }
        )
    if plan.is_what_if and plan.status == CapacityPlan.Status.DONE:
        context["what_if"] = what_if_rows(plan, names)
    return render(request, "capacity/plan.html", context, status=status)


@require_safe
@permission_required(PERMISSION)
def plan_detail(request: UnitRequest, pk: int) -> HttpResponse:
    return _render_plan(request, _plan(request, pk))


@require_safe
@permission_required(PERMISSION)
def plan_progress(request: UnitRequest, pk: int) -> HttpResponse:
    """The progress panel alone, polled by htmx; once done, the whole page reloads."""
    plan = _plan(request, pk)
    response = render(
        request, "capacity/_progress.html", {"plan": plan, "poll_seconds": POLL_SECONDS}
    )
    if plan.status == CapacityPlan.Status.DONE and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@permission_required(PERMISSION)
def what_if(request: UnitRequest, pk: int) -> HttpResponse:
    base = _plan(request, pk)
    if base.is_what_if:
        base = base.base  # type: ignore[assignment]
    result = base.result or {}
    form = WhatIfForm(request.POST, result=result, names=result.get("stage_names", {}))
    if not form.is_valid():
        return _render_plan(request, base, form, status=400)
    try:
        plan = capacity_what_if_request(
            base=base,
            day=form.cleaned_data["hari"],
            stage=form.cleaned_data["tahap"],
            hours=form.cleaned_data["jam"],
            delta=form.cleaned_data["ubah"],
            user=request.user,
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _render_plan(request, base, form, status=400)
    return redirect("capacity:plan", pk=plan.pk)


@require_safe
@permission_required(PERMISSION)
def export_draft(request: UnitRequest, pk: int) -> HttpResponse:
    """The recommendation as a roster sheet for the roster import (Jadwal jaga → Impor)."""
    plan = _plan(request, pk)
    if plan.is_what_if or plan.status != CapacityPlan.Status.DONE or not plan.result:
        return redirect("capacity:plan", pk=plan.pk)
    counters = {
        dt.date.fromisoformat(day["date"]): {
            stage: {int(hour): n for hour, n in by_hour.items()}
            for stage, by_hour in day["recommended"]["counters"].items()
        }
        for day in plan.result.get("days", [])
    }
    response = HttpResponse(
        draft_csv(roster_draft(plan.unit, counters)), content_type="text/csv; charset=utf-8"
    )
    filename = f"draf-jadwal-{plan.unit.code}-{week_label(plan.week_start)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
