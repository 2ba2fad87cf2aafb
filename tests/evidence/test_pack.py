from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from applicants.models import Application
from evidence.manifest import verify_pack
from evidence.pack import build_pack
from satpas.selectors import unit_period
from service_timing.models import ServicePoint
from service_timing.services import stage_call, stage_finish, stage_start
from tests.factories import register

pytestmark = pytest.mark.django_db


def walk(unit, officer, application, codes) -> None:
    for code in codes:
        point = ServicePoint.objects.get(unit=unit, stage_id=code)
        stage_call(point=point, user=officer, application_id=application.pk)
        stage_start(point=point, user=officer, application_id=application.pk)
        stage_finish(point=point, user=officer, application_id=application.pk)


@pytest.fixture
def month(unit, officer, frozen):
    """Three renewals on 2 and 3 November 2026: one on time, one late, one still open."""
    frozen(2026, 11, 2, 8, 0)
    on_time = register(unit, officer, application_type="PERPANJANGAN", name="Budi Santoso")
    frozen(2026, 11, 2, 8, 30)
    walk(unit, officer, on_time, ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"])
    frozen(2026, 11, 3, 8, 0)
    late = register(
        unit, officer, application_type="PERPANJANGAN", name="Sari Wulandari", female=True
    )
    frozen(2026, 11, 3, 9, 30)
    walk(unit, officer, late, ["REG", "VERIF", "BAYAR", "BIO", "CETAK"])
    from compensation.models import CompensationCase
    from compensation.services import case_give

    case = CompensationCase.objects.get(application=late)
    case_give(
        case=case,
        item=case.unit.compensation_items.get(name="Air mineral"),
        acknowledged=True,
        note="",
        photo=None,
        user=officer,
    )
    walk(unit, officer, late, ["SERAH"])
    register(unit, officer, application_type="BARU", name="Andi Wijaya")
    frozen(2026, 11, 28, 9, 0)
    return unit_period(unit, dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_the_pack_holds_every_register_the_report_and_a_manifest_that_verifies(
    month, tmp_path
) -> None:
    target = tmp_path / "bukti.zip"
    entries = build_pack(month, target)
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {e.path for e in entries} | {"manifest.json", "manifest.sig"} == names
    assert all(len(f["sha256"]) == 64 and f["indicator"] for f in manifest["files"])
    ok, problems = verify_pack(str(target))
    assert problems == []
    assert len(ok) == len(entries)


def test_the_service_time_workbook_matches_the_database(month, tmp_path) -> None:
    target = tmp_path / "bukti.zip"
    build_pack(month, target)
    with zipfile.ZipFile(target) as archive:
        workbook = load_workbook(
            io.BytesIO(archive.read("02-waktu-pelayanan.xlsx")), read_only=True
        )
    sheet = workbook["Per permohonan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Tanggal", "Antrean", "Jenis")
    data = rows[1:]
    assert len(data) == Application.objects.filter(service_date__month=11).count() == 3
    by_queue = {(row[0].date(), row[1]): row for row in data}
    late = by_queue[(dt.date(2026, 11, 3), "P-001")]
    assert late[9] == 90  # minutes
    assert late[10] == 60
    assert late[11] == "melebihi standar"
    assert late[4].startswith("2172")
    assert "*" in late[4]
    assert late[5] == "S*** W***"
    assert late[6] == dt.datetime(2026, 11, 3, 8, 0)  # office time, not UTC
    summary = list(workbook["Ringkasan per jenis"].iter_rows(values_only=True))
    assert summary[1][:5] == ("Perpanjangan", 2, 1, 1, 50.0)
    with zipfile.ZipFile(target) as archive:
        full = load_workbook(io.BytesIO(archive.read("02-waktu-pelayanan.xlsx")))
    assert full["Per permohonan"].freeze_panes == "A2"
    assert full["Per permohonan"].auto_filter.ref.startswith("A1:M")


def test_the_pdf_report_carries_the_figures_and_the_signatory(month, tmp_path) -> None:
    target = tmp_path / "bukti.zip"
    build_pack(month, target)
    with zipfile.ZipFile(target) as archive:
        text = "\n".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(archive.read("09-laporan-pelaksanaan.pdf"))).pages
        )
    flat = " ".join(text.split())
    assert "PERIODE 01-11-2026 S.D. 30-11-2026" in flat
    assert "3 permohonan didaftarkan" in flat
    assert "50,0% di antaranya sesuai standar" in flat  # Indonesian decimal comma
    assert "1 diberikan" in flat
    assert "KASAT LANTAS" in flat
    assert "MADE ARYA WIBAWA" in flat
    assert "AKP NRP 87090101" in flat
    for section in [
        "I. PENDAHULUAN",
        "II. DASAR",
        "III. PELAKSANAAN",
        "IV. HASIL YANG DICAPAI",
        "V. PENUTUP",
    ]:
        assert section in flat


