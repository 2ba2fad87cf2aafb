"""Evidence that proves itself: the manifest is signed with the unit's Ed25519 key, and
verify_evidence checks the files, the signature and the ZIP's SHA-256 recorded at build time."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import stat
import zipfile

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from evidence.manifest import verify
from evidence.models import EvidencePack, SigningKey
from evidence.pack import build_pack
from evidence.services import evidence_pack_build
from evidence.signing import SigningKeyError, fingerprint_of, unit_fingerprint, unit_key
from satpas.selectors import unit_period

pytestmark = pytest.mark.django_db

MAY = (dt.date(2026, 5, 1), dt.date(2026, 5, 31))


@pytest.fixture
def built(unit, auditor, frozen, tmp_path):
    """A pack built by the worker's service, with its record (and the ZIP's SHA-256)."""
    frozen(2026, 6, 15, 10, 0)
    pack = EvidencePack.objects.create(
        unit=unit, period_start=MAY[0], period_end=MAY[1], requested_by=auditor
    )
    pack = evidence_pack_build(pack.pk)
    target = tmp_path / pack.filename
    with pack.file.open("rb") as handle:
        target.write_bytes(handle.read())
    return pack, target


def _rewrite(source, target, change) -> None:
    """Copy a ZIP, passing each member's bytes through change(name, data)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = change(item.filename, old.read(item.filename))
            if data is not None:
                new.writestr(item, data)


def test_the_pack_is_signed_and_verifies_against_its_record(built) -> None:
    pack, target = built
    assert pack.signed_with == unit_fingerprint(pack.unit)
    with zipfile.ZipFile(target) as archive:
        signature = json.loads(archive.read("manifest.sig"))
        manifest = json.loads(archive.read("manifest.json"))
    assert signature["algorithm"] == "Ed25519"
    assert signature["fingerprint"] == pack.signed_with
    assert (manifest["unit_code"], manifest["pack"]) == (pack.unit.code, pack.pk)
    result = verify(str(target))
    assert result.problems == []
    assert any("tanda tangan Ed25519 sah" in note for note in result.notes)
    assert any(f"paket nomor {pack.pk}" in note for note in result.notes)
    out = io.StringIO()
    call_command("verify_evidence", str(target), stdout=out)
    assert "signature is the unit's" in out.getvalue()


def test_files_and_a_rehashed_manifest_changed_together_fail(built, tmp_path) -> None:
    _pack, target = built
    forged = tmp_path / "forged.zip"
    new_readme = b"Isi diganti.\n"

    def change(name, data):
        if name == "BACA-SAYA.txt":
            return new_readme
        if name == "manifest.json":
            manifest = json.loads(data)
            for entry in manifest["files"]:
                if entry["path"] == "BACA-SAYA.txt":
                    entry["sha256"] = hashlib.sha256(new_readme).hexdigest()
                    entry["size"] = len(new_readme)
            return json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        return data

    _rewrite(target, forged, change)
    result = verify(str(forged))
    # Every file matches the (forged) manifest, so only the signature and the record tell.
    assert "BACA-SAYA.txt" in result.ok
    assert any(p.startswith("manifest.json: tanda tangan tidak sah") for p in result.problems)
    assert any(p.startswith("ZIP: SHA-256 berbeda") for p in result.problems)
    out = io.StringIO()
    with pytest.raises(CommandError, match="not as it was built"):
        call_command("verify_evidence", str(forged), stdout=out)
    assert "CHANGED  manifest.json: tanda tangan tidak sah" in out.getvalue()


def test_a_manifest_signed_with_another_key_is_named(built, tmp_path) -> None:
    _pack, target = built
    forged = tmp_path / "other-key.zip"
    intruder = Ed25519PrivateKey.generate()
    raw = intruder.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    with zipfile.ZipFile(target) as archive:
        manifest = archive.read("manifest.json")

    def change(name, data):
        if name == "manifest.sig":
            document = json.loads(data)
            document["public_key"] = base64.b64encode(raw).decode()
            document["fingerprint"] = fingerprint_of(raw)
            document["signature"] = base64.b64encode(intruder.sign(manifest)).decode()
            return json.dumps(document).encode()
        return data

    _rewrite(target, forged, change)
    problems = verify(str(forged)).problems
    assert any("ditandatangani dengan kunci lain" in p for p in problems)
    assert any("tanda tangan tidak sah" in p for p in problems)


def test_a_pack_without_its_signature_fails(built, tmp_path) -> None:
    _pack, target = built
    stripped = tmp_path / "unsigned.zip"
    _rewrite(target, stripped, lambda name, data: None if name == "manifest.sig" else data)
    problems = verify(str(stripped)).problems
    assert any(p.startswith("manifest.sig tidak ada") for p in problems)


def test_the_key_is_made_once_and_kept_encrypted(unit, settings) -> None:
    assert not SigningKey.objects.exists()
    first = unit_key(unit)
    record = SigningKey.objects.get(unit=unit)
    assert record.fingerprint == first.fingerprint
    assert "PRIVATE KEY" not in record.private_key_encrypted
    assert unit_key(unit).fingerprint == first.fingerprint
    assert SigningKey.objects.count() == 1
    settings.SECRET_KEY = "another-secret-key-that-is-long-enough-0123456789-abcdefgh"
    with pytest.raises(SigningKeyError, match="SECRET_KEY"):
        unit_key(unit)


def test_a_key_file_named_by_the_setting_is_used(unit, tmp_path) -> None:
    private = Ed25519PrivateKey.generate()
    (tmp_path / f"{unit.code}.pem").write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    with override_settings(EVIDENCE_SIGNING_KEY_FILE=str(tmp_path / "{unit}.pem")):
        assert unit_fingerprint(unit) == fingerprint_of(raw)
        target = tmp_path / "pack.zip"
        build_pack(unit_period(unit, *MAY), target)
        assert verify(str(target)).problems == []
    assert not SigningKey.objects.exists()
    with (
        override_settings(EVIDENCE_SIGNING_KEY_FILE=str(tmp_path / "missing.pem")),
        pytest.raises(SigningKeyError, match="cannot be read"),
    ):
        unit_key(unit)


def test_the_fingerprint_is_on_the_pack_page_and_in_the_pdf_footer(built, client_for) -> None:
    pack, target = built
    page = client_for(pack.requested_by).get(reverse("reports:pack", args=[pack.pk]))
    assert pack.signed_with in page.content.decode()
    with zipfile.ZipFile(target) as archive:
        pdf = PdfReader(io.BytesIO(archive.read("09-laporan-pelaksanaan.pdf")))
        readme = archive.read("BACA-SAYA.txt").decode()
    for number, sheet in enumerate(pdf.pages, start=1):
        assert pack.signed_with in sheet.extract_text(), f"page {number}"
    assert pack.signed_with in readme
    assert "tidak membuktikan kebenaran" in readme


def test_every_file_extracts_readable_and_numbering_has_no_gap(built) -> None:
    _pack, target = built
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
    for info in infos:
        assert stat.S_IMODE(info.external_attr >> 16) == 0o644, info.filename
    numbers = sorted(int(i.filename[:2]) for i in infos if i.filename[:2].isdigit())
    assert numbers == list(range(1, len(numbers) + 1))
