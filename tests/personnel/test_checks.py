from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from personnel.models import DisciplinaryReferral, Finding
from personnel.services import appearance_record, cleanliness_record, professionalism_record
from tests.personnel.conftest import office

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 20)
NOW = office(DAY, 10)


def test_a_failed_appearance_item_is_one_finding_with_its_note(
    unit, profile, supervisor, on_duty
) -> None:
    on_duty(profile, DAY)
    check = appearance_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        results={"hair": True, "shoes": False, "greeting": False},
        notes={"shoes": "tidak disemir"},
        by=supervisor,
        now=NOW,
    )
    assert not check.passed
    finding = Finding.objects.get()
    assert (finding.criterion, finding.severity, finding.appearance) == (
        "APPEARANCE",
        "RINGAN",
        check,
    )
    assert "tidak disemir" in finding.description
    assert "3S" in finding.description


def test_an_appearance_check_that_passes_makes_no_finding(
    unit, profile, supervisor, on_duty
) -> None:
    on_duty(profile, DAY)
    check = appearance_record(
        unit=unit, officer=profile, checked_on=DAY, results={}, notes={}, by=supervisor, now=NOW
    )
    assert check.passed
    assert not Finding.objects.exists()


def test_another_units_officer_cannot_be_checked(unit, other_profile, supervisor) -> None:
    with pytest.raises(ValidationError):
        appearance_record(
            unit=unit,
            officer=other_profile,
            checked_on=DAY,
            results={"hair": False},
            notes={},
            by=supervisor,
            now=NOW,
        )
    assert not Finding.objects.exists()


def test_a_check_dated_in_the_future_is_refused(unit, profile, supervisor) -> None:
    with pytest.raises(ValidationError):
        appearance_record(
            unit=unit,
            officer=profile,
            checked_on=DAY + dt.timedelta(days=1),
            results={},
            notes={},
            by=supervisor,
            now=NOW,
        )


def test_a_score_of_one_fails_professionalism(unit, profile, supervisor, on_duty) -> None:
    on_duty(profile, DAY)
    assessment = professionalism_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        scores={"procedure": 3, "accuracy": 1, "courtesy": 4, "integrity": 4},
        by=supervisor,
        now=NOW,
    )
    assert not assessment.passed
    assert Finding.objects.get().criterion == "PROFESSIONALISM"


def test_a_heavy_finding_opens_a_disciplinary_referral(unit, profile, supervisor, on_duty) -> None:
    on_duty(profile, DAY)
    professionalism_record(
        unit=unit,
        officer=profile,
        checked_on=DAY,
        scores={"procedure": 3, "accuracy": 3, "courtesy": 3, "integrity": 1},
        severity="BERAT",
        note="Menerima uang di luar PNBP",
        by=supervisor,
        now=NOW,
    )
    finding = Finding.objects.get()
    referral = DisciplinaryReferral.objects.get()
    assert (referral.finding, referral.officer, referral.status) == (finding, profile, "OPEN")


def test_a_dirty_service_point_falls_on_each_officer_on_duty_there_that_day(
    unit, profile, colleague, supervisor, on_duty, point
) -> None:
    from service_timing.models import ServicePoint

    elsewhere = ServicePoint.objects.get(unit=unit, number=2)
    on_duty(profile, DAY)
    on_duty(colleague, DAY, shift="SIANG", start=dt.time(12))
    bystander = type(profile).objects.create(
        unit=unit, number="97020214", full_name="Nur Aisyah", rank="BRIPDA", position="Pendaftaran"
    )
    on_duty(bystander, DAY, service_point=elsewhere)
    on_duty(bystander, DAY - dt.timedelta(days=1))
    result = cleanliness_record(
        unit=unit,
        service_point=point,
        checked_on=DAY,
        results={"floor": True, "handwash": False, "sanitiser": False},
        by=supervisor,
        now=NOW,
    )
    assert result.findings == 2
    findings = Finding.objects.filter(criterion="CLEANLINESS")
    assert {f.officer for f in findings} == {profile, colleague}
    assert all(f.cleanliness == result.check for f in findings)
    assert "sanitiser" in findings[0].description


def test_a_clean_service_point_makes_no_finding(unit, profile, supervisor, on_duty, point) -> None:
    on_duty(profile, DAY)
    result = cleanliness_record(
        unit=unit, service_point=point, checked_on=DAY, results={}, by=supervisor, now=NOW
    )
    assert result.check.passed
    assert result.findings == 0
