"""A supervisor's corrections of the clock: timestamp corrections, pauses and system outages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from satpas.history import write_history
from satpas.models import User
from service_timing.models import (
    Journey,
    Pause,
    StageRecord,
    SystemOutage,
)
from service_timing.selectors import (
    clock_for,
)
from service_timing.signals import outage_recorded, timing_changed

CORRECTABLE_FIELDS = ("called_at", "started_at", "finished_at")
MAX_OUTAGE_AGE_DAYS = 366


@transaction.atomic
def stage_record_correct(
    *,
    record: StageRecord,
    field: str,
    value: dt.datetime,
    reason: str,
    user: User,
    now: dt.datetime | None = None,
) -> StageRecord:
    """Change one timestamp of a stage record; the history keeps the old value and the reason."""
    now = now or timezone.now()
    if field not in CORRECTABLE_FIELDS:
        raise ValidationError({"field": _("Kolom waktu tidak dikenal.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan koreksi wajib diisi.")})
    record = (
        StageRecord.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=record.pk)
    )
    if getattr(record, field) is None:
        raise ValidationError({"field": _("Waktu ini belum tercatat; tidak ada yang dikoreksi.")})
    if value > now:
        raise ValidationError({"value": _("Waktu koreksi tidak boleh di masa depan.")})
    if value < record.application.registered_at:
        raise ValidationError({"value": _("Waktu koreksi tidak boleh sebelum pendaftaran.")})
    setattr(record, field, value)
    called, started, finished = record.called_at, record.started_at, record.finished_at
    if (called and started and started < called) or (started and finished and finished < started):
        raise ValidationError(
            {"value": _("Urutan waktu tidak masuk akal: dipanggil ≤ mulai ≤ selesai.")}
        )
    record._change_reason = reason  # type: ignore[attr-defined]
    record._history_user = user  # type: ignore[attr-defined]
    record.save(update_fields=[field])
    _after_timing_change(
        record.application,
        now,
        reason=_("Koreksi waktu %(stage)s: %(reason)s")
        % {"stage": record.stage_id, "reason": reason},
        user=user,
    )
    return record


def _after_timing_change(
    application: Application, now: dt.datetime, *, user: User, reason: str = ""
) -> None:
    """Keep the closed application's summary and the journey's FIFO time true.

    The elapsed minutes judge the application: a changed value gets its history row, with
    who and why, like every other write to a judged field."""
    journey = Journey.objects.select_related("application", "unit").get(pk=application.pk)
    if not journey.application.is_open:
        reading = clock_for(journey, now=now)
        if reading.elapsed_minutes != journey.application.elapsed_minutes:
            Application.objects.filter(pk=application.pk).update(
                elapsed_minutes=reading.elapsed_minutes
            )
            write_history(
                Application,
                application.pk,
                history_type="~",
                user_id=user.pk,
                when=now,
                reason=reason[:100],
            )
    elif journey.state == Journey.State.WAITING and journey.current_index > 0:
        previous = journey.route[journey.current_index - 1]["code"]
        finished = (
            StageRecord.objects.filter(application_id=application.pk, stage_id=previous)
            .values_list("finished_at", flat=True)
            .first()
        )
        if finished:
            Journey.objects.filter(pk=journey.pk).update(ready_since=finished)
    timing_changed.send(
        sender=Application, application=journey.application, now=now, reason=reason, user=user
    )


@transaction.atomic
def pause_add(
    *,
    application: Application,
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    reason: str,
    user: User,
    now: dt.datetime | None = None,
) -> Pause:
    """Stop the clock for a reason the applicant caused."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan jeda wajib diisi.")})
    if started_at < application.registered_at:
        raise ValidationError({"started_at": _("Jeda tidak boleh mulai sebelum pendaftaran.")})
    if started_at > now or (ended_at and ended_at > now):
        raise ValidationError({"started_at": _("Jeda tidak boleh di masa depan.")})
    if ended_at is not None and ended_at <= started_at:
        raise ValidationError({"ended_at": _("Jeda harus selesai setelah mulai.")})
    if application.closed_at and started_at >= application.closed_at:
        raise ValidationError({"started_at": _("Jeda harus sebelum permohonan ditutup.")})
    pause = Pause(
        application=application,
        started_at=started_at,
        ended_at=ended_at,
        reason=reason,
        recorded_by=user,
    )
    pause.full_clean()
    pause._history_user = user  # type: ignore[attr-defined]
    pause.save()
    Journey.objects.filter(pk=application.pk).update(
        pause_count=Pause.objects.filter(application=application).count()
    )
    _after_timing_change(
        application, now, reason=_("Jeda pemohon: %(reason)s") % {"reason": reason}, user=user
    )
    return pause


@transaction.atomic
def pause_end(*, pause: Pause, user: User, now: dt.datetime | None = None) -> Pause:
    now = now or timezone.now()
    pause = Pause.objects.select_for_update().get(pk=pause.pk)
    if pause.ended_at is not None:
        raise ValidationError(_("Jeda ini sudah selesai."))
    if now <= pause.started_at:
        raise ValidationError(_("Jeda baru saja dimulai; coba lagi sebentar."))
    pause.ended_at = now
    pause._history_user = user  # type: ignore[attr-defined]
    pause.save(update_fields=["ended_at"])
    _after_timing_change(
        pause.application,
        now,
        reason=_("Jeda pemohon: %(reason)s") % {"reason": pause.reason},
        user=user,
    )
    return pause


@transaction.atomic
def outage_add(
    *,
    unit_id: int,
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    reason: str,
    user: User,
    now: dt.datetime | None = None,
) -> SystemOutage:
    """Record an outage, also after the fact: the judgments of the applications it touched
    are re-read (`outage_recorded`)."""
    outage_check(started_at=started_at, ended_at=ended_at, reason=reason, now=now)
    outage = SystemOutage(
        unit_id=unit_id, started_at=started_at, ended_at=ended_at, reason=reason, recorded_by=user
    )
    outage.full_clean()
    outage.save()
    outage_recorded.send(
        sender=SystemOutage,
        unit_id=unit_id,
        started_at=started_at,
        ended_at=ended_at,
        now=now or timezone.now(),
        user=user,
    )
    return outage


def outage_check(
    *,
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    reason: str,
    now: dt.datetime | None = None,
) -> None:
    """The rules of a new outage (also run by the admin's form, before it saves)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Keterangan gangguan wajib diisi.")})
    now = now or timezone.now()
    if started_at > now + dt.timedelta(hours=1) or (
        ended_at and ended_at > now + dt.timedelta(hours=1)
    ):
        raise ValidationError(
            {
                "started_at": _(
                    "Gangguan dicatat setelah terjadi: waktunya tidak boleh di masa depan."
                )
            }
        )
    if started_at < now - dt.timedelta(days=MAX_OUTAGE_AGE_DAYS):
        raise ValidationError(
            {"started_at": _("Gangguan lebih dari setahun yang lalu tidak dapat dicatat lagi.")}
        )
