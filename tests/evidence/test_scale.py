"""Memory while building does not grow with the number of rows: registers stream from the
database (`iterator`) into a write-only workbook on disk."""

from __future__ import annotations

import datetime as dt
import secrets
import tracemalloc
import zoneinfo

import pytest
from openpyxl import load_workbook

from applicants.models import Applicant, Application
from evidence.pack import build_pack
from evidence.reports import service_time
from evidence.workbook import write_workbook
from satpas.selectors import unit_period

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def busy(unit, user, count: int, first: int) -> None:
    """`count` closed applications spread over November (bulk: no journeys, no history)."""
    applicants = Applicant.objects.bulk_create(
        Applicant(
            unit=unit,
            nik=f"2172{n:012d}",
            full_name=f"Pemohon Uji {n}",
            birth_date=dt.date(1995, 8, 1),
            sex="L",
        )
        for n in range(first, first + count)
    )
    applications = []
    for index, applicant in enumerate(applicants):
        n = first + index
        day = dt.date(2026, 11, 1 + n % 30)
        registered = dt.datetime.combine(day, dt.time(8), tzinfo=JAKARTA) + dt.timedelta(
            seconds=n % 20000
        )
        applications.append(
            Application(
                unit=unit,
                applicant=applicant,
                application_type="PERPANJANGAN",
                sim_class="C",
                service_date=day,
                queue_number=f"P{n:06d}",
                ticket_code=secrets.token_urlsafe(16),
                registered_at=registered,
                registered_by=user,
                status=Application.Status.COMPLETED,
                closed_at=registered + dt.timedelta(minutes=40 + n % 50),
                elapsed_minutes=40 + n % 50,
                standard_minutes=60,
            )
        )
    Application.objects.bulk_create(applications, batch_size=1000)


def peak_of(build) -> int:
    tracemalloc.start()
    try:
        build()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_service_time_register_streams(unit, officer, tmp_path) -> None:
    period = unit_period(unit, *NOVEMBER)
    target = tmp_path / "02.xlsx"

    def build() -> None:
        write_workbook(str(target), service_time.sheets(period), zone=period.zone)

    # Both sizes well above the 2,000 rows the database hands over at a time.
    busy(unit, officer, 4_000, 0)
    small = peak_of(build)
    busy(unit, officer, 8_000, 4_000)
    large = peak_of(build)
    sheet = load_workbook(target, read_only=True)["Per permohonan"]
    assert sum(1 for _row in sheet.iter_rows()) == 12_001
    # Three times the rows; a list of them would take some three times the memory.
    assert large < small * 1.2, (small, large)


def test_the_whole_pack_streams(unit, officer, tmp_path, frozen) -> None:
    frozen(2026, 12, 1, 9, 0)
    period = unit_period(unit, *NOVEMBER)
    busy(unit, officer, 4_000, 0)
    build_pack(period, tmp_path / "warm.zip")  # fonts and templates load once per process
    small = peak_of(lambda: build_pack(period, tmp_path / "small.zip"))
    busy(unit, officer, 8_000, 4_000)
    large = peak_of(lambda: build_pack(period, tmp_path / "large.zip"))
    assert large < small * 1.2, (small, large)
