"""Reads of the catalogue: stages, SOP standards in force, routes and their order."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery

from applicants.models import SimClass
from satpas import memo
from satpas.models import Unit
from service_timing.models import (
    Journey,
    RouteStep,
    ServiceStandard,
    Stage,
    StageAllowance,
)

STAGE_CACHE_KEY = "service_timing:stages"
STAGE_CACHE_SECONDS = 300


def stages_by_code() -> dict[str, Stage]:
    """The stage catalogue (cached; a save clears it in this process)."""
    return memo.remember(
        STAGE_CACHE_KEY, STAGE_CACHE_SECONDS, lambda: {s.code: s for s in Stage.objects.all()}
    )


def stage_name(code: str | None) -> str:
    if not code:
        return ""
    stage = stages_by_code().get(code)
    return stage.name if stage else code


def standard_in_force(unit: Unit, application_type: str, day: dt.date) -> ServiceStandard | None:
    """The version whose `effective_from` is the latest on or before the day."""
    return (
        ServiceStandard.objects.filter(
            unit=unit, application_type=application_type, effective_from__lte=day
        )
        .prefetch_related("allowances")
        .order_by("-effective_from")
        .first()
    )


def standard_is_used(standard: ServiceStandard) -> bool:
    return Journey.objects.filter(standard=standard).exists()


def version_would_change_judged_days(
    unit: Unit, application_type: str, effective_from: dt.date
) -> bool:
    """A new version from this day would change the standard of applications already made."""
    return Journey.objects.filter(
        unit=unit, application__application_type=application_type, service_date__gte=effective_from
    ).exists()


def route_steps(unit: Unit, application_type: str, sim_class: str) -> list[RouteStep]:
    steps = RouteStep.objects.filter(unit=unit, application_type=application_type)
    if sim_class not in SimClass.umum():
        steps = steps.filter(umum_only=False)
    return list(steps.select_related("stage").order_by("position"))


def route_position() -> Subquery:
    """For a StageAllowance row: its stage's position in its standard's route (for ordering)."""
    return Subquery(
        RouteStep.objects.filter(
            unit=OuterRef("standard__unit"),
            application_type=OuterRef("standard__application_type"),
            stage=OuterRef("stage"),
        ).values("position")[:1]
    )


def allowances_in_route_order(allowances: QuerySet[StageAllowance]) -> QuerySet[StageAllowance]:
    return allowances.annotate(route_position=route_position()).order_by(
        "route_position", "stage_id"
    )


def stage_order(unit: Unit) -> dict[str, int]:
    """The unit's stages in the order applicants meet them (one query): the longest route
    sets the order and a stage met only on another route follows its predecessor there."""
    routes: dict[str, list[str]] = {}
    for application_type, code in (
        RouteStep.objects.filter(unit=unit)
        .order_by("application_type", "position")
        .values_list("application_type", "stage_id")
    ):
        routes.setdefault(application_type, []).append(code)
    order: list[str] = []
    for route in sorted(routes.values(), key=len, reverse=True):
        for index, code in enumerate(route):
            if code in order:
                continue
            before = route[index - 1] if index else None
            order.insert(order.index(before) + 1 if before in order else len(order), code)
    return {code: index for index, code in enumerate(order)}
