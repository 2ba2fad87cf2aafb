"""Evidence packs: request one for a period (the worker builds it), follow its progress, and
download it. Building a pack writes no evidence record, so auditors may request one too."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from evidence.models import EvidencePack
from evidence.reports.catalogue import all_registers
from evidence.reports.forms import PREVIOUS, RANGE, PeriodForm
from evidence.services import evidence_pack_request
from satpas.access import UnitRequest, get_in_unit, permission_required, require_unit
from satpas.querystrings import canonical_query, paginate

PAGE_SIZE = 50
POLL_SECONDS = 2


def _form(request: HttpRequest, data: object = None) -> PeriodForm:
    unit = require_unit(request)
    today = timezone.localdate(timezone=ZoneInfo(unit.time_zone))
    return PeriodForm(data, unit=unit, today=today, default=PREVIOUS)


def _render_list(request: HttpRequest, form: PeriodForm, *, status: int = 200) -> HttpResponse:
    packs = (
        EvidencePack.objects.filter(unit=require_unit(request))
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
    )
    return render(
        request,
        "reports/packs.html",
        {
            "form": form,
            "page": paginate(request, packs, PAGE_SIZE),
            "registers": all_registers(),
            "may_request": request.user.has_perm("evidence.export_evidence"),
        },
        status=status,
    )


@require_safe
@permission_required("evidence.view_evidencepack")
@canonical_query(periods=False)
def pack_list(request: UnitRequest) -> HttpResponse:
    """Choose a period (the last full month by default) and see the packs made before."""
    return _render_list(request, _form(request))


@require_POST
@permission_required("evidence.export_evidence")
def pack_request(request: UnitRequest) -> HttpResponse:
    """Queue a pack and go to its page at once; the worker builds it."""
    form = _form(request, request.POST)
    if not form.is_valid():
        return _render_list(request, form, status=400)
    period = form.period()
    start, end = period.start, period.end
    if form.cleaned_data.get("periode") != RANGE and start <= form.today:
        # A month, quarter or year still running is packed up to today.
        end = min(end, form.today)
    try:
        pack = evidence_pack_request(unit=period.unit, start=start, end=end, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _render_list(request, form, status=400)
    # No flash message: the progress panel says what is happening, and a message saying
    # "being built" would stay beside "Selesai" once the panel updates itself.
    return redirect("reports:pack", pk=pack.pk)


def _pack(request: HttpRequest, pk: int) -> EvidencePack:
    return get_in_unit(request, EvidencePack.objects.select_related("unit", "requested_by"), pk=pk)


@require_safe
@permission_required("evidence.view_evidencepack")
def pack_detail(request: UnitRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "reports/pack.html",
        {"pack": _pack(request, pk), "poll_seconds": POLL_SECONDS},
    )


@require_safe
@permission_required("evidence.view_evidencepack")
def pack_progress(request: UnitRequest, pk: int) -> HttpResponse:
    """The progress panel alone, polled by htmx until the pack is done or failed."""
    return render(
        request,
        "reports/_pack_progress.html",
        {"pack": _pack(request, pk), "poll_seconds": POLL_SECONDS},
    )


@require_safe
@permission_required("evidence.view_evidencepack")
def pack_download(request: UnitRequest, pk: int) -> FileResponse:
    pack = _pack(request, pk)
    if pack.status != EvidencePack.Status.DONE or not pack.file:
        raise Http404(_("Paket ini belum selesai disusun."))
    try:
        handle = pack.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas paket tidak ditemukan.")) from exc
    return FileResponse(
        handle, as_attachment=True, filename=pack.filename, content_type="application/zip"
    )