def test_changing_one_byte_of_one_file_is_named_by_verify(month, tmp_path) -> None:
    original = tmp_path / "bukti.zip"
    build_pack(month, original)
    tampered = tmp_path / "diubah.zip"
    with (
        zipfile.ZipFile(original) as source,
        zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = bytearray(source.read(item.filename))
            if item.filename == "01-standar-pelayanan.xlsx":
                data[len(data) // 2] ^= 0x01
            target.writestr(item, bytes(data))
    _ok, problems = verify_pack(str(tampered))
    assert problems == ["01-standar-pelayanan.xlsx: berubah (SHA-256 tidak cocok)"]
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("verify_evidence", str(tampered), stdout=out)
    assert "CHANGED  01-standar-pelayanan.xlsx" in out.getvalue()


def test_a_flipped_byte_inside_the_zip_itself_is_also_named(month, tmp_path) -> None:
    target = tmp_path / "bukti.zip"
    build_pack(month, target)
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo("02-waktu-pelayanan.xlsx")
    raw = bytearray(target.read_bytes())
    raw[info.header_offset + 30 + len(info.filename) + 10] ^= 0xFF  # inside the compressed data
    target.write_bytes(bytes(raw))
    _ok, problems = verify_pack(str(target))
    assert len(problems) == 1
    assert problems[0].startswith("02-waktu-pelayanan.xlsx: berubah")


def test_export_command_writes_the_pack(month, tmp_path) -> None:
    out = io.StringIO()
    target = tmp_path / "cmd.zip"
    call_command(
        "export_evidence",
        "--unit",
        "tpi",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--out",
        str(target),
        stdout=out,
    )
    assert "100%" in out.getvalue()
    assert verify_pack(str(target))[1] == []
    call_command("verify_evidence", str(target), stdout=io.StringIO())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", "XXX", "--from", "2026-11-01", "--to", "2026-11-30"], "No unit"),
        (["--unit", "TPI", "--from", "2026-11-31", "--to", "2026-11-30"], "Not a date"),
        (["--unit", "TPI", "--from", "2026-11-30", "--to", "2026-11-01"], "before"),
    ],
)
def test_export_command_refuses_bad_arguments(month, tmp_path, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("export_evidence", *args, "--out", str(tmp_path / "x.zip"))


def test_verify_of_something_that_is_not_a_pack(tmp_path) -> None:
    junk = tmp_path / "bukan.zip"
    junk.write_bytes(b"bukan zip")
    ok, problems = verify_pack(str(junk))
    assert ok == []
    assert problems
    assert "ZIP" in problems[0]


def test_per_stage_percentiles_are_minutes(month) -> None:
    from evidence.reports.service_time import per_stage

    rows = {row["stage"]: row for row in per_stage(month)}
    registration = rows["Pendaftaran (formulir)"]
    assert registration["total"] == 2
    assert registration["p90"] == 0.0  # the frozen clock makes every service instant
    assert registration["average"] == 0.0


def test_the_same_period_gives_the_same_bytes_whenever_it_is_built(month, tmp_path, frozen) -> None:
    first, later = tmp_path / "pertama.zip", tmp_path / "kemudian.zip"
    build_pack(month, first)
    frozen(2026, 12, 15, 14, 37)  # another day, another hour
    build_pack(month, later)
    assert first.read_bytes() == later.read_bytes()
    with zipfile.ZipFile(later) as archive:
        assert [info.date_time for info in archive.infolist()] == [(1980, 1, 1, 0, 0, 0)] * len(
            archive.infolist()
        )
        assert "generated_at" not in json.loads(archive.read("manifest.json"))
