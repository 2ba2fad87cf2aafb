from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from satpas.access import resolve_active_unit


class ActiveUnitMiddleware:
    """Puts the active unit on the request and shows times in that unit's own zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.unit = resolve_active_unit(request)  # type: ignore[attr-defined]
        if request.unit is not None:  # type: ignore[attr-defined]
            timezone.activate(zoneinfo.ZoneInfo(request.unit.time_zone))  # type: ignore[attr-defined]
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
