"""The public service page and its poster (anyone, no login), and the pledge's edit page
(the unit's Kasat and admin operator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import ALL

from evidence.models import ServicePledge
from evidence.public import defaults
from evidence.public.forms import PledgeForm
from evidence.public.page import page, unit_code_of
from evidence.public.poster import cached_poster
from evidence.public.services import pledge_update
from satpas.access import UnitRequest, permission_required, signed_in_user
from satpas.models import Unit
from satpas.ratelimits import over_limit, too_many

PLEDGE_HISTORY_SHOWN = 10


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "evidence/public/not_found.html", status=404)


@login_not_required
@require_safe
def service_page(request: HttpRequest, unit_code: str) -> HttpResponse:
    if over_limit(request, "public_page", method=ALL):
        return too_many(request)
    code = unit_code_of(unit_code)
    shown = page(code, now=timezone.now()) if code else None
    if shown is None:
        return _not_found(request)
    return render(
        request,
        "evidence/public/page.html",
        {"page": shown, "poster_url": reverse("public:poster", args=[shown.unit_code])},
    )


@login_not_required
@require_safe
def poster(request: HttpRequest, unit_code: str) -> HttpResponse:
    if over_limit(request, "public_page", method=ALL):
        return too_many(request)
    code = unit_code_of(unit_code)
    unit = Unit.objects.filter(code=code, is_active=True).first() if code else None
    if unit is None:
        return _not_found(request)
    url = request.build_absolute_uri(reverse("public:page", args=[unit.code]))
    response = HttpResponse(cached_poster(unit, url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-layanan-{unit.code}.pdf"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("evidence.change_servicepledge")
def pledge_edit(request: UnitRequest) -> HttpResponse:
    unit = request.unit
    pledge = ServicePledge.objects.filter(unit=unit).first()
    status = 200
    if request.method == "POST":
        form = PledgeForm(request.POST)
        if form.is_valid():
            try:
                pledge_update(
                    unit=unit, text=form.cleaned_data["text"], user=signed_in_user(request)
                )
            except ValidationError as exc:
                form.add_error("text", exc.messages)
            else:
                messages.success(request, _("Maklumat pelayanan disimpan."))
                return redirect("public:pledge")
        status = 400
    else:
        form = PledgeForm(initial={"text": pledge.text if pledge else defaults.PLEDGE})
    history = (
        pledge.history.select_related("history_user").order_by("-history_date")[
            :PLEDGE_HISTORY_SHOWN
        ]
        if pledge
        else []
    )
    return render(
        request,
        "evidence/public/pledge.html",
        {
            "form": form,
            "pledge": pledge,
            "history": history,
            "page_url": request.build_absolute_uri(reverse("public:page", args=[unit.code])),
            "poster_url": reverse("public:poster", args=[unit.code]),
        },
        status=status,
    )
