from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from applicants.models import Application
from compensation.models import CompensationCase
from personnel.models import AttendanceCheck, Finding, ScoreAdjustment
from service_timing.models import Journey, StageRecord

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("generate_history", *args, "--force", stdout=out)
    return out.getvalue()


def test_generates_consistent_history_across_all_apps_and_is_idempotent() -> None:
    output = run("--units", "2", "--years", "0.03", "--per-day", "30", "--end", "2026-11-20")
    applications = Application.objects.all()
    assert applications.values("unit").distinct().count() == 2
    assert applications.count() > 200
    assert Journey.objects.count() == applications.count()
    # Every closed application has its stages, and its summary matches its records.
    assert not applications.filter(closed_at__isnull=True).exists()
    assert StageRecord.objects.filter(finished_at__lt=F("started_at")).count() == 0
    breaches = applications.filter(status="COMPLETED", elapsed_minutes__gt=F("standard_minutes"))
    assert breaches.exists()
    assert CompensationCase.objects.count() == breaches.count()
    assert set(CompensationCase.objects.values_list("application_id", flat=True)) == set(
        breaches.values_list("pk", flat=True)
    )
    assert not CompensationCase.objects.filter(status="GIVEN", item__isnull=True).exists()
    assert AttendanceCheck.objects.exists()
    assert Finding.objects.count() == ScoreAdjustment.objects.count()
    assert "rows in" in output
    before = applications.count()
    run("--units", "2", "--years", "0.03", "--per-day", "30", "--end", "2026-11-20")
    assert Application.objects.count() == before


def test_refuses_with_debug_off_and_bad_numbers() -> None:
    with pytest.raises(CommandError, match="invented data"):
        call_command("generate_history", stdout=io.StringIO())
    with pytest.raises(CommandError, match="positive"):
        run("--units", "0")


def test_the_planner_statistics_are_fresh_after_the_bulk_load() -> None:
    from django.db import connection

    run("--units", "1", "--years", "0.01", "--per-day", "20", "--end", "2026-11-20")
    table = Application._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # -1 until the table is first analysed (PostgreSQL 14 and later).
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            assert cursor.fetchone()[0] == Application.objects.count()
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            assert cursor.fetchall()
