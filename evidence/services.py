"""Requesting an evidence pack and building it in the background."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.manifest import sha256_of
from evidence.models import MAX_PERIOD_DAYS, EvidencePack
from evidence.pack import build_pack
from evidence.signing import unit_fingerprint
from satpas.db_router import replica_reads
from satpas.models import Unit, User
from satpas.selectors import unit_period

logger = logging.getLogger(__name__)


def check_period(start: dt.date, end: dt.date, *, today: dt.date) -> None:
    if end < start:
        raise ValidationError(_("Tanggal akhir tidak boleh sebelum tanggal awal."))
    if end > today:
        raise ValidationError(_("Periode tidak boleh melewati hari ini."))
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise ValidationError(_("Periode paling panjang %(n)d hari.") % {"n": MAX_PERIOD_DAYS})


def evidence_pack_request(*, unit: Unit, start: dt.date, end: dt.date, user: User) -> EvidencePack:
    """Queue a pack; the worker builds it (the request returns at once)."""
    check_period(start, end, today=timezone.localdate(timezone=ZoneInfo(unit.time_zone)))
    with transaction.atomic():
        pack = EvidencePack.objects.create(
            unit=unit, period_start=start, period_end=end, requested_by=user
        )
        transaction.on_commit(lambda: _enqueue(pack.pk))
    return pack


def _enqueue(pack_id: int) -> None:
    from evidence.tasks import build_evidence_pack

    build_evidence_pack.enqueue(pack_id)


def evidence_pack_build(pack_id: int) -> EvidencePack:
    """Build a queued pack; progress is written as it goes, a failure is recorded, not lost."""
    pack = EvidencePack.objects.select_related("unit").get(pk=pack_id)
    if pack.status == EvidencePack.Status.DONE:
        return pack
    EvidencePack.objects.filter(pk=pack.pk).update(
        status=EvidencePack.Status.RUNNING, progress=0, error=""
    )

    def progress(percent: int, step: str) -> None:
        EvidencePack.objects.filter(pk=pack.pk).update(progress=min(percent, 99), step=step[:120])

    try:
        with tempfile.TemporaryDirectory(prefix="satpas-pack-") as workdir:
            target = Path(workdir) / pack.filename
            # The registers and the PDF read from the replica, if there is one; the pack's
            # own record (just written, and written again by `progress`) from the primary.
            with replica_reads():
                build_pack(
                    unit_period(pack.unit, pack.period_start, pack.period_end),
                    target,
                    progress,
                    pack=pack.pk,
                )
            with target.open("rb") as handle:
                digest = sha256_of(handle)
                handle.seek(0)
                pack.file.save(pack.filename, File(handle), save=False)
            pack.size, pack.sha256 = target.stat().st_size, digest
            pack.signed_with = unit_fingerprint(pack.unit)
    except Exception as exc:
        logger.exception("Evidence pack %s failed", pack.pk)
        EvidencePack.objects.filter(pk=pack.pk).update(
            status=EvidencePack.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    pack.status, pack.progress, pack.step = EvidencePack.Status.DONE, 100, _("Selesai")
    pack.finished_at = timezone.now()
    pack.save(
        update_fields=[
            *("status", "progress", "step", "file", "size", "sha256", "signed_with"),
            "finished_at",
        ]
    )
    return pack
