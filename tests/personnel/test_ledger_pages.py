from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from personnel.models import Criterion, Finding, Officer, Rank, Recognition, ScoreAdjustment

pytestmark = pytest.mark.django_db


def test_rejecting_without_a_reason_is_refused_with_a_message(
    client_for, small_world, kasat
) -> None:
    adjustment = small_world.adjustment
    response = client_for(kasat).post(
        reverse("personnel:decide", args=[adjustment.pk]),
        {"approve": "0", "reason": ""},
        follow=True,
    )
    assert "Alasan penolakan wajib diisi" in response.content.decode()
    adjustment.refresh_from_db()
    assert adjustment.status == "PROPOSED"


def test_the_kasat_approves_one_proposal(client_for, small_world, kasat) -> None:
    adjustment = small_world.adjustment
    response = client_for(kasat).post(
        reverse("personnel:decide", args=[adjustment.pk]), {"approve": "1"}, follow=True
    )
    assert "disetujui" in response.content.decode()
    adjustment.refresh_from_db()
    assert (adjustment.status, adjustment.decided_by) == ("APPROVED", kasat)


def test_bulk_rejection_needs_a_reason_and_then_decides_all(client_for, small_world, kasat) -> None:
    pending = list(ScoreAdjustment.objects.filter(status="PROPOSED").values_list("pk", flat=True))
    assert len(pending) >= 2
    client = client_for(kasat)
    url = reverse("personnel:decide_bulk")
    client.post(url, {"approve": "0", "ids": pending, "reason": ""})
    assert ScoreAdjustment.objects.filter(pk__in=pending, status="PROPOSED").count() == len(pending)
    client.post(url, {"approve": "0", "ids": pending, "reason": "Dibina lisan"})
    assert ScoreAdjustment.objects.filter(pk__in=pending, status="REJECTED").count() == len(pending)


def test_the_propose_button_is_idempotent(client_for, small_world, supervisor) -> None:
    client = client_for(supervisor)
    client.post(reverse("personnel:propose"), {"periode": "2026-06"})
    before = ScoreAdjustment.objects.count()
    response = client.post(reverse("personnel:propose"), {"periode": "2026-06"}, follow=True)
    assert "0 usulan baru" in response.content.decode()
    assert ScoreAdjustment.objects.count() == before


def test_the_semester_export_is_an_excel_workbook_of_approved_points(
    client_for, small_world, kasat
) -> None:
    response = client_for(kasat).get(reverse("personnel:semester_export") + "?periode=2026-S1")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows["Rizky Pratama"][0] == small_world.profile.number
    # May −1 (late) + 2 (no lateness), June −1 (late; the appearance was rejected).
    assert rows["Rizky Pratama"][9] == 0


def test_the_officer_sees_their_own_ledger_and_findings(client_for, small_world, officer) -> None:
    body = client_for(officer).get(reverse("personnel:me")).content.decode()
    assert "Sepatu baru dibeli" in body  # the Kasat's reason for a rejection
    assert "Terlambat 15 menit" in body
    assert "Andika Saputra" not in body


def test_a_user_without_an_officer_profile_is_told_so(client_for, kasat, small_world) -> None:
    body = client_for(kasat).get(reverse("personnel:me")).content.decode()
    assert "belum terhubung ke data petugas" in body


