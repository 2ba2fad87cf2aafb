"""Photos people upload (appearance and cleanliness checks, compensation hand-over): opened by
Pillow, limited in size, and re-encoded as a fresh JPEG before they are stored.

Re-encoding keeps only the pixels: the EXIF block of a phone photo (GPS position, device,
time) and any other metadata or trailing bytes are dropped, and a file that only claims to be
a picture never reaches the media folder. The photo is turned upright first (EXIF
orientation), since the orientation tag goes with the rest.
"""

from __future__ import annotations

import io
import uuid
import warnings
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
# A phone camera makes 12–50 megapixels; more is a decompression bomb, not a photo.
MAX_PIXELS = 60_000_000
# Large enough to read a name tag, small enough to keep years of checks on one disk.
MAX_SIDE = 2048
JPEG_QUALITY = 85


def max_bytes() -> int:
    return settings.PHOTO_MAX_BYTES


def _help_text() -> str:
    return _("JPG, PNG atau WebP, maksimal %(mb)s MB; lokasi (EXIF) dihapus saat disimpan.") % {
        "mb": f"{max_bytes() / 1024 / 1024:g}"
    }


# Translated and read from the settings each time a form is shown.
PHOTO_HELP_TEXT = lazy(_help_text, str)()


def check_photo(photo: Any) -> None:
    """Refuse a photo larger than PHOTO_MAX_BYTES, or one Pillow cannot read as JPEG, PNG or
    WebP."""
    if photo is None:
        return
    limit = max_bytes()
    if photo.size > limit:
        raise ValidationError(
            _("Foto terlalu besar (%(size)s MB). Maksimal %(limit)s MB; kecilkan resolusi kamera.")
            % {"size": f"{photo.size / 1024 / 1024:.1f}", "limit": f"{limit / 1024 / 1024:g}"},
            code="photo_too_large",
        )
    _open(photo).close()


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("Foto terlalu besar (lebih dari %(mp)d megapiksel).") % {"mp": MAX_PIXELS // 1_000_000},
        code="photo_too_large",
    )


def _open(photo: Any) -> Image.Image:
    # Read once into memory (at most PHOTO_MAX_BYTES): Pillow may close a file it was given.
    photo.seek(0)
    data = photo.read()
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own pixel limit: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Format foto tidak didukung. Gunakan JPG, PNG atau WebP."), code="photo_format"
            )
        if image.width * image.height > MAX_PIXELS:
            raise _too_many_pixels()
        image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            _("Berkas ini bukan foto yang dapat dibaca. Gunakan JPG, PNG atau WebP."),
            code="invalid_image",
        ) from exc
    finally:
        photo.seek(0)
    return image


def clean_photo(photo: Any) -> ContentFile:
    """The photo checked and re-encoded as a JPEG without EXIF or other metadata."""
    check_photo(photo)
    with _open(photo) as image:
        upright = ImageOps.exif_transpose(image)
        upright = upright.convert("RGB")
        upright.thumbnail((MAX_SIDE, MAX_SIDE))
        buffer = io.BytesIO()
        # A new image carries no info dict: nothing but pixels is written.
        Image.frombytes("RGB", upright.size, upright.tobytes()).save(
            buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True
        )
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def photo_for_storage(photo: Any) -> ContentFile:
    """`clean_photo` for a service: a refusal is the error of its `photo` field."""
    try:
        return clean_photo(photo)
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from exc
