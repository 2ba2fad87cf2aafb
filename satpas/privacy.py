"""Personal data (UU 27/2022 PDP): NIK and names are masked for whoever may not see them."""

from __future__ import annotations

import re
from typing import Any

# Auditors and public pages lack this permission and see masked values.
PERSONAL_DATA_PERMISSION = "applicants.view_personal_data"


def may_see_personal_data(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        PERSONAL_DATA_PERMISSION
    )


def mask_nik(nik: str) -> str:
    """Keep the region (4 digits) and the serial (4 digits): 2172********0003."""
    if len(nik) <= 8:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * (len(nik) - 8)}{nik[-4:]}"


def mask_name(name: str) -> str:
    """First letter of each word: "Budi Santoso" becomes "B*** S***"."""
    return " ".join(f"{word[0]}***" for word in name.split() if word)


def nik_for(user: Any, nik: str) -> str:
    return nik if may_see_personal_data(user) else mask_nik(nik)


def name_for(user: Any, name: str) -> str:
    return name if may_see_personal_data(user) else mask_name(name)


# Inside free text (a complaint, a survey comment, a note): sixteen digits in a row, or in
# groups of four, are treated as a NIK; an Indonesian mobile number (08…, 62 8…, +62 8…) as
# a phone number, also written in groups.
NIK_IN_TEXT = re.compile(r"(?<![\d])(\d{4})[ .-]?(\d{4})[ .-]?(\d{4})[ .-]?(\d{4})(?![\d])")
PHONE_IN_TEXT = re.compile(r"(?<![\d+])((?:\+?62|0)[ .-]?8\d{1,2})((?:[ .-]?\d){6,10})(?![\d])")


def _mask_phone(match: re.Match[str]) -> str:
    head, rest = match.group(1), match.group(2)
    digits = re.sub(r"\D", "", rest)
    return f"{head}{'*' * (len(digits) - 2)}{digits[-2:]}"


def mask_text(text: str) -> str:
    """Free text with every NIK-shaped and phone-shaped number masked."""
    if not text:
        return text
    text = NIK_IN_TEXT.sub(lambda m: mask_nik("".join(m.groups())), text)
    return PHONE_IN_TEXT.sub(_mask_phone, text)


def text_for(user: Any, text: str) -> str:
    return text if may_see_personal_data(user) else mask_text(text)
