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
from satpas.history import write_history
from satpas.models import User
from satpas.selectors import office_calendar
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
    active_points,
    clock_for,
    route_steps,
    stage_name,
    standard_in_force,
    version_would_change_judged_days,
)
from service_timing.signals import outage_recorded, stage_event, timing_changed


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


# Only what cannot change under another officer's lock is joined into the locking query:
# on PostgreSQL a row joined into SELECT … FOR UPDATE may be the version from before the wait.
# The counter and the stage record are read after the lock is held.
_COUNTER_JOINS = ("application__applicant",)
_ACTIVE = (Journey.State.CALLED, Journey.State.IN_SERVICE)


def _lock(
    point: ServicePoint,
    *,
    application_id: int | None = None,
    ticket_code: str | None = None,
    queue_number: str | None = None,
    today: dt.date | None = None,
) -> Journey:
    """Lock the journey an officer named (by id, scanned ticket or today's queue number)."""
    journeys = Journey.objects.select_for_update(of=("self",)).select_related(*_COUNTER_JOINS)
    if application_id is not None:
        lookup = {"pk": application_id}
    elif ticket_code is not None:
        lookup = {"application__ticket_code": ticket_code}
    else:
        lookup = {"application__queue_number": queue_number, "service_date": today}
    try:
        return journeys.get(unit_id=point.unit_id, **lookup)
    except Journey.DoesNotExist:
        pass
    if ticket_code is not None and Application.objects.filter(ticket_code=ticket_code).exists():
        raise CounterError(_("Tiket ini milik satuan lain; tidak dapat dilayani di sini."))
    if queue_number is not None:
        raise CounterError(_("Nomor antrean %(q)s tidak ada hari ini.") % {"q": queue_number})
    raise CounterError(_("Tiket tidak ditemukan di satuan ini."))


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
        where = _("%(stage)s, %(point)s") % {"stage": where, "point": _point_name(journey)}
    return _("Pemohon %(q)s sedang di tahap %(where)s.") % {
        "q": application.queue_number,
        "where": where,
    }


def _point_name(journey: Journey) -> str:
    point = active_points(journey.unit_id).get(journey.current_point_id)
    return str(point) if point else _("loket lain")


def _check_at_this_stage(journey: Journey, point: ServicePoint) -> None:
    if not journey.application.is_open or journey.current_stage_id != point.stage_id:
        raise CounterError(_("Bukan giliran loket ini. %(where)s") % {"where": _where(journey)})


def _check_not_elsewhere(journey: Journey, point: ServicePoint) -> None:
    if journey.state in _ACTIVE and journey.current_point_id not in (None, point.pk):
        raise CounterError(
            _("Pemohon %(q)s sudah dipanggil di %(point)s.")
            % {"q": journey.application.queue_number, "point": _point_name(journey)}
        )


def _clear_counter(point: ServicePoint, *, keep: int | None) -> None:
    """Before a new applicant comes to a counter: refuse while someone is being served there;
    someone called who never came goes back to the queue, keeping their place."""
    others = [
        (pk, state, queue)
        for pk, state, queue in Journey.objects.filter(current_point=point, state__in=_ACTIVE)
        .exclude(pk=keep)
        .values_list("pk", "state", "application__queue_number")
    ]
    serving = [queue for _pk, state, queue in others if state == Journey.State.IN_SERVICE]
    if serving:
        raise CounterError(
            _("Selesaikan dulu pemohon %(q)s sebelum memanggil berikutnya.") % {"q": serving[0]}
        )
    if others:
        Journey.objects.filter(pk__in=[pk for pk, _state, _queue in others]).update(
            state=Journey.State.WAITING, current_point=None, called_at=None
        )


def _send(journey: Journey, record_id: int, event: str, now: dt.datetime) -> None:
    stage_event.send(sender=StageRecord, journey=journey, record_id=record_id, event=event, now=now)


