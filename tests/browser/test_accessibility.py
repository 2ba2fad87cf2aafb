"""axe-core on every public page and the main staff pages, on a desktop and a phone, in
Indonesian and in English: no serious or critical WCAG 2.1 A/AA violation. The same page load
checks that the page declares its language and, in English, shows no Indonesian UI words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.a11y import (
    BLOCKING_IMPACTS,
    Site,
    axe_violations,
    describe,
    serve_seeded_office,
)

# The module serves one seeded office on a clock of its own (10.30 on the seeded Monday,
# ticking); the suite's frozen clock would move the server's day under it.
pytestmark = [pytest.mark.real_clock, pytest.mark.accessibility]

# (page, who opens it, viewports). The survey is answered on a phone from the ticket's QR
# code; the waiting-room display runs on a 1080p TV.
PAGES = [
    ("status", None, ("desktop", "phone")),
    ("status_done", None, ("phone",)),
    ("survey", None, ("phone", "desktop")),
    ("kiosk", None, ("desktop", "phone")),
    # The renewal kiosk's tablet (its confirmation and ticket: tests/browser/test_renewal_kiosk).
    ("renewal_kiosk", None, ("desktop", "phone")),
    ("renewal_kiosk_unenrolled", None, ("desktop",)),
    ("display", None, ("tv",)),
    # The unit's public service page, opened from the poster's QR code on a phone.
    ("public_page", None, ("phone", "desktop")),
    ("login", None, ("desktop", "phone")),
    ("home", "officer", ("desktop", "phone")),
    ("console", "officer", ("desktop", "phone")),
    ("board", "officer", ("desktop", "phone")),
    ("registration", "officer", ("desktop", "phone")),
    ("application", "supervisor", ("desktop", "phone")),
    ("ticket", "officer", ("desktop",)),
    ("checks", "supervisor", ("desktop", "phone")),
    ("dashboard", "kasat", ("desktop", "phone")),
    ("reports", "kasat", ("desktop", "phone")),
    ("report_service_time", "kasat", ("desktop", "phone")),
    ("report_satisfaction", "kasat", ("desktop",)),
    ("ikm", "kasat", ("desktop", "phone")),
    ("packs", "auditor", ("desktop", "phone")),
    ("pack", "auditor", ("desktop", "phone")),
]

# Pages answered with another status than 200 (their page is still checked).
STATUS = {"renewal_kiosk_unenrolled": 403}

# Violations accepted, each with its reason: (page or "*", axe rule id) -> why.
EXCEPTIONS: dict[tuple[str, str], str] = {}

# Common Indonesian words of the interface that have no place on an English page. Names,
# stage and counter names are data and are removed from the text before the check.
INDONESIAN_UI_WORDS = [
    "yang", "dengan", "untuk", "dari", "atau", "dan", "belum", "sudah", "tidak", "Tidak",
    "Belum", "Simpan", "Batal", "Kirim", "Tampilkan", "Cari", "Pilih", "Masuk", "Keluar",
    "menit", "hari ini", "Hari ini", "Bulan", "Tahun", "Permohonan", "permohonan", "Pemohon",
    "pemohon", "antrean", "Antrean", "Tahap", "tahap", "Selesai", "selesai", "Petugas",
    "Laporan", "Unduh", "Kembali", "Sedang", "dilayani", "Panggil", "Ganti", "Bahasa",
    "Kompensasi", "Survei", "Layanan", "layanan", "Lewat", "Berisiko", "Sesuai",
]  # fmt: skip
# The page's visible text, without the parts marked as Indonesian on purpose (`lang="id"`:
# the official names of the Zona Integritas LKE indicators, for instance).
VISIBLE_ENGLISH_TEXT = """() => {
  let text = document.body.innerText;
  for (const part of document.body.querySelectorAll("[lang]:not([lang|=en])")) {
    text = text.split(part.innerText).join(" ");
  }
  return text;
}"""
WORD = {w: re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])") for w in INDONESIAN_UI_WORDS}


@pytest.fixture(scope="module")
def site(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker,
) -> Iterator[Site]:
    yield from serve_seeded_office(request, django_db_blocker)


def _cases() -> Iterator[object]:
    for name, role, viewports in PAGES:
        for viewport in viewports:
            for language in ("id", "en"):
                yield pytest.param(
                    name, role, viewport, language, id=f"{name}-{viewport}-{language}"
                )


def indonesian_words(text: str, data_words: set[str]) -> list[str]:
    for data in sorted(data_words, key=len, reverse=True):
        text = text.replace(data, " ")
    return sorted({word for word, pattern in WORD.items() if pattern.search(text)})


@pytest.mark.parametrize(("name", "role", "viewport", "language"), list(_cases()))
def test_page_has_no_serious_accessibility_violation(
    site: Site, browser: Browser, name: str, role: str | None, viewport: str, language: str
) -> None:
    context = site.context(
        browser,
        viewport=viewport,
        language=language,
        role=role,
        enrolled_renewal_kiosk=name == "renewal_kiosk",
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = page.goto(site.url + site.paths[name])
        assert response is not None
        assert response.status == STATUS.get(name, 200)
        page.wait_for_load_state("networkidle")

        assert page.get_attribute("html", "lang") == language

        violations = [
            v
            for v in axe_violations(page)
            if v["impact"] in BLOCKING_IMPACTS
            and (name, v["id"]) not in EXCEPTIONS
            and ("*", v["id"]) not in EXCEPTIONS
        ]
        assert not violations, f"{name} ({viewport}, {language}):\n{describe(violations)}"

        if language == "en":
            text = page.evaluate(VISIBLE_ENGLISH_TEXT)
            leftovers = indonesian_words(text, site.data_words)
            assert not leftovers, f"Indonesian on the English {name} page: {leftovers}"
        assert errors == []
    finally:
        context.close()
