"""Devices a supervisor enrols for one purpose (the exit survey kiosk, the renewal kiosk): a
signed cookie per purpose holding the unit's code, set by the supervisor on the tablet.

Each purpose has its own cookie and salt, so enrolling a tablet for one purpose does not
enrol it for another, and a cookie copied from one purpose's name to another's fails its
signature check.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from satpas.access import require_unit
from satpas.models import Unit, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DevicePurpose:
    """What a tablet is enrolled as: its cookie's name and the salt of its signature."""

    cookie: str
    salt: str


def enrolment_max_age_seconds() -> int:
    return settings.KIOSK_ENROLMENT_DAYS * 24 * 60 * 60


def device_enrolled(request: HttpRequest, unit: Unit, purpose: DevicePurpose) -> bool:
    """This device carries a supervisor's enrolment for `purpose` at `unit`, still valid."""
    value = request.get_signed_cookie(
        purpose.cookie, default=None, salt=purpose.salt, max_age=enrolment_max_age_seconds()
    )
    return value == unit.code


def enrolling_unit(request: HttpRequest, unit_code: str) -> Unit:
    """The unit whose device a supervisor enrols: the address must name their active unit
    (404 otherwise), and that unit must be their home unit (a visitor may not enrol)."""
    unit = require_unit(request)
    if unit.code != unit_code:
        raise Http404(_("Kios ini bukan milik satuan Anda."))
    if unit.pk != getattr(request.user, "home_unit_id", None):
        raise PermissionDenied(_("Kios hanya dapat didaftarkan di satuan asal Anda."))
    return unit


def device_enrol(response: HttpResponse, *, unit: Unit, purpose: DevicePurpose, by: User) -> None:
    """Set the enrolment cookie on the response that the supervisor's tablet receives."""
    response.set_signed_cookie(
        purpose.cookie,
        unit.code,
        salt=purpose.salt,
        max_age=enrolment_max_age_seconds(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    logger.info("Device enrolled as %s for unit %s by user %s", purpose.cookie, unit.code, by.pk)
