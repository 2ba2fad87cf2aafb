from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from satpas.access import refuse_visitor_write, resolve_active_unit


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


class ReadOnlyVisitMiddleware:
    """A unit visited to read is read-only: every write there answers 403 (see access.py).

    Runs after ActiveUnitMiddleware, once the view is known, so that the few writes about the
    visitor's own session (sign out, switch back, language) stay open."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        match = request.resolver_match
        refuse_visitor_write(request, match.view_name if match else None)


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


class RejectNullCharacters:
    """A NUL character anywhere in the address or the form: 400, before any view runs.

    PostgreSQL refuses text containing NUL; forms already refuse it, but values read from the
    path or the query (ticket codes, filters) would reach a query and fail there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or _has_null(request.GET)
            or (request.method == "POST" and _has_null(request.POST))
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _has_null(data: Any) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)
