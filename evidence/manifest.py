"""The pack's manifest: every file with its SHA-256 and the LKE indicator it supports; and the
check of a pack: each file against the manifest, the manifest against the unit's signature
(evidence.signing), and the whole ZIP against the SHA-256 recorded when it was built."""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from evidence.signing import SIGNATURE_NAME, signature_problems, unit_public_key

MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    path: str
    sha256: str
    size: int
    indicator: str
    description: str


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def manifest_json(
    *,
    unit: str,
    unit_code: str,
    period: str,
    entries: Iterable[Entry],
    pack: int | None = None,
) -> bytes:
    document = {
        # 3: no "generated_at" any more, so that the same data always gives the same pack.
        "format": "satpas-evidence/3",
        "unit": unit,
        "unit_code": unit_code,
        # The pack's number in the database, whose record keeps the ZIP's SHA-256.
        "pack": pack,
        "period": period,
        "algorithm": "SHA-256",
        "files": [asdict(entry) for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


@dataclass
class Verification:
    ok: list[str] = field(default_factory=list)  # files that match the manifest
    problems: list[str] = field(default_factory=list)  # each names what differs
    notes: list[str] = field(default_factory=list)  # what was proven beyond the files


def verify_pack(path: str) -> tuple[list[str], list[str]]:
    """(files that check out, problems); see `verify`."""
    result = verify(path)
    return result.ok, result.problems


def verify(path: str) -> Verification:
    """Check a pack. A problem names the file that was changed, is missing or was added after
    the pack was made; a manifest whose signature is not the unit's; a ZIP whose SHA-256 is not
    the one recorded when it was built."""
    result = Verification()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        result.problems.append(f"berkas ZIP tidak dapat dibaca: {exc}")
        return result
    with archive:
        names = set(archive.namelist())
        if MANIFEST_NAME not in names:
            result.problems.append(f"{MANIFEST_NAME} tidak ada di dalam paket")
            return result
        try:
            raw_manifest = archive.read(MANIFEST_NAME)
            manifest = json.loads(raw_manifest)
            entries = manifest["files"]
        except (ValueError, KeyError, zipfile.BadZipFile, zlib.error) as exc:
            result.problems.append(f"{MANIFEST_NAME} rusak: {exc}")
            return result
        _check_files(archive, entries, names, result)
        _check_signature(archive, names, raw_manifest, manifest, result)
    _check_recorded(path, manifest, result)
    return result


def _check_files(
    archive: zipfile.ZipFile, entries: list[dict], names: set[str], result: Verification
) -> None:
    for entry in entries:
        name = entry.get("path", "")
        if name not in names:
            result.problems.append(f"{name}: hilang dari paket")
            continue
        try:
            with archive.open(name) as handle:
                digest = sha256_of(handle)
        except (zipfile.BadZipFile, OSError, zlib.error, EOFError) as exc:
            # A changed byte also breaks the ZIP's own CRC: report it as a change.
            result.problems.append(f"{name}: berubah (isi tidak dapat dibaca utuh: {exc})")
            continue
        if digest != entry.get("sha256"):
            result.problems.append(f"{name}: berubah (SHA-256 tidak cocok)")
        else:
            result.ok.append(name)
    listed = {entry.get("path") for entry in entries} | {MANIFEST_NAME, SIGNATURE_NAME}
    result.problems.extend(
        f"{name}: tidak tercantum di manifest" for name in sorted(names - listed)
    )


def _check_signature(
    archive: zipfile.ZipFile,
    names: set[str],
    raw_manifest: bytes,
    manifest: dict[str, Any],
    result: Verification,
) -> None:
    from satpas.models import Unit

    if SIGNATURE_NAME not in names:
        result.problems.append(
            f"{SIGNATURE_NAME} tidak ada: manifest tidak bertanda tangan, isinya dapat diubah "
            "bersama manifest tanpa terdeteksi"
        )
        return
    try:
        document = json.loads(archive.read(SIGNATURE_NAME))
    except (ValueError, zipfile.BadZipFile, zlib.error) as exc:
        result.problems.append(f"{SIGNATURE_NAME} rusak: {exc}")
        return
    unit = Unit.objects.filter(code=str(manifest.get("unit_code", ""))).first()
    if unit is None:
        result.problems.append(
            f"{MANIFEST_NAME}: satuan {manifest.get('unit_code')!r} tidak dikenal di instalasi "
            "ini; tanda tangan tidak dapat diperiksa"
        )
        return
    problems = signature_problems(
        document if isinstance(document, dict) else {},
        raw_manifest,
        trusted=unit_public_key(unit),
    )
    if problems:
        result.problems.extend(problems)
    else:
        result.notes.append(
            f"{MANIFEST_NAME}: tanda tangan Ed25519 sah, kunci {unit.code} "
            f"(sidik jari {document.get('fingerprint')})"
        )


def _check_recorded(path: str, manifest: dict[str, Any], result: Verification) -> None:
    from evidence.models import EvidencePack

    with open(path, "rb") as handle:
        actual = sha256_of(handle)
    reference = manifest.get("pack")
    if reference is None:
        result.notes.append(
            "ZIP: disusun dengan perintah export_evidence, tidak ada SHA-256 ZIP yang tercatat "
            "di basis data (hanya isi dan tanda tangan yang diperiksa)"
        )
        return
    record = (
        EvidencePack.objects.filter(pk=reference, unit__code=manifest.get("unit_code"))
        .only("sha256")
        .first()
    )
    if record is None or not record.sha256:
        result.problems.append(f"ZIP: paket nomor {reference} tidak tercatat di basis data")
    elif record.sha256 != actual:
        result.problems.append(
            f"ZIP: SHA-256 berbeda dari yang dicatat saat paket disusun "
            f"(tercatat {record.sha256}, berkas ini {actual})"
        )
    else:
        result.notes.append(f"ZIP: SHA-256 sama dengan yang dicatat untuk paket nomor {reference}")
