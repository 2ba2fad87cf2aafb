"""The month of evidence (every kind of record) that the project-wide tests call pages with."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.evidence.conftest import evidence  # noqa: F401 (fixture)
from tests.personnel.conftest import (  # noqa: F401 (fixtures)
    office,
    other_kasat,
    other_supervisor,
    small_world,
    world,
)
from tests.urlmap import Route, all_urls


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def urls(evidence, unit, settings, tmp_path) -> list[Route]:  # noqa: F811 (the fixture above)
    """Every URL, and behind it records complete enough to answer: photos, a finished pack."""
    from django.core.files.base import ContentFile

    from evidence.models import EvidencePack
    from personnel.models import AppearanceCheck

    settings.MEDIA_ROOT = tmp_path
    evidence.case.photo = SimpleUploadedFile("serah.png", _png(), content_type="image/png")
    evidence.case.save(update_fields=["photo"])
    check = AppearanceCheck.objects.filter(unit=unit).first()
    check.photo = SimpleUploadedFile("tampang.png", _png(), content_type="image/png")
    check.save(update_fields=["photo"])
    urls = all_urls(evidence, unit)
    for pack in EvidencePack.objects.filter(unit=unit):
        pack.file.save("bukti.zip", ContentFile(b"PK"), save=False)
        pack.status = EvidencePack.Status.DONE
        pack.save()
    return urls
