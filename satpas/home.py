"""The home page, one section per role (top layer: may read every app's selectors)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from satpas.access import readable_units
from satpas.reports.catalogue import reports_for
from satpas.roles import Role, user_roles


def home(request: HttpRequest) -> HttpResponse:
    roles = user_roles(request.user)
    context = {
        "roles": roles,
        "is_officer": Role.OFFICER in roles,
        "is_supervisor": Role.SUPERVISOR in roles,
        "is_kasat": Role.KASAT in roles,
        "is_auditor": Role.AUDITOR in roles,
        "is_admin": Role.ADMIN in roles or request.user.is_superuser,
        "switchable_units": readable_units(request.user) if Role.AUDITOR in roles else [],
        "auditor_reports": reports_for(request.user) if Role.AUDITOR in roles else [],
    }
    return render(request, "satpas/home.html", context)