def test_the_certificate_is_a_pdf_naming_the_officer(client_for, small_world, officer) -> None:
    response = client_for(officer).get(
        reverse("personnel:certificate", args=[small_world.recognition.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_naming_a_best_officer_from_the_ledger(client_for, small_world, kasat) -> None:
    Recognition.objects.all().delete()
    response = client_for(kasat).post(
        reverse("personnel:recognition") + "?periode=2026-05",
        {"officer": small_world.profile.pk, "position": "1", "citation": "Teladan"},
    )
    assert response.status_code == 302
    assert Recognition.objects.get().officer == small_world.profile


def test_an_officer_without_positive_points_cannot_be_named(client_for, small_world, kasat) -> None:
    response = client_for(kasat).post(
        reverse("personnel:recognition") + "?periode=2026-05",
        {"officer": small_world.colleague.pk, "position": "2", "citation": "Teladan"},
    )
    assert response.status_code == 200
    assert Recognition.objects.count() == 1


def test_the_policy_page_saves_for_the_kasat_and_is_read_only_for_the_auditor(
    client_for, small_world, kasat, auditor
) -> None:
    from personnel.services import policy_for

    policy = policy_for(small_world.profile.unit)
    data = {
        "lateness_tolerance_minutes": "15",
        "time_discipline_points": "2",
        "appearance_points": "1",
        "professionalism_points": "2",
        "service_timeliness_points": "1",
        "cleanliness_points": "1",
        "user_rating_points": "2",
        "medium_factor": "3",
        "service_overrun_threshold_minutes": "5",
        "low_timeliness_share_percent": "80",
        "low_timeliness_min_served": "50",
        "objection_days": "7",
    }
    for rule in policy.reward_rules.all():
        prefix = f"rule-{rule.pk}-"
        data.update(
            {
                prefix + "is_active": "on",
                prefix + "points": str(rule.points),
                prefix + "min_duty_days": rule.min_duty_days or "",
                prefix + "min_checks": rule.min_checks or "",
                prefix + "min_share_percent": rule.min_share_percent or "",
                prefix + "min_served": rule.min_served or "",
            }
        )
    assert client_for(auditor).post(reverse("personnel:policy"), data).status_code == 403
    assert client_for(kasat).post(reverse("personnel:policy"), data).status_code == 302
    policy.refresh_from_db()
    assert (policy.lateness_tolerance_minutes, policy.time_discipline_points) == (15, 2)
    assert policy.version == 2  # every change is a new version the findings record


def test_a_referral_is_decided_with_a_decision(client_for, small_world, kasat) -> None:
    url = reverse("personnel:referral", args=[small_world.referral.pk])
    client = client_for(kasat)
    response = client.post(url, {"status": "DECIDED", "decision": ""})
    assert "Isi putusan" in response.content.decode()
    client.post(url, {"status": "DECIDED", "decision": "Teguran tertulis"})
    small_world.referral.refresh_from_db()
    assert (small_world.referral.status, small_world.referral.decision) == (
        "DECIDED",
        "Teguran tertulis",
    )


def test_the_smk_recommendation_says_what_it_means(client_for, small_world, kasat) -> None:
    body = client_for(kasat).get(reverse("personnel:semester") + "?periode=2026-S1").content
    text = body.decode()
    assert 'data-testid="recommendation"' in text
    assert "+0 poin" in text
    assert "tanpa penyesuaian" in text


def _semester_names(client, semester: str) -> set[str]:
    response = client.get(reverse("personnel:semester") + f"?periode={semester}")
    return {row["full_name"] for row in response.context["rows"]}


def test_the_smk_table_lists_the_judged_not_the_kasat_and_supervisor(
    client_for, unit, kasat, supervisor, profile, colleague, on_duty
) -> None:
    for user, rank in ((kasat, Rank.AKP), (supervisor, Rank.IPTU)):
        Officer.objects.create(
            unit=unit,
            user=user,
            number=user.username,
            full_name=user.full_name,
            rank=rank,
            position="Pimpinan",
        )
    on_duty(profile, dt.date(2026, 11, 2))

    names = _semester_names(client_for(kasat), "2026-S2")

    # The counter officer on the roster and the officer without a login are judged.
    assert names == {"Rizky Pratama", "Andika Saputra"}


def test_a_supervisor_with_approved_points_is_listed(client_for, unit, kasat, supervisor) -> None:
    judge = Officer.objects.create(
        unit=unit,
        user=supervisor,
        number=supervisor.username,
        full_name=supervisor.full_name,
        rank=Rank.IPTU,
        position="Kanit Regident",
    )
    finding = Finding.objects.create(
        unit=unit,
        officer=judge,
        criterion=Criterion.CLEANLINESS,
        kind=ScoreAdjustment.Kind.REWARD,
        occurred_on=dt.date(2026, 10, 30),
        period=dt.date(2026, 10, 1),
        description="Teladan kebersihan",
        source_key="reward:supervisor",
        created_at=dt.datetime(2026, 10, 31, 9, tzinfo=dt.UTC),
    )
    ScoreAdjustment.objects.create(
        unit=unit,
        officer=judge,
        finding=finding,
        reason="Teladan kebersihan",
        period=dt.date(2026, 10, 1),
        criterion=Criterion.CLEANLINESS,
        kind=ScoreAdjustment.Kind.REWARD,
        points=2,
        status=ScoreAdjustment.Status.APPROVED,
        proposed_at=dt.datetime(2026, 10, 31, 9, tzinfo=dt.UTC),
        proposed_by=kasat,
        decided_at=dt.datetime(2026, 10, 31, 10, tzinfo=dt.UTC),
        decided_by=kasat,
    )

    assert "Hendra Wijaya" in _semester_names(client_for(kasat), "2026-S2")
