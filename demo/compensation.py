"""Demo history of compensation for `seed_demo`: cases for the late applications of the past
30 days (mostly given, a few declined or waived), the item stock, SKM responses and complaints.

Runs after the service-timing seeder and reads what it left: closed applications whose
elapsed time passed the standard. Idempotent: a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from applicants.models import Application
from compensation.models import (
    CompensationCase,
    CompensationItem,
    Complaint,
    StockMovement,
    SurveyResponse,
)
from compensation.services import (
    case_decline,
    case_give,
    case_waive,
    complaint_add_note,
    complaint_close,
    complaint_create,
    install_default_rules,
    offered_items,
    overdue_check,
    survey_submit,
)
from compensation.skm import FIELDS
from satpas.models import Unit, User
from satpas.roles import Role
from service_timing.models import Journey, StageRecord

HISTORY_DAYS = 30
SURVEY_SHARE = 0.45  # of the closed applications, answering by QR or at the kiosk
OPENING_STOCK = {"Air mineral": 96, "Permen": 200}
# Bought every week, as a busy Satpas restocks: enough for the month's hand-overs.
WEEKLY_PURCHASE = {"Air mineral": 96, "Permen": 100}
STOCK_NOTE = "Stok awal (demo)"
PURCHASE_NOTE = "Pembelian mingguan %s (demo)"
SANCTION_NOTE = "Disediakan petugas sebagai sanksi keterlambatan (SOP)"
SCORE_WEIGHTS = {4: 42, 3: 48, 2: 8, 1: 2}

DEMO_COMPLAINTS = [
    # channel, LAPOR reference, days ago, text, outcome (None: still open; True/False: done)
    (
        Complaint.Channel.LAPOR,
        "LAPOR-TPI-0412",
        24,
        "Antrean pembayaran PNBP lama karena hanya satu teller bank yang buka.",
        False,
    ),
    (
        Complaint.Channel.PHONE,
        "",
        17,
        "Petugas loket foto kurang ramah kepada pemohon lansia.",
        True,
    ),
    (
        Complaint.Channel.COUNTER,
        "",
        9,
        "Papan informasi alur layanan SIM tidak terbaca dari ruang tunggu.",
        None,
    ),
    (Complaint.Channel.OTHER, "", 3, "Parkir motor pemohon penuh dan tidak tertata.", None),
]


def _office_moment(unit: Unit, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(unit.time_zone))


def _seed_stock(unit: Unit, supervisor: User, staff: list[User], start: dt.datetime) -> None:
    items = {item.name: item for item in CompensationItem.objects.filter(unit=unit)}
    for name, quantity in OPENING_STOCK.items():
        item = items.get(name)
        if item is None or StockMovement.objects.filter(item=item, note=STOCK_NOTE).exists():
            continue
        StockMovement.objects.create(
            item=item,
            kind=StockMovement.Kind.RECEIVED,
            quantity=quantity,
            occurred_at=start,
            note=STOCK_NOTE,
            recorded_by=supervisor,
        )
    for week in range(1, 6):
        when = start + dt.timedelta(days=7 * week)
        if when > timezone.now():
            break
        note = PURCHASE_NOTE % when.strftime("%d-%m-%Y")
        for name, quantity in WEEKLY_PURCHASE.items():
            item = items.get(name)
            if item is None or StockMovement.objects.filter(item=item, note=note).exists():
                continue
            StockMovement.objects.create(
                item=item,
                kind=StockMovement.Kind.RECEIVED,
                quantity=quantity,
                occurred_at=when,
                note=note,
                recorded_by=supervisor,
            )
    water = items.get("Air mineral")
    if (
        water
        and staff
        and not StockMovement.objects.filter(item=water, note=SANCTION_NOTE).exists()
    ):
        StockMovement.objects.create(
            item=water,
            kind=StockMovement.Kind.RECEIVED,
            quantity=24,
            occurred_at=start + dt.timedelta(days=12),
            note=SANCTION_NOTE,
            supplied_by=staff[-1],
            recorded_by=supervisor,
        )


def _open_cases(late: list[Application]) -> None:
    """A case for each late application that the counters' events did not open yet."""
    have = set(
        CompensationCase.objects.filter(
            application__in=late, reason=CompensationCase.Reason.OVERDUE
        ).values_list("application_id", flat=True)
    )
    journeys = {
        journey.pk: journey
        for journey in Journey.objects.filter(pk__in=[a.pk for a in late]).select_related(
            "application", "unit"
        )
    }
    for application in late:
        closed_at = application.closed_at
        elapsed, standard = application.elapsed_minutes, application.standard_minutes
        if application.pk in have or closed_at is None or elapsed is None or standard is None:
            continue  # opened already; the rest never happens: a late application is closed
        journey = journeys.get(application.pk)
        if journey is not None:
            overdue_check(journey=journey, now=closed_at)
        else:  # an application without a journey: the closed summary is all there is
            case = CompensationCase.objects.create(
                unit_id=application.unit_id,
                application=application,
                reason=CompensationCase.Reason.OVERDUE,
                opened_at=closed_at,
                minutes_over=elapsed - standard,
            )
            Application.objects.filter(pk=case.application_id).update(
                compensation_state=Application.Compensation.DUE
            )


