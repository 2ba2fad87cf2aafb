"""What the compensation pages share: the office day, pagination, messages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from satpas.access import require_unit

PAGE_SIZE = 50


def office_zone(request: HttpRequest) -> ZoneInfo:
    return ZoneInfo(require_unit(request).time_zone)


def office_today(request: HttpRequest) -> dt.date:
    return timezone.localdate(timezone=office_zone(request))


def error_messages(exc: ValidationError) -> list[str]:
    return [str(message) for message in exc.messages]
