from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from personnel.models import DutyShift

pytestmark = pytest.mark.django_db

HEADER = "tanggal,nrp_nip,loket,sif,mulai,selesai\n"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("jadwal.csv", (HEADER + text).encode(), content_type="text/csv")


def _check(client, upload):
    return client.post(reverse("personnel:roster_import"), {"action": "periksa", "file": upload})


def test_a_clean_sheet_is_checked_then_imported(client_for, supervisor, profile, colleague) -> None:
    client = client_for(supervisor)
    response = _check(
        client,
        _csv(
            f"2026-06-15,{profile.number},1,PAGI,08:00,12:00\n2026-06-15,{colleague.number},2,pagi,08.00,12.00\n"
        ),
    )
    body = response.content.decode()
    assert "Semua baris benar" in body
    assert not DutyShift.objects.exists()  # a dry run changes nothing
    response = client.post(reverse("personnel:roster_import"), {"action": "impor"}, follow=True)
    assert "2 baru" in response.content.decode()
    shifts = DutyShift.objects.order_by("service_point__number")
    assert [(s.officer, s.service_point.number, s.shift) for s in shifts] == [
        (profile, 1, "PAGI"),
        (colleague, 2, "PAGI"),
    ]


def test_one_bad_row_changes_nothing_and_every_bad_row_is_named(
    client_for, supervisor, profile, other_profile
) -> None:
    client = client_for(supervisor)
    response = _check(
        client,
        _csv(
            f"2026-06-15,{profile.number},1,PAGI,08:00,12:00\n"
            f"2026-06-15,{other_profile.number},1,PAGI,08:00,12:00\n"
            f"15 Juni,{profile.number},99,MALAM,12:00,08:00\n"
        ),
    )
    body = response.content.decode()
    assert "2 baris bermasalah" in body
    assert f"Tidak ada petugas aktif dengan NRP/NIP {other_profile.number}" in body
    assert "Loket 99 tidak ada" in body
    assert "Sif harus PAGI, SIANG atau PENUH" in body
    assert not DutyShift.objects.exists()
    # Without a clean check there is nothing to confirm.
    response = client.post(reverse("personnel:roster_import"), {"action": "impor"}, follow=True)
    assert "Periksa berkas terlebih dahulu" in response.content.decode()
    assert not DutyShift.objects.exists()


def test_importing_the_same_row_again_updates_it(client_for, supervisor, profile, on_duty) -> None:
    on_duty(profile, dt.date(2026, 6, 15), shift="PAGI", ends_at=dt.time(12))
    client = client_for(supervisor)
    _check(client, _csv(f"2026-06-15,{profile.number},3,PAGI,07:30,12:00\n"))
    client.post(reverse("personnel:roster_import"), {"action": "impor"})
    shift = DutyShift.objects.get()
    assert (shift.service_point.number, shift.starts_at) == (3, dt.time(7, 30))


def test_an_excel_sheet_is_read_too(client_for, supervisor, profile) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["tanggal", "nrp_nip", "loket", "sif", "mulai", "selesai"])
    sheet.append([dt.datetime(2026, 6, 16), profile.number, 1, "PENUH", dt.time(8), dt.time(15)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("jadwal.xlsx", buffer.getvalue())
    client = client_for(supervisor)
    assert "Semua baris benar" in _check(client, upload).content.decode()
    client.post(reverse("personnel:roster_import"), {"action": "impor"})
    assert DutyShift.objects.get().date == dt.date(2026, 6, 16)


def test_a_sheet_without_the_columns_is_explained(client_for, supervisor) -> None:
    upload = SimpleUploadedFile("jadwal.csv", b"nama,hari\nRizky,Senin\n")
    body = _check(client_for(supervisor), upload).content.decode()
    assert "Kolom tidak lengkap" in body


def test_another_file_type_is_refused(client_for, supervisor) -> None:
    upload = SimpleUploadedFile("jadwal.pdf", b"%PDF-1.4")
    body = _check(client_for(supervisor), upload).content.decode()
    assert "Gunakan berkas .csv atau .xlsx" in body


def test_the_week_grid_shows_the_roster(client_for, supervisor, profile, on_duty, frozen) -> None:
    frozen(2026, 6, 17, 9, 0)
    on_duty(profile, dt.date(2026, 6, 15))
    body = client_for(supervisor).get(reverse("personnel:roster")).content.decode()
    assert "Rizky Pratama" in body
    assert "15 Jun" in body or "15-06" in body


def test_adding_a_shift_for_another_units_counter_is_impossible(
    client_for, supervisor, profile, other_unit
) -> None:
    from service_timing.models import ServicePoint

    foreign = ServicePoint.objects.filter(unit=other_unit).first()
    response = client_for(supervisor).post(
        reverse("personnel:shift_add"),
        {
            "officer": profile.pk,
            "date": "2026-06-15",
            "shift": "PAGI",
            "service_point": foreign.pk,
            "starts_at": "08:00",
            "ends_at": "12:00",
        },
    )
    assert response.status_code == 200
    assert not DutyShift.objects.exists()
