"""Compensation cases opened and re-judged from the service clock: detection, attribution,
the overdue sweep."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from compensation import attribution
from compensation.models import (
    CompensationCase,
)
from compensation.signals import case_changed
from satpas.calendar import merge
from satpas.models import User
from satpas.selectors import office_calendar
from service_timing.clock import ClockReading
from service_timing.models import Journey, Pause, StageRecord
from service_timing.selectors import clock_for, outages_between

Reason = CompensationCase.Reason
Status = CompensationCase.Status


def _sync_application_state(application: Application) -> None:
    """Keep `Application.compensation_state` true: DUE while any case is due, SETTLED once all
    are settled, empty without a case. The service-timing pages read it to show red."""
    statuses = set(
        CompensationCase.objects.filter(application_id=application.pk).values_list(
            "status", flat=True
        )
    )
    if not statuses:
        state = Application.Compensation.NONE
    elif Status.DUE in statuses:
        state = Application.Compensation.DUE
    else:
        state = Application.Compensation.SETTLED
    row = Application.objects.get(pk=application.pk)
    if row.compensation_state != state:
        # Saved (not updated) so that the application's history shows the change.
        row.compensation_state = state
        row.save(update_fields=["compensation_state"])
    application.compensation_state = state


# --- detection and attribution ------------------------------------------------------------


def _counter_free_at(
    application: Application, records: list[StageRecord], zone: ZoneInfo
) -> dict[int, dt.datetime]:
    """Per stage record: when its officer's counter last became free before calling this
    applicant (their previous applicant there finished), the same office day; absent when the
    counter was busy at the call or had served nobody yet that day (one query)."""
    called = [
        (r, r.called_at) for r in records if r.called_at and r.served_by_id and r.service_point_id
    ]
    if not called:
        return {}
    day = application.registered_at.astimezone(zone).date()
    day_start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    others = list(
        StageRecord.objects.filter(
            service_point_id__in={r.service_point_id for r, _at in called},
            served_by_id__in={r.served_by_id for r, _at in called},
            called_at__gte=day_start,
            called_at__lte=max(at for _r, at in called),
        )
        .exclude(application_id=application.pk)
        .values_list("service_point_id", "served_by_id", "called_at", "finished_at")
    )
    free: dict[int, dt.datetime] = {}
    for record, called_at in called:
        mine = [
            (call, finish)
            for point, officer, call, finish in others
            if point == record.service_point_id
            and officer == record.served_by_id
            and call is not None  # never: the query asks for calls from the day's start
            and call <= called_at
        ]
        busy = any(finish is None or finish > called_at for _call, finish in mine)
        finishes = [finish for _call, finish in mine if finish is not None]
        if finishes and not busy:
            free[record.pk] = max(finishes)
    return free


def assess(
    journey: Journey, now: dt.datetime, records: list[StageRecord]
) -> tuple[ClockReading, attribution.Verdict]:
    """Read the clock and judge who, if anyone, answers for the overrun (a few queries)."""
    application = journey.application
    end = application.closed_at or now
    outages = list(outages_between(journey.unit, application.registered_at, end))
    pauses = (
        list(Pause.objects.filter(application_id=application.pk)) if journey.pause_count else []
    )
    calendar = office_calendar(journey.unit_id)
    reading = clock_for(
        journey, now=now, records=records, pauses=pauses, outages=outages, calendar=calendar
    )
    pause_periods = merge([(p.started_at, p.ended_at or end) for p in pauses])
    outage_periods = merge([(o.started_at, o.ended_at or end) for o in outages])
    by_stage = {record.stage_id: record for record in records}
    free = _counter_free_at(application, records, ZoneInfo(journey.unit.time_zone))
    stages = []
    ready: dt.datetime | None = application.registered_at
    for step in journey.route:
        record = by_stage.get(step["code"])
        facts = attribution.StageFacts(
            code=step["code"],
            allowance_minutes=step.get("allowance"),
            point_id=record.service_point_id if record else None,
            officer_id=record.served_by_id if record else None,
            ready_at=ready,
            called_at=record.called_at if record else None,
            started_at=record.started_at if record else None,
            finished_at=record.finished_at if record else None,
            counter_free_at=free.get(record.pk) if record else None,
        )
        stages.append(
            attribution.assess_stage(
                facts, end=end, calendar=calendar, pauses=pause_periods, outages=outage_periods
            )
        )
        # Nothing is ready for the next stage before this one finishes.
        ready = record.finished_at if record else None
    _net, outage_seconds, _pause = attribution.split_seconds(
        application.registered_at, end, calendar, pause_periods, outage_periods
    )
    verdict = attribution.judge(
        stages, over_minutes=reading.over_minutes, outage_minutes=int(outage_seconds // 60)
    )
    return reading, verdict


def _note(verdict: attribution.Verdict) -> str:
    Outcome = attribution.Outcome
    if verdict.outcome == Outcome.OUTAGE:
        return _(
            "Kelebihan waktu tertutup oleh gangguan sistem (%(m)d menit); tidak dibebankan ke "
            "petugas."
        ) % {"m": verdict.outage_minutes}
    if verdict.outcome == Outcome.NO_ALLOWANCE:
        return _("Tahap tidak memiliki alokasi waktu untuk dibandingkan.")
    if verdict.outcome == Outcome.QUEUE:
        return _(
            "Tidak ada layanan petugas yang melewati alokasi: pemohon menunggu antrean "
            "(kapasitas satuan, bukan temuan petugas)."
        )
    return ""


def _apply_attribution(case: CompensationCase, verdict: attribution.Verdict) -> bool:
    """Copy an automatic attribution onto a case; a supervisor's hand-made one keeps its
    officer (the facts are still refreshed)."""
    stage = verdict.stage
    detail = stage.as_detail() if stage else {}
    detail["outage_total"] = verdict.outage_minutes
    detail["outcome"] = str(verdict.outcome)
    if case.attributed_by_id:
        new = (
            case.attributed_stage_id,
            case.attributed_point_id,
            case.attributed_officer_id,
            case.attribution_note,
            case.officer_minutes,
            detail,
        )
    else:
        new = (
            stage.code if stage else None,
            stage.point_id if stage else None,
            verdict.officer_id,
            _note(verdict)[:250],
            verdict.officer_minutes,
            detail,
        )
    old = (
        case.attributed_stage_id,
        case.attributed_point_id,
        case.attributed_officer_id,
        case.attribution_note,
        case.officer_minutes,
        case.attribution_detail,
    )
    if new == old:
        return False
    (
        case.attributed_stage_id,
        case.attributed_point_id,
        case.attributed_officer_id,
        case.attribution_note,
        case.officer_minutes,
        case.attribution_detail,
    ) = new
    return True


def _changed(case: CompensationCase, reason: str, now: dt.datetime, user: User | None) -> None:
    case_changed.send(sender=CompensationCase, case=case, reason=reason, now=now, user=user)


def could_be_late(journey: Journey, now: dt.datetime) -> bool:
    """Counted minutes never exceed wall-clock minutes: below the standard on the wall clock,
    the application cannot be late, and the clock need not be read."""
    application = journey.application
    end = application.closed_at or now
    return (end - application.registered_at) > dt.timedelta(minutes=journey.standard_minutes)


@transaction.atomic
def overdue_check(
    *,
    journey: Journey,
    now: dt.datetime,
    after_correction: bool = False,
    reason: str = "",
    user: User | None = None,
) -> CompensationCase | None:
    """Open (or keep up to date) the OVERDUE case of one application from its clock.

    Exactly at the standard is not overdue; one counted minute over is. When a supervisor's
    correction or pause brings a still-due case back within the standard, the case is closed
    as waived with that reason (never dropped without a trace). Whatever changes in a case's
    breach or attribution is told to the layers that judge officers on it (`case_changed`)."""
    application = journey.application
    case = CompensationCase.objects.filter(
        application_id=application.pk, reason=Reason.OVERDUE
    ).first()
    if case is None and not could_be_late(journey, now):
        return None
    records = list(StageRecord.objects.filter(application_id=application.pk))
    reading, verdict = assess(journey, now, records)
    if reading.over_minutes <= 0:
        if case is not None:
            _no_longer_over(
                case, now=now, after_correction=after_correction, reason=reason, user=user
            )
        return case
    if case is None:
        case = CompensationCase(
            unit_id=application.unit_id,
            application=application,
            reason=Reason.OVERDUE,
            opened_at=now,
            minutes_over=reading.over_minutes,
        )
        _apply_attribution(case, verdict)
        case.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError:  # opened a moment ago by the sweep or another counter
            return CompensationCase.objects.get(
                application_id=application.pk, reason=Reason.OVERDUE
            )
        _sync_application_state(application)
        return case
    changed = _apply_attribution(case, verdict)
    if case.minutes_over != reading.over_minutes:
        case.minutes_over, changed = reading.over_minutes, True
    if changed:
        if reason:
            case._change_reason = reason[:100]  # type: ignore[attr-defined]
        if user is not None:
            case._history_user = user  # type: ignore[attr-defined]
        case.save()
        _changed(case, reason or _("Waktu layanan dibaca ulang."), now, user)
    return case


def _no_longer_over(
    case: CompensationCase,
    *,
    now: dt.datetime,
    after_correction: bool,
    reason: str,
    user: User | None,
) -> None:
    """The clock no longer reads a breach: a due case is waived (after a supervisor's change)
    and nobody answers for an overrun that is not there, whatever the case's status."""
    note = _("Ditutup otomatis: setelah koreksi waktu atau jeda, layanan tidak melewati standar.")
    changed = False
    if case.status == Status.DUE and after_correction:
        case.status, case.settled_at, case.settlement_note = Status.WAIVED, now, note
        changed = True
    if case.minutes_over or case.officer_minutes or case.attributed_officer_id:
        case.minutes_over = case.officer_minutes = 0
        case.attributed_officer, case.attributed_by = None, None
        case.attribution_note = _("Layanan tidak melewati standar setelah data waktu diubah.")
        changed = True
    if not changed:
        return
    case._change_reason = (reason or note)[:100]  # type: ignore[attr-defined]
    if user is not None:
        case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _sync_application_state(case.application)
    _changed(case, reason or note, now, user)


def reevaluate_cases_during(
    *,
    unit_id: int,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    reason: str,
    user: User | None = None,
) -> int:
    """Re-read the overdue cases of applications that were in service during [start, end),
    closed or not (an outage recorded after the fact). Returns how many were re-read."""
    ids = list(
        CompensationCase.objects.filter(
            unit_id=unit_id,
            reason=Reason.OVERDUE,
            application__registered_at__lt=end,
        )
        .filter(Q(application__closed_at__isnull=True) | Q(application__closed_at__gt=start))
        .values_list("application_id", flat=True)
    )
    for journey_id in ids:
        with transaction.atomic():
            journey = (
                Journey.objects.select_for_update(of=("self",))
                .select_related("application", "unit")
                .get(pk=journey_id)
            )
            overdue_check(journey=journey, now=now, reason=reason, user=user)
    return len(ids)


def _stuck_candidates(now: dt.datetime) -> list[int]:
    """Open applications that have been registered longer (on the wall clock) than their
    standard and have no overdue case yet; closed ones of the last day that breached."""
    open_journeys = Journey.objects.filter(application__status=Application.Status.OPEN).exclude(
        application__compensation_cases__reason=Reason.OVERDUE
    )
    ids: list[int] = []
    standards = open_journeys.values_list("standard_minutes", flat=True).distinct()
    for minutes in sorted(set(standards)):
        ids += open_journeys.filter(
            standard_minutes=minutes,
            application__registered_at__lt=now - dt.timedelta(minutes=minutes),
        ).values_list("pk", flat=True)
    ids += (
        Journey.objects.filter(
            application__closed_at__gte=now - dt.timedelta(days=1),
            application__elapsed_minutes__gt=F("application__standard_minutes"),
        )
        .exclude(application__compensation_cases__reason=Reason.OVERDUE)
        .values_list("pk", flat=True)
    )
    return sorted(set(ids))


def sweep_overdue(*, now: dt.datetime | None = None) -> int:
    """Open the cases of applicants stuck between stages past their standard. Idempotent:
    a second run opens nothing new. Returns how many cases were opened."""
    now = now or timezone.now()
    opened = 0
    for journey_id in _stuck_candidates(now):
        with transaction.atomic():
            # The same lock the counters take: a counter event and the sweep never interleave.
            journey = (
                Journey.objects.select_for_update(of=("self",))
                .select_related("application", "unit")
                .get(pk=journey_id)
            )
            before = CompensationCase.objects.filter(
                application_id=journey_id, reason=Reason.OVERDUE
            ).exists()
            case = overdue_check(journey=journey, now=now)
            opened += case is not None and not before
    return opened
