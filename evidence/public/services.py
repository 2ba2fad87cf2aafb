"""Writes of the public page's own records."""

from __future__ import annotations

from django.db import transaction

from evidence.models import ServicePledge
from satpas.models import Unit, User


@transaction.atomic
def pledge_update(*, unit: Unit, text: str, user: User) -> ServicePledge:
    """Set the unit's pledge (the history keeps every earlier wording and who changed it);
    the public page shows it at once (`evidence.public.receivers`)."""
    pledge = ServicePledge.objects.select_for_update().filter(unit=unit).first() or ServicePledge(
        unit=unit
    )
    pledge.text = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
    pledge.updated_by = user
    pledge.full_clean()
    pledge.save()
    return pledge