def _bring(
    journey: Journey, point: ServicePoint, user: User, now: dt.datetime, *, start: bool
) -> int:
    """Write the call (and the start, when asked) of the current stage at this counter.

    The record is written with one statement and its history row copied in SQL: this is the
    counters' hot path (see satpas.history)."""
    fresh_call = journey.state == Journey.State.WAITING
    values: dict = {"service_point_id": point.pk, "served_by_id": user.pk}
    if fresh_call or journey.called_at is None:
        values["called_at"] = now
    if start:
        values["started_at"] = now
    if journey.current_record_id:
        record_id = journey.current_record_id
        StageRecord.objects.filter(pk=record_id).update(**values)
        history_type = "~"
    else:
        record = StageRecord(
            application_id=journey.pk, stage_id=point.stage_id, created_at=now, **values
        )
        StageRecord.objects.bulk_create([record])
        record_id, history_type = record.pk, "+"
    write_history(StageRecord, record_id, history_type=history_type, user_id=user.pk, when=now)
    journey.current_point = point
    _store(
        journey,
        now,
        current_record_id=record_id,
        state=Journey.State.IN_SERVICE if start else Journey.State.CALLED,
        current_point_id=point.pk,
        called_at=values.get("called_at", journey.called_at),
    )
    return record_id


def _store(journey: Journey, now: dt.datetime, **values: object) -> None:
    """Write some fields of the (locked) journey with one UPDATE and keep the object true.
    The journey is bookkeeping, not evidence: it has no history of its own."""
    for name, value in values.items():
        setattr(journey, name, value)
    journey.updated_at = now
    Journey.objects.filter(pk=journey.pk).update(updated_at=now, **values)


# --- counter events ---------------------------------------------------------------------


@transaction.atomic
def stage_call(
    *,
    point: ServicePoint,
    user: User,
    now: dt.datetime | None = None,
    application_id: int | None = None,
    ticket_code: str | None = None,
    queue_number: str | None = None,
) -> CounterResult:
    """Bring an applicant to this counter (scanned ticket, queue number, or from the list)."""
    now = now or timezone.now()
    journey = _lock(
        point,
        application_id=application_id,
        ticket_code=ticket_code,
        queue_number=queue_number,
        today=now.astimezone(office_calendar(point.unit_id).zone).date() if queue_number else None,
    )
    queue = journey.application.queue_number
    if journey.current_point_id == point.pk and journey.state in _ACTIVE:
        return CounterResult(journey, _("%(q)s sudah di loket ini.") % {"q": queue}, changed=False)
    _check_at_this_stage(journey, point)
    _check_not_elsewhere(journey, point)
    _clear_counter(point, keep=journey.pk)
    record_id = _bring(journey, point, user, now, start=False)
    _send(journey, record_id, "called", now)
    return CounterResult(journey, _("%(q)s dipanggil ke %(point)s.") % {"q": queue, "point": point})