def _settle(
    rng: random.Random,
    unit: Unit,
    supervisor: User,
    staff: list[User],
    *,
    today: dt.date,
    now: dt.datetime,
    since: dt.datetime,
) -> dict[str, int]:
    counts = {"given": 0, "declined": 0, "waived": 0}
    due = (
        CompensationCase.objects.filter(
            unit=unit, status=CompensationCase.Status.DUE, opened_at__gte=since
        )
        .select_related("application")
        .order_by("opened_at", "pk")
    )
    handers = dict(
        StageRecord.objects.filter(
            application__in=[case.application_id for case in due], stage_id="SERAH"
        ).values_list("application_id", "served_by_id")
    )
    by_id = {user.pk: user for user in staff}
    zone = ZoneInfo(unit.time_zone)
    for case in due:
        if case.opened_at.astimezone(zone).date() >= today:
            continue  # today's cases stay due: the board shows them in red
        when = min(case.opened_at + dt.timedelta(minutes=rng.randint(1, 4)), now)
        handed_by = handers.get(case.application_id)
        officer = (by_id.get(handed_by) if handed_by else None) or rng.choice(staff)
        roll = rng.random()
        if roll < 0.86:
            items = offered_items(case)
            if not items:
                continue
            case_give(
                case=case,
                item=rng.choice(items),
                acknowledged=True,
                user=officer,
                now=when,
            )
            counts["given"] += 1
        elif roll < 0.95:
            case_decline(case=case, user=officer, note="Pemohon terburu-buru", now=when)
            counts["declined"] += 1
        else:
            case_waive(
                case=case,
                user=supervisor,
                reason="Pemohon sudah meninggalkan kantor sebelum diserahkan",
                now=when,
            )
            counts["waived"] += 1
    return counts


def _surveys(rng: random.Random, unit: Unit, closed: list[Application], now: dt.datetime) -> int:
    answered = set(
        SurveyResponse.objects.filter(application__in=closed).values_list(
            "application_id", flat=True
        )
    )
    made = 0
    scores_population = list(SCORE_WEIGHTS)
    weights = list(SCORE_WEIGHTS.values())
    for application in closed:
        # Decide per application from its own id, so that a second run decides the same.
        chooser = random.Random(f"{application.pk}-{application.ticket_code}")  # noqa: S311 (demo data)
        if application.pk in answered or chooser.random() >= SURVEY_SHARE:
            continue
        if application.closed_at is None:  # never: the applications are the closed ones
            continue
        base = chooser.choices(scores_population, weights)[0]
        scores = {
            field: max(1, min(4, base + chooser.choice([0, 0, 0, 1, -1]))) for field in FIELDS
        }
        submitted = min(application.closed_at + dt.timedelta(minutes=chooser.randint(2, 15)), now)
        survey_submit(
            unit=unit,
            application=application,
            scores=scores,
            comment=chooser.choice(
                ["", "", "", "Pelayanan cepat, terima kasih.", "Ruang tunggu panas."]
            ),
            channel=chooser.choice(["QR", "QR", "KIOSK"]),
            now=submitted,
        )
        made += 1
    return made


