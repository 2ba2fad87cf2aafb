"""Each register of the pack, opened with openpyxl and checked against the database."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from compensation.ikm import sample_size
from compensation.models import (
    CompensationCase,
    Complaint,
    ComplaintNote,
    StockMovement,
    SurveyResponse,
)
from compensation.selectors import complaint_handling, ikm_report
from evidence.pack import build_pack
from evidence.reports import (
    audit_trail,
    compensation,
    complaints,
    discipline,
    reward_punishment,
    satisfaction,
    service_time,
)
from evidence.reports.catalogue import all_registers
from evidence.workbook import write_workbook
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    DisciplinaryReferral,
    Finding,
    ScoreAdjustment,
)
from personnel.selectors import semester_totals
from satpas.selectors import UnitPeriod, unit_period

pytestmark = pytest.mark.django_db


def workbook(register, period: UnitPeriod, **options):
    buffer = io.BytesIO()
    write_workbook(buffer, register.sheets(period, **options), zone=period.zone)
    buffer.seek(0)
    return load_workbook(buffer, read_only=True)


def rows(book, title: str) -> list[tuple]:
    """The data rows of a sheet (header left out; an empty sheet says so in its one row)."""
    data = list(book[title].iter_rows(values_only=True))[1:]
    if data == [("(tidak ada data pada periode ini)",)]:
        return []
    return data


def header(book, title: str) -> tuple:
    return next(book[title].iter_rows(values_only=True))


def june(evidence) -> UnitPeriod:
    return evidence.period


def test_the_pack_holds_the_registers_in_order(evidence, tmp_path) -> None:
    assert [r.slug for r in all_registers()] == [
        "01-standar-pelayanan",
        "02-waktu-pelayanan",
        "03-kompensasi",
        "04-reward-punishment",
        "05-disiplin",
        "06-skm-ikm",
        "07-pengaduan",
        "08-jejak-audit",
    ]
    target = tmp_path / "bukti.zip"
    entries = build_pack(evidence.period, target)
    by_path = {entry.path: entry for entry in entries}
    assert "ii.d" in by_path["03-kompensasi.xlsx"].indicator
    assert "ii.c" in by_path["04-reward-punishment.xlsx"].indicator
    assert "iv.a" in by_path["06-skm-ikm.xlsx"].indicator
    assert "iii.a" in by_path["07-pengaduan.xlsx"].indicator
    with zipfile.ZipFile(target) as archive:
        book = load_workbook(io.BytesIO(archive.read("03-kompensasi.xlsx")))
    sheet = book["Kasus kompensasi"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:S")
    # Stored as Excel stores a width of 17 characters: with the cell's padding (5 px at 7 px
    # per character, rounded to 1/256).
    assert sheet.column_dimensions["A"].width == 17 + int(5 / 7 * 256) / 256


# --- 03 compensation -----------------------------------------------------------------------


def test_compensation_cases_match_the_database(evidence, officer) -> None:
    book = workbook(compensation.REGISTER, june(evidence))
    cases = rows(book, "Kasus kompensasi")
    assert len(cases) == CompensationCase.objects.filter(unit=evidence.case.unit).count() == 1
    (row,) = cases
    case = evidence.case
    case.refresh_from_db()
    application = case.application
    assert row[0] == dt.datetime(2026, 6, 15, 11, 0)  # office time
    assert row[2] == application.queue_number
    assert row[4] == f"{application.applicant.nik[:4]}********{application.applicant.nik[-4:]}"
    assert row[5] == "B*** S***"
    assert row[6] == "Melebihi standar waktu"
    assert row[7] == case.minutes_over == 30
    assert (row[10], row[11]) == (officer.full_name, officer.username)
    assert row[13] == "Diberikan"
    assert row[14] == case.item.name == "Air mineral"
    assert row[15] == officer.full_name
    assert row[16] == dt.datetime(2026, 6, 15, 11, 30)
    assert row[17] == "ya"
    assert row[18] == "Diterima di loket 9"


def test_compensation_can_be_unmasked_for_a_page_of_someone_allowed(evidence) -> None:
    book = workbook(compensation.REGISTER, june(evidence), masked=False)
    (row,) = rows(book, "Kasus kompensasi")
    applicant = evidence.case.application.applicant
    assert (row[4], row[5]) == (applicant.nik, applicant.full_name)


def test_compensation_is_summarised_for_every_service_type(evidence) -> None:
    book = workbook(compensation.REGISTER, june(evidence))
    summary = rows(book, "Per jenis layanan")
    assert [row[0] for row in summary] == [
        "SIM baru",
        "Perpanjangan",
        "Peningkatan golongan",
        "Penurunan golongan",
        "Perubahan data",
        "Penggantian hilang/rusak",
        "Mutasi",
    ]
    assert all(row[2] == "ya" for row in summary)  # a standard and a compensation rule each
    baru = summary[0]
    assert baru[1] == 120
    assert baru[3:6] == (6, 2, 1)  # closed, over the standard (elapsed 130 and 150), cases
    assert (baru[8], baru[11], baru[12]) == (1, 0, 100)  # given, still due, % settled


def test_the_stock_ledger_runs_from_the_balance_before_the_period(evidence, unit) -> None:
    book = workbook(compensation.REGISTER, june(evidence))
    water = next(row for row in rows(book, "Stok barang") if row[0] == "Air mineral")
    assert water[2:] == (0, 24, 1, 0, 23)
    ledger = [row for row in rows(book, "Mutasi stok") if row[1] == "Air mineral"]
    assert [(row[2], row[3], row[4]) for row in ledger] == [
        ("Diterima", 24, 24),
        ("Diberikan", -1, 23),
    ]
    assert (
        sum(
            StockMovement.objects.filter(item__unit=unit, item__name="Air mineral").values_list(
                "quantity", flat=True
            )
        )
        == ledger[-1][4]
    )
    # In July the balance carries over and nothing moves.
    july = workbook(
        compensation.REGISTER, unit_period(unit, dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    )
    water = next(row for row in rows(july, "Stok barang") if row[0] == "Air mineral")
    assert water[2:] == (23, 0, 0, 0, 23)
    rules = rows(book, "Aturan kompensasi")
    assert rules[0][:2] == (1, "Air mineral, Permen")


def _case_filters(evidence, **query: str) -> compensation.Filters:
    period = june(evidence)
    return compensation.Filters(query, unit=period.unit, today=period.end)


def test_compensation_filters_keep_the_chosen_cases(evidence) -> None:
    kept = compensation.cases(june(evidence), _case_filters(evidence, status="GIVEN"))
    assert list(kept) == [evidence.case]
    assert not compensation.cases(june(evidence), _case_filters(evidence, status="DUE")).exists()
    assert not compensation.cases(
        june(evidence), _case_filters(evidence, jenis="PERPANJANGAN")
    ).exists()


# --- 04 reward and punishment --------------------------------------------------------------


def test_findings_match_the_database(evidence, unit) -> None:
    book = workbook(reward_punishment.REGISTER, june(evidence))
    found = rows(book, "Temuan")
    expected = Finding.objects.filter(
        unit=unit, occurred_on__gte=dt.date(2026, 6, 1), occurred_on__lte=dt.date(2026, 6, 30)
    ).order_by("occurred_on", "created_at", "pk")
    assert len(found) == expected.count() > 20
    assert [(row[1], row[8]) for row in found] == [
        (finding.officer.number, finding.description) for finding in expected
    ]
    heavy = next(row for row in found if row[7] == "Berat")
    assert heavy[4] == "Profesionalisme"
    assert heavy[5] == "Kinerja"
    assert heavy[10] == "rujukan disiplin: Dilaporkan"


def test_proposals_decisions_and_the_approved_ledger(evidence, unit, kasat) -> None:
    book = workbook(reward_punishment.REGISTER, june(evidence))
    proposals = rows(book, "Usulan dan keputusan")
    in_june = ScoreAdjustment.objects.filter(unit=unit, period=dt.date(2026, 6, 1))
    assert len(proposals) == in_june.count()
    rejected = [row for row in proposals if row[7] == "Ditolak"]
    assert len(rejected) == in_june.filter(status="REJECTED").count() == 1
    assert rejected[0][12] == "Sepatu baru dibeli"
    assert rejected[0][11] == kasat.full_name
    ledger = rows(book, "Buku nilai disetujui")
    approved = in_june.filter(status="APPROVED")
    assert len(ledger) == approved.count() == 1
    assert ledger[0][6] == approved.get().points
    # Over May and June the running total per officer ends at the officer's approved sum.
    both = workbook(
        reward_punishment.REGISTER, unit_period(unit, dt.date(2026, 5, 1), dt.date(2026, 6, 30))
    )
    last_total = {}
    for row in rows(both, "Buku nilai disetujui"):
        last_total[row[1]] = row[7]
    for number, total in last_total.items():
        assert total == sum(
            ScoreAdjustment.objects.filter(
                unit=unit, officer__number=number, status="APPROVED"
            ).values_list("points", flat=True)
        )


def test_semester_totals_referrals_recognitions_and_policy(evidence, unit) -> None:
    period = unit_period(unit, dt.date(2026, 5, 1), dt.date(2026, 6, 30))
    book = workbook(reward_punishment.REGISTER, period)
    semester = rows(book, "Rekap SMK semester")
    expected = semester_totals(unit, 2026, 1)
    assert [(row[1], row[10]) for row in semester] == [
        (row["number"], row["total"]) for row in expected
    ]
    assert all(row[0] == "2026-1 (Jan–Jun)" for row in semester)
    (referral,) = rows(book, "Rujukan disiplin")
    assert referral[1] == DisciplinaryReferral.objects.get().officer.number
    (recognition,) = rows(book, "Petugas teladan")
    assert recognition[1:4] == (1, evidence.world.profile.number, evidence.world.profile.full_name)
    policy = {row[0]: row for row in rows(book, "Kebijakan")}
    assert policy["Toleransi keterlambatan (menit)"][2] == 10
    assert policy["Poin sanksi: Disiplin waktu"][1:3] == ("Disiplin", -1)
    assert policy["Poin sanksi: Penilaian pengguna layanan"][1] == "Penilaian pengguna layanan"


def test_a_period_over_a_new_year_lists_both_semesters() -> None:
    class Unit:
        time_zone = "Asia/Jakarta"

    period = unit_period(Unit(), dt.date(2025, 11, 1), dt.date(2026, 7, 31))  # type: ignore[arg-type]
    assert reward_punishment.semesters(period) == [(2025, 2), (2026, 1), (2026, 2)]


# --- 05 discipline -------------------------------------------------------------------------


def test_discipline_logs_match_the_database(evidence, unit) -> None:
    book = workbook(discipline.REGISTER, june(evidence))
    attendance = rows(book, "Kehadiran")
    in_june = AttendanceCheck.objects.filter(unit=unit, checked_on__month=6)
    assert len(attendance) == in_june.count() == 12
    assert sum(row[10] == "ya" for row in attendance) == in_june.filter(is_late=True).count()
    assert attendance[0][5:10] == ("08.00", "Hadir", dt.datetime(2026, 6, 15, 8, 15), 15, 10)
    appearance = rows(book, "Sikap tampang")
    assert len(appearance) == AppearanceCheck.objects.filter(checked_on__month=6).count() == 12
    assert {row[7] for row in appearance} == {"tidak: kusam"}
    (professionalism,) = rows(book, "Profesionalisme")
    assert professionalism[4:10] == (3, 3, 3, 1, "tidak", "Berat")
    (cleanliness,) = rows(book, "Kebersihan loket")
    assert cleanliness[1] == "Loket 1 · Pendaftaran"
    assert cleanliness[6:8] == ("tidak", "tidak")


def test_violations_per_month_and_against_a_year_earlier(evidence, unit) -> None:
    period = unit_period(unit, dt.date(2026, 5, 1), dt.date(2026, 6, 30))
    book = workbook(discipline.REGISTER, period)
    may, june_row = rows(book, "Ringkasan per bulan")
    assert may[0] == dt.datetime(2026, 5, 1)
    assert may[1:4] == (12, 12, 0)
    assert june_row[-1] == 12 + 12 + 1 + 1  # late, appearance, professionalism, cleanliness
    now, before = rows(book, "Pelanggaran dibanding")
    punishments = Finding.objects.filter(
        unit=unit,
        kind="PUNISHMENT",
        criterion__in=["TIME_DISCIPLINE", "APPEARANCE", "CLEANLINESS"],
        occurred_on__gte=dt.date(2026, 5, 1),
    )
    assert now[3] == punishments.count()
    assert now[4] == punishments.filter(adjustment__status="APPROVED").count()
    assert before[1:4] == (dt.datetime(2025, 5, 1), dt.datetime(2025, 6, 30), 0)


def test_discipline_filters_by_officer_and_result(evidence) -> None:
    profile = evidence.world.profile
    mine = discipline.checks(
        discipline.ATTENDANCE, june(evidence), discipline.Filters(officer_id=profile.pk)
    )
    assert {check.officer_id for check in mine} == {profile.pk}
    # The cleanliness check falls on the officers on duty at the point that day.
    assert discipline.checks(
        discipline.CLEANLINESS, june(evidence), discipline.Filters(officer_id=profile.pk)
    ).exists()
    passed = discipline.checks(
        discipline.APPEARANCE, june(evidence), discipline.Filters(result=discipline.PASSED)
    )
    assert not passed.exists()


# --- 06 SKM / IKM ----------------------------------------------------------------------------


def test_skm_responses_are_anonymous_and_the_ikm_is_the_rules(evidence, unit) -> None:
    book = workbook(satisfaction.REGISTER, june(evidence))
    assert header(book, "Respons")[:3] == ("Diisi pada", "Saluran", "U1")
    assert not any("NIK" in str(h) or "Antrean" in str(h) for h in header(book, "Respons"))
    responses = rows(book, "Respons")
    assert len(responses) == SurveyResponse.objects.filter(unit=unit).count() == 2
    assert {row[1] for row in responses} == {"QR tiket", "Kios"}
    period = june(evidence)
    report = ikm_report(unit, period.start_at, period.end_at)
    summary = rows(book, "IKM per bulan")
    assert [row[0] for row in summary] == ["06-2026", "Periode"]
    whole = summary[-1]
    # 7 served: the month's six at the counter and the renewal taken at the kiosk.
    assert whole[1:5] == (2, 7, sample_size(7), "tidak")
    assert whole[6] == float(report.result.converted)
    assert whole[7] == report.result.grade.letter
    elements = [row for row in rows(book, "NRR per unsur") if row[0] == "Periode"]
    assert len(elements) == 9
    for row, element in zip(elements, report.elements, strict=True):
        assert row[3:7] == element.counts
        assert row[7] == pytest.approx(float(element.nrr), abs=0.005)


# --- 07 complaints ---------------------------------------------------------------------------


def test_complaints_match_the_database(evidence, unit, officer, kasat) -> None:
    book = workbook(complaints.REGISTER, june(evidence))
    found = rows(book, "Pengaduan")
    assert len(found) == Complaint.objects.filter(unit=unit).count() == 2
    lapor = next(row for row in found if row[0] == evidence.lapor.pk)
    assert lapor[2:4] == ("SP4N-LAPOR!", "LAPOR-2026-06-0042")
    assert lapor[6:9] == (officer.full_name, "Selesai", "ya")
    assert lapor[9] == dt.datetime(2026, 6, 15, 14, 0)
    assert lapor[12] == ComplaintNote.objects.filter(complaint=evidence.lapor).count() == 2
    counter = next(row for row in found if row[0] == evidence.counter.pk)
    assert counter[7:9] == ("Baru", None)
    notes = rows(book, "Tindak lanjut")
    assert [row[3] for row in notes] == [
        "Klarifikasi kepada petugas.",
        "Terbukti; petugas diberi teguran.",
    ]
    assert notes[0][2] == kasat.full_name
    summary = {row[0]: row for row in rows(book, "Ringkasan")}
    handling = complaint_handling(unit, june(evidence).start_at, june(evidence).end_at)
    assert summary["Diterima"][1] == handling["total"] == 2
    assert summary["Selesai"][1:] == (1, 50)
    assert summary["Saluran: SP4N-LAPOR!"][1:] == (1, 1)


# --- 02 and 09 -----------------------------------------------------------------------------


def test_per_stage_minutes_are_computed_in_the_database(unit, officer) -> None:
    from tests.compensation.helpers import PERPANJANGAN, at, walk
    from tests.factories import register

    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    walk(application, officer, PERPANJANGAN, at(8), minutes_each=6)
    period = unit_period(unit, dt.date(2026, 11, 27), dt.date(2026, 11, 27))
    stages = {row["stage"]: row for row in service_time.per_stage(period)}
    assert len(stages) == 6
    assert all(row["average"] == 6.0 and row["p90"] == 6.0 for row in stages.values())


def test_the_audit_trail_names_who_changed_what(evidence, unit, officer) -> None:
    book = workbook(audit_trail.REGISTER, june(evidence))
    events = rows(book, "Riwayat perubahan")
    given = [row for row in events if row[1] == "kasus kompensasi" and row[3] == "diubah"]
    assert given
    assert given[-1][4:6] == (officer.full_name, officer.username)
    assert "status: DUE → GIVEN" in given[-1][7]
    assert f"diselesaikan oleh: – → {officer.full_name} ({officer.username})" in given[-1][7]
    only_cases = workbook(
        audit_trail.REGISTER,
        june(evidence),
        filters=audit_trail.AuditFilters(
            {"data": "compensation.CompensationCase"},
            unit=june(evidence).unit,
            today=june(evidence).end,
        ),
    )
    assert {row[1] for row in rows(only_cases, "Riwayat perubahan")} == {"kasus kompensasi"}
    # The renewal taken at the kiosk starts at document verification, a change the kiosk made
    # (no user signed it): the trail says so rather than naming "the system".
    by_kiosk = [row for row in events if row[1] == "permohonan" and row[4] == "kios perpanjangan"]
    assert len(by_kiosk) == 1
    assert not by_kiosk[0][5]  # no username
    assert "→ VERIF" in by_kiosk[0][7]


def test_the_overall_figures_leave_withdrawn_and_open_applications_out_of_the_percentiles(
    unit, officer
) -> None:
    from applicants.models import Application
    from tests.factories import timed_applications

    day = dt.date(2026, 5, 4)
    status = Application.Status
    timed_applications(
        unit,
        officer,
        [
            (status.COMPLETED, 10),
            (status.COMPLETED, 20),
            (status.NOT_PASSED, 30),
            (status.WITHDRAWN, 500),
            (status.OPEN, None),
        ],
        day=day,
        standard_minutes=30,
    )
    figures = service_time.overall(unit_period(unit, day, day))
    assert (figures["total"], figures["closed"], figures["within"], figures["breaches"]) == (
        5,
        3,
        3,
        0,
    )
    assert (figures["median"], figures["p90"]) == (20.0, 28.0)
