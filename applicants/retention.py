"""Retention of applicants' personal data (UU 27/2022 PDP): an applicant whose last
application is older than PERSONAL_DATA_RETENTION_YEARS is anonymised.

Anonymising keeps the row and its applications, so every figure and register still counts
them (service times, compensation, IKM), but replaces what identifies the person: the NIK
becomes a number no citizen holds (province code 00), the name "Anonim", the phone empty, and
the birth date the first of January of the birth year (the age band some rules need stays).
The applicant's own history rows are scrubbed the same way, since they held the old values.
Running it again finds nothing more to do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Q, QuerySet

from applicants.models import Applicant, Application

ANONYMOUS_NAME = "Anonim"
BATCH = 500


def retention_cutoff(today: dt.date, years: int) -> dt.date:
    """The day `years` years before `today` (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def anonymised_nik(applicant_id: int) -> str:
    # Sixteen digits (the column's constraint) starting with 00: no province has that code.
    return f"00{applicant_id:014d}"


def due(*, today: dt.date, years: int) -> QuerySet[Applicant]:
    """Applicants not yet anonymised whose last application (or registration, without one)
    is before the cut-off, and who have no application still open."""
    cutoff = retention_cutoff(today, years)
    return (
        Applicant.objects.filter(anonymised_at__isnull=True)
        .annotate(last_service=Max("applications__service_date"))
        .filter(
            Q(last_service__lt=cutoff) | Q(last_service__isnull=True, created_at__date__lt=cutoff)
        )
        .exclude(applications__status=Application.Status.OPEN)
        .order_by("pk")
    )


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.date
    found: int
    anonymised: int


def applicants_anonymise(
    *, today: dt.date, years: int, now: dt.datetime, apply: bool = False
) -> PurgeResult:
    """Count (dry run) or anonymise the applicants past retention, in batches."""
    cutoff = retention_cutoff(today, years)
    ids = list(due(today=today, years=years).values_list("pk", flat=True))
    if not apply:
        return PurgeResult(cutoff, len(ids), 0)
    done = 0
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            for applicant in Applicant.objects.select_for_update().filter(
                pk__in=ids[start : start + BATCH], anonymised_at__isnull=True
            ):
                _anonymise(applicant, now=now)
                done += 1
    return PurgeResult(cutoff, len(ids), done)


def _anonymise(applicant: Applicant, *, now: dt.datetime) -> None:
    values = {
        "nik": anonymised_nik(applicant.pk),
        "full_name": ANONYMOUS_NAME,
        "phone": "",
        "birth_date": applicant.birth_date.replace(month=1, day=1),
    }
    for field, value in values.items():
        setattr(applicant, field, value)
    applicant.anonymised_at = now
    applicant._change_reason = "Dianonimkan: masa retensi data pribadi berakhir (UU 27/2022)"  # type: ignore[attr-defined]
    applicant.save(update_fields=[*values, "anonymised_at"])
    # The earlier history rows still hold the NIK, the name and the phone.
    Applicant.history.filter(id=applicant.pk).update(**values)
