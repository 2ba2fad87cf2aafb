"""Build the evidence pack: registers, PDF report, audit trail and manifest in one ZIP.

Each workbook is written to a temporary file (rows are streamed to disk), hashed, and copied
into the archive; memory stays flat whatever the number of rows. With
`EVIDENCE_PACK_WORKERS` above 1 the workbooks and the PDF are written by that many worker
processes at once (on PostgreSQL, outside a transaction); the archive is still assembled in
one fixed order, so the bytes are the same either way. Otherwise (SQLite, inside a
transaction) they are written here, one after another.

The same data always gives the same ZIP, byte for byte (so the same SHA-256): the files go in
a fixed order with a fixed date, the workbooks carry no date of writing, and nothing in the
pack says when it was built (the pack's record in the database does). Only the pack number
(the database record that keeps the ZIP's SHA-256) differs between two requests.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import translation

from evidence.manifest import (
    MANIFEST_NAME,
    Entry,
    manifest_json,
    sha256_of,
)
from evidence.prefetch import Later, allow_threads
from evidence.reports.catalogue import all_registers
from evidence.signing import SIGNATURE_NAME
from evidence.workbook import write_workbook
from satpas.db_router import reading_from_replica, replica_reads
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
        paths = [Path(workdir) / f"{register.slug}.xlsx" for register in registers]
        pdf = Path(workdir) / f"{len(registers) + 1:02d}-laporan-pelaksanaan.pdf"
        with _writers() as submit:
            # The service-time register takes longest: it starts first, the PDF last.
            order = sorted(range(len(registers)), key=lambda i: registers[i].slug != SLOWEST)
            pending = {i: submit(_write_register, i, period, str(paths[i])) for i in order}
            report_pdf = submit(_write_report, period, str(pdf), key.fingerprint)
            for index, register in enumerate(registers):
                report(int(100 * index / steps), register.title)
                rows = pending[index].result()
                entries.append(
                    _add(
                        archive,
                        paths[index],
                        register.indicator,
                        f"{register.title} ({rows} baris)",
                    )
                )
            report(int(100 * len(registers) / steps), "Laporan PDF")
            report_pdf.result()
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


# The register that takes longest (a year's service-time register: about half the pack).
SLOWEST = "02-waktu-pelayanan"


def _write_register(index: int, period: UnitPeriod, path: str) -> int:
    register = all_registers()[index]
    return write_workbook(path, register.sheets(period), zone=period.zone)


def _write_report(period: UnitPeriod, path: str, fingerprint: str) -> None:
    from evidence.report import render_report

    Path(path).write_bytes(render_report(period, fingerprint=fingerprint))


@contextlib.contextmanager
def _writers() -> Iterator[Callable[..., Future | Later]]:
    """`submit(function, *args)` → something whose `result()` is the call's: run by
    `EVIDENCE_PACK_WORKERS` processes at once, or here when asked for (one worker, inside a
    transaction, or where processes cannot be forked)."""
    workers = settings.EVIDENCE_PACK_WORKERS
    if workers <= 1 or not _can_fork():
        yield Later
        return
    # A forked worker must not share the parent's database sockets: close them first (each
    # process opens its own on first use).
    connections.close_all()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(translation.get_language(), reading_from_replica()),
    )
    try:
        yield pool.submit
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # a failed step stops the rest
        raise
    pool.shutdown(wait=True)


def _can_fork() -> bool:
    """PostgreSQL only (an SQLite connection cannot be handed to a forked process), outside
    any transaction (whose rows another connection would not see), where `fork` exists."""
    used = connections.all(initialized_only=True)
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and connections["default"].vendor == "postgresql"
        and not any(c.in_atomic_block for c in used)
    )


_worker_scope = contextlib.ExitStack()


def _start_worker(language: str, replica: bool) -> None:
    """A worker reads in the pack's language, and from the replica if the pack does; its
    registers may start their slow queries in threads (nothing here is in a transaction)."""
    allow_threads()
    _worker_scope.enter_context(translation.override(language))
    if replica:
        _worker_scope.enter_context(replica_reads())


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
