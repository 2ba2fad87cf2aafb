from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from compensation.models import CompensationCase
from personnel.models import DisciplinaryReferral, Finding, ScoreAdjustment
from personnel.selectors import semester_totals
from personnel.services import (
    adjustment_decide,
    adjustments_decide,
    adjustments_propose,
    appearance_record,
    attendance_record,
    policy_for,
    professionalism_record,
)
from service_timing.models import StageRecord
from tests.factories import register
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

MAY = dt.date(2026, 5, 1)
DAY = dt.date(2026, 5, 20)
IN_MAY = office(dt.date(2026, 5, 25), 16)
IN_JUNE = office(dt.date(2026, 6, 2), 8)


def _late(profile, on_duty, supervisor, day=DAY, minutes=12):
    return attendance_record(
        shift=on_duty(profile, day),
        present=True,
        arrived_at=office(day, 8, minutes),
        by=supervisor,
        now=office(day, 12),
    )


def _propose(unit, now=IN_MAY, by=None):
    return adjustments_propose(unit=unit, period=MAY, by=by, now=now)


def test_a_light_finding_is_proposed_with_the_policys_points(
    unit, profile, on_duty, supervisor
) -> None:
    _late(profile, on_duty, supervisor)
    summary = _propose(unit, by=supervisor)
    assert summary.proposed == 1
    adjustment = ScoreAdjustment.objects.get()
    assert (adjustment.officer, adjustment.points, adjustment.status, adjustment.kind) == (
        profile,
        -1,
        "PROPOSED",
        "PUNISHMENT",
    )
    assert (adjustment.period, adjustment.proposed_by) == (MAY, supervisor)


def test_a_medium_finding_weighs_the_points_by_the_medium_factor(
    unit, profile, on_duty, supervisor
) -> None:
    on_duty(profile, DAY)
    appearance_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        results={"uniform": False},
        notes={},
        severity="SEDANG",
        by=supervisor,
        now=office(DAY, 9),
    )
    _propose(unit)
    assert ScoreAdjustment.objects.get().points == -3


def test_a_proposal_run_twice_proposes_nothing_twice(unit, profile, on_duty, supervisor) -> None:
    _late(profile, on_duty, supervisor)
    assert _propose(unit).proposed == 1
    assert _propose(unit).proposed == 0
    assert ScoreAdjustment.objects.count() == 1


def test_the_command_is_idempotent_too(unit, profile, on_duty, supervisor, frozen) -> None:
    _late(profile, on_duty, supervisor)
    frozen(2026, 6, 2, 1, 0)
    out = io.StringIO()
    call_command("propose_adjustments", "--period", "2026-05", stdout=out)
    call_command("propose_adjustments", "--period", "2026-05", stdout=out)
    assert ScoreAdjustment.objects.count() == 1
    lines = out.getvalue().splitlines()
    assert "1 proposed" in lines[0]
    assert "0 proposed" in lines[1]


def test_the_command_refuses_a_malformed_period(unit) -> None:
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("propose_adjustments", "--period", "05-2026")


def test_a_heavy_finding_makes_a_referral_and_no_points(unit, profile, on_duty, supervisor) -> None:
    on_duty(profile, DAY)
    professionalism_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        scores={"procedure": 4, "accuracy": 4, "courtesy": 4, "integrity": 1},
        severity="BERAT",
        by=supervisor,
        now=office(DAY, 9),
    )
    summary = _propose(unit)
    assert summary.proposed == 0
    assert not ScoreAdjustment.objects.exists()
    assert DisciplinaryReferral.objects.filter(officer=profile, status="OPEN").count() == 1
    assert summary.referrals_open == 1


def test_a_rejected_proposal_needs_a_reason(unit, profile, on_duty, supervisor, kasat) -> None:
    _late(profile, on_duty, supervisor)
    _propose(unit)
    adjustment = ScoreAdjustment.objects.get()
    with pytest.raises(ValidationError, match="Alasan penolakan wajib diisi"):
        adjustment_decide(adjustment=adjustment, approve=False, reason="  ", by=kasat, now=IN_MAY)
    adjustment.refresh_from_db()
    assert adjustment.status == "PROPOSED"
    adjustment_decide(
        adjustment=adjustment, approve=False, reason="Izin tertulis ada", by=kasat, now=IN_MAY
    )
    adjustment.refresh_from_db()
    assert (adjustment.status, adjustment.decision_reason, adjustment.decided_by) == (
        "REJECTED",
        "Izin tertulis ada",
        kasat,
    )


def test_a_decided_adjustment_cannot_be_decided_again_or_deleted(
    unit, profile, on_duty, supervisor, kasat
) -> None:
    _late(profile, on_duty, supervisor)
    _propose(unit)
    adjustment = adjustment_decide(
        adjustment=ScoreAdjustment.objects.get(), approve=True, by=kasat, now=IN_MAY
    )
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        adjustment_decide(adjustment=adjustment, approve=False, reason="x", by=kasat, now=IN_MAY)
    stored = ScoreAdjustment.objects.get()
    stored.points = -10
    with pytest.raises(ValidationError):
        stored.save()
    with pytest.raises(ValidationError):
        stored.delete()
    assert ScoreAdjustment.objects.get().points == -1


