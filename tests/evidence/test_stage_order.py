"""Stage tables follow the route (Pendaftaran first, Penyerahan last), not the alphabet."""

from __future__ import annotations

import datetime as dt

import pytest

from evidence.reports import service_time, standards
from evidence.reports import standards as standards_report
from satpas.selectors import unit_period
from service_timing.selectors import stage_name, stage_order
from tests.compensation.helpers import at, walk
from tests.factories import register

pytestmark = pytest.mark.django_db

ROUTE = ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "SIMULATOR", "PRAKTIK", "CETAK", "SERAH"]


def test_the_units_stage_order_is_the_route_order(unit) -> None:
    order = stage_order(unit)
    assert sorted(order, key=order.get) == ROUTE


def test_the_service_time_report_lists_stages_in_route_order(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "PRAKTIK"], at(8))
    period = unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    names = [row["stage"] for row in service_time.per_stage(period)]
    assert names == [
        stage_name(code) for code in ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "PRAKTIK"]
    ]
    assert names != sorted(names)


def test_the_standards_report_and_register_list_allowances_in_route_order(unit) -> None:
    period = unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    filters = standards_report.Filters(unit=unit, today=dt.date(2026, 11, 27))
    rows = standards_report.content(period, filters).rows
    baru = next(row for row in rows if row.application_type == "BARU")
    codes = [allowance.stage_id for allowance in baru.allowances.all()]
    assert codes == [code for code in ROUTE if code in codes]
    assert codes[0] == "REG"
    assert codes[-1] == "SERAH"
    sheet = next(s for s in standards.sheets(period) if s.title != "Versi standar")
    baru_rows = [row for row in sheet.rows if row[0] == "SIM baru"]
    first_version = baru_rows[0][1]
    names = [row[2] for row in baru_rows if row[1] == first_version]
    assert names[0] == stage_name("REG")
    assert names[-1] == stage_name("SERAH")
