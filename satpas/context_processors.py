from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from satpas.access import is_visiting
from satpas.db_router import lag_warning
from satpas.navigation import nav_for


def office(request: HttpRequest) -> dict[str, Any]:
    """The active unit and the navigation for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"active_unit": None, "nav_items": [], "visiting": False}
    return {
        "active_unit": getattr(request, "unit", None),
        "visiting": is_visiting(request),
        "nav_items": lambda: nav_for(user, request.path),
        # Called by the template only: pages that read from a lagging replica say so.
        "replica_lag": lag_warning,
    }