def test_bulk_decisions_are_all_or_nothing(
    unit, profile, colleague, on_duty, supervisor, kasat
) -> None:
    _late(profile, on_duty, supervisor)
    _late(colleague, on_duty, supervisor)
    _propose(unit)
    first, second = ScoreAdjustment.objects.order_by("pk")
    adjustment_decide(adjustment=first, approve=True, by=kasat, now=IN_MAY)
    with pytest.raises(ValidationError):
        adjustments_decide(unit=unit, ids=[first.pk, second.pk], approve=True, by=kasat, now=IN_MAY)
    assert ScoreAdjustment.objects.get(pk=second.pk).status == "PROPOSED"
    assert adjustments_decide(unit=unit, ids=[second.pk], approve=True, by=kasat, now=IN_MAY) == 1


def test_rewards_wait_until_the_month_is_over(unit, profile, on_duty, supervisor) -> None:
    policy = policy_for(unit)
    policy.reward_rules.exclude(kind="NO_LATENESS").update(is_active=False)
    policy.reward_rules.filter(kind="NO_LATENESS").update(min_duty_days=3)
    for day in (4, 5, 6):
        attendance_record(
            shift=on_duty(profile, dt.date(2026, 5, day)),
            present=True,
            arrived_at=office(dt.date(2026, 5, day), 8, 10),
            by=supervisor,
            now=office(dt.date(2026, 5, day), 9),
        )
    assert _propose(unit).rewards_evaluated is False
    assert not ScoreAdjustment.objects.exists()
    summary = _propose(unit, now=IN_JUNE)
    assert (summary.rewards_evaluated, summary.proposed) == (True, 1)
    reward = ScoreAdjustment.objects.get()
    assert (reward.kind, reward.criterion, reward.points) == ("REWARD", "TIME_DISCIPLINE", 2)
    assert reward.finding.occurred_on == dt.date(2026, 5, 31)
    assert _propose(unit, now=IN_JUNE).proposed == 0


def test_one_late_arrival_costs_the_no_lateness_reward(unit, profile, on_duty, supervisor) -> None:
    policy = policy_for(unit)
    policy.reward_rules.exclude(kind="NO_LATENESS").update(is_active=False)
    policy.reward_rules.filter(kind="NO_LATENESS").update(min_duty_days=2)
    on_duty(profile, dt.date(2026, 5, 4))
    _late(profile, on_duty, supervisor, day=dt.date(2026, 5, 5), minutes=11)
    _propose(unit, now=IN_JUNE)
    assert list(ScoreAdjustment.objects.values_list("kind", flat=True)) == ["PUNISHMENT"]


def test_service_timeliness_reward_needs_the_share_and_the_minimum_served(
    unit, officer, profile
) -> None:
    policy = policy_for(unit)
    policy.reward_rules.exclude(kind="TIMELINESS_SHARE").update(is_active=False)
    policy.reward_rules.filter(kind="TIMELINESS_SHARE").update(min_served=4, min_share_percent=75)
    applications = [register(unit, officer, now=office(dt.date(2026, 5, 11), 8)) for _ in range(4)]
    for application in applications:
        StageRecord.objects.update_or_create(
            application=application,
            stage_id="REG",
            defaults={
                "served_by": officer,
                "started_at": office(dt.date(2026, 5, 11), 8, 5),
                "finished_at": office(dt.date(2026, 5, 11), 8, 9),
            },
        )
    CompensationCase.objects.create(
        unit=unit,
        application=applications[0],
        reason="OVERDUE",
        opened_at=office(dt.date(2026, 5, 11), 11),
        minutes_over=5,
        attributed_officer=officer,
        officer_minutes=6,  # the officer's own part, beyond the default threshold of 5
    )
    _propose(unit, now=IN_JUNE)
    kinds = sorted(ScoreAdjustment.objects.values_list("criterion", "kind"))
    # 1 − 1/4 = 75 %: the reward, and the overdue case's own punishment.
    assert kinds == [("SERVICE_TIMELINESS", "PUNISHMENT"), ("SERVICE_TIMELINESS", "REWARD")]


def test_semester_totals_add_up_the_approved_points_only(
    unit, profile, colleague, on_duty, supervisor, kasat
) -> None:
    _late(profile, on_duty, supervisor, day=dt.date(2026, 5, 19))
    _late(profile, on_duty, supervisor, day=dt.date(2026, 5, 20))
    _late(colleague, on_duty, supervisor)
    _propose(unit)
    mine = list(ScoreAdjustment.objects.filter(officer=profile))
    adjustment_decide(adjustment=mine[0], approve=True, by=kasat, now=IN_MAY)
    adjustment_decide(adjustment=mine[1], approve=False, reason="Salah catat", by=kasat, now=IN_MAY)
    rows = {row["full_name"]: row for row in semester_totals(unit, 2026, 1)}
    assert rows["Rizky Pratama"]["total"] == -1
    assert rows["Rizky Pratama"]["discipline"] == -1
    assert rows["Andika Saputra"]["total"] == 0
    assert semester_totals(unit, 2026, 2)[0]["total"] == 0


def test_findings_of_other_months_are_not_proposed(unit, profile, on_duty, supervisor) -> None:
    _late(profile, on_duty, supervisor, day=dt.date(2026, 4, 30))
    assert _propose(unit).proposed == 0
    assert Finding.objects.count() == 1
