from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from personnel.models import (
    AttendanceCheck,
    DutyShift,
    Finding,
    Officer,
    Recognition,
    ScoreAdjustment,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Officer, DutyShift, AttendanceCheck, Finding, ScoreAdjustment, Recognition)
    )


def test_seed_demo_fills_a_month_of_personnel_history_once(frozen) -> None:
    frozen(2026, 11, 27, 7, 0)
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    assert "Personnel:" in out.getvalue()
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
