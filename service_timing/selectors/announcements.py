"""Which running texts the waiting-room display shows, and a supervisor's list of them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from satpas.models import Unit
from service_timing.models import Announcement


def _shown_at(now: dt.datetime) -> Q:
    return (
        Q(shown_from__lte=now)
        & (Q(shown_until__isnull=True) | Q(shown_until__gt=now))
        & (Q(ended_at__isnull=True) | Q(ended_at__gt=now))
    )


def shown_texts(unit: Unit, now: dt.datetime) -> list[str]:
    """The texts on the display now, oldest first (one query)."""
    return list(
        Announcement.objects.filter(_shown_at(now), unit=unit)
        .order_by("shown_from", "pk")
        .values_list("text", flat=True)
    )


def shown_and_planned(unit: Unit, now: dt.datetime) -> QuerySet[Announcement]:
    """Shown now or planned to show: what a supervisor may still end."""
    return (
        Announcement.objects.filter(unit=unit)
        .filter(_shown_at(now) | Q(shown_from__gt=now, ended_at__isnull=True))
        .select_related("created_by")
        .order_by("shown_from", "pk")
    )


def past(unit: Unit, now: dt.datetime) -> QuerySet[Announcement]:
    """No longer shown: ended, or past their end; newest first."""
    return (
        Announcement.objects.filter(unit=unit)
        .filter(Q(shown_until__lte=now) | Q(ended_at__lte=now))
        .select_related("created_by", "ended_by")
        .order_by("-shown_from", "-pk")
    )
