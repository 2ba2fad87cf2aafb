"""Counter events: call, start and finish a stage, and withdraw an application (call next is
in `queueing`; the controls beside them, recall, skip, transfer and a counter's state, are in
`controls`).

Every counter event locks the application's journey row first, so two officers acting on
the same application at the same moment are served one after the other: the second sees
what the first did and gets a clear message instead of a second record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Field, Value, When
from django.db.models.expressions import RawSQL
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
    StageRecord,
)
from service_timing.selectors import (
    active_points,
    clock_for,
    stage_name,
)
from service_timing.signals import stage_event


class CounterError(Exception):
    """A counter action that cannot be done; the message says why. Nothing was written."""


@dataclass(frozen=True)
class CounterResult:
    journey: Journey
    message: str
    changed: bool = True
    # Every pause of the application when the action already knows them (the console's clock
    # then reads none); None: not known.
    pauses: list[Pause] | None = None


@dataclass(frozen=True)
class CounterStateResult:
    point: ServicePoint
    message: str
    changed: bool = True


# Only what cannot change under another officer's lock is joined into the locking query:
# on PostgreSQL a row joined into SELECT … FOR UPDATE may be the version from before the wait.
# The counter and the stage record are read after the lock is held.
# The open no-show pause is joined too: only the counter that skipped the applicant or
# the one they come back to ends it, each under this lock.
_COUNTER_JOINS = ("application__applicant", "no_show_pause")
_ACTIVE = (Journey.State.CALLED, Journey.State.IN_SERVICE)
# Someone called who never came, when the counter calls another: back in the queue.
_BACK_IN_QUEUE: dict = {
    "state": Journey.State.WAITING,
    "current_point_id": None,
    "called_at": None,
}


def _column(name: str) -> Field:
    """The journey's field for a name or a foreign key's column name."""
    field = Journey._meta.get_field(name.removesuffix("_id"))
    if not isinstance(field, Field):
        raise TypeError(f"{name} is not a column of the journey")
    return field


def _lock(
    point: ServicePoint,
    *,
    application_id: int | None = None,
    ticket_code: str | None = None,
    queue_number: str | None = None,
    today: dt.date | None = None,
) -> Journey:
    """Lock the journey an officer named (by id, scanned ticket or today's queue number)."""
    journeys = (
        Journey.objects.select_for_update(of=("self",))
        .select_related(*_COUNTER_JOINS)
        .annotate(point_open=_point_open(point))
    )
    lookup: dict[str, object]
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


def _point_open(point: ServicePoint) -> RawSQL:
    """Whether the counter is open and in use, read with the journey (its state may have
    changed on another app server since the counter was cached). Written out: as an `Exists`
    of a queryset, compiling it took longer than running it (some 2 ms of every call next)."""
    quote, fields = connection.ops.quote_name, ServicePoint._meta
    table, pk, state, active = (
        quote(str(name))
        for name in (
            fields.db_table,
            fields.pk.column,
            fields.get_field("state").column,
            fields.get_field("is_active").column,
        )
    )
    return RawSQL(  # noqa: S611 (this model's own names are formatted in; values are parameters)
        f"EXISTS (SELECT 1 FROM {table} WHERE {pk} = %s AND {state} = %s AND {active} = %s)",  # noqa: S608
        (point.pk, ServicePoint.State.OPEN, True),
        output_field=BooleanField(),
    )


def _check_open(journey: Journey, point: ServicePoint) -> None:
    if not getattr(journey, "point_open", True):
        raise _closed(point)


def _closed(point: ServicePoint) -> CounterError:
    return CounterError(
        _("%(point)s sedang istirahat atau tutup: buka loket dulu untuk memanggil.")
        % {"point": point}
    )


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
    points = active_points(journey.unit_id)
    point = points.get(journey.current_point_id) if journey.current_point_id else None
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


def _clear_counter(point: ServicePoint, *, keep: int | None, defer: bool = False) -> list[int]:
    """Before a new applicant comes to a counter: refuse while someone is being served there;
    someone called who never came goes back to the queue, keeping their place. With `defer`
    they are only returned (their ids), for the caller to write with its own UPDATE."""
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
    called = [pk for pk, _state, _queue in others]
    if called and not defer:
        Journey.objects.filter(pk__in=called).update(**_BACK_IN_QUEUE)
    return called


def _current_record(journey: Journey) -> int:
    """The record of the stage a called or served journey is at (it always has one)."""
    if journey.current_record_id is None:
        raise RuntimeError(f"journey {journey.pk} has no current stage record")
    return journey.current_record_id


def _send(journey: Journey, record_id: int, event: str, now: dt.datetime) -> None:
    stage_event.send(sender=StageRecord, journey=journey, record_id=record_id, event=event, now=now)


def _bring(
    journey: Journey,
    point: ServicePoint,
    user: User,
    now: dt.datetime,
    *,
    start: bool,
    release: list[int] | None = None,
) -> int:
    """Write the call (and the start, when asked) of the current stage at this counter.

    The record is written with one statement and its history row copied in SQL: this is the
    counters' hot path (see satpas.history)."""
    fresh_call = journey.state in (Journey.State.WAITING, Journey.State.ABSENT)
    values: dict = {"service_point_id": point.pk, "served_by_id": user.pk}
    calls = 0
    if fresh_call or journey.called_at is None:
        values["called_at"] = now
        calls = 1
    if start:
        values["started_at"] = now
    if journey.current_record_id:
        record_id = _current_record(journey)
        StageRecord.objects.filter(pk=record_id).update(
            call_count=F("call_count") + calls, **values
        )
        history_type = "~"
    else:
        record = StageRecord(
            application_id=journey.pk,
            stage_id=point.stage_id,
            created_at=now,
            call_count=calls,
            **values,
        )
        StageRecord.objects.bulk_create([record])
        record_id, history_type = record.pk, "+"
    write_history(StageRecord, record_id, history_type=history_type, user_id=user.pk, when=now)
    journey.current_point = point
    back: dict = {}
    if start and journey.no_show_pause_id:
        _end_no_show(journey, user, now)
        back.update(missed_calls=0, no_show_pause_id=None)
    _store(
        journey,
        now,
        release=release,
        **back,
        current_record_id=record_id,
        state=Journey.State.IN_SERVICE if start else Journey.State.CALLED,
        current_point_id=point.pk,
        called_at=values.get("called_at", journey.called_at),
    )
    return record_id


def _end_no_show(journey: Journey, user: User, now: dt.datetime) -> None:
    """The skipped applicant is back at a counter: the pause from the missed call ends now
    (one UPDATE and its history row, copied in SQL)."""
    pause = journey.no_show_pause
    if pause is None:
        return
    # A pause must end after it starts; one begun this very instant lasts a microsecond.
    pause.ended_at = max(now, pause.started_at + dt.timedelta(microseconds=1))
    Pause.objects.filter(pk=pause.pk, ended_at__isnull=True).update(ended_at=pause.ended_at)
    write_history(Pause, pause.pk, history_type="~", user_id=user.pk, when=now)


def _end_held_pauses(journey: Journey, user: User, now: dt.datetime) -> None:
    """Called by choice: the pauses a supervisor recorded end now (each with its history)."""
    for pause in Pause.objects.filter(
        application_id=journey.pk, ended_at__isnull=True, no_show=False
    ):
        pause.ended_at = max(now, pause.started_at + dt.timedelta(microseconds=1))
        pause._history_user = user  # type: ignore[attr-defined]
        pause.save(update_fields=["ended_at"])


def _known_pauses(journey: Journey) -> list[Pause] | None:
    """The application's pauses when the no-show pause is its only one (no query)."""
    if journey.pause_count == 0:
        return []
    if journey.pause_count == 1 and journey.no_show_pause is not None:
        return [journey.no_show_pause]
    return None


def _store(
    journey: Journey, now: dt.datetime, *, release: list[int] | None = None, **values: object
) -> None:
    """Write some fields of the (locked) journey with one UPDATE and keep the object true.
    The journey is bookkeeping, not evidence: it has no history of its own. `release`: the
    ones called here before who never came go back to the queue in the same statement."""
    for name, value in values.items():
        setattr(journey, name, value)
    journey.updated_at = now
    if not release:
        Journey.objects.filter(pk=journey.pk).update(updated_at=now, **values)
        return
    columns = {
        name: Case(
            When(pk=journey.pk, then=Value(value)),
            default=Value(_BACK_IN_QUEUE[name]) if name in _BACK_IN_QUEUE else F(name),
            output_field=_column(name),
        )
        for name, value in values.items()
    }
    Journey.objects.filter(pk__in=[journey.pk, *release]).update(updated_at=now, **columns)


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
    _check_open(journey, point)
    _clear_counter(point, keep=journey.pk)
    # Calling one by name is the officer's choice: it ends their absence (the call) and the
    # pauses a supervisor recorded; a no-show pause ends when they come to the counter.
    pauses = _known_pauses(journey)
    if pauses is None:
        _end_held_pauses(journey, user, now)
    record_id = _bring(journey, point, user, now, start=False)
    _send(journey, record_id, "called", now)
    return CounterResult(
        journey,
        _("%(q)s dipanggil ke %(point)s.") % {"q": queue, "point": point},
        pauses=pauses,
    )


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
    pauses = _known_pauses(journey)
    if journey.state in (Journey.State.WAITING, Journey.State.ABSENT):
        _check_open(journey, point)
        _clear_counter(point, keep=journey.pk)
        if pauses is None:
            # Started straight from the list: the applicant is here, whatever held them.
            _end_held_pauses(journey, user, now)
    record_id = _bring(journey, point, user, now, start=True)
    _send(journey, record_id, "started", now)
    return CounterResult(journey, _("%(q)s mulai dilayani.") % {"q": queue}, pauses=pauses)


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
    record_id = _current_record(journey)
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


# --- counter controls: recall, skip, transfer, counter state ----------------------------
