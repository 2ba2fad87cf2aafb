"""Writes of the service timing: journeys, counter events, corrections, pauses, standards.

Every counter event locks the application's journey row first, so two officers acting on
the same application at the same moment are served one after the other: the second sees
what the first did and gets a clear message instead of a second record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from satpas.models import User
from service_timing.models import (
    Journey,
    Pause,
    ServicePoint,
    ServiceStandard,
    StageAllowance,
    StageRecord,
    SystemOutage,
)
from service_timing.selectors import (
    clock_for,
    route_steps,
    stage_name,
    standard_in_force,
    standard_is_used,
)
from service_timing.signals import stage_event, timing_changed


class CounterError(Exception):
    """A counter action that cannot be done; the message says why. Nothing was written."""


@dataclass(frozen=True)
class CounterResult:
    journey: Journey
    message: str
    changed: bool = True


# --- journeys ---------------------------------------------------------------------------


def journey_start(*, application: Application, now: dt.datetime) -> Journey:
    """Take the route and the standard in force for a new application."""
    standard = standard_in_force(
        application.unit, application.application_type, application.service_date
    )
    if standard is None:
        raise ValidationError(
            {
                "application_type": _(
                    "Standar waktu layanan untuk jenis ini belum diatur. Hubungi admin satuan."
                )
            }
        )
    steps = route_steps(application.unit, application.application_type, application.sim_class)
    if not steps:
        raise ValidationError(
            {
                "application_type": _(
                    "Urutan tahap untuk jenis ini belum diatur. Hubungi admin satuan."
                )
            }
        )
    allowances = {a.stage_id: a.minutes for a in standard.allowances.all()}
    route = [
        {
            "code": step.stage_id,
            "allowance": allowances.get(step.stage_id),
            "is_test": step.stage.is_test,
        }
        for step in steps
    ]
    if application.retake_of_id:
        # A retake starts at the test that was failed; the stages before it were done.
        failed = (
            StageRecord.objects.filter(
                application_id=application.retake_of_id, outcome=StageRecord.Outcome.FAILED
            )
            .values_list("stage_id", flat=True)
            .first()
        )
        codes = [step["code"] for step in route]
        if failed in codes:
            route = route[codes.index(failed) :]
            application.first_stage_code = failed
            application.save(update_fields=["first_stage_code"])
    return Journey.objects.create(
        application=application,
        unit=application.unit,
        service_date=application.service_date,
        standard=standard,
        standard_minutes=standard.minutes,
        warning_percent=standard.warning_percent,
        route=route,
        current_index=0,
        current_stage_id=route[0]["code"],
        state=Journey.State.WAITING,
        ready_since=now,
    )


def _locked_journey(*, application_id: int, point: ServicePoint) -> Journey:
    try:
        return (
            Journey.objects.select_for_update(of=("self",))
            .select_related("application", "current_point")
            .get(pk=application_id, unit_id=point.unit_id)
        )
    except Journey.DoesNotExist as exc:
        raise CounterError(_("Tiket tidak ditemukan di satuan ini.")) from exc


def _where(journey: Journey) -> str:
    """Where an application stands, in the officers' words."""
    application = journey.application
    if not application.is_open:
        return _("Permohonan %(q)s sudah ditutup (%(status)s).") % {
            "q": application.queue_number,
            "status": application.get_status_display(),
        }
    where = stage_name(journey.current_stage_id)
    if journey.current_point_id:
        where = _("%(stage)s, %(point)s") % {"stage": where, "point": journey.current_point}
    return _("Pemohon %(q)s sedang di tahap %(where)s.") % {
        "q": application.queue_number,
        "where": where,
    }


def _check_at_this_stage(journey: Journey, point: ServicePoint) -> None:
    if not journey.application.is_open or journey.current_stage_id != point.stage_id:
        raise CounterError(_("Bukan giliran loket ini. %(where)s") % {"where": _where(journey)})


def _check_not_elsewhere(journey: Journey, point: ServicePoint) -> None:
    if journey.state in (
        Journey.State.CALLED,
        Journey.State.IN_SERVICE,
    ) and journey.current_point_id not in (
        None,
        point.pk,
    ):
        raise CounterError(
            _("Pemohon %(q)s sudah dipanggil di %(point)s.")
            % {"q": journey.application.queue_number, "point": journey.current_point}
        )


def _record(journey: Journey, point: ServicePoint, user: User) -> StageRecord:
    record, _created = StageRecord.objects.get_or_create(
        application_id=journey.pk,
        stage_id=point.stage_id,
        defaults={"service_point": point, "served_by": user},
    )
    return record


def _send(journey: Journey, record: StageRecord, event: str, now: dt.datetime) -> None:
    stage_event.send(sender=StageRecord, journey=journey, record=record, event=event, now=now)


# --- counter events ---------------------------------------------------------------------


