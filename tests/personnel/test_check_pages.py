from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from personnel.models import AppearanceCheck, AttendanceCheck, CleanlinessCheck, Finding

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 6, 15)


@pytest.fixture
def clock(frozen):
    frozen(2026, 6, 15, 9, 30)


def _jpeg(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_todays_roster_lists_who_is_on_duty(
    client_for, supervisor, profile, on_duty, clock
) -> None:
    on_duty(profile, DAY)
    body = client_for(supervisor).get(reverse("personnel:checks")).content.decode()
    assert "Rizky Pratama" in body
    assert "Catat kehadiran" in body


def test_recording_twelve_minutes_late_makes_a_finding_and_says_so(
    client_for, supervisor, profile, on_duty, clock
) -> None:
    shift = on_duty(profile, DAY)
    response = client_for(supervisor).post(
        reverse("personnel:attendance", args=[shift.pk]),
        {"present": "1", "arrived_at": "08:12", "note": ""},
        follow=True,
    )
    assert "terlambat 12 menit" in response.content.decode()
    check = AttendanceCheck.objects.get()
    assert (check.minutes_late, check.is_late) == (12, True)
    assert Finding.objects.get().criterion == "TIME_DISCIPLINE"


def test_recording_ten_minutes_late_is_within_tolerance(
    client_for, supervisor, profile, on_duty, clock
) -> None:
    shift = on_duty(profile, DAY)
    response = client_for(supervisor).post(
        reverse("personnel:attendance", args=[shift.pk]),
        {"present": "1", "arrived_at": "08:10"},
        follow=True,
    )
    assert "dalam toleransi" in response.content.decode()
    assert not Finding.objects.exists()


def test_present_without_an_arrival_time_is_explained(
    client_for, supervisor, profile, on_duty, clock
) -> None:
    shift = on_duty(profile, DAY)
    response = client_for(supervisor).post(
        reverse("personnel:attendance", args=[shift.pk]), {"present": "1", "arrived_at": ""}
    )
    assert response.status_code == 200
    assert "Isi jam datang" in response.content.decode()
    assert not AttendanceCheck.objects.exists()


def test_an_appearance_check_with_a_photo_is_kept_with_its_finding(
    client_for, supervisor, profile, on_duty, clock, settings, tmp_path
) -> None:
    on_duty(profile, DAY)
    settings.MEDIA_ROOT = tmp_path
    data = {"checked_on": "2026-06-15", "severity": "RINGAN", "note": "", "photo": _jpeg()}
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "0" if item == "shave" else "1"
        data[f"{item}_note"] = "jenggot panjang" if item == "shave" else ""
    response = client_for(supervisor).post(
        reverse("personnel:appearance", args=[profile.pk]), data, follow=True
    )
    assert response.status_code == 200
    check = AppearanceCheck.objects.get()
    assert check.photo.name.startswith("personnel/appearance/")
    assert "jenggot panjang" in Finding.objects.get().description
    photo = client_for(supervisor).get(reverse("personnel:photo", args=["sikap-tampang", check.pk]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"


def test_a_file_that_is_not_a_photo_is_refused_with_a_clear_message(
    client_for, supervisor, profile, clock
) -> None:
    data = {"checked_on": "2026-06-15", "severity": "RINGAN"}
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "1"
    data["photo"] = SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")
    response = client_for(supervisor).post(reverse("personnel:appearance", args=[profile.pk]), data)
    assert response.status_code == 200
    assert "bukan foto yang dapat dibaca" in response.content.decode()
    assert not AppearanceCheck.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(
    client_for, supervisor, profile, clock, settings
) -> None:
    settings.PHOTO_MAX_BYTES = 100
    data = {"checked_on": "2026-06-15", "severity": "RINGAN", "photo": _jpeg((200, 200))}
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "1"
    response = client_for(supervisor).post(reverse("personnel:appearance", args=[profile.pk]), data)
    assert "Foto terlalu besar" in response.content.decode()
    assert not AppearanceCheck.objects.exists()


def test_a_gif_is_refused(client_for, supervisor, profile, clock) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    data = {
        "checked_on": "2026-06-15",
        "severity": "RINGAN",
        "photo": SimpleUploadedFile("foto.gif", buffer.getvalue(), content_type="image/gif"),
    }
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "1"
    response = client_for(supervisor).post(reverse("personnel:appearance", args=[profile.pk]), data)
    assert "Format foto tidak didukung" in response.content.decode()


def test_a_dirty_counter_page_names_who_it_falls_on(
    client_for, supervisor, profile, on_duty, point, clock
) -> None:
    on_duty(profile, DAY)
    client = client_for(supervisor)
    url = reverse("personnel:cleanliness", args=[point.pk])
    assert "Rizky Pratama" in client.get(url).content.decode()
    data = {"checked_on": "2026-06-15", "severity": "RINGAN", "note": ""}
    for item in CleanlinessCheck.ITEMS:
        data[f"{item}_ok"] = "0" if item == "handwash" else "1"
    response = client.post(url, data, follow=True)
    assert "1 temuan" in response.content.decode()
    assert Finding.objects.get().officer == profile


def test_professionalism_page_records_a_heavy_finding_as_a_referral(
    client_for, supervisor, profile, clock
) -> None:
    response = client_for(supervisor).post(
        reverse("personnel:professionalism", args=[profile.pk]),
        {
            "checked_on": "2026-06-15",
            "procedure": "3",
            "accuracy": "3",
            "courtesy": "3",
            "integrity": "1",
            "severity": "BERAT",
            "note": "Menerima uang",
        },
    )
    assert response.status_code == 302
    assert Finding.objects.get().referral.status == "OPEN"


def test_photos_are_shown_only_to_those_who_may_read_the_check(
    client_for,
    supervisor,
    officer,
    other_supervisor,
    profile,
    on_duty,
    clock,
    settings,
    tmp_path,
    django_assert_max_num_queries,
) -> None:
    from django.utils import timezone

    from personnel.services import cleanliness_record
    from service_timing.models import ServicePoint

    settings.MEDIA_ROOT = tmp_path
    on_duty(profile, DAY)
    check = cleanliness_record(
        unit=profile.unit,
        service_point=ServicePoint.objects.get(unit=profile.unit, number=1),
        checked_on=DAY,
        results={"floor": False},
        photo=_jpeg(),
        by=supervisor,
        now=timezone.now(),
    ).check
    url = reverse("personnel:photo", args=["kebersihan", check.pk])
    client = client_for(supervisor)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    assert client_for(officer).get(url).status_code == 403
    assert client_for(other_supervisor).get(url).status_code == 404
    assert client_for(None).get(url)["Location"].startswith(reverse("login"))
    assert client.get(reverse("personnel:photo", args=["lain", check.pk])).status_code == 404


def test_an_appearance_check_where_everything_passes_needs_no_severity(
    client_for, supervisor, profile, on_duty, clock
) -> None:
    on_duty(profile, DAY)
    data = {"checked_on": "2026-06-15", "severity": "", "note": ""}
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "1"
        data[f"{item}_note"] = ""
    response = client_for(supervisor).post(
        reverse("personnel:appearance", args=[profile.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert AppearanceCheck.objects.count() == 1
    assert not Finding.objects.exists()


def test_a_failed_item_without_severity_is_explained_and_nothing_written(
    client_for, supervisor, profile, on_duty, clock
) -> None:
    on_duty(profile, DAY)
    data = {"checked_on": "2026-06-15", "severity": "", "note": ""}
    for item in AppearanceCheck.ITEMS:
        data[f"{item}_ok"] = "0" if item == "shave" else "1"
        data[f"{item}_note"] = ""
    response = client_for(supervisor).post(reverse("personnel:appearance", args=[profile.pk]), data)
    assert "Pilih tingkat pelanggaran" in response.content.decode()
    assert not AppearanceCheck.objects.exists()
