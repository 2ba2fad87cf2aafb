"""Build the evidence pack: registers, PDF report, audit trail and manifest in one ZIP.

Each workbook is written to a temporary file (XlsxWriter streams rows to disk), hashed, and
copied into the archive; memory stays flat whatever the number of rows.

The same data always gives the same ZIP, byte for byte (so the same SHA-256): the files go in
a fixed order with a fixed date, the workbooks carry no date of writing, and nothing in the
pack says when it was built (the pack's record in the database does). Only the pack number
(the database record that keeps the ZIP's SHA-256) differs between two requests.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils import translation

from evidence.manifest import (
    MANIFEST_NAME,
    Entry,
    manifest_json,
    sha256_of,
)
from evidence.reports.catalogue import all_registers
from evidence.signing import SIGNATURE_NAME
from evidence.workbook import write_workbook
from satpas.selectors import UnitPeriod

Progress = Callable[[int, str], None]

README = """PAKET BUKTI DUKUNG ZONA INTEGRITAS — PELAYANAN SIM
{unit}
Periode: {period}

Isi paket:
{files}

Keaslian: setiap berkas tercantum di manifest.json beserta SHA-256-nya, dan manifest.json
ditandatangani dengan kunci Ed25519 satuan (manifest.sig). Sidik jari kunci publik satuan:
{fingerprint}
(juga tercetak di kaki setiap halaman laporan PDF dan di halaman paket bukti aplikasi).

Yang dibuktikan: bila tanda tangan sah untuk kunci tersebut dan SHA-256 setiap berkas cocok,
isi paket sama persis dengan yang disusun aplikasi Satpas satuan ini, dan tidak ada berkas
yang diubah, ditambah atau dihapus sesudahnya. Tanda tangan tidak membuktikan kebenaran
data yang dicatat petugas, hanya bahwa paket tidak diubah sejak disusun.

Periksa di server aplikasi dengan `python manage.py verify_evidence NAMA-BERKAS.zip`: perintah
itu memeriksa SHA-256 setiap berkas, tanda tangan manifest dengan kunci satuan yang dikenal
server, dan SHA-256 ZIP yang dicatat di basis data saat paket disusun, lalu menyebut apa yang
berbeda. NIK dan nama pemohon disamarkan (UU 27/2022).
"""
# Files in the pack are readable by everyone who extracts it (zipfile's default is 0600).
FILE_MODE = 0o644
# The date of every file in the ZIP: fixed, so that the same data gives the same bytes (the
# earliest date a ZIP can hold, as XlsxWriter stamps the files inside a workbook).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_pack(
    period: UnitPeriod,
    destination: str | Path,
    progress: Progress | None = None,
    *,
    pack: int | None = None,
) -> list[Entry]:
    """Write the pack for the period to `destination`, its manifest signed with the unit's
    key; returns the manifest entries. `pack` is the database record that will keep the ZIP's
    SHA-256 (none when built by the command)."""
    # The pack is an official Indonesian document whatever language the requester reads.
    with translation.override("id"):
        return _build(period, destination, progress, pack)


def _build(
    period: UnitPeriod, destination: str | Path, progress: Progress | None, pack: int | None
) -> list[Entry]:
    from evidence.signing import signature_document, unit_key

    report = progress or (lambda percent, step: None)
    # Read the key first: a key that cannot be read stops the pack before any work is done.
    key = unit_key(period.unit)
    registers = all_registers()
    steps = len(registers) + 2
    entries: list[Entry] = []
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
        from evidence.report import render_report

        pdf = Path(workdir) / f"{len(registers) + 1:02d}-laporan-pelaksanaan.pdf"
        pdf.write_bytes(render_report(period, fingerprint=key.fingerprint))
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
                files="\n".join(f"- {e.path}: {e.description}" for e in entries),
                fingerprint=key.fingerprint,
            ),
            encoding="utf-8",
        )
        entries.append(
            _add(archive, readme, "Petunjuk", "Petunjuk isi paket dan cara memeriksa keaslian")
        )
        manifest = manifest_json(
            unit=f"{period.unit.code} — {period.unit.name}",
            unit_code=period.unit.code,
            period=period.label(),
            entries=entries,
            pack=pack,
        )
        archive.writestr(_info(MANIFEST_NAME), manifest)
        signature = json.dumps(signature_document(key, manifest), indent=2).encode()
        archive.writestr(_info(SIGNATURE_NAME), signature)
    report(100, "Selesai")
    return entries


def _add(archive: zipfile.ZipFile, path: Path, indicator: str, description: str) -> Entry:
    with path.open("rb") as handle:
        digest = sha256_of(handle)
    info = _info(path.name)
    info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 only when it is needed
    with path.open("rb") as source, archive.open(info, "w") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    return Entry(
        path=path.name,
        sha256=digest,
        size=path.stat().st_size,
        indicator=indicator,
        description=description,
    )


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100000 | FILE_MODE) << 16  # a regular file, rw-r--r--
    return info


def entries_from(destination: str | Path) -> list[dict]:
    with zipfile.ZipFile(destination) as archive:
        return json.loads(archive.read(MANIFEST_NAME))["files"]
