"""Photos attached to checks: the rules are the project's (satpas.photos); this validator is
the one the models and migrations name."""

from __future__ import annotations

from typing import Any

from satpas.photos import check_photo


def validate_photo(photo: Any) -> None:
    """Refuse a photo over PHOTO_MAX_BYTES or in another format than JPEG, PNG or WebP."""
    check_photo(photo)
