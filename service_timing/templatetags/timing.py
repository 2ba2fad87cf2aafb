from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from service_timing.selectors import stage_name
from service_timing.speech import call_announcement

register = template.Library()

STATE_LABELS = {
    "on_track": _("Sesuai waktu"),
    "at_risk": _("Berisiko"),
    "overdue": _("Lewat standar"),
    "met": _("Memenuhi standar"),
    "breached": _("Melebihi standar"),
}
STATE_COLOURS = {
    "on_track": "success",
    "at_risk": "warning",
    "overdue": "danger",
    "met": "success",
    "breached": "danger",
}


@register.filter
def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


@register.filter
def state_colour(state: str) -> str:
    return STATE_COLOURS.get(state, "secondary")


@register.filter
def stage_label(code: str) -> str:
    return stage_name(code)


@register.filter
def minutes_since(moment: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """Wall-clock minutes since a moment, for "waiting since" columns."""
    if moment is None:
        return ""
    minutes = int(((now or timezone.now()) - moment).total_seconds() // 60)
    return f"{max(0, minutes)}"


@register.filter
def announcement(record: object) -> str:
    """The spoken call for a stage record (queue number and counter)."""
    return call_announcement(record.application.queue_number, record.service_point.number)  # type: ignore[attr-defined]


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key)