@transaction.atomic
def stage_call(
    *, application_id: int, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult:
    """Bring an applicant to this counter (by scan or by queue number)."""
    now = now or timezone.now()
    journey = _locked_journey(application_id=application_id, point=point)
    queue = journey.application.queue_number
    if journey.current_point_id == point.pk and journey.state in (
        Journey.State.CALLED,
        Journey.State.IN_SERVICE,
    ):
        return CounterResult(journey, _("%(q)s sudah di loket ini.") % {"q": queue}, changed=False)
    _check_at_this_stage(journey, point)
    _check_not_elsewhere(journey, point)
    _release_called(point, except_journey=journey.pk)
    record = _record(journey, point, user)
    record.called_at, record.service_point, record.served_by = now, point, user
    record.save(update_fields=["called_at", "service_point", "served_by"])
    journey.state, journey.current_point, journey.called_at = Journey.State.CALLED, point, now
    journey.save(update_fields=["state", "current_point", "called_at", "updated_at"])
    _send(journey, record, "called", now)
    return CounterResult(journey, _("%(q)s dipanggil ke %(point)s.") % {"q": queue, "point": point})


@transaction.atomic
def call_next(
    *, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult | None:
    """Call the applicant who has waited longest for this counter's stage (None: nobody)."""
    now = now or timezone.now()
    busy = Journey.objects.filter(current_point=point, state=Journey.State.IN_SERVICE).first()
    if busy is not None:
        raise CounterError(
            _("Selesaikan dulu pemohon %(q)s sebelum memanggil berikutnya.")
            % {"q": busy.application.queue_number}
        )
    waiting = (
        Journey.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(unit_id=point.unit_id, current_stage_id=point.stage_id, state=Journey.State.WAITING)
        .order_by("ready_since", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if waiting is None:
        return None
    return stage_call(application_id=waiting, point=point, user=user, now=now)


def _release_called(point: ServicePoint, *, except_journey: int) -> None:
    """Someone called here who never came back to the queue keeps their place in it."""
    Journey.objects.filter(current_point=point, state=Journey.State.CALLED).exclude(
        pk=except_journey
    ).update(state=Journey.State.WAITING, current_point=None, called_at=None)


@transaction.atomic
def stage_start(
    *, application_id: int, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult:
    now = now or timezone.now()
    journey = _locked_journey(application_id=application_id, point=point)
    queue = journey.application.queue_number
    if journey.current_point_id == point.pk and journey.state == Journey.State.IN_SERVICE:
        return CounterResult(journey, _("%(q)s sedang dilayani.") % {"q": queue}, changed=False)
    _check_at_this_stage(journey, point)
    _check_not_elsewhere(journey, point)
    if journey.state == Journey.State.WAITING:
        _release_called(point, except_journey=journey.pk)
    record = _record(journey, point, user)
    record.called_at = (
        record.called_at if journey.state == Journey.State.CALLED and record.called_at else now
    )
    record.started_at, record.service_point, record.served_by = now, point, user
    record.save(update_fields=["called_at", "started_at", "service_point", "served_by"])
    journey.state, journey.current_point = Journey.State.IN_SERVICE, point
    journey.called_at = journey.called_at or now
    journey.save(update_fields=["state", "current_point", "called_at", "updated_at"])
    _send(journey, record, "started", now)
    return CounterResult(journey, _("%(q)s mulai dilayani.") % {"q": queue})


@transaction.atomic
def stage_finish(
    *,
    application_id: int,
    point: ServicePoint,
    user: User,
    outcome: str = "",
    now: dt.datetime | None = None,
) -> CounterResult:
    now = now or timezone.now()
    journey = _locked_journey(application_id=application_id, point=point)
    application = journey.application
    queue = application.queue_number
    done = StageRecord.objects.filter(
        application_id=journey.pk, stage_id=point.stage_id, finished_at__isnull=False
    ).first()
    if (
        done is not None
        and done.service_point_id == point.pk
        and (journey.current_stage_id != point.stage_id or not application.is_open)
    ):
        return CounterResult(
            journey, _("Tahap ini untuk %(q)s sudah selesai.") % {"q": queue}, changed=False
        )
    _check_at_this_stage(journey, point)
    if journey.state != Journey.State.IN_SERVICE or journey.current_point_id != point.pk:
        raise CounterError(_("Mulai dulu layanan untuk %(q)s.") % {"q": queue})
    step = journey.route[journey.current_index]
    if step["is_test"] and outcome not in (StageRecord.Outcome.PASSED, StageRecord.Outcome.FAILED):
        raise CounterError(_("Ini tahap ujian: pilih Lulus atau Tidak lulus."))
    if not step["is_test"]:
        outcome = StageRecord.Outcome.NOT_APPLICABLE
    record = StageRecord.objects.get(application_id=journey.pk, stage_id=point.stage_id)
    record.finished_at, record.outcome, record.served_by = now, outcome, user
    record.save(update_fields=["finished_at", "outcome", "served_by"])

    if outcome == StageRecord.Outcome.FAILED:
        _close(
            journey,
            Application.Status.NOT_PASSED,
            now,
            note=_("Tidak lulus %(stage)s") % {"stage": stage_name(step["code"])},
        )
        message = _(
            "%(q)s tidak lulus; permohonan ditutup. Ujian ulang didaftarkan sebagai permohonan baru."
        ) % {"q": queue}
    elif journey.current_index + 1 >= len(journey.route):
        _close(journey, Application.Status.COMPLETED, now)
        message = _("%(q)s selesai dilayani.") % {"q": queue}
    else:
        journey.current_index += 1
        journey.current_stage_id = journey.route[journey.current_index]["code"]
        journey.state, journey.ready_since = Journey.State.WAITING, now
        journey.current_point, journey.called_at = None, None
        journey.save(
            update_fields=[
                "current_index",
                "current_stage",
                "state",
                "ready_since",
                "current_point",
                "called_at",
                "updated_at",
            ]
        )
        message = _("%(q)s selesai di tahap ini; berikutnya: %(next)s.") % {
            "q": queue,
            "next": stage_name(journey.current_stage_id),
        }
    _send(journey, record, "finished", now)
    return CounterResult(journey, message)


def _close(journey: Journey, status: str, now: dt.datetime, note: str = "") -> None:
    application = journey.application
    application.status, application.closed_at, application.closing_note = status, now, note[:250]
    reading = clock_for(journey, now=now)
    application.elapsed_minutes = reading.elapsed_minutes
    application.standard_minutes = journey.standard_minutes
    application.save(
        update_fields=["status", "closed_at", "closing_note", "elapsed_minutes", "standard_minutes"]
    )
    journey.state, journey.current_point, journey.called_at = Journey.State.DONE, None, None
    journey.current_stage = None
    journey.save(
        update_fields=["state", "current_point", "called_at", "current_stage", "updated_at"]
    )


@transaction.atomic
def application_withdraw(
    *, application: Application, reason: str, user: User, now: dt.datetime | None = None
) -> Application:
    """The applicant leaves for good; the clock closes (nothing is deleted)."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan pembatalan wajib diisi.")})
    journey = (
        Journey.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=application.pk)
    )
    if not journey.application.is_open:
        raise ValidationError(_("Permohonan ini sudah ditutup."))
    journey.application._change_reason = reason  # type: ignore[attr-defined]
    _close(journey, Application.Status.WITHDRAWN, now, note=reason)
    return journey.application


# --- corrections and pauses (supervisor) --------------------------------------------------

CORRECTABLE_FIELDS = ("called_at", "started_at", "finished_at")


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
    _after_timing_change(record.application, now)
    return record


def _after_timing_change(application: Application, now: dt.datetime) -> None:
    """Keep the closed application's summary and the journey's FIFO time true."""
    journey = Journey.objects.select_related("application", "unit").get(pk=application.pk)
    if not journey.application.is_open:
        reading = clock_for(journey, now=now)
        Application.objects.filter(pk=application.pk).update(
            elapsed_minutes=reading.elapsed_minutes
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
    timing_changed.send(sender=Application, application=journey.application, now=now)


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
    _after_timing_change(application, now)
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
    _after_timing_change(pause.application, now)
    return pause


@transaction.atomic
def outage_add(
    *, unit_id: int, started_at: dt.datetime, ended_at: dt.datetime | None, reason: str, user: User
) -> SystemOutage:
    if not reason.strip():
        raise ValidationError({"reason": _("Keterangan gangguan wajib diisi.")})
    outage = SystemOutage(
        unit_id=unit_id, started_at=started_at, ended_at=ended_at, reason=reason, recorded_by=user
    )
    outage.full_clean()
    outage.save()
    return outage


# --- standards ------------------------------------------------------------------------------


@transaction.atomic
def standard_revise(
    *,
    standard: ServiceStandard,
    minutes: int,
    warning_percent: int,
    effective_from: dt.date,
    sop_reference: str,
    allowances: dict[str, int],
    user: User,
    today: dt.date,
) -> ServiceStandard:
    """A new version of a standard. A version in use is never changed: the new one starts on
    a later day, so that nobody's service is judged by a rule made after it began."""
    if effective_from <= today and standard_is_used(standard):
        raise ValidationError(
            {
                "effective_from": _(
                    "Standar yang sudah dipakai hanya dapat diganti mulai besok atau sesudahnya."
                )
            }
        )
    if effective_from <= standard.effective_from:
        raise ValidationError(
            {"effective_from": _("Versi baru harus berlaku setelah versi sebelumnya.")}
        )
    new = ServiceStandard(
        unit=standard.unit,
        application_type=standard.application_type,
        minutes=minutes,
        warning_percent=warning_percent,
        effective_from=effective_from,
        sop_reference=sop_reference,
        created_by=user,
    )
    new.full_clean()
    new.save()
    for code, allowance in allowances.items():
        StageAllowance.objects.create(standard=new, stage_id=code, minutes=allowance)
    return new
