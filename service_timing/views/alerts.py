"""Supervisor alerts: what every page a supervisor has open polls (static/satpas/app.js)."""

from __future__ import annotations

import datetime as dt

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from satpas.access import UnitRequest, permission_required
from service_timing.selectors.alerts import Alert, turned_alerts
from service_timing.templatetags.timing import STATE_LABELS

# The query parameter the client sends back: the cursor of the previous answer.
SINCE = "sejak"


@require_safe
@permission_required("service_timing.receive_alerts")
def alerts(request: UnitRequest) -> JsonResponse:
    """The applications that turned at risk or overdue since the cursor, and the next cursor.

    Without a cursor (a page just opened) nothing is old news yet: only the cursor comes
    back. The cursor is the server's own time, so a wrong clock on the PC changes nothing."""
    now = timezone.now()
    cursor = now.astimezone(dt.UTC).isoformat()
    raw = request.GET.get(SINCE, "")
    if not raw:
        return JsonResponse({"cursor": cursor, "alerts": []})
    try:
        since = dt.datetime.fromisoformat(raw)
    except ValueError:
        since = None
    if since is None or since.tzinfo is None:
        return JsonResponse(
            {"error": _("Penanda waktu peringatan tidak dikenali; peringatan dimulai lagi.")},
            status=400,
        )
    detail = reverse("service_timing:application", args=[0]).rsplit("0/", 1)[0]
    zone = timezone.get_current_timezone()
    found = turned_alerts(request.unit, since=min(since, now), now=now, day=timezone.localdate(now))
    return JsonResponse(
        {"cursor": cursor, "alerts": [_as_json(alert, detail, zone) for alert in found]}
    )


def _as_json(alert: Alert, detail: str, zone: dt.tzinfo) -> dict:
    label = str(STATE_LABELS[alert.state])
    counter = (
        _("loket %(number)s") % {"number": alert.point_number}
        if alert.point_number is not None
        else ""
    )
    where = ", ".join(part for part in (alert.stage, counter) if part) or "–"
    return {
        "id": alert.key,
        "state": alert.state,
        "label": label,
        "queue_number": alert.queue_number,
        "stage": alert.stage,
        "counter": counter,
        "elapsed_minutes": alert.elapsed_minutes,
        "standard_minutes": alert.standard_minutes,
        "turned_at": alert.turned_at.astimezone(zone).strftime("%H.%M"),
        "url": f"{detail}{int(alert.pk)}/",
        # The whole sentence, so that the toast and the browser notification say the same.
        "title": _("%(queue)s %(state)s") % {"queue": alert.queue_number, "state": label.lower()},
        "text": _("%(where)s · %(elapsed)s / %(standard)s mnt (sejak %(time)s)")
        % {
            "where": where,
            "elapsed": alert.elapsed_minutes,
            "standard": alert.standard_minutes,
            "time": alert.turned_at.astimezone(zone).strftime("%H.%M"),
        },
    }
