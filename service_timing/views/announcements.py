"""Running text on the waiting-room display: a supervisor adds it, sees what shows, ends it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satpas.access import UnitRequest, get_in_unit, permission_required, require_unit
from satpas.querystrings import paginate
from service_timing.forms import AnnouncementForm
from service_timing.models import Announcement
from service_timing.selectors import announcements as selectors
from service_timing.services import announcement_add, announcement_end


@permission_required("service_timing.view_announcement")
def announcements(request: UnitRequest) -> HttpResponse:
    unit = require_unit(request)
    can_add = request.user.has_perm("service_timing.add_announcement")
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied(_("Anda tidak berwenang mengubah pengumuman layar."))
        if form.is_valid():
            try:
                announcement_add(unit=unit, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Pengumuman disimpan dan tampil di layar antrean."))
                return redirect("service_timing:announcements")
    now = timezone.now()
    return render(
        request,
        "service_timing/announcements.html",
        {
            "form": form,
            "can_add": can_add,
            "can_end": request.user.has_perm("service_timing.change_announcement"),
            "current": list(selectors.shown_and_planned(unit, now)),
            "page": paginate(request, selectors.past(unit, now)),
            "now": now,
        },
    )


@require_POST
@permission_required("service_timing.change_announcement")
def announcement_finish(request: UnitRequest, pk: int) -> HttpResponse:
    announcement = get_in_unit(request, Announcement.objects.all(), pk=pk)
    try:
        announcement_end(announcement=announcement, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pengumuman diakhiri dan hilang dari layar antrean."))
    return redirect("service_timing:announcements")
