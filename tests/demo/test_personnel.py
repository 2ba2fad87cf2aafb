"""The demo's personnel month: seeded once, and the month is one a Kasat Lantas would believe
(README, "What the demo month looks like"): checked on the seeded data, through the dashboard,
the SMK semester page and the petugas teladan page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from compensation.models import Complaint
from demo.office import DEMO_LOGINS, DEMO_UNIT_CODE
from personnel.models import (
    AttendanceCheck,
    DutyShift,
    Finding,
    Officer,
    Recognition,
    ScoreAdjustment,
)
from satpas.models import Unit
from satpas.roles import Role
from tests.conftest import JAKARTA
from tests.demo.conftest import SeededDemo, seeded_demo
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)
DEMO_MONTH = dt.date(2026, 10, 1)  # last month: complete, decided by the Kasat

OFFICERS = 10
AT_LEAST_NEUTRAL_OR_POSITIVE = 8
AT_MOST_WITH_FINDINGS = 4
AT_MOST_COMPLAINTS = 6
AT_MOST_SUBSTANTIATED = 2


@pytest.fixture(scope="module")
def demo_month(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SeededDemo]:
    """`seed_demo --force` on Friday 27 November 2026 at 07.00, an hour before opening; seeded
    once for the tests of this module."""
    seeded_at = dt.datetime(2026, 11, 27, 7, 0, tzinfo=JAKARTA)
    with seeded_demo(django_db_blocker, seeded_at, "--force") as demo:
        yield demo


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Officer, DutyShift, AttendanceCheck, Finding, ScoreAdjustment, Recognition)
    )


def test_seed_demo_fills_a_month_of_personnel_history_once(demo_month, frozen) -> None:
    frozen(2026, 11, 27, 7, 0)
    assert "Personnel:" in demo_month.output
    counts = _counts()
    officers, shifts, attendance, findings, _adjustments, _recognitions = counts
    assert officers == 10  # the counter staff, the supervisor and the Kasat
    assert shifts > 200
    assert attendance > 150
    assert findings > 0
    statuses = set(ScoreAdjustment.objects.values_list("status", flat=True))
    assert statuses == {"PROPOSED", "APPROVED", "REJECTED"}
    assert Officer.objects.get(number="87090101").rank == "AKP"
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert _counts() == counts


def test_the_seeded_demo_month_meets_the_readme_distribution(
    demo_month, client_for, frozen
) -> None:
    frozen(2026, 11, 27, 7, 0)
    unit = Unit.objects.get(code=DEMO_UNIT_CODE)
    officers = list(Officer.objects.filter(unit=unit, is_active=True))
    assert len(officers) == OFFICERS

    approved = dict(
        ScoreAdjustment.objects.filter(
            unit=unit, period=DEMO_MONTH, status=ScoreAdjustment.Status.APPROVED
        )
        .values_list("officer")
        .annotate(points=Sum("points"))
    )
    net = {officer.pk: approved.get(officer.pk, 0) for officer in officers}
    assert sum(points >= 0 for points in net.values()) >= AT_LEAST_NEUTRAL_OR_POSITIVE, net

    punished = Finding.objects.filter(unit=unit, period=DEMO_MONTH, kind=Finding.Kind.PUNISHMENT)
    with_findings = set(punished.values_list("officer", flat=True))
    assert 1 <= len(with_findings) <= AT_MOST_WITH_FINDINGS, punished.values_list(
        "officer__full_name", "description"
    )
    assert all(finding.description for finding in punished)
    assert punished.filter(description__startswith="Terlambat").exists()
    assert punished.filter(description__startswith="Pulang").exists()
    assert not punished.filter(compensation_case__reason="DISSATISFIED").exists()

    leave = AttendanceCheck.objects.filter(
        unit=unit,
        checked_on__gte=DEMO_MONTH,
        checked_on__lt=dt.date(2026, 11, 1),
        status__in=AttendanceCheck.LEAVE,
    )
    assert leave.count() >= 5
    assert not Finding.objects.filter(attendance__in=leave).exists()

    teladan = Recognition.objects.get(unit=unit, period=DEMO_MONTH, position=1)
    assert teladan.points > 0

    since = office(TODAY, 0) - dt.timedelta(days=30)
    complaints = Complaint.objects.filter(unit=unit, received_at__gte=since)
    assert 1 <= complaints.count() <= AT_MOST_COMPLAINTS
    assert complaints.filter(substantiated=True).count() <= AT_MOST_SUBSTANTIATED

    # What the Kasat sees.
    kasat = next(login for login in DEMO_LOGINS if login.role is Role.KASAT)
    client = client_for(unit.users.get(username=kasat.username))
    board = client.get(reverse("personnel:dashboard"), {"periode": "2026-10"}).context["board"]
    assert board.best
    assert all(row["points"] > 0 for row in board.best)
    assert len(board.attention) <= AT_MOST_WITH_FINDINGS
    rows = client.get(reverse("personnel:semester"), {"periode": "2026-S2"}).context["rows"]
    assert sum(row["total"] >= 0 for row in rows) >= AT_LEAST_NEUTRAL_OR_POSITIVE
    page = client.get(reverse("personnel:recognition"), {"periode": "2026-10"})
    assert teladan.officer.full_name in page.content.decode()
    certificate = client.get(reverse("personnel:certificate", args=[teladan.pk]))
    assert (certificate.status_code, certificate["Content-Type"]) == (200, "application/pdf")
