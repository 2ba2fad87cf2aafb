"""The register writer (evidence.workbook on evidence.xlsx), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zoneinfo
from decimal import Decimal
from xml.etree import ElementTree

from openpyxl import load_workbook

from evidence.workbook import MAX_CELL_TEXT, Column, Sheet, write_workbook
from evidence.xlsx import column_letter

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
ROW = [
    dt.date(2026, 11, 3),
    dt.datetime(2026, 11, 3, 1, 30, tzinfo=dt.UTC),  # 08.30 in Jakarta
    7,
    2.5,
    Decimal("87.25"),
    True,
    None,
    "",
    "=1+2",
    'a & <b> "c"',
    "x" * (MAX_CELL_TEXT + 10),
    "bel\x07",
]


def book_bytes(rows: list) -> bytes:
    buffer = io.BytesIO()
    write_workbook(
        buffer,
        [Sheet("Per permohonan", [Column("Tanggal", 12), Column("Waktu", 17)], rows)],
        zone=JAKARTA,
    )
    return buffer.getvalue()


def test_each_kind_of_value_reads_back_as_it_was_meant() -> None:
    book = load_workbook(io.BytesIO(book_bytes([ROW])))
    sheet = book["Per permohonan"]
    assert [cell.value for cell in sheet[1]][:2] == ["Tanggal", "Waktu"]
    values = [cell.value for cell in sheet[2]]
    assert values[:6] == [
        dt.datetime(2026, 11, 3),
        dt.datetime(2026, 11, 3, 8, 30),
        7,
        2.5,
        87.25,
        True,
    ]
    assert values[6:8] == [None, None]
    assert values[8:10] == ["=1+2", 'a & <b> "c"']
    assert sheet["I2"].data_type == "s"
    assert sheet["I2"].quotePrefix
    assert not sheet["J2"].quotePrefix
    assert len(values[10]) == MAX_CELL_TEXT
    assert sheet["A2"].number_format == "DD-MM-YYYY"
    assert sheet["B2"].number_format == "DD-MM-YYYY HH:MM"
    assert sheet["A1"].font.b
    assert sheet["A1"].fill.fgColor.rgb == "FF0B2545"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B1000001"


def test_a_control_character_is_written_as_excel_escapes_it() -> None:
    with zipfile.ZipFile(io.BytesIO(book_bytes([ROW]))) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    ElementTree.fromstring(xml)  # noqa: S314 (our own output) well-formed: a raw BEL would not be
    assert b"bel_x0007_" in xml


def test_an_empty_register_says_so() -> None:
    sheet = load_workbook(io.BytesIO(book_bytes([])))["Per permohonan"]
    assert sheet["A2"].value == "(tidak ada data pada periode ini)"


def test_the_same_rows_give_the_same_bytes() -> None:
    assert book_bytes([ROW, ROW]) == book_bytes([ROW, ROW])
    assert book_bytes([ROW, ROW]) != book_bytes([ROW])


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
