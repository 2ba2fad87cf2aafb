from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from satpas.access import refuse_visitor_write, resolve_active_unit
from satpas.two_factor import OPEN_BEFORE_SECOND_STEP, second_step_required


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


# When the signed-in user last did something (POSIX seconds), in the session.
LAST_ACTIVITY_SESSION_KEY = "satpas_last_activity"
# Requests a page makes by itself (polling, the session check): they keep nobody signed in.
BACKGROUND_REQUESTS = frozenset(
    {"ping", "service_timing:alerts", "service_timing:board_rows", "service_timing:console_queue"}
)
# The session is written at most this often for activity alone (not on every request).
ACTIVITY_RESOLUTION_SECONDS = 30


class IdleTimeoutMiddleware:
    """Ends a session left idle for SESSION_IDLE_TIMEOUT on a shared counter PC.

    What the page asks by itself (polling, `ping`) is not activity; `ping?aktif=1` is, for the
    console's "stay signed in" button. The login page then explains why the session ended."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        timeout = settings.SESSION_IDLE_TIMEOUT.total_seconds()
        if not timeout or not request.user.is_authenticated:
            return
        now = timezone.now().timestamp()
        last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
        if last is not None and now - last > timeout:
            logout(request)
            messages.info(
                request,
                _(
                    "Sesi berakhir karena tidak ada aktivitas selama %(minutes)d menit. Silakan masuk lagi."
                )
                % {"minutes": timeout // 60},
            )
            return  # LoginRequiredMiddleware, next, sends the visitor to the login page
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        active = name not in BACKGROUND_REQUESTS or (name == "ping" and request.GET.get("aktif"))
        stale = last is None or now < last or now - last >= ACTIVITY_RESOLUTION_SECONDS
        if last is None or (active and stale):
            request.session[LAST_ACTIVITY_SESSION_KEY] = last = now
        request.idle_seconds_left = int(timeout - (now - last))  # type: ignore[attr-defined]


class TwoFactorMiddleware:
    """With REQUIRE_2FA on, an Admin or Kasat Lantas signed in with a password alone reaches
    only the second-step pages (satpas/two_factor.py) until a code is checked."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if not second_step_required(request.user):
            return None
        return redirect_to_login(
            request.get_full_path(), reverse("two_factor_verify"), redirect_field_name="next"
        )


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
        request.LANGUAGE_CODE = language
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
