"""The personnel month (tests/personnel/world.py) with the rest of the evidence around it: a
compensation handed over, stock received, complaints (one through SP4N-LAPOR!, handled and
closed), a second SKM response from the kiosk and a renewal taken at the renewal kiosk. The clock stands at 15 June 2026, 10.00."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from compensation import services as compensation
from compensation.models import CompensationCase, CompensationItem, Complaint
from satpas.selectors import UnitPeriod, unit_period
from tests.factories import register_at_kiosk
from tests.personnel.conftest import (  # noqa: F401 (fixtures)
    office,
    other_kasat,
    other_supervisor,
    small_world,
    world,
)
from tests.personnel.world import TODAY

JUNE = (dt.date(2026, 6, 1), dt.date(2026, 6, 30))


@dataclass
class Evidence:
    world: object
    period: UnitPeriod
    case: CompensationCase
    lapor: Complaint
    counter: Complaint


@pytest.fixture
def evidence(request, unit, officer, supervisor, kasat) -> Evidence:
    month = request.getfixturevalue("world")
    water = CompensationItem.objects.get(unit=unit, name="Air mineral")
    compensation.stock_receive(
        item=water, quantity=24, note="Pembelian Juni", user=supervisor, now=office(TODAY, 7)
    )
    case = CompensationCase.objects.get(unit=unit)
    compensation.case_give(
        case=case,
        item=water,
        acknowledged=True,
        note="Diterima di loket 9",
        user=officer,
        now=office(TODAY, 11, 30),
    )
    lapor = compensation.complaint_create(
        unit=unit,
        channel=Complaint.Channel.LAPOR,
        lapor_reference="LAPOR-2026-06-0042",
        description="Antrean perpanjangan lama, petugas loket 2 tidak ada di tempat.",
        received_at=office(TODAY, 9),
        application=case.application,
        about_officer=officer,
        user=supervisor,
        now=office(TODAY, 9),
    )
    compensation.complaint_add_note(
        complaint=lapor, text="Klarifikasi kepada petugas.", user=kasat, now=office(TODAY, 13)
    )
    compensation.complaint_close(
        complaint=lapor,
        substantiated=True,
        conclusion="Terbukti; petugas diberi teguran.",
        about_officer=officer,
        user=kasat,
        now=office(TODAY, 14),
    )
    counter = compensation.complaint_create(
        unit=unit,
        channel=Complaint.Channel.COUNTER,
        description="Ruang tunggu panas.",
        received_at=office(TODAY, 10),
        user=officer,
        now=office(TODAY, 10),
    )
    compensation.survey_submit(
        unit=unit,
        scores={f"u{i}": 3 for i in range(1, 10)},
        comment="Cukup baik",
        channel="KIOSK",
        now=office(TODAY, 12),
    )
    # A renewal taken at the renewal kiosk: registered by nobody (the registers, the pack and
    # the audit trail must carry it).
    register_at_kiosk(unit, officer, now=office(TODAY, 12, 30))
    return Evidence(
        world=month, period=unit_period(unit, *JUNE), case=case, lapor=lapor, counter=counter
    )
