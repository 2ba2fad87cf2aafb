"""The counter console: one service point, keyboard only, no page reload.

In the scan field: a ticket (code or status URL) or a queue number calls that applicant;
Enter on an empty field does the next step (call next → start → finish); "+" passes and "-"
fails a test (failing asks once more). Buttons (with access keys) recall, skip or transfer the
applicant called here, call a paused or absent applicant from the list, and set the counter's
state. The console answers with its own panel (htmx).
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from applicants.forms import ticket_code_from
from satpas import memo
from satpas.access import UnitRequest, permission_required, require_unit, scoped
from satpas.models import User
from service_timing.models import Journey, ServicePoint, StageRecord
from service_timing.selectors import (
    POINTS_CACHE_SECONDS,
    CounterView,
    active_points,
    counter_queue,
    counter_view,
    counter_view_after,
    points_cache_key,
)
from service_timing.services import (
    CounterError,
    CounterResult,
    CounterStateResult,
    call_next,
    counter_state_set,
    stage_call,
    stage_finish,
    stage_recall,
    stage_skip,
    stage_start,
    stage_transfer,
)

POINT_SESSION_KEY = "satpas_console_point"
_LEVELS = {
    "success": messages.SUCCESS,
    "info": messages.INFO,
    "warning": messages.WARNING,
    "danger": messages.ERROR,
}
QUEUE_NUMBER = re.compile(r"^([A-Za-z])\s*-?\s*0*(\d{1,4})$")


def _point(request: HttpRequest, pk: int) -> ServicePoint:
    """A counter of the active unit (from the cache), or 404."""
    point = active_points(require_unit(request).pk).get(pk)
    if point is None:
        raise Http404(_("Loket tidak ditemukan."))
    return point


@require_safe
@permission_required("service_timing.log_stage")
def console_pick(request: UnitRequest) -> HttpResponse:
    """Choose the counter once; the choice is remembered for the session."""
    remembered = request.session.get(POINT_SESSION_KEY)
    if (
        remembered
        and "ganti" not in request.GET
        and scoped(request, ServicePoint.objects.filter(pk=remembered, is_active=True)).exists()
    ):
        return redirect("service_timing:console", point_pk=remembered)
    points = scoped(request, ServicePoint.objects.filter(is_active=True).select_related("stage"))
    return render(request, "service_timing/console/pick.html", {"points": points})


@require_safe
@permission_required("service_timing.log_stage")
def console(request: UnitRequest, point_pk: int) -> HttpResponse:
    point = _fresh_point(request, point_pk)
    request.session[POINT_SESSION_KEY] = point.pk
    view = counter_view(point, now=timezone.now())
    context = {
        **_context(point, view),
        "queue": counter_queue(point),
        # Seconds until an idle session ends (None: no idle timeout); the console warns before.
        "idle_seconds": getattr(request, "idle_seconds_left", None),
    }
    return render(request, "service_timing/console/page.html", context)


@require_safe
@permission_required("service_timing.log_stage")
def console_queue(request: UnitRequest, point_pk: int) -> HttpResponse:
    """The waiting list beside the console (refreshes itself, and after every call)."""
    point = _point(request, point_pk)
    return render(request, "service_timing/console/_queue.html", {"queue": counter_queue(point)})


@require_POST
@permission_required("service_timing.log_stage")
def console_action(request: UnitRequest, point_pk: int) -> HttpResponse:
    now = timezone.now()
    text = request.POST.get("code", "").strip()
    action = request.POST.get("action", "") or _action_from(text, request.POST)
    # The row and counter buttons carry what they name after the action: "call:<id>",
    # "transfer:<counter id>", "state:<state>".
    action, _sep, argument = action.partition(":")
    point = _point(request, point_pk)
    current = _int(request.POST.get("current"))
    result: CounterResult | None = None
    state_result: CounterStateResult | None = None
    message, level, pending_fail = "", "success", False
    try:
        if action == "call":
            picked = _int(argument or request.POST.get("pick"))
            if picked is None:
                raise CounterError(_("Pilih pemohon dari daftar."))
            result = stage_call(point=point, user=request.user, now=now, application_id=picked)
        elif action == "recall" and current:
            result = stage_recall(application_id=current, point=point, user=request.user, now=now)
        elif action == "skip" and current:
            result = stage_skip(application_id=current, point=point, user=request.user, now=now)
        elif action == "transfer" and current:
            result = stage_transfer(
                application_id=current,
                point=point,
                to_point_id=_int(argument or request.POST.get("transfer_to")),
                user=request.user,
                now=now,
            )
        elif action == "state":
            state_result = counter_state_set(
                point=point,
                state=argument or request.POST.get("counter_state", ""),
                user=request.user,
                now=now,
            )
            point = state_result.point
            message = state_result.message
            level = "success" if state_result.changed else "info"
        elif action == "scan":
            result = _scan(text, point, request.user, now)
        elif action == "next":
            result = call_next(point=point, user=request.user, now=now)
            if result is None:
                message, level = _("Tidak ada pemohon yang menunggu di tahap ini."), "info"
        elif action == "start" and current:
            result = stage_start(application_id=current, point=point, user=request.user, now=now)
        elif action == "finish" and current:
            result = stage_finish(application_id=current, point=point, user=request.user, now=now)
        elif action == "pass" and current:
            result = stage_finish(
                application_id=current,
                point=point,
                user=request.user,
                now=now,
                outcome=StageRecord.Outcome.PASSED,
            )
        elif action == "fail" and current:
            pending_fail = True
            message, level = (
                _("Tidak lulus? Tekan Enter untuk memastikan, Esc untuk batal."),
                "warning",
            )
        elif action == "confirm_fail" and current:
            result = stage_finish(
                application_id=current,
                point=point,
                user=request.user,
                now=now,
                outcome=StageRecord.Outcome.FAILED,
            )
        elif action == "test_needs_outcome":
            message, level = (
                _("Ini tahap ujian: tekan + untuk Lulus atau - untuk Tidak lulus."),
                "warning",
            )
        elif action in (
            "start",
            "finish",
            "pass",
            "fail",
            "confirm_fail",
            "recall",
            "skip",
            "transfer",
        ):
            message, level = (
                _("Belum ada pemohon di loket ini. Tekan Enter untuk memanggil berikutnya."),
                "info",
            )
        else:
            message, level = _("Perintah tidak dikenali."), "danger"
    except CounterError as exc:
        message, level = str(exc), "danger"
    if result is not None:
        message, level = result.message, "success" if result.changed else "info"
        view = counter_view_after(point, result.journey, now=now, pauses=result.pauses)
    else:
        view = counter_view(point, now=now)
    if not request.htmx:
        # Without JavaScript the form posts normally: answer with the whole console page.
        if message:
            messages.add_message(request, _LEVELS.get(level, messages.INFO), message)
        return redirect("service_timing:console", point_pk=point.pk)
    context = _context(point, view, message=message, level=level, pending_fail=pending_fail)
    response = render(request, "service_timing/console/_current.html", context)
    changed_queue = ("scan", "next", "call", "skip", "state")
    if (
        (result is not None and result.changed) or state_result is not None
    ) and action in changed_queue:
        response["HX-Trigger"] = "queue-changed"  # someone left the queue: refresh the list
    return response


def _action_from(text: str, post: dict) -> str:
    # The row and counter buttons name what they carry; the action follows from it.
    for field, action in (
        ("pick", "call"),
        ("transfer_to", "transfer"),
        ("counter_state", "state"),
    ):
        if post.get(field):
            return action
    if text in ("+", "l", "L"):
        return "pass"
    if text in ("-", "t", "T"):
        return "fail"
    if text in ("n", "N"):
        return "next"
    if text:
        return "scan"
    if post.get("pending") == "fail":
        return "confirm_fail"
    state = post.get("state", "")
    if state == Journey.State.IN_SERVICE:
        return "test_needs_outcome" if post.get("is_test") == "1" else "finish"
    if state == Journey.State.CALLED:
        return "start"
    return "next"


def _scan(text: str, point: ServicePoint, user: User, now: dt.datetime) -> CounterResult:
    code = ticket_code_from(text)
    if code:
        return stage_call(point=point, user=user, now=now, ticket_code=code)
    match = QUEUE_NUMBER.match(text)
    if match:
        queue = f"{match.group(1).upper()}-{int(match.group(2)):03d}"
        return stage_call(point=point, user=user, now=now, queue_number=queue)
    raise CounterError(
        _("Kode tidak dikenali: pindai tiket, atau ketik nomor antrean (misalnya B-012).")
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _fresh_point(request: HttpRequest, pk: int) -> ServicePoint:
    """A counter of the active unit read from the database (its state as stored now), or 404.
    The unit's counters are read in one query and replace the cached ones."""
    unit_id = require_unit(request).pk
    points = {
        p.pk: p
        for p in ServicePoint.objects.filter(unit_id=unit_id, is_active=True)
        .select_related("stage")
        .order_by("number")
    }
    memo.discard(points_cache_key(unit_id))
    memo.remember(points_cache_key(unit_id), POINTS_CACHE_SECONDS, lambda: points)
    if pk not in points:
        raise Http404(_("Loket tidak ditemukan."))
    return points[pk]


def _context(point: ServicePoint, view: CounterView, **extra: object) -> dict:
    current = view.current
    step = current.current_step if current else None
    return {
        "point": point,
        "view": view,
        "current": current,
        "is_test": bool(step and step["is_test"]),
        # Counters of the same stage an applicant here can be sent to.
        "transfer_points": [
            other
            for other in active_points(point.unit_id).values()
            if other.stage_id == point.stage_id and other.pk != point.pk
        ],
        "counter_states": ServicePoint.State.choices,
        **extra,
    }
