"""The evidence-pack pages: choose a period, request (the worker builds it; tests run the task
inline), follow the progress, download; errors, failures, other units and query budgets."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from django.urls import reverse

from evidence.manifest import verify_pack
from evidence.models import EvidencePack
from satpas.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("reports:packs")
REQUEST = reverse("reports:pack_request")
MAY = {"periode": "bulan", "tahun": 2026, "bulan": 5}


def pack_for(unit, user, *, status=EvidencePack.Status.QUEUED, **fields) -> EvidencePack:
    return EvidencePack.objects.create(
        unit=unit,
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 5, 31),
        requested_by=user,
        status=status,
        **fields,
    )


@pytest.mark.parametrize("cast", ["supervisor", "kasat", "auditor"])
def test_readers_open_the_pack_page(request, client_for, cast, frozen) -> None:
    frozen(2026, 6, 15, 10, 0)
    response = client_for(request.getfixturevalue(cast)).get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    # The last full month by default.
    assert '<option value="5" selected>Mei</option>' in body
    assert 'value="2026"' in body
    assert 'data-testid="pack-form"' in body


def test_officer_and_operator_are_refused_and_anonymous_sent_to_login(
    client_for, officer, admin_user, unit, auditor
) -> None:
    pack = pack_for(unit, auditor)
    urls = [
        LIST,
        reverse("reports:pack", args=[pack.pk]),
        reverse("reports:pack_progress", args=[pack.pk]),
        reverse("reports:pack_download", args=[pack.pk]),
    ]
    for url in urls:
        assert client_for(officer).get(url).status_code == 403
        assert client_for(admin_user).get(url).status_code == 403
        assert client_for(None).get(url)["Location"].startswith(reverse("login"))
    for user in (officer, admin_user):
        assert client_for(user).post(REQUEST, MAY).status_code == 403
    assert EvidencePack.objects.count() == 1


def test_the_auditor_builds_and_downloads_a_pack(
    evidence, client_for, auditor, django_capture_on_commit_callbacks, tmp_path
) -> None:
    client = client_for(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, {"periode": "bulan", "tahun": 2026, "bulan": 6})
    pack = EvidencePack.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:pack", args=[pack.pk])
    assert (pack.period_start, pack.period_end) == (dt.date(2026, 6, 1), dt.date(2026, 6, 15))
    assert pack.status == EvidencePack.Status.DONE
    assert pack.requested_by == auditor
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="DONE"' in page
    # No "being built" message left beside "Selesai" (issue 15, item 16).
    assert "sedang disusun" not in page.lower()
    assert "hx-trigger" not in page
    assert pack.sha256 in page
    download = client.get(reverse("reports:pack_download", args=[pack.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert pack.filename in download["Content-Disposition"]
    target = tmp_path / pack.filename
    target.write_bytes(b"".join(download.streaming_content))
    ok, problems = verify_pack(str(target))
    assert problems == []
    assert "09-laporan-pelaksanaan.pdf" in ok
    with zipfile.ZipFile(target) as archive:
        assert "Periode: 01-06-2026 s.d. 15-06-2026" in archive.read("BACA-SAYA.txt").decode()
    listed = client.get(LIST).content.decode()
    assert listed.count('data-testid="pack-row"') == 1
    assert reverse("reports:pack_download", args=[pack.pk]) in listed


def test_the_request_returns_at_once_and_the_page_polls_until_done(
    client_for, auditor, frozen, max_queries
) -> None:
    frozen(2026, 6, 15, 10, 0)
    client = client_for(auditor)
    client.get(LIST)
    # on_commit does not fire inside the test's transaction: the worker has not run yet.
    with max_queries(12):
        response = client.post(REQUEST, MAY)
    pack = EvidencePack.objects.get()
    assert pack.status == EvidencePack.Status.QUEUED
    page = client.get(response["Location"]).content.decode()
    progress_url = reverse("reports:pack_progress", args=[pack.pk])
    assert f'hx-get="{progress_url}"' in page
    assert 'hx-trigger="every 2s"' in page
    EvidencePack.objects.filter(pk=pack.pk).update(
        status=EvidencePack.Status.RUNNING, progress=40, step="Register kompensasi"
    )
    with max_queries(5):
        partial = client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert "40%" in partial
    assert "Register kompensasi" in partial
    assert 'hx-trigger="every 2s"' in partial
    assert "<html" not in partial
    assert client.get(reverse("reports:pack_download", args=[pack.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"periode": "rentang", "dari": "2026-06-10", "sampai": "2026-06-01"},
            "Tanggal akhir tidak boleh sebelum tanggal awal.",
        ),
        (
            {"periode": "rentang", "dari": "2026-06-01", "sampai": "2026-06-30"},
            "Periode tidak boleh melewati hari ini.",
        ),
        (
            {"periode": "rentang", "dari": "2025-01-01", "sampai": "2026-06-01"},
            "Periode paling panjang 400 hari.",
        ),
        ({"periode": "rentang"}, "Isi tanggal awal dan tanggal akhir rentang."),
        ({"periode": "bulan", "tahun": 2027, "bulan": 1}, "Periode tidak boleh melewati hari ini."),
    ],
)
def test_a_bad_period_is_refused_with_its_reason(
    client_for, auditor, frozen, data, message
) -> None:
    frozen(2026, 6, 15, 10, 0)
    response = client_for(auditor).post(REQUEST, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EvidencePack.objects.exists()


def test_a_failed_pack_says_so_and_offers_to_build_it_again(
    client_for, unit, auditor, admin_user
) -> None:
    pack = pack_for(
        unit, auditor, status=EvidencePack.Status.FAILED, error="OSError: disk full at /srv/x"
    )
    body = client_for(auditor).get(reverse("reports:pack", args=[pack.pk])).content.decode()
    assert 'data-status="FAILED"' in body
    assert "Paket tidak dapat disusun" in body
    assert "disk full" not in body  # technical details are for the operator
    assert f'action="{REQUEST}"' in body
    assert 'name="dari" value="2026-05-01"' in body
    assert "hx-trigger" not in body


def test_a_build_that_raises_is_recorded_as_failed(
    client_for, auditor, frozen, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from evidence import services

    def broken(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(services, "build_pack", broken)
    frozen(2026, 6, 15, 10, 0)
    client = client_for(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, MAY)
    pack = EvidencePack.objects.get()
    assert pack.status == EvidencePack.Status.FAILED
    assert "no space left" in pack.error
    assert 'data-status="FAILED"' in client.get(response["Location"]).content.decode()


def test_another_units_pack_is_a_404(client_for, unit, auditor, other_unit) -> None:
    stranger = UserFactory(home_unit=other_unit, role=Role.AUDITOR)
    pack = pack_for(unit, auditor, status=EvidencePack.Status.DONE)
    for name in ("pack", "pack_progress", "pack_download"):
        assert (
            client_for(stranger).get(reverse(f"reports:{name}", args=[pack.pk])).status_code == 404
        )
    body = client_for(stranger).get(LIST).content.decode()
    assert 'data-testid="pack-row"' not in body


def test_the_list_is_paged_and_its_budget_fixed(client_for, unit, auditor, max_queries) -> None:
    for _ in range(55):
        pack_for(unit, auditor, status=EvidencePack.Status.DONE, size=1024)
    client = client_for(auditor)
    client.get(LIST)
    with max_queries(7):
        body = client.get(LIST).content.decode()
    assert body.count('data-testid="pack-row"') == 50
    assert client.get(LIST, {"halaman": 2}).content.decode().count('data-testid="pack-row"') == 5


def test_the_pack_page_budget(client_for, unit, auditor, max_queries) -> None:
    pack = pack_for(unit, auditor)
    client = client_for(auditor)
    client.get(LIST)
    with max_queries(5):
        assert client.get(reverse("reports:pack", args=[pack.pk])).status_code == 200


def test_the_download_of_a_pack_whose_file_is_gone_is_a_404(client_for, unit, auditor) -> None:
    pack = pack_for(unit, auditor, status=EvidencePack.Status.DONE)
    pack.file.name = "evidence/hilang.zip"
    pack.save(update_fields=["file"])
    assert (
        client_for(auditor).get(reverse("reports:pack_download", args=[pack.pk])).status_code == 404
    )


def test_the_pack_pages_refuse_other_methods(client_for, unit, auditor) -> None:
    pack = pack_for(unit, auditor)
    client = client_for(auditor)
    assert client.post(LIST).status_code == 405
    assert client.post(reverse("reports:pack", args=[pack.pk])).status_code == 405
    assert client.get(REQUEST).status_code == 405


def test_a_supervisor_may_request_too_and_the_list_shows_who(
    client_for, supervisor, frozen
) -> None:
    frozen(2026, 6, 15, 10, 0)
    client = client_for(supervisor)
    response = client.post(REQUEST, MAY)
    assert response.status_code == 302
    assert supervisor.full_name in client.get(LIST).content.decode()
