from __future__ import annotations

import pytest

from satpas.privacy import mask_name, mask_nik, name_for, nik_for


def test_nik_keeps_region_and_serial_only() -> None:
    assert mask_nik("2172015708950003") == "2172********0003"


def test_name_keeps_initials_only() -> None:
    assert mask_name("Budi  Santoso") == "B*** S***"


@pytest.mark.django_db
def test_auditor_sees_masked_values(auditor) -> None:
    assert nik_for(auditor, "2172015708950003") == "2172********0003"
    assert name_for(auditor, "Budi Santoso") == "B*** S***"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("NIK saya 2172015708950003, tolong cek", "NIK saya 2172********0003, tolong cek"),
        ("nomor 2172 0157 0895 0003", "nomor 2172********0003"),
        ("hubungi 081234567890", "hubungi 0812******90"),
        ("WA +62 812-3456-7890 ya", "WA +62 812******90 ya"),
        ("62812345678", "62812****78"),
        ("antre 45 menit di loket 3, 27-11-2026 jam 09.30", None),
        ("tiket B-012, biaya Rp 75.000", None),
    ],
)
def test_numbers_inside_free_text_are_masked(text, masked) -> None:
    from satpas.privacy import mask_text

    assert mask_text(text) == (masked if masked is not None else text)


@pytest.mark.django_db
def test_the_auditor_sees_complaints_and_comments_masked_the_kasat_whole(
    unit, officer, auditor, kasat, client_for, frozen
) -> None:

    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from compensation import services
    from compensation.models import Complaint

    frozen(2026, 11, 27, 9, 30)
    text = "Saya 2172015708950003, HP 081234567890: petugas tidak ramah."
    complaint = services.complaint_create(
        unit=unit, channel=Complaint.Channel.COUNTER, description=text, user=officer
    )
    services.survey_submit(
        unit=unit, scores={f"u{i}": 3 for i in range(1, 10)}, comment=text, channel="KIOSK"
    )
    detail = reverse("compensation:complaint_detail", args=[complaint.pk])
    for user, shows in ((auditor, False), (kasat, True)):
        client = client_for(user)
        pages = [
            client.get(detail).content.decode(),
            client.get(reverse("compensation:complaints")).content.decode(),
            client.get(reverse("reports:satisfaction"), {"periode": "2026-11"}).content.decode(),
        ]
        for body in pages:
            assert ("2172015708950003" in body) is shows
            assert ("081234567890" in body) is shows
        excel = client.get(reverse("reports:complaints_excel"), {"periode": "2026-11"})
        book = load_workbook(io.BytesIO(b"".join(excel.streaming_content)))
        cells = [c for row in book["Pengaduan"].iter_rows(values_only=True) for c in row]
        assert (text in cells) is shows
        if not shows:
            assert "Saya 2172********0003, HP 0812******90: petugas tidak ramah." in cells
