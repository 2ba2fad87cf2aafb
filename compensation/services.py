"""Writes of compensation: cases (detection, attribution, hand-over), stock, survey, complaints.

Every write runs in one transaction and re-checks its invariants here (the forms are not the
only door: the counter signals, the sweep command, the admin and the demo call these too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Application
from compensation import attribution
from compensation.models import (
    CompensationCase,
    CompensationItem,
    CompensationRule,
    Complaint,
    ComplaintNote,
    StockMovement,
    SurveyResponse,
)
from compensation.selectors import responsible_candidate_ids
from compensation.signals import case_changed
from compensation.skm import FIELDS
from satpas.calendar import merge
from satpas.models import Unit, User
from satpas.photos import photo_for_storage
from satpas.selectors import office_calendar
from service_timing.clock import ClockReading
from service_timing.models import Journey, Pause, StageRecord
from service_timing.selectors import clock_for, outages_between

Reason = CompensationCase.Reason
Status = CompensationCase.Status

# --- default rule (SOP: bottled water or candy, the applicant's choice, for any overrun) ----

DEFAULT_ITEMS: list[tuple[str, str]] = [("Air mineral", "botol"), ("Permen", "bungkus")]
DEFAULT_TIER_MINUTES = 1
DEFAULT_RULE_NOTE = "SOP: air mineral atau permen, pilihan pemohon"


@transaction.atomic
def install_default_rules(unit: Unit) -> dict[str, int]:
    """Give a unit the SOP's items and one tier if it has none; never touches what exists."""
    made = {"items": 0, "rules": 0}
    items = []
    for name, label in DEFAULT_ITEMS:
        item, created = CompensationItem.objects.get_or_create(
            unit=unit, name=name, defaults={"unit_label": label}
        )
        items.append(item)
        made["items"] += created
    if not CompensationRule.objects.filter(unit=unit).exists():
        rule = CompensationRule.objects.create(
            unit=unit,
            min_minutes_over=DEFAULT_TIER_MINUTES,
            note=DEFAULT_RULE_NOTE,
            is_default=True,
        )
        rule.items.set(items)
        made["rules"] += 1
    return made


def offered_items(case: CompensationCase) -> list[CompensationItem]:
    """Items the applicant may choose from: the highest tier the overrun reaches (the lowest
    tier for a dissatisfied applicant); every active item when the unit set no tier."""
    rules = list(
        CompensationRule.objects.filter(unit_id=case.unit_id)
        .prefetch_related("items")
        .order_by("min_minutes_over")
    )
    if not rules:
        return list(CompensationItem.objects.filter(unit_id=case.unit_id, is_active=True))
    chosen = rules[0]
    for rule in rules:
        if case.minutes_over >= rule.min_minutes_over:
            chosen = rule
    return [item for item in chosen.items.all() if item.is_active]


# --- application state ------------------------------------------------------------------


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
    called = [r for r in records if r.called_at and r.served_by_id and r.service_point_id]
    if not called:
        return {}
    day = application.registered_at.astimezone(zone).date()
    day_start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    others = list(
        StageRecord.objects.filter(
            service_point_id__in={r.service_point_id for r in called},
            served_by_id__in={r.served_by_id for r in called},
            called_at__gte=day_start,
            called_at__lte=max(r.called_at for r in called),
        )
        .exclude(application_id=application.pk)
        .values_list("service_point_id", "served_by_id", "called_at", "finished_at")
    )
    free: dict[int, dt.datetime] = {}
    for record in called:
        mine = [
            (call, finish)
            for point, officer, call, finish in others
            if point == record.service_point_id
            and officer == record.served_by_id
            and call <= record.called_at
        ]
        busy = any(finish is None or finish > record.called_at for _call, finish in mine)
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


# --- hand-over ----------------------------------------------------------------------------


def _locked_case(case: CompensationCase) -> CompensationCase:
    return (
        CompensationCase.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=case.pk)
    )


def _must_be_due(case: CompensationCase) -> None:
    if case.status != Status.DUE:
        raise ValidationError(
            _("Kompensasi ini sudah diselesaikan (%(status)s).")
            % {"status": case.get_status_display()}
        )


