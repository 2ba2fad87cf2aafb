"""The SIM cards the demo's counters handed over: one per completed application, with a
number, so that the demo's renewal kiosk recognises its applicants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from simple_history.utils import bulk_create_with_history

from applicants.models import Application, HeldSim
from applicants.renewals import KIOSK_RENEWABLE_CLASSES
from applicants.rules import sim_valid_until
from satpas.models import Unit, User


def demo_sim_number(application: Application) -> str:
    """Twelve digits, unique: the month of issue and the application's id."""
    return f"{application.service_date:%y%m}{application.pk % 10**8:08d}"


def record_handed_over(applications: Iterable[Application], *, registrar: User) -> int:
    """A held SIM for each completed application (written just before, with ids)."""
    held = [
        HeldSim(
            applicant_id=application.applicant_id,
            sim_class=application.sim_class,
            number=demo_sim_number(application),
            issued_on=application.service_date,
            valid_until=sim_valid_until(application.service_date),
            first_held_on=None,
            application=application,
            recorded_at=application.closed_at or application.registered_at,
        )
        for application in applications
        if application.status == Application.Status.COMPLETED
    ]
    bulk_create_with_history(held, HeldSim, default_user=registrar)
    return len(held)


def kiosk_example(unit: Unit, today: dt.date) -> HeldSim | None:
    """A SIM the demo's renewal kiosk renews today: valid, of a class it renews, its holder
    with no application open today."""
    return (
        HeldSim.objects.select_related("applicant")
        .filter(
            applicant__unit=unit,
            applicant__anonymised_at__isnull=True,
            sim_class__in=sorted(KIOSK_RENEWABLE_CLASSES),
            valid_until__gte=today,
        )
        .exclude(
            applicant__applications__service_date=today,
            applicant__applications__status=Application.Status.OPEN,
        )
        .order_by("recorded_at", "pk")
        .first()
    )
