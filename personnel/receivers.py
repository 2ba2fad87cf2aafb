"""Personnel listens to compensation: when a case's breach, attribution or status changes, the
findings and proposals built on it follow (compensation never imports this layer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import receiver

from compensation.models import CompensationCase
from compensation.signals import case_changed
from personnel.services import case_finding_sync


@receiver(case_changed, sender=CompensationCase)
def follow_case(
    sender: type, case: CompensationCase, reason: str, now: dt.datetime, **kwargs: Any
) -> None:
    if case.reason != CompensationCase.Reason.OVERDUE:
        return
    # Inside the caller's transaction: the case and its findings change together.
    case_finding_sync(case=case, now=now, reason=reason, by=kwargs.get("user"))
