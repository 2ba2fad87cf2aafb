"""Facts change, judgments follow: findings of late applications are made only for an
officer's own part beyond the policy's threshold, and they are updated, withdrawn or reversed
(never edited once approved) when the facts they were built on change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compensation.models import CompensationCase
from compensation.services import case_attribute, case_waive, sweep_overdue
from personnel.models import Finding, Officer, Rank, ScoreAdjustment
from personnel.services import (
    adjustment_decide,
    adjustments_propose,
    policy_for,
    policy_update,
)
from satpas.roles import Role
from service_timing.models import StageRecord
from service_timing.services import outage_add, pause_add, stage_record_correct
from tests.compensation.helpers import at, serve
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db

NOVEMBER = dt.date(2026, 11, 1)


@pytest.fixture
def verifier(unit):
    user = UserFactory(
        username="96040512", full_name="Andika Saputra", home_unit=unit, role=Role.OFFICER
    )
    Officer.objects.create(
        unit=unit,
        user=user,
        number=user.username,
        full_name=user.full_name,
        rank=Rank.BRIPTU,
        position="Petugas verifikasi",
    )
    return user


def late_verification(unit, officer, verifier, *, minutes=40, close=True, called=None):
    """Perpanjangan (60 min; VERIF allowance 10): verification takes `minutes` from `called`
    (08.05, straight after registration), the other stages 5 each."""
    called = called or at(8, 5)
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    end = called + dt.timedelta(minutes=minutes)
    serve(application, "VERIF", verifier, called, end)
    for code in ("BAYAR", "BIO", "CETAK", "SERAH"):
        last = code == "SERAH" and not close
        serve(application, code, officer, end, None if last else end + dt.timedelta(minutes=5))
        end += dt.timedelta(minutes=5)
    return application


def propose(unit, now=None):
    return adjustments_propose(unit=unit, period=NOVEMBER, by=None, now=now or at(16))


def finding_of(application) -> Finding:
    return Finding.objects.get(compensation_case__application=application, status="ACTIVE")


# --- the per-incident threshold --------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "findings"), [(15, 0), (16, 1)])
def test_a_finding_only_beyond_the_threshold_of_the_officers_own_part(
    unit, officer, verifier, minutes, findings
) -> None:
    # Queued 08.05–08.30 (nobody's), then 15 or 16 minutes of service against 10 allowed:
    # an own part of 5 (the default threshold: not beyond it) or 6.
    application = late_verification(
        unit, officer, verifier, minutes=minutes, called=at(8, 30), close=False
    )
    sweep_overdue(now=at(9, 10))
    case = CompensationCase.objects.get(application=application)
    assert case.minutes_over > 0
    assert case.officer_minutes == minutes - 10
    assert propose(unit).findings == findings
    assert Finding.objects.count() == findings


def test_an_officers_part_beyond_the_threshold_is_a_finding_that_explains_itself(
    unit, officer, verifier
) -> None:
    application = late_verification(unit, officer, verifier)
    summary = propose(unit)
    assert (summary.made, summary.findings, summary.proposed) == (1, 1, 1)
    finding = finding_of(application)
    assert finding.officer.user == verifier
    assert finding.policy_version == policy_for(unit).version == 1
    facts = finding.facts
    assert (facts["allowance"], facts["service"], facts["service_over"], facts["idle"]) == (
        10,
        40,
        30,
        0,
    )
    assert (facts["threshold"], facts["minutes_over"], facts["outage"], facts["pause"]) == (
        5,
        5,
        0,
        0,
    )
    # The queue number carries its date: numbers start again every day.
    assert "P-001 tanggal 27-11-2026" in finding.description
    lines = dict(finding.explanation())
    assert lines["Alokasi layanan tahap"] == "10 menit"
    assert lines["Dipanggil · mulai · selesai"] == "08.05 · 08.05 · 08.45"
    assert lines["Layanan melewati alokasi"] == "30 menit"
    assert lines["Ambang temuan"] == "5 menit"
    assert lines["Versi kebijakan"] == "1"


def test_the_policy_threshold_is_per_unit_and_the_finding_records_the_version(
    unit, officer, verifier
) -> None:
    policy = policy_for(unit)
    policy_update(policy=policy, values={"service_overrun_threshold_minutes": 30}, rules={})
    policy.refresh_from_db()
    assert policy.version == 2
    application = late_verification(unit, officer, verifier)  # own part: exactly 30
    assert propose(unit).findings == 0
    policy_update(policy=policy, values={"service_overrun_threshold_minutes": 29}, rules={})
    propose(unit)
    assert finding_of(application).policy_version == 3
    # Saving the policy unchanged is not a new version.
    policy_update(policy=policy, values={"service_overrun_threshold_minutes": 29}, rules={})
    policy.refresh_from_db()
    assert policy.version == 3


def test_queue_waiting_makes_no_finding(unit, officer, verifier) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 45), at(8, 50))  # waited 40 in the queue
    for index, code in enumerate(("BAYAR", "BIO", "CETAK")):
        start = at(8, 50) + dt.timedelta(minutes=5 * index)
        serve(application, code, officer, start, start + dt.timedelta(minutes=5))
    assert CompensationCase.objects.get(application=application).minutes_over == 5
    assert propose(unit, now=at(16)).findings == 0


# --- facts change, judgments follow ----------------------------------------------------------


def test_a_correction_that_removes_the_breach_withdraws_the_pending_finding(
    unit, officer, verifier, supervisor
) -> None:
    application = late_verification(unit, officer, verifier)
    propose(unit)
    finding = finding_of(application)
    adjustment = finding.adjustment
    assert adjustment.status == "PROPOSED"
    record = StageRecord.objects.get(application=application, stage_id="VERIF")
    stage_record_correct(
        record=record,
        field="finished_at",
        value=at(8, 15),
        reason="Tombol Selesai ditekan terlambat",
        user=supervisor,
        now=at(14),
    )
    finding.refresh_from_db()
    adjustment.refresh_from_db()
    assert finding.status == "WITHDRAWN"
    assert "Tombol Selesai ditekan terlambat" in finding.withdrawn_reason
    assert adjustment.status == "WITHDRAWN"
    assert adjustment.decision_reason == finding.withdrawn_reason
    assert not ScoreAdjustment.objects.filter(status="PROPOSED").exists()
    # Proposing again does not bring it back.
    assert propose(unit).proposed == 0


def test_an_outage_recorded_after_closing_withdraws_the_officers_finding(
    unit, officer, verifier, supervisor
) -> None:
    application = late_verification(unit, officer, verifier)
    propose(unit)
    finding = finding_of(application)
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 40),
        reason="Server SIM nasional tidak dapat diakses",
        user=supervisor,
        now=at(15),
    )
    finding.refresh_from_db()
    assert finding.status == "WITHDRAWN"
    assert "gangguan sistem" in finding.withdrawn_reason.lower()
    assert finding.adjustment.status == "WITHDRAWN"


def test_an_approved_adjustment_whose_cause_disappeared_gets_a_reversing_proposal(
    unit, officer, verifier, supervisor, kasat
) -> None:
    application = late_verification(unit, officer, verifier)
    propose(unit)
    original = finding_of(application).adjustment
    adjustment_decide(adjustment=original, approve=True, by=kasat, now=at(16, 30))
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 40),
        reason="Server SIM nasional tidak dapat diakses",
        user=supervisor,
        now=at(17),
    )
    original.refresh_from_db()
    assert (original.status, original.points) == ("APPROVED", -1)  # never edited
    reversal = ScoreAdjustment.objects.get(reverses=original)
    assert (reversal.status, reversal.points, reversal.kind) == ("PROPOSED", 1, "PUNISHMENT")
    assert reversal.officer == original.officer
    assert "Gangguan sistem dicatat" in reversal.reason
    assert reversal.subject == original.finding
    adjustment_decide(adjustment=reversal, approve=True, by=kasat, now=at(17, 30))
    from personnel.selectors import officer_summary

    assert officer_summary(original.officer, NOVEMBER)["month_points"] == 0
    # A second change of facts proposes no second reversal.
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 41),
        ended_at=at(8, 44),
        reason="Listrik padam",
        user=supervisor,
        now=at(17, 45),
    )
    assert ScoreAdjustment.objects.filter(reverses=original).count() == 1


def test_a_rejected_proposal_needs_no_reversal(unit, officer, verifier, supervisor, kasat) -> None:
    application = late_verification(unit, officer, verifier)
    propose(unit)
    adjustment = finding_of(application).adjustment
    adjustment_decide(
        adjustment=adjustment, approve=False, reason="Ramai", by=kasat, now=at(16, 30)
    )
    outage_add(
        unit_id=unit.pk,
        started_at=at(8, 10),
        ended_at=at(8, 40),
        reason="Server down",
        user=supervisor,
        now=at(17),
    )
    assert not ScoreAdjustment.objects.filter(reverses__isnull=False).exists()
    assert Finding.objects.get().status == "WITHDRAWN"


def test_an_application_waived_automatically_after_a_pause_produces_no_finding(
    unit, officer, verifier, supervisor
) -> None:
    application = late_verification(unit, officer, verifier, minutes=35, close=False)
    sweep_overdue(now=at(9, 10))
    case = CompensationCase.objects.get(application=application)
    assert case.status == "DUE"
    assert case.officer_minutes == 25
    pause_add(
        application=application,
        started_at=at(8, 10),
        ended_at=at(8, 25),
        reason="Pemohon keluar mengambil berkas",
        user=supervisor,
        now=at(9, 10),
    )
    case.refresh_from_db()
    assert case.status == "WAIVED"
    assert propose(unit).findings == 0
    assert not Finding.objects.exists()


def test_a_waiver_withdraws_a_pending_finding(unit, officer, verifier, supervisor) -> None:
    application = late_verification(unit, officer, verifier, close=False)
    sweep_overdue(now=at(9, 10))
    propose(unit)
    case = CompensationCase.objects.get(application=application)
    case_waive(case=case, user=supervisor, reason="Pemohon pulang lebih dulu", now=at(15))
    finding = Finding.objects.get()
    assert finding.status == "WITHDRAWN"
    assert "Pemohon pulang lebih dulu" in finding.withdrawn_reason


def test_a_supervisors_re_attribution_moves_the_finding_with_its_reason(
    unit, officer, verifier, supervisor, profile
) -> None:
    application = late_verification(unit, officer, verifier)
    propose(unit)
    before = finding_of(application)
    case = CompensationCase.objects.get(application=application)
    case_attribute(
        case=case,
        officer=officer,
        reason="Verifikasi menunggu koreksi data dari loket pendaftaran",
        user=supervisor,
        now=at(15),
    )
    before.refresh_from_db()
    assert before.status == "WITHDRAWN"
    assert before.adjustment.status == "WITHDRAWN"
    after = finding_of(application)
    assert after.officer == profile
    assert after.facts["manual_reason"].startswith("Verifikasi menunggu")
    assert "ditetapkan supervisor" in after.description
    assert propose(unit).proposed == 1


def test_an_approved_adjustment_is_never_edited(unit, officer, verifier, kasat) -> None:
    application = late_verification(unit, officer, verifier)
    propose(unit)
    adjustment = finding_of(application).adjustment
    adjustment_decide(adjustment=adjustment, approve=True, by=kasat, now=at(16, 30))
    adjustment = ScoreAdjustment.objects.get(pk=adjustment.pk)
    adjustment.points = -5
    with pytest.raises(ValidationError):
        adjustment.save()


# --- 15.5: the proposal summary counts what it proposed ---------------------------------------


def test_proposing_counts_the_findings_it_proposed_however_they_were_made(
    unit, officer, verifier, supervisor, profile
) -> None:
    from personnel.models import DutyShift
    from personnel.services import attendance_record
    from service_timing.models import ServicePoint

    shift = DutyShift.objects.create(
        unit=unit,
        officer=profile,
        date=dt.date(2026, 11, 27),
        shift=DutyShift.Shift.PENUH,
        service_point=ServicePoint.objects.get(unit=unit, number=1),
        starts_at=dt.time(8),
        ends_at=dt.time(15),
    )
    attendance_record(shift=shift, present=True, arrived_at=at(8, 30), by=supervisor, now=at(9))
    late_verification(unit, officer, verifier)
    summary = propose(unit)
    # The lateness finding was made when it was recorded, the case's one now: both proposed.
    assert (summary.findings, summary.made, summary.proposed) == (2, 1, 2)


# --- the monthly timeliness judgment ------------------------------------------------------------


@pytest.mark.parametrize(
    ("served", "late", "low"),
    [
        (50, 10, False),  # 80 % on time: at the floor, not below it
        (50, 11, True),  # 78 %
        (49, 49, False),  # too few stages served to judge
        (0, 0, False),
    ],
)
def test_the_month_is_low_only_below_the_share_with_enough_served(served, late, low) -> None:
    from personnel import scoring

    month = scoring.OfficerMonth(served=served, overdue=late)
    assert scoring.timeliness_low(month, below_percent=80, min_served=50) is low


def test_a_month_below_the_on_time_share_is_one_finding_that_explains_itself(
    unit, officer, verifier
) -> None:
    policy = policy_for(unit)
    policy_update(policy=policy, values={"low_timeliness_min_served": 1}, rules={})
    late_verification(unit, officer, verifier)
    after_the_month = at(9, day=2).replace(month=12)
    summary = propose(unit, now=after_the_month)
    assert summary.rewards_evaluated
    monthly = Finding.objects.get(source_key__startswith="timeliness:")
    assert monthly.officer.user == verifier
    assert (monthly.facts["served"], monthly.facts["late"], monthly.facts["share"]) == (1, 1, 0)
    assert monthly.policy_version == 2
    assert "Tepat waktu 0% dari 1 tahap" in monthly.description
    # Only the verifier's own stage was late: the registering officer is not judged low.
    assert not Finding.objects.filter(
        source_key__startswith="timeliness:", officer__user=officer
    ).exists()


def test_queue_waiting_does_not_lower_the_monthly_share(unit, officer, verifier) -> None:
    policy = policy_for(unit)
    policy_update(policy=policy, values={"low_timeliness_min_served": 1}, rules={})
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8), at(8, 5))
    serve(application, "VERIF", verifier, at(8, 45), at(8, 50))
    for index, code in enumerate(("BAYAR", "BIO", "CETAK")):
        start = at(8, 50) + dt.timedelta(minutes=5 * index)
        serve(application, code, officer, start, start + dt.timedelta(minutes=5))
    assert CompensationCase.objects.get(application=application).minutes_over == 5
    propose(unit, now=at(9, day=2).replace(month=12))
    assert not Finding.objects.filter(source_key__startswith="timeliness:").exists()
