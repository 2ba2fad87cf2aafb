"""Personal data (UU 27/2022 PDP): NIK and names are masked for whoever may not see them."""

from __future__ import annotations

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
