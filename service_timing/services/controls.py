"""Counter controls beside the main events: recall, skip (no-show), transfer to another counter
of the same stage, and a counter's state (open, on a break, closed).

They lock the journey as the events in `counter` do and use its helpers.
"""

from __future__ import annotations

import copy
import datetime as dt

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from satpas import memo
from satpas.history import write_history
from satpas.models import User
from service_timing.models import (
    CounterStateChange,
    Journey,
    Pause,
    ServicePoint,
    StageRecord,
)
from service_timing.selectors import (
    POINTS_CACHE_SECONDS,
    active_points,
    counter_policy,
    held_by_pause,
    points_cache_key,
)
from service_timing.services.counter import (
    _ACTIVE,
    CounterError,
    CounterResult,
    CounterStateResult,
    _clear_counter,
    _current_record,
    _lock,
    _send,
    _store,
)


def _lock_called_here(application_id: int, point: ServicePoint) -> Journey:
    """Lock the applicant called (not yet served) at this counter."""
    journey = _lock(point, application_id=application_id)
    if journey.current_point_id != point.pk or journey.state not in _ACTIVE:
        raise CounterError(
            _("%(q)s tidak sedang di loket ini.") % {"q": journey.application.queue_number}
        )
    return journey


@transaction.atomic
def stage_recall(
    *, application_id: int, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult:
    """Call the applicant at this counter once more: the display and voice repeat the call."""
    now = now or timezone.now()
    journey = _lock_called_here(application_id, point)
    queue = journey.application.queue_number
    if journey.state != Journey.State.CALLED:
        raise CounterError(_("%(q)s sudah dilayani; tidak perlu dipanggil ulang.") % {"q": queue})
    record_id = _current_record(journey)
    StageRecord.objects.filter(pk=record_id).update(
        called_at=now, call_count=F("call_count") + 1, served_by_id=user.pk
    )
    write_history(StageRecord, record_id, history_type="~", user_id=user.pk, when=now)
    _store(journey, now, called_at=now)
    _send(journey, record_id, "called", now)
    return CounterResult(
        journey, _("%(q)s dipanggil ulang ke %(point)s.") % {"q": queue, "point": point}
    )


@transaction.atomic
def stage_skip(
    *, application_id: int, point: ServicePoint, user: User, now: dt.datetime | None = None
) -> CounterResult:
    """The applicant called here did not come (lewati). They go back into the queue a policy
    number of places on, or are marked absent after a policy number of calls. The time from
    the missed call until they come back is a pause the applicant caused."""
    now = now or timezone.now()
    journey = _lock_called_here(application_id, point)
    queue = journey.application.queue_number
    if journey.state != Journey.State.CALLED:
        raise CounterError(_("%(q)s sedang dilayani; tidak dapat dilewati.") % {"q": queue})
    policy = counter_policy(point.unit_id)
    calls, called_at = (
        StageRecord.objects.filter(pk=_current_record(journey))
        .values_list("call_count", "called_at")
        .get()
    )
    values: dict = {
        "current_point_id": None,
        "called_at": None,
        "missed_calls": journey.missed_calls + 1,
    }
    if journey.no_show_pause_id is None:
        pause = Pause(
            application_id=journey.pk,
            started_at=called_at or now,
            reason=_("Tidak datang saat dipanggil di %(point)s") % {"point": point},
            no_show=True,
            recorded_by=user,
        )
        pause._history_user = user  # type: ignore[attr-defined]
        pause.save()
        values["pause_count"] = journey.pause_count + 1
        values["no_show_pause_id"] = pause.pk
    if calls >= policy.absent_after_calls:
        values["state"] = Journey.State.ABSENT
        message = _(
            "%(q)s tidak datang setelah %(n)d panggilan: ditandai tidak hadir. "
            "Panggil dari daftar bila ia kembali."
        ) % {"q": queue, "n": calls}
    else:
        values["state"] = Journey.State.WAITING
        values["ready_since"] = _after_places(journey, point, policy.requeue_places, now)
        message = _("%(q)s dilewati; dipanggil lagi setelah %(n)d pemohon.") % {
            "q": queue,
            "n": policy.requeue_places,
        }
    journey.current_point = None
    _store(journey, now, **values)
    return CounterResult(journey, message)


def _after_places(
    journey: Journey, point: ServicePoint, places: int, now: dt.datetime
) -> dt.datetime:
    """The queue time that puts an applicant right behind the next `places` in call-next's
    order (behind the last when fewer wait). One indexed query of at most `places` rows, no
    sorting in Python."""
    ahead = list(
        Journey.objects.filter(
            unit_id=point.unit_id, current_stage_id=point.stage_id, state=Journey.State.WAITING
        )
        .exclude(pk=journey.pk)
        .exclude(held_by_pause())
        .order_by("ready_since", "pk")
        .values_list("ready_since", flat=True)[:places]
    )
    return ahead[-1] + dt.timedelta(microseconds=1) if ahead else now


@transaction.atomic
def stage_transfer(
    *,
    application_id: int,
    point: ServicePoint,
    to_point_id: int | None,
    user: User,
    now: dt.datetime | None = None,
) -> CounterResult:
    """Send the applicant at this counter to another counter of the same stage."""
    now = now or timezone.now()
    target = active_points(point.unit_id).get(to_point_id) if to_point_id else None
    if target is None or target.stage_id != point.stage_id or target.pk == point.pk:
        raise CounterError(_("Pilih loket lain untuk tahap yang sama."))
    journey = _lock_called_here(application_id, point)
    queue = journey.application.queue_number
    state, busy = (
        ServicePoint.objects.filter(pk=target.pk)
        .annotate(
            busy=Exists(Journey.objects.filter(current_point_id=OuterRef("pk"), state__in=_ACTIVE))
        )
        .values_list("state", "busy")
        .get()
    )
    if state != ServicePoint.State.OPEN:
        raise CounterError(
            _("%(point)s sedang %(state)s.")
            % {"point": target, "state": ServicePoint.State(state).label.lower()}
        )
    if busy:
        raise CounterError(_("%(point)s sedang melayani pemohon lain.") % {"point": target})
    record_id = _current_record(journey)
    values: dict = {"service_point_id": target.pk}
    if journey.state == Journey.State.CALLED:
        # A fresh call to the new counter, so the display sends the applicant there.
        values.update(called_at=now, call_count=F("call_count") + 1)
    StageRecord.objects.filter(pk=record_id).update(**values)
    write_history(StageRecord, record_id, history_type="~", user_id=user.pk, when=now)
    journey.current_point = target
    stored: dict = {"current_point_id": target.pk}
    if journey.state == Journey.State.CALLED:
        stored["called_at"] = now
    _store(journey, now, **stored)
    if journey.state == Journey.State.CALLED:
        _send(journey, record_id, "called", now)
    return CounterResult(
        journey, _("%(q)s dialihkan ke %(point)s.") % {"q": queue, "point": target}
    )


@transaction.atomic
def counter_state_set(
    *, point: ServicePoint, state: str, user: User, now: dt.datetime | None = None
) -> CounterStateResult:
    """Open a counter, put it on a break or close it; the change is kept with who and when."""
    now = now or timezone.now()
    if state not in ServicePoint.State.values:
        raise CounterError(_("Keadaan loket tidak dikenal."))
    if state != ServicePoint.State.OPEN:
        # Someone called who has not come goes back to the queue, keeping their place.
        _clear_counter(point, keep=None)
    # One conditional UPDATE decides it: two consoles setting the same state write it once.
    changed = ServicePoint.objects.filter(pk=point.pk).exclude(state=state).update(state=state)
    point = copy.copy(point)  # the cached counter is shared: change a copy
    point.state = state
    if not changed:
        return CounterStateResult(
            point,
            _("%(point)s sudah %(state)s.")
            % {"point": point, "state": point.get_state_display().lower()},
            changed=False,
        )
    write_history(ServicePoint, point.pk, history_type="~", user_id=user.pk, when=now)
    CounterStateChange.objects.bulk_create(
        [CounterStateChange(service_point=point, state=state, changed_at=now, changed_by=user)]
    )
    # The cached counters of this process take the new state at once (others within minutes;
    # calls read the state with the journey, so they never act on an old one).
    counters = {
        pk: point if pk == point.pk else p for pk, p in active_points(point.unit_id).items()
    }
    memo.forget(points_cache_key(point.unit_id))
    memo.remember(points_cache_key(point.unit_id), POINTS_CACHE_SECONDS, lambda: counters)
    return CounterStateResult(
        point,
        _("%(point)s sekarang %(state)s.")
        % {"point": point, "state": point.get_state_display().lower()},
    )
