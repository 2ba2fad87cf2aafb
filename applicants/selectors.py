from __future__ import annotations

import datetime as dt

from applicants.models import Applicant, Application
from satpas.models import Unit


def returning_applicant(unit: Unit, nik: str) -> Applicant | None:
    return Applicant.objects.filter(unit=unit, nik=nik).first()


def open_application_of(unit: Unit, nik: str, *, day: dt.date) -> Application | None:
    """The application of this NIK still in process on this service day, if any."""
    return (
        Application.objects.filter(
            unit=unit, applicant__nik=nik, service_date=day, status=Application.Status.OPEN
        )
        .order_by("registered_at")
        .first()
    )
