from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

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


class OfficeLanguageMiddleware:
    """Indonesian unless the user picked another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office
    PCs run English browsers; the office's language is Indonesian.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
