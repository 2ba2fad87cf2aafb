"""The PDF report of a month with people, compensation, satisfaction and complaints: its
figures come from the database and the Kasat Lantas signs it."""

from __future__ import annotations

import io

import pytest
from django.db.models import Q
from pypdf import PdfReader

from compensation.selectors import ikm_report
from evidence.figures import key_figures
from evidence.report import render_report
from personnel.models import DisciplinaryReferral, Finding, ScoreAdjustment

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_the_people_figures_are_the_ledgers(evidence, unit) -> None:
    figures = key_figures(evidence.period)["people"]
    june = Q(unit=unit, occurred_on__month=6)
    assert figures["findings"] == Finding.objects.filter(june).count()
    adjustments = ScoreAdjustment.objects.filter(unit=unit, period__month=6)
    assert figures["approved"] == adjustments.filter(status="APPROVED").count() == 1
    assert figures["rejected"] == adjustments.filter(status="REJECTED").count() == 1
    assert figures["proposed"] == adjustments.filter(status="PROPOSED").count()
    assert figures["referrals"] == DisciplinaryReferral.objects.count() == 1
    by_criterion = {row["criterion"]: row for row in figures["per_criterion"]}
    assert by_criterion["APPEARANCE"]["punishments"] == 12
    assert by_criterion["PROFESSIONALISM"]["basis"] == "Kinerja"


def test_the_pdf_carries_the_months_figures_and_the_signatory(evidence, unit) -> None:
    text = text_of(render_report(evidence.period))
    figures = key_figures(evidence.period)
    people = figures["people"]
    assert "PERIODE 01-06-2026 S.D. 30-06-2026" in text
    assert "7 permohonan didaftarkan" in text  # six at the counter, one at the renewal kiosk
    assert "1 diberikan" in text
    assert "Ketentuan kompensasi berlaku untuk semua jenis layanan." in text
    assert (
        f"c. Reward dan punishment: {people['findings']} temuan; 1 penyesuaian nilai SMK "
        f"disetujui ({people['rewards']} reward, {people['punishments']} punishment), 1 ditolak"
    ) in text
    assert "1 pelanggaran berat diteruskan ke proses disiplin" in text
    report = ikm_report(unit, evidence.period.start_at, evidence.period.end_at)
    converted = f"{report.result.converted}".replace(".", ",")
    assert f"nilai IKM {converted}" in text
    assert f"mutu pelayanan {report.result.grade.letter}" in text
    assert "2 pengaduan diterima; 1 selesai (50,0%)" in text
    assert "1 melalui SP4N-LAPOR!" in text
    assert "MADE ARYA WIBAWA" in text
    assert "AKP NRP 87090101" in text


def test_the_sop_reference_is_named_once_and_the_signature_keeps_its_closing(
    evidence, unit
) -> None:
    pdf = render_report(evidence.period)
    text = text_of(pdf)
    assert text.count("sesuaikan dengan SOP satuan") == 1
    last_page = " ".join(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text().split())
    assert "V. PENUTUP" in last_page
    assert "MADE ARYA WIBAWA" in last_page


def test_chart_values_use_the_indonesian_decimal_comma() -> None:
    from evidence.charts import bar_chart

    svg = bar_chart([("SIM baru", 88.1), ("Perpanjangan", 100.0)])
    assert "88,1%" in svg
    assert ">100%<" in svg
    assert ">3,19<" in bar_chart([("Sikap", 3.19)], maximum=4, unit="")
