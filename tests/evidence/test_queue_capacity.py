"""Queue waiting is reported per stage and hour of the call: the unit's capacity, never an
officer's finding."""

from __future__ import annotations

import datetime as dt

import pytest

from evidence.reports import service_time
from satpas.selectors import unit_period
from tests.compensation.helpers import at, serve
from tests.factories import register

pytestmark = pytest.mark.django_db


def test_queue_waiting_is_counted_per_stage_and_hour_in_the_database(unit, officer) -> None:
    first = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    second = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(first, "REG", officer, at(8, 10), at(8, 15))  # waited 10 since registration
    serve(second, "REG", officer, at(8, 20), at(8, 25))  # waited 20
    serve(first, "VERIF", officer, at(9, 15), at(9, 20))  # ready 08.15, called 09.15: 60
    period = unit_period(unit, dt.date(2026, 11, 27), dt.date(2026, 11, 27))
    rows = {(row["stage"], row["hour"]): row for row in service_time.queue_per_stage_hour(period)}
    assert set(rows) == {("Pendaftaran (formulir)", 8), ("Verifikasi dokumen", 9)}
    registration = rows["Pendaftaran (formulir)", 8]
    assert (registration["called"], registration["average"], registration["longest"]) == (
        2,
        15.0,
        20.0,
    )
    assert rows["Verifikasi dokumen", 9]["average"] == 60.0


def test_the_service_time_report_shows_the_queue_table(client_for, unit, kasat, officer) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    serve(application, "REG", officer, at(8, 10), at(8, 15))
    response = client_for(kasat).get("/laporan/waktu-pelayanan/", {"periode": "2026-11"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Antrean per tahap dan jam" in page
    assert "bukan temuan petugas" in page
