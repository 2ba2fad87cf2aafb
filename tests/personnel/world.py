"""A month of personnel data for page tests: a dozen officers, their roster, checks,
findings, proposals, decisions, a referral and a petugas teladan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compensation.models import CompensationCase, SurveyResponse
from personnel import services
from personnel.models import (
    DisciplinaryReferral,
    DutyShift,
    Finding,
    Officer,
    Rank,
    Recognition,
    ScoreAdjustment,
)
from satpas.models import Unit, User
from service_timing.models import ServicePoint
from tests.factories import register
from tests.personnel.conftest import office

TODAY = dt.date(2026, 6, 15)  # a Monday
MAY = dt.date(2026, 5, 1)
JUNE = dt.date(2026, 6, 1)


@dataclass
class World:
    profile: Officer
    colleague: Officer
    shift: DutyShift
    free_shift: DutyShift
    point: ServicePoint
    finding: Finding
    adjustment: ScoreAdjustment
    referral: DisciplinaryReferral
    recognition: Recognition


def build(
    unit: Unit,
    officer: User,
    supervisor: User,
    kasat: User,
    *,
    extra_officers: int = 10,
) -> World:
    point = ServicePoint.objects.get(unit=unit, number=1)
    profile = Officer.objects.create(
        unit=unit,
        user=officer,
        number=officer.username,
        full_name=officer.full_name,
        rank=Rank.BRIPDA,
        position="Petugas loket SIM",
    )
    colleague = Officer.objects.create(
        unit=unit,
        number="96040512",
        full_name="Andika Saputra",
        rank=Rank.BRIPTU,
        position="Verifikasi",
    )
    others = [
        Officer.objects.create(
            unit=unit,
            number=f"9{i:07d}",
            full_name=f"Petugas Uji {i:02d}",
            rank=Rank.BRIGPOL,
            position="Petugas loket",
        )
        for i in range(extra_officers)
    ]
    everyone = [profile, colleague, *others]
    now = office(TODAY, 10)
    shifts = {}
    for person in everyone:
        for day in (dt.date(2026, 5, 20), TODAY):
            shifts[person.pk, day] = services.duty_shift_create(
                unit=unit,
                officer=person,
                date=day,
                shift=DutyShift.Shift.PENUH,
                service_point=point,
                starts_at=dt.time(8),
                ends_at=dt.time(15),
            )
        services.attendance_record(
            shift=shifts[person.pk, dt.date(2026, 5, 20)],
            present=True,
            arrived_at=office(dt.date(2026, 5, 20), 8, 25),
            by=supervisor,
            now=office(dt.date(2026, 5, 20), 9),
        )
        services.attendance_record(
            shift=shifts[person.pk, TODAY],
            present=True,
            arrived_at=office(TODAY, 8, 15),
            by=supervisor,
            now=now,
        )
        services.appearance_record(
            unit=unit,
            officer=person,
            checked_on=TODAY,
            results={"shoes": False},
            notes={"shoes": "kusam"},
            by=supervisor,
            now=now,
        )
    free_shift = services.duty_shift_create(
        unit=unit,
        officer=profile,
        date=TODAY,
        shift=DutyShift.Shift.SIANG,
        service_point=point,
        starts_at=dt.time(12),
        ends_at=dt.time(15),
    )
    services.cleanliness_record(
        unit=unit,
        service_point=point,
        checked_on=TODAY,
        results={"sanitiser": False},
        by=supervisor,
        now=now,
    )
    services.professionalism_record(
        unit=unit,
        officer=colleague,
        checked_on=TODAY,
        scores={"procedure": 3, "accuracy": 3, "courtesy": 3, "integrity": 1},
        severity="BERAT",
        note="Meminta uang di luar PNBP",
        by=supervisor,
        now=now,
    )
    # May: proposed, approved, and a petugas teladan.
    services.adjustments_propose(unit=unit, period=MAY, by=supervisor, now=now)
    may = list(ScoreAdjustment.objects.filter(period=MAY))
    services.adjustments_decide(unit=unit, ids=[a.pk for a in may], approve=True, by=kasat, now=now)
    # June: proposed, one of them approved and one rejected.
    services.adjustments_propose(unit=unit, period=JUNE, by=supervisor, now=now)
    june = list(ScoreAdjustment.objects.filter(period=JUNE, officer=profile).order_by("pk"))
    services.adjustment_decide(adjustment=june[0], approve=True, by=kasat, now=now)
    services.adjustment_decide(
        adjustment=june[1], approve=False, reason="Sepatu baru dibeli", by=kasat, now=now
    )
    reward = Finding.objects.create(
        unit=unit,
        officer=profile,
        criterion="TIME_DISCIPLINE",
        kind="REWARD",
        occurred_on=dt.date(2026, 5, 31),
        period=MAY,
        description="Tanpa terlambat sebulan penuh, 05-2026",
        source_key="reward:test",
        created_at=now,
        reward_rule=services.policy_for(unit).reward_rules.get(kind="NO_LATENESS"),
    )
    services.adjustments_propose(unit=unit, period=MAY, by=supervisor, now=now)
    services.adjustment_decide(
        adjustment=ScoreAdjustment.objects.get(finding=reward), approve=True, by=kasat, now=now
    )
    recognition = services.recognition_name(
        unit=unit,
        period=MAY,
        officer=profile,
        position=1,
        citation="Disiplin dan tepat waktu",
        by=kasat,
        now=now,
    )
    # Service: applications of June, one of them late with compensation; a survey.
    for i in range(6):
        application = register(unit, officer, now=office(TODAY, 8, i))
        application.status = "COMPLETED"
        application.closed_at = office(TODAY, 11)
        application.elapsed_minutes = 50 + 20 * i
        application.standard_minutes = 120
        application.save()
    CompensationCase.objects.create(
        unit=unit,
        application=application,
        reason="OVERDUE",
        opened_at=office(TODAY, 11),
        minutes_over=30,
        attributed_officer=officer,
        officer_minutes=30,
    )
    SurveyResponse.objects.create(
        unit=unit,
        submitted_at=office(TODAY, 11),
        **{f"u{i}": 3 + (i % 2) for i in range(1, 10)},
    )
    return World(
        profile=profile,
        colleague=colleague,
        shift=shifts[profile.pk, TODAY],
        free_shift=free_shift,
        point=point,
        finding=Finding.objects.filter(officer=profile, period=JUNE).first(),
        adjustment=ScoreAdjustment.objects.filter(period=JUNE, status="PROPOSED").first(),
        referral=DisciplinaryReferral.objects.get(),
        recognition=recognition,
    )
