"""Build the evidence pack: registers, PDF report, audit trail and manifest in one ZIP.

Each workbook is written to a temporary file (openpyxl streams rows to disk), hashed, and
copied into the archive; memory stays flat whatever the number of rows.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone, translation

from satpas.evidence.manifest import MANIFEST_NAME, Entry, manifest_json, sha256_of
from satpas.evidence.period import Period
from satpas.evidence.registers import all_registers
from satpas.evidence.workbook import write_workbook

Progress = Callable[[int, str], None]

README = """PAKET BUKTI DUKUNG ZONA INTEGRITAS — PELAYANAN SIM
{unit}
Periode: {period}
Disusun: {generated}

Isi paket:
{files}

Keaslian: setiap berkas tercantum di manifest.json beserta SHA-256-nya. Periksa dengan
`python manage.py verify_evidence NAMA-BERKAS.zip`, atau hitung SHA-256 setiap berkas dan
bandingkan dengan manifest. NIK dan nama pemohon disamarkan (UU 27/2022).
"""


def build_pack(
    period: Period, destination: str | Path, progress: Progress | None = None
) -> list[Entry]:
    """Write the pack for the period to `destination`; returns the manifest entries."""
    # The pack is an official Indonesian document whatever language the requester reads.
    with translation.override("id"):
        return _build(period, destination, progress)


def _build(period: Period, destination: str | Path, progress: Progress | None) -> list[Entry]:
    report = progress or (lambda percent, step: None)
    registers = all_registers()
    steps = len(registers) + 2
    entries: list[Entry] = []
    generated = timezone.localtime(timezone.now(), period.zone)
    with (
        tempfile.TemporaryDirectory(prefix="satpas-evidence-") as workdir,
        zipfile.ZipFile(
            destination, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
        ) as archive,
    ):
        for index, register in enumerate(registers):
            report(int(100 * index / steps), register.title)
            path = Path(workdir) / f"{register.slug}.xlsx"
            rows = write_workbook(str(path), register.sheets(period), zone=period.zone)
            entries.append(
                _add(archive, path, register.indicator, f"{register.title} ({rows} baris)")
            )
        report(int(100 * len(registers) / steps), "Laporan PDF")
        from satpas.evidence.report import render_report

        pdf = Path(workdir) / "10-laporan-pelaksanaan.pdf"
        pdf.write_bytes(render_report(period))
        entries.append(
            _add(
                archive,
                pdf,
                "Semua indikator: laporan ringkas bertanda tangan Kasat Lantas",
                "Laporan hasil pelaksanaan (PDF, kop satuan, tanda tangan Kasat Lantas)",
            )
        )
        report(int(100 * (len(registers) + 1) / steps), "Manifest")
        readme = Path(workdir) / "BACA-SAYA.txt"
        readme.write_text(
            README.format(
                unit=period.unit.name,
                period=period.label(),
                generated=generated.strftime("%d-%m-%Y %H.%M"),
                files="\n".join(f"- {e.path}: {e.description}" for e in entries),
            ),
            encoding="utf-8",
        )
        entries.append(
            _add(archive, readme, "Petunjuk", "Petunjuk isi paket dan cara memeriksa keaslian")
        )
        archive.writestr(
            MANIFEST_NAME,
            manifest_json(
                unit=f"{period.unit.code} — {period.unit.name}",
                period=period.label(),
                generated_at=generated.isoformat(timespec="seconds"),
                entries=entries,
            ),
        )
    report(100, "Selesai")
    return entries


def _add(archive: zipfile.ZipFile, path: Path, indicator: str, description: str) -> Entry:
    with path.open("rb") as handle:
        digest = sha256_of(handle)
    archive.write(path, arcname=path.name)
    return Entry(
        path=path.name,
        sha256=digest,
        size=path.stat().st_size,
        indicator=indicator,
        description=description,
    )


def entries_from(destination: str | Path) -> list[dict]:
    with zipfile.ZipFile(destination) as archive:
        return json.loads(archive.read(MANIFEST_NAME))["files"]