@transaction.atomic
def case_give(
    *,
    case: CompensationCase,
    item: CompensationItem,
    acknowledged: bool,
    user: User,
    note: str = "",
    photo: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> CompensationCase:
    """The item is handed over and the applicant acknowledges receiving it."""
    now = now or timezone.now()
    case = _locked_case(case)
    _must_be_due(case)
    if item.pk not in {offered.pk for offered in offered_items(case)}:
        raise ValidationError(
            {"item": _("Barang ini tidak termasuk yang ditawarkan untuk kasus ini.")}
        )
    if not acknowledged:
        raise ValidationError(
            {"acknowledged": _("Pemohon harus menyatakan telah menerima kompensasi.")}
        )
    case.status, case.item, case.acknowledged = Status.GIVEN, item, True
    case.settled_at, case.settled_by, case.settlement_note = now, user, note.strip()[:250]
    if photo is not None:
        case.photo = photo_for_storage(photo)
    case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    movement = StockMovement(
        item=item,
        kind=StockMovement.Kind.GIVEN,
        quantity=-1,
        occurred_at=now,
        case=case,
        recorded_by=user,
        note=_("Kompensasi %(q)s") % {"q": case.application.queue_number},
    )
    movement.full_clean()
    movement.save()
    _sync_application_state(case.application)
    return case


@transaction.atomic
def case_decline(
    *, case: CompensationCase, user: User, note: str = "", now: dt.datetime | None = None
) -> CompensationCase:
    """The applicant was offered the compensation and declined it."""
    now = now or timezone.now()
    case = _locked_case(case)
    _must_be_due(case)
    case.status, case.acknowledged = Status.DECLINED, False
    case.settled_at, case.settled_by, case.settlement_note = now, user, note.strip()[:250]
    case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _sync_application_state(case.application)
    return case


@transaction.atomic
def case_waive(
    *, case: CompensationCase, user: User, reason: str, now: dt.datetime | None = None
) -> CompensationCase:
    """Only a supervisor may waive, and only with a reason."""
    now = now or timezone.now()
    if not user.has_perm("compensation.waive_compensationcase"):
        raise ValidationError(_("Hanya supervisor yang dapat membebaskan kompensasi."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan pembebasan wajib diisi.")})
    case = _locked_case(case)
    _must_be_due(case)
    case.status, case.acknowledged = Status.WAIVED, False
    case.settled_at, case.settled_by, case.settlement_note = now, user, reason.strip()[:250]
    case._history_user = user  # type: ignore[attr-defined]
    case._change_reason = reason.strip()[:100]  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _sync_application_state(case.application)
    _changed(case, _("Kompensasi dibebaskan: %(r)s") % {"r": reason.strip()}, now, user)
    return case


@transaction.atomic
def case_attribute(
    *,
    case: CompensationCase,
    officer: User,
    reason: str,
    user: User,
    now: dt.datetime | None = None,
) -> CompensationCase:
    """A supervisor names the officer by hand (the clock could not, or named the wrong one),
    always with a reason; the findings built on the case follow."""
    now = now or timezone.now()
    if not user.has_perm("compensation.attribute_compensationcase"):
        raise ValidationError(_("Hanya supervisor yang dapat menetapkan petugas."))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penetapan petugas wajib diisi.")})
    case = _locked_case(case)
    if case.reason == Reason.OVERDUE and case.minutes_over <= 0:
        raise ValidationError(_("Layanan ini tidak melewati standar; tidak ada yang dibebankan."))
    if officer.home_unit_id != case.unit_id or not officer.is_active:
        raise ValidationError({"officer": _("Petugas harus anggota aktif satuan ini.")})
    case.attributed_officer, case.attributed_by = officer, user
    case.attribution_note = reason.strip()[:250]
    case._history_user = user  # type: ignore[attr-defined]
    case._change_reason = reason.strip()[:100]  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False)
    case.save()
    _changed(
        case,
        _("Petugas ditetapkan ulang oleh supervisor: %(r)s") % {"r": reason.strip()},
        now,
        user,
    )
    return case


@transaction.atomic
def case_open_dissatisfied(
    *,
    application: Application,
    description: str,
    complaint_text: str = "",
    channel: str = Complaint.Channel.COUNTER,
    user: User | None = None,
    now: dt.datetime | None = None,
) -> tuple[CompensationCase, Complaint | None]:
    """The applicant is not satisfied ("kurang puas"): a DISSATISFIED case to settle, once per
    application. "Kurang puas" is a rating, not a complaint: a complaint is made only when the
    applicant writes one (`complaint_text`), and only a substantiated one judges an officer."""
    now = now or timezone.now()
    Application.objects.select_for_update().filter(pk=application.pk).first()
    if CompensationCase.objects.filter(
        application_id=application.pk, reason=Reason.DISSATISFIED
    ).exists():
        raise ValidationError(_("Ketidakpuasan pemohon ini sudah tercatat."))
    case = CompensationCase(
        unit_id=application.unit_id,
        application=application,
        reason=Reason.DISSATISFIED,
        opened_at=now,
        dissatisfaction_note=description.strip()[:250],
    )
    if user is not None:
        case._history_user = user  # type: ignore[attr-defined]
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save()
    complaint = None
    if complaint_text.strip():
        complaint = Complaint(
            unit_id=application.unit_id,
            application=application,
            compensation_case=case,
            channel=channel,
            received_at=now,
            description=complaint_text.strip(),
        )
        if user is not None:
            complaint._history_user = user  # type: ignore[attr-defined]
        complaint.full_clean()
        complaint.save()
    _sync_application_state(application)
    return case, complaint


# --- stock ----------------------------------------------------------------------------------


@transaction.atomic
def stock_receive(
    *,
    item: CompensationItem,
    quantity: int,
    user: User,
    note: str = "",
    supplied_by: User | None = None,
    now: dt.datetime | None = None,
) -> StockMovement:
    """Items received into stock; `supplied_by` when an officer supplied them as their
    sanction, as the SOP prescribes."""
    now = now or timezone.now()
    if quantity <= 0:
        raise ValidationError({"quantity": _("Jumlah yang diterima harus lebih dari nol.")})
    if supplied_by is not None and supplied_by.home_unit_id != item.unit_id:
        raise ValidationError({"supplied_by": _("Petugas harus anggota satuan ini.")})
    movement = StockMovement(
        item=item,
        kind=StockMovement.Kind.RECEIVED,
        quantity=quantity,
        occurred_at=now,
        note=note.strip()[:250],
        supplied_by=supplied_by,
        recorded_by=user,
    )
    movement.full_clean()
    movement.save()
    return movement


@transaction.atomic
def stock_adjust(
    *, item: CompensationItem, quantity: int, user: User, note: str, now: dt.datetime | None = None
) -> StockMovement:
    """A correction after a stock count (positive or negative), always with a reason."""
    now = now or timezone.now()
    if quantity == 0:
        raise ValidationError({"quantity": _("Penyesuaian tidak boleh nol.")})
    if not note.strip():
        raise ValidationError({"note": _("Keterangan penyesuaian wajib diisi.")})
    movement = StockMovement(
        item=item,
        kind=StockMovement.Kind.ADJUSTED,
        quantity=quantity,
        occurred_at=now,
        note=note.strip()[:250],
        recorded_by=user,
    )
    movement.full_clean()
    movement.save()
    return movement


# --- SKM survey -----------------------------------------------------------------------------

# A response this low opens a DISSATISFIED case: any element "tidak baik" (1), or an average
# below 2.60, the lowest value of grade C in PermenPANRB 14/2017's table.
VERY_LOW_AVERAGE = Fraction(260, 100)


def is_very_low(scores: Mapping[str, int]) -> bool:
    values = [scores[field] for field in FIELDS]
    return min(values) <= 1 or Fraction(sum(values), len(values)) < VERY_LOW_AVERAGE


@transaction.atomic
def survey_submit(
    *,
    unit: Unit,
    scores: Mapping[str, int],
    comment: str = "",
    application: Application | None = None,
    channel: str = "QR",
    as_complaint: bool = False,
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """One SKM response (one per application; without a ticket it stays anonymous). A very low
    score with a ticket opens a DISSATISFIED case (compensation, no complaint); the comment
    becomes a complaint only when the applicant asks for it (`as_complaint`)."""
    if as_complaint and not comment.strip():
        raise ValidationError({"comment": _("Tuliskan isi pengaduan Anda pada kolom komentar.")})
    now = now or timezone.now()
    if application is not None and application.unit_id != unit.pk:
        raise ValidationError(_("Tiket ini bukan dari satuan ini."))
    if set(FIELDS) - set(scores):
        raise ValidationError(_("Semua sembilan unsur wajib dinilai."))
    response = SurveyResponse(
        unit=unit,
        application=application,
        submitted_at=now,
        channel=channel,
        comment=comment.strip(),
        **{field: scores[field] for field in FIELDS},
    )
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:
        raise ValidationError(_("Survei untuk tiket ini sudah diisi. Terima kasih.")) from exc
    dissatisfied = is_very_low(scores)
    case = None
    if (
        dissatisfied
        and application is not None
        and not CompensationCase.objects.filter(
            application_id=application.pk, reason=Reason.DISSATISFIED
        ).exists()
    ):
        text = _("Nilai SKM sangat rendah.")
        if response.comment:
            text = f"{text} {response.comment}"
        case, _complaint = case_open_dissatisfied(
            application=application, description=text, channel=Complaint.Channel.SURVEY, now=now
        )
    if as_complaint and response.comment:
        # The applicant chose to make the comment a complaint: it is followed up and may,
        # once substantiated, judge the officer responsible.
        complaint = complaint_create(
            unit=unit,
            channel=Complaint.Channel.SURVEY,
            description=response.comment,
            application=application,
            now=now,
        )
        if case is not None:
            complaint.compensation_case = case
            complaint.save(update_fields=["compensation_case"])
    return response


# --- complaints -----------------------------------------------------------------------------


@transaction.atomic
def complaint_create(
    *,
    unit: Unit,
    channel: str,
    description: str,
    user: User | None = None,
    received_at: dt.datetime | None = None,
    lapor_reference: str = "",
    application: Application | None = None,
    about_officer: User | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    now = now or timezone.now()
    if not description.strip():
        raise ValidationError({"description": _("Isi pengaduan wajib diisi.")})
    if received_at is not None and received_at > now:
        raise ValidationError({"received_at": _("Waktu diterima tidak boleh di masa depan.")})
    if application is not None and application.unit_id != unit.pk:
        raise ValidationError({"application": _("Permohonan tidak ditemukan di satuan ini.")})
    if about_officer is not None:
        _check_responsible(about_officer, application, unit)
    if channel == Complaint.Channel.LAPOR and not lapor_reference.strip():
        raise ValidationError(
            {"lapor_reference": _("Nomor tiket SP4N-LAPOR! wajib diisi untuk saluran ini.")}
        )
    complaint = Complaint(
        unit=unit,
        channel=channel,
        description=description.strip(),
        received_at=received_at or now,
        lapor_reference=lapor_reference.strip(),
        application=application,
        about_officer=about_officer,
    )
    if user is not None:
        complaint._history_user = user  # type: ignore[attr-defined]
    complaint.full_clean()
    complaint.save()
    return complaint


def _check_responsible(officer: User, application: Application | None, unit: Unit) -> None:
    """Only an officer of the unit who served the application, or was rostered at one of its
    counters that day, can answer for a complaint about it."""
    if officer.home_unit_id != unit.pk:
        raise ValidationError({"about_officer": _("Petugas harus anggota satuan ini.")})
    if application is None:
        raise ValidationError(
            {
                "about_officer": _(
                    "Petugas yang bertanggung jawab hanya dapat ditetapkan bila pengaduan terkait "
                    "permohonan (nomor antrean dan tanggal layanan)."
                )
            }
        )
    if officer.pk not in responsible_candidate_ids(application):
        raise ValidationError(
            {
                "about_officer": _(
                    "%(officer)s tidak melayani permohonan %(q)s dan tidak berjaga di loketnya "
                    "pada %(date)s; pilih petugas yang melayani atau berjaga."
                )
                % {
                    "officer": officer.full_name or officer.username,
                    "q": application.queue_number,
                    "date": application.service_date.strftime("%d-%m-%Y"),
                }
            }
        )


def _locked_complaint(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_add_note(
    *, complaint: Complaint, text: str, user: User, now: dt.datetime | None = None
) -> ComplaintNote:
    """A follow-up note; the first one moves a new complaint to "diproses"."""
    now = now or timezone.now()
    if not text.strip():
        raise ValidationError({"text": _("Tindak lanjut wajib diisi.")})
    complaint = _locked_complaint(complaint)
    if complaint.status == Complaint.Status.DONE:
        raise ValidationError(_("Pengaduan ini sudah selesai."))
    note = ComplaintNote(complaint=complaint, written_at=now, written_by=user, text=text.strip())
    note.full_clean()
    note.save()
    if complaint.status == Complaint.Status.NEW:
        complaint.status, complaint.handled_by = Complaint.Status.IN_PROGRESS, user
        complaint._history_user = user  # type: ignore[attr-defined]
        complaint.save(update_fields=["status", "handled_by"])
    return note


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    substantiated: bool,
    conclusion: str,
    user: User,
    about_officer: User | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    """Finish handling: the conclusion is written as the last note; whether it was
    substantiated (and against whom) feeds the officers' user-rating findings."""
    now = now or timezone.now()
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Kesimpulan penanganan wajib diisi.")})
    complaint = _locked_complaint(complaint)
    if complaint.status == Complaint.Status.DONE:
        raise ValidationError(_("Pengaduan ini sudah selesai."))
    if about_officer is not None:
        _check_responsible(about_officer, complaint.application, complaint.unit)
    ComplaintNote.objects.create(
        complaint=complaint, written_at=now, written_by=user, text=conclusion.strip()
    )
    complaint.status, complaint.resolved_at, complaint.handled_by = (
        Complaint.Status.DONE,
        now,
        user,
    )
    complaint.substantiated = substantiated
    if about_officer is not None:
        complaint.about_officer = about_officer
    complaint._history_user = user  # type: ignore[attr-defined]
    complaint.full_clean()
    complaint.save()
    return complaint
