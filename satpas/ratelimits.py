"""Limits on the public pages (survey, kiosk, status page) and the login, per client address
and per unit, counted by django-ratelimit in Django's cache. The cache is shared by every
worker (the database cache by default, Redis when CACHE_URL names it; see settings), so a
limit holds for the whole installation, not per process.

One shared network address may be a whole waiting room on the office Wi-Fi, so the limits per
address are generous: they stop scripts, not people. The limits per unit cap what every
address together may do to one unit (a flood of fake survey answers skews its IKM).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

RETRY_AFTER_SECONDS = 60


def client_ip(request: HttpRequest) -> str:
    """The client's address: behind `AXES_PROXY_COUNT` trusted proxies, the address the
    outermost of them saw (the rest of X-Forwarded-For is whatever the client typed)."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (an address, not a bind)


def over_limit(
    request: HttpRequest,
    scope: str,
    *,
    unit_code: str | None = None,
    method: Any = None,
    address: bool = True,
) -> bool:
    """Count this request against `scope`'s limits (per address unless `address` is off, and
    per unit when `unit_code` is given); True when one of them is used up. `method`: the
    methods counted, POST by default."""
    limit = settings.PUBLIC_RATE_LIMITS[scope]
    method = method or ["POST"]
    if address and is_ratelimited(
        request,
        group=f"satpas:{scope}:address",
        key="ip",
        rate=limit["address"],
        method=method,
        increment=True,
    ):
        return True
    if unit_code and limit.get("unit"):
        return is_ratelimited(
            request,
            group=f"satpas:{scope}:unit",
            key=lambda group, request: unit_code,
            rate=limit["unit"],
            method=method,
            increment=True,
        )
    return False


def too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


AnyView = Callable[..., HttpResponseBase]


def limit_posts(scope: str) -> Callable[[AnyView], AnyView]:
    """Refuse a POST to the view with 429 once the address has used up `scope`'s limit."""

    def decorator(view: AnyView) -> AnyView:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method == "POST" and over_limit(request, scope):
                return too_many(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
