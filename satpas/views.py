"""Views of the office core: unit switch, CSRF failure. The home page lives in home.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satpas.access import ACTIVE_UNIT_SESSION_KEY, readable_units


@require_POST
def switch_unit(request: HttpRequest) -> HttpResponse:
    """A regional auditor reads another unit they are assigned to."""
    try:
        unit = readable_units(request.user).get(pk=int(request.POST.get("unit", "")))
    except (ValueError, readable_units(request.user).model.DoesNotExist) as exc:
        raise Http404(_("Satuan tidak ditemukan.")) from exc
    request.session[ACTIVE_UNIT_SESSION_KEY] = unit.pk
    messages.success(request, _("Sekarang membaca data %(unit)s.") % {"unit": unit.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "home"
    return redirect(target)


@require_GET
def ping(request: HttpRequest) -> JsonResponse:
    """Still logged in? The counter console asks every minute, so that an officer learns the
    session ended before scanning the next ticket, not after, and is warned a minute before
    an idle session ends (`idle_seconds_left`, None when there is no idle timeout)."""
    unit = getattr(request, "unit", None)
    return JsonResponse(
        {
            "ok": True,
            "user": request.user.get_username(),
            "unit": unit.code if unit else None,
            "idle_seconds_left": getattr(request, "idle_seconds_left", None),
        }
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """An expired form (the page stayed open too long) explained, not a bare 403."""
    return render(request, "403_csrf.html", status=403)
