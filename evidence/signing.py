"""The unit's Ed25519 key that signs an evidence pack's manifest, and the check of a signature.

What a valid signature proves: the manifest (and so, through its SHA-256 list, every file in
the pack) is exactly what this installation wrote with the unit's key. It does not prove that
the figures are true, nor who held the server; anyone holding SECRET_KEY and the database (or
the key file) can sign.

The key comes from one of two places:
- `EVIDENCE_SIGNING_KEY_FILE` (setting / environment variable): a PEM file holding an
  unencrypted Ed25519 private key; `{unit}` in the path is replaced by the unit code, so one
  installation serving several units can keep one file each;
- otherwise the database (`SigningKey`): made on first use, the private half encrypted with
  Fernet under a key derived from SECRET_KEY by HKDF. Rotating SECRET_KEY makes it unreadable:
  the pack then fails with a clear message rather than being signed with a new key silently.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import IntegrityError, transaction

from evidence.models import SigningKey
from satpas.models import Unit

SIGNATURE_NAME = "manifest.sig"  # beside manifest.json in the pack
SIGNATURE_FORMAT = "satpas-evidence-signature/1"
_HKDF_INFO = b"satpas evidence signing key at rest"


class SigningKeyError(RuntimeError):
    """The unit's key cannot be read (wrong SECRET_KEY, missing or bad key file)."""


def fingerprint_of(public_raw: bytes) -> str:
    """SHA-256 of the raw public key, in groups of four hex digits (as people read it out)."""
    digest = hashlib.sha256(public_raw).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class UnitKey:
    private: Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return _raw(self.private.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.public_raw)


def _fernet() -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _from_file(unit: Unit, template: str) -> UnitKey:
    path = Path(template.replace("{unit}", unit.code))
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(
            f"The signing key file of unit {unit.code} cannot be read ({path}): {exc}"
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"The signing key file {path} does not hold an Ed25519 key.")
    return UnitKey(key)


def _create(unit: Unit) -> SigningKey:
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    raw = _raw(private.public_key())
    try:
        with transaction.atomic():
            return SigningKey.objects.create(
                unit=unit,
                public_key=base64.b64encode(raw).decode(),
                fingerprint=fingerprint_of(raw),
                private_key_encrypted=_fernet().encrypt(pem).decode(),
            )
    except IntegrityError:
        # Two packs of one unit built at once: the first key made is the unit's key.
        return SigningKey.objects.get(unit=unit)


def unit_key(unit: Unit) -> UnitKey:
    """The unit's signing key, made (and stored encrypted) on first use."""
    template = getattr(settings, "EVIDENCE_SIGNING_KEY_FILE", "")
    if template:
        return _from_file(unit, template)
    record = SigningKey.objects.filter(unit=unit).first() or _create(unit)
    try:
        pem = _fernet().decrypt(record.private_key_encrypted.encode())
    except InvalidToken as exc:
        raise SigningKeyError(
            f"The signing key of unit {unit.code} cannot be decrypted: SECRET_KEY is not the "
            "one it was stored with. Restore that SECRET_KEY (see the README, Security)."
        ) from exc
    key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(key, Ed25519PrivateKey)
    return UnitKey(key)


def unit_public_key(unit: Unit) -> bytes | None:
    """The raw public key the unit signs with, without making one; None if it has none yet."""
    template = getattr(settings, "EVIDENCE_SIGNING_KEY_FILE", "")
    if template:
        return unit_key(unit).public_raw
    record = SigningKey.objects.filter(unit=unit).first()
    return base64.b64decode(record.public_key) if record else None


def unit_fingerprint(unit: Unit) -> str:
    """The fingerprint printed on the PDF and the pack page (the key is made if needed)."""
    return unit_key(unit).fingerprint


def signature_document(key: UnitKey, manifest: bytes) -> dict[str, str]:
    return {
        "format": SIGNATURE_FORMAT,
        "algorithm": "Ed25519",
        "signed_file": "manifest.json",
        "public_key": base64.b64encode(key.public_raw).decode(),
        "fingerprint": key.fingerprint,
        "signature": base64.b64encode(key.private.sign(manifest)).decode(),
    }


def signature_problems(document: dict, manifest: bytes, *, trusted: bytes | None) -> list[str]:
    """What is wrong with the signature of `manifest` (empty when it is valid).

    `trusted` is the unit's public key as this installation knows it; the key inside the
    pack is only used to say which key signed it, never trusted by itself.
    """
    try:
        signature = base64.b64decode(document["signature"], validate=True)
        claimed = base64.b64decode(document["public_key"], validate=True)
    except (KeyError, TypeError, ValueError):
        return [f"{SIGNATURE_NAME}: rusak (tanda tangan tidak dapat dibaca)"]
    if trusted is None:
        return [
            f"{SIGNATURE_NAME}: satuan ini belum memiliki kunci tanda tangan di instalasi ini; "
            "tanda tangan tidak dapat diperiksa"
        ]
    problems = []
    if claimed != trusted:
        problems.append(
            f"{SIGNATURE_NAME}: ditandatangani dengan kunci lain "
            f"(sidik jari {fingerprint_of(claimed)}, kunci satuan {fingerprint_of(trusted)})"
        )
    try:
        Ed25519PublicKey.from_public_bytes(trusted).verify(signature, manifest)
    except (InvalidSignature, ValueError):
        problems.append(
            "manifest.json: tanda tangan tidak sah untuk kunci satuan "
            "(manifest diubah atau ditandatangani orang lain)"
        )
    return problems
