from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from compensation.models import CompensationCase
from tests.factories import register

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def case(unit, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = register(unit, officer)
    return CompensationCase.objects.create(
        unit=unit,
        application=application,
        reason="OVERDUE",
        opened_at=timezone.now(),
        status="GIVEN",
        item=unit.compensation_items.first(),
        settled_at=timezone.now(),
        photo=SimpleUploadedFile("serah.png", _png(), content_type="image/png"),
    )


def test_the_hand_over_photo_is_served_to_who_may_read_the_case(
    client_for, case, kasat, auditor
) -> None:
    for user in (kasat, auditor):
        response = client_for(user).get(reverse("compensation:case_photo", args=[case.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content) == case.photo.open("rb").read()


def test_another_unit_and_anonymous_cannot_see_it(client_for, case, other_officer) -> None:
    url = reverse("compensation:case_photo", args=[case.pk])
    assert client_for(other_officer).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_a_case_without_photo_is_a_404(client_for, case, kasat) -> None:
    CompensationCase.objects.filter(pk=case.pk).update(photo="")
    assert (
        client_for(kasat).get(reverse("compensation:case_photo", args=[case.pk])).status_code == 404
    )
