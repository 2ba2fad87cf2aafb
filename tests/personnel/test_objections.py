"""Objection (keberatan): the officer objects to a finding within the policy's period, with a
reason; a supervisor or the Kasat upholds or annuls it with a reason; a pending objection
holds the proposal; objections and decisions are kept in history and in the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from personnel.models import Finding, Objection, ScoreAdjustment
from personnel.services import adjustment_decide, objection_decide, objection_file
from satpas.selectors import unit_period
from tests.personnel.conftest import office
from tests.personnel.world import JUNE, TODAY

pytestmark = pytest.mark.django_db

NOW = office(TODAY, 10, 30)


def proposed_finding(world) -> Finding:
    adjustment = ScoreAdjustment.objects.filter(
        officer=world.profile, period=JUNE, status="PROPOSED"
    ).first()
    return adjustment.finding


def approved_finding(world) -> Finding:
    return (
        ScoreAdjustment.objects.filter(officer=world.profile, period=JUNE, status="APPROVED")
        .first()
        .finding
    )


# --- services ---------------------------------------------------------------------------------


def test_the_officer_objects_with_a_reason_and_the_proposal_is_held(
    small_world, officer, kasat
) -> None:
    finding = proposed_finding(small_world)
    objection = objection_file(
        finding=finding, reason="Saya bertugas di loket 3 hari itu", by=officer, now=NOW
    )
    assert (objection.status, objection.officer) == ("PENDING", small_world.profile)
    assert objection.history.first().history_user == officer
    with pytest.raises(ValidationError, match="ditahan"):
        adjustment_decide(adjustment=finding.adjustment, approve=True, by=kasat, now=NOW)


@pytest.mark.parametrize(
    ("after", "allowed"),
    [(dt.timedelta(days=7), True), (dt.timedelta(days=7, seconds=1), False)],
)
def test_an_objection_is_possible_for_the_policys_seven_days_only(
    small_world, officer, after, allowed
) -> None:
    finding = proposed_finding(small_world)
    if allowed:
        objection_file(finding=finding, reason="Keliru", by=officer, now=finding.created_at + after)
        assert Objection.objects.count() == 1
    else:
        with pytest.raises(ValidationError, match="7 hari"):
            objection_file(
                finding=finding, reason="Keliru", by=officer, now=finding.created_at + after
            )
        assert not Objection.objects.exists()


def test_only_the_officer_concerned_may_object(small_world, supervisor, kasat) -> None:
    finding = proposed_finding(small_world)
    for someone in (supervisor, kasat):
        with pytest.raises(ValidationError, match="bersangkutan"):
            objection_file(finding=finding, reason="Keliru", by=someone, now=NOW)


def test_an_objection_needs_a_reason_and_is_made_once(small_world, officer) -> None:
    finding = proposed_finding(small_world)
    with pytest.raises(ValidationError, match="wajib"):
        objection_file(finding=finding, reason="  ", by=officer, now=NOW)
    objection_file(finding=finding, reason="Keliru", by=officer, now=NOW)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        objection_file(finding=finding, reason="Lagi", by=officer, now=NOW)


def test_a_reward_is_not_objected_to(small_world, officer) -> None:
    reward = Finding.objects.filter(officer=small_world.profile, kind="REWARD").first()
    with pytest.raises(ValidationError, match="sanksi"):
        objection_file(finding=reward, reason="Keliru", by=officer, now=NOW)


def test_annulling_withdraws_the_finding_and_its_pending_proposal(
    small_world, officer, supervisor
) -> None:
    finding = proposed_finding(small_world)
    objection = objection_file(finding=finding, reason="Sepatu sudah disemir", by=officer, now=NOW)
    objection_decide(
        objection=objection,
        annul=True,
        reason="Foto pemeriksaan tidak menunjukkan sepatu",
        by=supervisor,
        now=NOW,
    )
    finding.refresh_from_db()
    assert finding.status == "WITHDRAWN"
    assert "Keberatan dikabulkan: Foto pemeriksaan" in finding.withdrawn_reason
    adjustment = ScoreAdjustment.objects.get(finding=finding)
    assert adjustment.status == "WITHDRAWN"
    objection.refresh_from_db()
    assert (objection.status, objection.decided_by) == ("ANNULLED", supervisor)
    assert objection.history.first().history_change_reason.startswith("Foto pemeriksaan")


def test_annulling_an_approved_finding_proposes_a_reversal(small_world, officer, kasat) -> None:
    finding = approved_finding(small_world)
    objection = objection_file(finding=finding, reason="Jadwal saya siang", by=officer, now=NOW)
    objection_decide(objection=objection, annul=True, reason="Jadwal keliru", by=kasat, now=NOW)
    original = ScoreAdjustment.objects.get(finding=finding)
    assert original.status == "APPROVED"
    reversal = ScoreAdjustment.objects.get(reverses=original)
    assert (reversal.status, reversal.points) == ("PROPOSED", -original.points)
    assert "Jadwal keliru" in reversal.reason


def test_upholding_keeps_the_finding_and_releases_the_proposal(small_world, officer, kasat) -> None:
    finding = proposed_finding(small_world)
    objection = objection_file(finding=finding, reason="Keliru", by=officer, now=NOW)
    objection_decide(
        objection=objection, annul=False, reason="Foto menunjukkan pelanggaran", by=kasat, now=NOW
    )
    finding.refresh_from_db()
    assert finding.status == "ACTIVE"
    adjustment_decide(adjustment=finding.adjustment, approve=True, by=kasat, now=NOW)
    assert ScoreAdjustment.objects.get(finding=finding).status == "APPROVED"


def test_a_decision_needs_a_reason_a_decider_and_is_made_once(
    small_world, officer, supervisor, auditor
) -> None:
    objection = objection_file(
        finding=proposed_finding(small_world), reason="Keliru", by=officer, now=NOW
    )
    with pytest.raises(ValidationError, match="wajib"):
        objection_decide(objection=objection, annul=True, reason="", by=supervisor, now=NOW)
    for someone in (officer, auditor):
        with pytest.raises(ValidationError, match="supervisor atau Kasat"):
            objection_decide(objection=objection, annul=True, reason="Ya", by=someone, now=NOW)
    objection_decide(objection=objection, annul=False, reason="Tetap", by=supervisor, now=NOW)
    with pytest.raises(ValidationError, match="sudah diputus"):
        objection_decide(objection=objection, annul=True, reason="Ubah", by=supervisor, now=NOW)


# --- pages ------------------------------------------------------------------------------------


def test_the_officer_reads_why_and_objects_from_their_own_page(
    client_for, small_world, officer
) -> None:
    finding = proposed_finding(small_world)
    client = client_for(officer)
    page = client.get(reverse("personnel:me")).content.decode()
    assert "Mengapa temuan ini?" in page
    assert "Versi kebijakan" in page
    assert reverse("personnel:objection_file", args=[finding.pk]) in page
    response = client.post(
        reverse("personnel:objection_file", args=[finding.pk]),
        {"reason": "Saya dinas luar hari itu"},
        follow=True,
    )
    text = response.content.decode()
    assert "Keberatan diajukan" in text
    assert "Menunggu keputusan" in text
    assert Objection.objects.get().reason == "Saya dinas luar hari itu"


def test_an_empty_objection_is_refused_with_a_message(client_for, small_world, officer) -> None:
    finding = proposed_finding(small_world)
    response = client_for(officer).post(
        reverse("personnel:objection_file", args=[finding.pk]), {"reason": ""}, follow=True
    )
    assert "Alasan keberatan wajib diisi" in response.content.decode()
    assert not Objection.objects.exists()


def test_an_officer_of_another_unit_cannot_reach_the_finding(
    client_for, small_world, other_officer
) -> None:
    finding = proposed_finding(small_world)
    response = client_for(other_officer).post(
        reverse("personnel:objection_file", args=[finding.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    assert not Objection.objects.exists()


def test_the_kasat_annuls_from_the_list_and_the_auditor_only_reads(
    client_for, small_world, officer, kasat, auditor
) -> None:
    objection = objection_file(
        finding=proposed_finding(small_world), reason="Keliru", by=officer, now=NOW
    )
    assert "Keberatan menunggu keputusan" in (
        client_for(kasat)
        .get(reverse("personnel:adjustments") + "?periode=2026-06")
        .content.decode()
    )
    auditor_page = client_for(auditor).get(reverse("personnel:objections")).content.decode()
    assert "Keliru" in auditor_page
    assert reverse("personnel:objection_decide", args=[objection.pk]) not in auditor_page
    url = reverse("personnel:objection_decide", args=[objection.pk])
    assert client_for(auditor).post(url, {"annul": "1", "reason": "x"}).status_code == 403
    assert client_for(officer).post(url, {"annul": "1", "reason": "x"}).status_code == 403
    response = client_for(kasat).post(url, {"annul": "1", "reason": ""}, follow=True)
    assert "isi alasannya" in response.content.decode()
    response = client_for(kasat).post(url, {"annul": "1", "reason": "Data keliru"}, follow=True)
    assert "dikabulkan" in response.content.decode()
    objection.refresh_from_db()
    assert objection.status == "ANNULLED"


def test_the_register_lists_the_objection_and_the_finding_explains_itself(
    small_world, officer, kasat, unit
) -> None:
    from evidence.reports import reward_punishment as register

    objection = objection_file(
        finding=proposed_finding(small_world), reason="Keliru", by=officer, now=NOW
    )
    objection_decide(objection=objection, annul=True, reason="Data keliru", by=kasat, now=NOW)
    period = unit_period(unit=unit, start=JUNE, end=dt.date(2026, 6, 30))
    sheets = {sheet.title: list(sheet.rows) for sheet in register.sheets(period)}
    objections = sheets["Keberatan"]
    assert [row[5] for row in objections] == ["Keliru"]
    assert "Data keliru" in objections[0][9]
    findings = [row for row in sheets["Temuan"] if "Keberatan dikabulkan" in row[12]]
    assert len(findings) == 1
    assert "Versi kebijakan: 1" in findings[0][13]
