"""Running text on the waiting-room display: a supervisor sets it, and ends it early."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satpas.models import Unit, User
from service_timing.models import Announcement


def announcement_add(
    *,
    unit: Unit,
    user: User,
    text: str,
    shown_from: dt.datetime | None = None,
    shown_until: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Announcement:
    """A new running text; from now when no start is given. Refused: empty or too long
    text, an end not after the start, an end already past."""
    now = now or timezone.now()
    text = " ".join(text.split())
    if not text:
        raise ValidationError(_("Teks pengumuman wajib diisi."))
    if len(text) > Announcement.MAX_LENGTH:
        raise ValidationError(
            _("Teks pengumuman paling panjang %(n)d karakter.") % {"n": Announcement.MAX_LENGTH}
        )
    shown_from = shown_from or now
    if shown_until is not None and shown_until <= shown_from:
        raise ValidationError(_("Waktu selesai tampil harus sesudah waktu mulai tampil."))
    if shown_until is not None and shown_until <= now:
        raise ValidationError(_("Waktu selesai tampil sudah lewat."))
    return Announcement.objects.create(
        unit=unit, text=text, shown_from=shown_from, shown_until=shown_until, created_by=user
    )


@transaction.atomic
def announcement_end(
    *, announcement: Announcement, user: User, now: dt.datetime | None = None
) -> Announcement:
    """Stop showing it now (kept, with who ended it). Refused when it is no longer shown."""
    now = now or timezone.now()
    current = Announcement.objects.select_for_update().get(pk=announcement.pk)
    until = current.until()
    if until is not None and until <= now:  # type: ignore[operator]
        raise ValidationError(_("Pengumuman ini sudah tidak tampil."))
    current.ended_at, current.ended_by = now, user
    current.save(update_fields=["ended_at", "ended_by"])
    return current
