"""Reads of compensation that other layers use (personnel derives findings from these)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from compensation.models import CompensationCase, Complaint
from satpas.models import Unit


def attributed_cases(
    unit: Unit, start: dt.datetime, end: dt.datetime
) -> QuerySet[CompensationCase]:
    """Cases opened in [start, end) that name an officer (service timeliness findings)."""
    return (
        CompensationCase.objects.filter(
            unit=unit, opened_at__gte=start, opened_at__lt=end, attributed_officer__isnull=False
        )
        .select_related("application", "attributed_stage", "attributed_point", "attributed_officer")
        .order_by("opened_at", "pk")
    )


def substantiated_complaints(
    unit: Unit, start: dt.datetime, end: dt.datetime
) -> QuerySet[Complaint]:
    """Complaints resolved in [start, end) as substantiated against an officer (users' rating)."""
    return (
        Complaint.objects.filter(
            unit=unit,
            resolved_at__gte=start,
            resolved_at__lt=end,
            substantiated=True,
            about_officer__isnull=False,
        )
        .select_related("about_officer", "application")
        .order_by("resolved_at", "pk")
    )
