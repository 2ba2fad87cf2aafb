"""Indonesian is the source language; every string must also have its English translation."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EN_PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every entry of a .po file, without a gettext library.

    A msgid with a context (msgctxt) is given as the compiled catalogue keys it:
    "context\x04msgid"."""
    entries = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if not any(line.startswith("msgid ") for line in lines) or any(
            line.startswith("#~") for line in lines
        ):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current: str | None = None
        parts: dict[str, str] = {}
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                parts[current] = match.group(2)
            elif line.startswith('"') and current:
                parts[current] += line[1:-1]
        msgstrs = [v for k, v in parts.items() if k.startswith("msgstr")]
        msgid = parts.get("msgid", "")
        if msgid and "msgctxt" in parts:
            msgid = parts["msgctxt"] + "\x04" + msgid
        entries.append((msgid, msgstrs, fuzzy))
    return entries


def test_every_string_has_an_english_translation() -> None:
    missing = [
        msgid
        for msgid, msgstrs, fuzzy in _entries(EN_PO.read_text())
        if msgid and (fuzzy or not all(msgstrs))
    ]
    assert missing == []


def test_compiled_catalogue_matches_its_source() -> None:
    """The committed .mo holds exactly the .po's translations (run `make messages`)."""
    with EN_PO.with_suffix(".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    for msgid, msgstrs, _fuzzy in _entries(EN_PO.read_text()):
        if not msgid:
            continue
        unescaped = msgid.encode().decode("unicode_escape").encode("latin-1").decode()
        compiled = catalog.get(unescaped, catalog.get((unescaped, 0)))
        assert compiled is not None, f"not compiled: {msgid!r}"
        expected = msgstrs[0].encode().decode("unicode_escape").encode("latin-1").decode()
        assert compiled == expected, msgid
