"""Every photo upload is opened by Pillow, limited in size and re-encoded without EXIF: the
GPS position a phone writes into a photo never reaches the media folder."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from compensation.models import CompensationCase
from compensation.services import sweep_overdue
from personnel.models import AppearanceCheck, Officer
from satpas.photos import clean_photo
from tests.compensation.helpers import at
from tests.compensation.test_handover_views import case_of, water
from tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(unit, officer):
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 15))
    return application


@pytest.fixture
def checked(unit) -> Officer:
    return Officer.objects.create(unit=unit, number="88010102", full_name="Budi", rank="BRIPDA")


def phone_photo(size=(64, 48), image_format="JPEG") -> SimpleUploadedFile:
    """A photo as a phone writes it: EXIF with the camera, the time and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PonselX"
    exif[ExifTags.Base.DateTime] = "2026:11:27 09:30:00"
    exif[ExifTags.Base.Orientation] = 6  # taken sideways
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (0.0, 55.0, 12.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (104.0, 27.0, 0.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=image_format, exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # sanity
    return SimpleUploadedFile("IMG_0001.jpg", data, content_type="image/jpeg")


def assert_clean(stored) -> None:
    with stored.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info
    assert image.size == (48, 64)  # turned upright before the orientation tag was dropped


def test_the_hand_over_photo_is_stored_without_exif(
    client_for, unit, late, officer, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    case = case_of(late)
    response = client_for(officer).post(
        reverse("compensation:case_give", args=[case.pk]),
        {
            f"c{case.pk}-item": water(unit).pk,
            f"c{case.pk}-acknowledged": "on",
            f"c{case.pk}-photo": phone_photo(),
        },
    )
    assert response.status_code == 302
    case = CompensationCase.objects.get(pk=case.pk)
    assert case.photo.name.endswith(".jpg")
    assert_clean(case.photo)


def test_the_appearance_photo_is_stored_without_exif(
    client_for, supervisor, checked, frozen, settings, tmp_path
) -> None:
    frozen(2026, 6, 15, 9, 30)
    settings.MEDIA_ROOT = tmp_path
    data = {
        "checked_on": "2026-06-15",
        "severity": "RINGAN",
        "note": "Pemeriksaan di luar jadwal piket",
        "photo": phone_photo(),
    }
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "1"
    client_for(supervisor).post(reverse("personnel:appearance", args=[checked.pk]), data)
    assert_clean(AppearanceCheck.objects.get().photo)


def test_a_hand_over_photo_over_the_limit_is_refused_and_nothing_changes(
    client_for, unit, late, officer, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PHOTO_MAX_BYTES = 100
    case = case_of(late)
    response = client_for(officer).post(
        reverse("compensation:case_give", args=[case.pk]),
        {
            f"c{case.pk}-item": water(unit).pk,
            f"c{case.pk}-acknowledged": "on",
            f"c{case.pk}-photo": phone_photo(),
        },
        follow=True,
    )
    assert "Foto terlalu besar" in response.content.decode()
    assert CompensationCase.objects.get(pk=case.pk).status == "DUE"
    assert not list(tmp_path.rglob("*.jpg"))


def test_the_service_refuses_what_is_not_a_picture() -> None:
    fake = SimpleUploadedFile("foto.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="bukan foto"):
        clean_photo(fake)


def test_a_decompression_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")  # 100 MP, a few kB
    bomb = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError, match="terlalu besar"):
        clean_photo(bomb)


def test_png_and_webp_become_clean_jpegs() -> None:
    for image_format in ("PNG", "WEBP"):
        cleaned = clean_photo(phone_photo(image_format=image_format))
        image = Image.open(io.BytesIO(cleaned.read()))
        assert image.format == "JPEG"
        assert not image.getexif()