def _served_at_photo(unit: Unit, day: dt.date) -> StageRecord | None:
    """The photo counter's first service on or before `day` (what the phone complaint is
    about): its application and the officer who served it."""
    return (
        StageRecord.objects.filter(
            application__unit=unit,
            application__service_date__lte=day,
            stage_id="BIO",
            served_by__isnull=False,
            finished_at__isnull=False,
        )
        .select_related("application", "served_by")
        .order_by("-application__service_date", "called_at")
        .first()
    )


def _complaints(unit: Unit, supervisor: User, staff: list[User], today: dt.date) -> int:
    """A handful of complaints; the one substantiated names the officer who served the
    applicant (a complaint's responsible officer served that application)."""
    made = 0
    for channel, reference, days_ago, text, outcome in DEMO_COMPLAINTS:
        if Complaint.objects.filter(unit=unit, description=text).exists():
            continue
        day = today - dt.timedelta(days=days_ago)
        received = _office_moment(unit, day, 10, 15)
        served = _served_at_photo(unit, day) if outcome else None
        complaint = complaint_create(
            unit=unit,
            channel=channel,
            lapor_reference=reference,
            description=text,
            received_at=received,
            application=served.application if served else None,
            user=supervisor,
            now=received,
        )
        made += 1
        if outcome is None and days_ago > 5:
            complaint_add_note(
                complaint=complaint,
                text="Sudah dikoordinasikan dengan Kaur Bin Ops; menunggu perbaikan papan.",
                user=supervisor,
                now=received + dt.timedelta(days=1),
            )
        if outcome is not None:
            complaint_add_note(
                complaint=complaint,
                text="Pengadu dihubungi kembali; keterangan petugas diminta.",
                user=supervisor,
                now=received + dt.timedelta(days=1),
            )
            complaint_close(
                complaint=complaint,
                substantiated=outcome,
                about_officer=served.served_by if served else None,
                conclusion="Terbukti; petugas diberi teguran lisan dan pembinaan 3S."
                if outcome
                else "Tidak terbukti; teller kedua dibuka pada jam sibuk sejak itu.",
                user=supervisor,
                now=received + dt.timedelta(days=3),
            )
    return made


@transaction.atomic
def seed_history(
    *, unit: Unit, users: dict[Role, User], staff: list[User], today: dt.date, rng: random.Random
) -> str:
    install_default_rules(unit)
    supervisor = users[Role.SUPERVISOR]
    now = _office_moment(unit, today, 23, 59)
    since = _office_moment(unit, today - dt.timedelta(days=HISTORY_DAYS), 0)
    staff = staff or [users[Role.OFFICER]]
    _seed_stock(unit, supervisor, staff, since)
    closed = list(
        Application.objects.filter(unit=unit, closed_at__gte=since, closed_at__lte=now)
        .exclude(status=Application.Status.OPEN)
        .order_by("closed_at", "pk")
    )
    late = [
        application
        for application in closed
        if application.elapsed_minutes is not None
        and application.standard_minutes is not None
        and application.elapsed_minutes > application.standard_minutes
    ]
    _open_cases(late)
    surveys = _surveys(rng, unit, closed, now)
    settled = _settle(rng, unit, supervisor, staff, today=today, now=now, since=since)
    complaints = _complaints(unit, supervisor, staff, today)
    total = CompensationCase.objects.filter(unit=unit).count()
    return (
        f"Compensation: {total} cases ({settled['given']} given, {settled['declined']} declined, "
        f"{settled['waived']} waived in this run), {surveys} survey responses, "
        f"{complaints} complaints"
    )