@transaction.atomic
def call_next(
    *, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult | None:
    """Call the applicant who has waited longest for this counter's stage (None: nobody).
    Two counters of the same stage calling at once get different applicants."""
    now = now or timezone.now()
    _clear_counter(point, keep=None)
    journey = (
        Journey.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(*_COUNTER_JOINS)
        .filter(unit_id=point.unit_id, current_stage_id=point.stage_id, state=Journey.State.WAITING)
        .order_by("ready_since", "pk")
        .first()
    )
    if journey is None:
        return None
    record_id = _bring(journey, point, user, now, start=False)
    _send(journey, record_id, "called", now)
    queue = journey.application.queue_number
    return CounterResult(journey, _("%(q)s dipanggil ke %(point)s.") % {"q": queue, "point": point})


@transaction.atomic
def stage_start(
    *, application_id: int, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult:
    now = now or timezone.now()
    journey = _lock(point, application_id=application_id)
    queue = journey.application.queue_number
    if journey.current_point_id == point.pk and journey.state == Journey.State.IN_SERVICE:
        return CounterResult(journey, _("%(q)s sedang dilayani.") % {"q": queue}, changed=False)
    _check_at_this_stage(journey, point)
    _check_not_elsewhere(journey, point)
    if journey.state == Journey.State.WAITING:
        _clear_counter(point, keep=journey.pk)
    record_id = _bring(journey, point, user, now, start=True)
    _send(journey, record_id, "started", now)
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
    journey = _lock(point, application_id=application_id)
    application = journey.application
    queue = application.queue_number
    if journey.current_stage_id != point.stage_id or not application.is_open:
        already = StageRecord.objects.filter(
            application_id=journey.pk, stage_id=point.stage_id, finished_at__isnull=False
        ).exists()
        if already:
            return CounterResult(
                journey, _("Tahap ini untuk %(q)s sudah selesai.") % {"q": queue}, changed=False
            )
    _check_at_this_stage(journey, point)
    if journey.state != Journey.State.IN_SERVICE or journey.current_point_id != point.pk:
        raise CounterError(_("Mulai dulu layanan untuk %(q)s.") % {"q": queue})
    step = journey.route[journey.current_index]
    last = journey.current_index + 1 >= len(journey.route)
    if last and application.compensation_state == Application.Compensation.DUE:
        raise CounterError(
            _(
                "Kompensasi untuk %(q)s masih terutang: catat penyerahannya (atau penolakan pemohon) lalu selesaikan."
            )
            % {"q": queue}
        )
    if step["is_test"] and outcome not in (StageRecord.Outcome.PASSED, StageRecord.Outcome.FAILED):
        raise CounterError(_("Ini tahap ujian: pilih Lulus atau Tidak lulus."))
    if not step["is_test"]:
        outcome = StageRecord.Outcome.NOT_APPLICABLE
    record_id = journey.current_record_id
    StageRecord.objects.filter(pk=record_id).update(
        finished_at=now, outcome=outcome, served_by_id=user.pk
    )
    write_history(StageRecord, record_id, history_type="~", user_id=user.pk, when=now)

    if outcome == StageRecord.Outcome.FAILED:
        note = stage_name(step["code"])  # shown after the status: "Tidak lulus: Ujian teori"
        _close(journey, Application.Status.NOT_PASSED, now, note=note)
        message = _(
            "%(q)s tidak lulus; permohonan ditutup. Ujian ulang didaftarkan sebagai permohonan baru."
        ) % {"q": queue}
    elif last:
        _close(journey, Application.Status.COMPLETED, now)
        message = _("%(q)s selesai dilayani.") % {"q": queue}
    else:
        journey.current_point = None
        _store(
            journey,
            now,
            current_index=journey.current_index + 1,
            current_stage_id=journey.route[journey.current_index + 1]["code"],
            state=Journey.State.WAITING,
            ready_since=now,
            current_point_id=None,
            called_at=None,
            current_record_id=None,
        )
        message = _("%(q)s selesai di tahap ini; berikutnya: %(next)s.") % {
            "q": queue,
            "next": stage_name(journey.current_stage_id),
        }
    _send(journey, record_id, "finished", now)
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
    application: Application, now: dt.datetime, *, user: User | None = None, reason: str = ""
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


# --- standards ------------------------------------------------------------------------------


def allowances_exceed_standard(minutes: int, allowances: dict[str, int]) -> str:
    """Why the stage allowances do not fit the standard, or "" when they do: allowances that
    add up to more than the standard would let every stage be on time and the whole late."""
    total = sum(allowances.values())
    if total <= minutes:
        return ""
    return _(
        "Jumlah alokasi tahap %(total)d menit melebihi standar %(minutes)d menit; kurangi "
        "alokasi tahap atau naikkan standar."
    ) % {"total": total, "minutes": minutes}


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
) -> ServiceStandard:
    """A new version of a standard. A version in use is never changed: the new one starts on
    a later day, so that nobody's service is judged by a rule made after it began."""
    if version_would_change_judged_days(standard.unit, standard.application_type, effective_from):
        raise ValidationError(
            {
                "effective_from": _(
                    "Sudah ada permohonan pada tanggal itu atau sesudahnya; versi baru hanya dapat berlaku mulai hari setelah permohonan terakhir (biasanya besok)."
                )
            }
        )
    if effective_from <= standard.effective_from:
        raise ValidationError(
            {"effective_from": _("Versi baru harus berlaku setelah versi sebelumnya.")}
        )
    allowance_problem = allowances_exceed_standard(minutes, allowances)
    if allowance_problem:
        raise ValidationError({"allowances": allowance_problem})
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
