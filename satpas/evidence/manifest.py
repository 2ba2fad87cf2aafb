"""The pack's manifest: every file with its SHA-256 and the LKE indicator it supports; and the
check that finds the file that was changed."""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import IO

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


def manifest_json(*, unit: str, period: str, generated_at: str, entries: Iterable[Entry]) -> bytes:
    document = {
        "format": "satpas-evidence/1",
        "unit": unit,
        "period": period,
        "generated_at": generated_at,
        "algorithm": "SHA-256",
        "files": [asdict(entry) for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def verify_pack(path: str) -> tuple[list[str], list[str]]:
    """(files that check out, problems). A problem names the file that was changed, is
    missing, or was added after the pack was made."""
    ok: list[str] = []
    problems: list[str] = []
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [], [f"berkas ZIP tidak dapat dibaca: {exc}"]
    with archive:
        names = set(archive.namelist())
        if MANIFEST_NAME not in names:
            return [], [f"{MANIFEST_NAME} tidak ada di dalam paket"]
        try:
            manifest = json.loads(archive.read(MANIFEST_NAME))
            entries = manifest["files"]
        except (ValueError, KeyError, zipfile.BadZipFile) as exc:
            return [], [f"{MANIFEST_NAME} rusak: {exc}"]
        for entry in entries:
            name = entry.get("path", "")
            if name not in names:
                problems.append(f"{name}: hilang dari paket")
                continue
            try:
                with archive.open(name) as handle:
                    digest = sha256_of(handle)
            except (zipfile.BadZipFile, OSError, zlib.error, EOFError) as exc:
                # A changed byte also breaks the ZIP's own CRC: report it as a change.
                problems.append(f"{name}: berubah (isi tidak dapat dibaca utuh: {exc})")
                continue
            if digest != entry.get("sha256"):
                problems.append(f"{name}: berubah (SHA-256 tidak cocok)")
            else:
                ok.append(name)
        listed = {entry.get("path") for entry in entries} | {MANIFEST_NAME}
        problems.extend(f"{name}: tidak tercantum di manifest" for name in sorted(names - listed))
    return ok, problems
