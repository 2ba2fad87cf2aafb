"""The auditor signs in, sees applicants' NIKs masked in a report, builds the evidence pack for
last month from the pack page and downloads it; every file of the ZIP matches its manifest."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from evidence.manifest import verify_pack
from tests.compensation.helpers import PERPANJANGAN, walk
from tests.factories import register

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _stage_catalogue(transactional_db: None) -> None:
    """A transactional test before this one flushed the stage rows that a data migration put
    in (roles come back with the flush's post_migrate); units need them."""
    from service_timing.defaults import STAGES
    from service_timing.models import Stage

    for code, name, is_test in STAGES:
        Stage.objects.get_or_create(
            code=code, defaults={"name": name, "is_test": is_test, "is_default": True}
        )


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def test_the_auditor_sees_masked_niks_and_downloads_last_months_pack(
    live_server, page: Page, unit, officer, auditor, password, tmp_path
) -> None:
    zone = zoneinfo.ZoneInfo(unit.time_zone)
    month, month_end = last_month(timezone.localdate(timezone=zone))
    day = month.replace(day=10)
    start = dt.datetime.combine(day, dt.time(8), tzinfo=zone)
    served = register(
        unit, officer, application_type="PERPANJANGAN", name="Sari Wulandari", now=start
    )
    walk(served, officer, PERPANJANGAN, start + dt.timedelta(minutes=2), minutes_each=5)
    waiting = register(unit, officer, name="Budi Santoso", now=start + dt.timedelta(minutes=1))
    nik = served.applicant.nik
    base = live_server.url

    page.goto(f"{base}/masuk/")
    page.get_by_label("NRP/NIP").fill(auditor.username)
    page.get_by_label("Kata sandi").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Bukti Zona Integritas")).to_be_visible()

    # A report of last month: the NIKs are masked, the names too.
    page.get_by_role("link", name=re.compile("^Waktu pelayanan")).click()
    form = page.get_by_role("form", name="Saring laporan")
    form.get_by_label("Tahun").fill(str(month.year))
    form.get_by_label("Bulan", exact=True).select_option(str(month.month))
    form.get_by_role("button", name="Tampilkan").click()
    niks = page.get_by_test_id("nik")
    expect(niks).to_have_count(2)
    expect(niks.first).to_have_text(re.compile(r"^2172\*{8}\d{4}$"))
    expect(page.get_by_test_id("masked-notice")).to_be_visible()
    body = page.content()
    assert nik not in body
    assert waiting.applicant.nik not in body
    assert "Sari Wulandari" not in body
    expect(page.get_by_text("S*** W***")).to_be_visible()

    # The pack page proposes last month; the auditor builds it and downloads it.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Laporan"
    ).click()
    page.get_by_role("link", name="Paket bukti (ZIP)").click()
    pack_form = page.get_by_test_id("pack-form")
    expect(pack_form.get_by_label("Bulan", exact=True)).to_have_value(str(month.month))
    expect(pack_form.get_by_label("Tahun")).to_have_value(str(month.year))
    pack_form.get_by_role("button", name="Susun paket bukti").click()
    download_button = page.get_by_test_id("download")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        download_button.click()
    download = info.value
    assert (
        download.suggested_filename == f"bukti-zi-{unit.code}-{month:%Y%m%d}-{month_end:%Y%m%d}.zip"
    )
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    ok, problems = verify_pack(str(target))
    assert problems == []
    assert {"02-waktu-pelayanan.xlsx", "09-laporan-pelaksanaan.pdf"} <= set(ok)
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["unit"].startswith(unit.code)
        register_text = archive.read("02-waktu-pelayanan.xlsx")
    with zipfile.ZipFile(io.BytesIO(register_text)) as workbook:
        sheets = " ".join(
            workbook.read(name).decode(errors="ignore") for name in workbook.namelist()
        )
    assert nik[:4] in sheets
    assert nik not in sheets
    expect(page.get_by_test_id("sha256")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
