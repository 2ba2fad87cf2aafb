"""Walk applications through the real counter services at given office times."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from service_timing.models import ServicePoint
from service_timing.services import stage_call, stage_finish, stage_start

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
TESTS = ("TEORI", "SIMULATOR", "PRAKTIK")
PERPANJANGAN = ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"]


def at(hour: int, minute: int = 0, day: int = 27) -> dt.datetime:
    """An office time on Friday 27 November 2026."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=JAKARTA)


def point(unit, code: str) -> ServicePoint:
    return ServicePoint.objects.filter(unit=unit, stage_id=code).order_by("number").first()


def serve(application, code: str, user, start: dt.datetime, finish: dt.datetime | None = None):
    counter = point(application.unit, code)
    stage_call(application_id=application.pk, point=counter, user=user, now=start)
    stage_start(application_id=application.pk, point=counter, user=user, now=start)
    if finish is not None:
        stage_finish(
            application_id=application.pk,
            point=counter,
            user=user,
            outcome="PASSED" if code in TESTS else "",
            now=finish,
        )


def walk(application, user, codes, start: dt.datetime, minutes_each: int = 5) -> dt.datetime:
    """Serve the stages one after the other, each taking `minutes_each`; returns the end."""
    moment = start
    for code in codes:
        serve(application, code, user, moment, moment + dt.timedelta(minutes=minutes_each))
        moment += dt.timedelta(minutes=minutes_each)
    return moment
