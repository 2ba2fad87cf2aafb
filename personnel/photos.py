"""Photos attached to checks: small, and only the formats a phone camera produces."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 4 * 1024 * 1024
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_photo(photo: Any) -> None:
    """Refuse a photo over 4 MB or in another format than JPEG, PNG or WebP."""
    if photo is None:
        return
    if photo.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Foto terlalu besar (%(size)s MB). Maksimal 4 MB; kecilkan resolusi kamera.")
            % {"size": f"{photo.size / 1024 / 1024:.1f}"},
            code="photo_too_large",
        )
    # A form's ImageField leaves the opened image on the upload (or on its file).
    image = getattr(photo, "image", None) or getattr(getattr(photo, "file", None), "image", None)
    image_format = getattr(image, "format", None)
    if image is not None and image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Format foto tidak didukung. Gunakan JPG, PNG atau WebP."), code="photo_format"
        )
