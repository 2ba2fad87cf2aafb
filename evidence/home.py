"""The home page, one section per role (top layer: may read every app's selectors)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from applicants.models import Application
from compensation.selectors import open_case_count
from evidence.reports.catalogue import reports_for
from personnel.selectors import (
    checks_summary,
    officer_of_user,
    officer_summary,
    open_referrals_count,
    pending_approvals_count,
)
from satpas.access import readable_units
from satpas.roles import Role, user_roles


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    roles = user_roles(request.user)
    unit = getattr(request, "unit", None)
    context: dict[str, Any] = {
        "roles": roles,
        "is_officer": Role.OFFICER in roles,
        "is_supervisor": Role.SUPERVISOR in roles,
        "is_kasat": Role.KASAT in roles,
        "is_auditor": Role.AUDITOR in roles,
        "is_admin": Role.ADMIN in roles or request.user.is_superuser,
        "is_regional": Role.REGIONAL in roles,
        "switchable_units": (
            readable_units(request.user) if {Role.AUDITOR, Role.REGIONAL} & set(roles) else []
        ),
        "auditor_reports": reports_for(request.user) if Role.AUDITOR in roles else [],
    }
    if unit is None:
        return render(request, "evidence/home.html", context)
    today = timezone.localdate()
    if {Role.OFFICER, Role.SUPERVISOR, Role.KASAT} & set(roles):
        context["today"] = today_at_a_glance(unit, today)
    if {Role.OFFICER, Role.SUPERVISOR} & set(roles):
        officer = officer_of_user(request.user)
        context["my_month"] = officer_summary(officer, today.replace(day=1)) if officer else None
    if Role.SUPERVISOR in roles:
        context["checks"] = checks_summary(unit, today)
    if {Role.SUPERVISOR, Role.KASAT} & set(roles):
        context["open_cases"] = open_case_count(unit)
    if Role.KASAT in roles:
        context["pending_approvals"] = pending_approvals_count(unit)
        context["open_referrals"] = open_referrals_count(unit)
    return render(request, "evidence/home.html", context)


def today_at_a_glance(unit: Any, day: Any) -> dict[str, Any]:
    """Today's applications in one query."""
    closed = Q(status__in=[Application.Status.COMPLETED, Application.Status.NOT_PASSED])
    row = Application.objects.filter(unit=unit, service_date=day).aggregate(
        registered=Count("pk"),
        open=Count("pk", filter=Q(status=Application.Status.OPEN)),
        closed=Count("pk", filter=closed),
        within=Count("pk", filter=closed & Q(elapsed_minutes__lte=F("standard_minutes"))),
    )
    row["share"] = round(100 * row["within"] / row["closed"]) if row["closed"] else None
    return row
