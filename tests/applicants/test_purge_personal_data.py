"""`manage.py purge_personal_data`: applicants past retention (five years after their last
application) are anonymised, their applications still counted; a dry run by default, and
running it again changes nothing (UU 27/2022)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from applicants.models import Applicant, Application
from applicants.retention import ANONYMOUS_NAME, retention_cutoff
from evidence.figures import key_figures
from satpas.selectors import unit_period
from tests.factories import register

pytestmark = pytest.mark.django_db


def _closed(day: dt.date) -> dict:
    return {
        "service_date": day,
        "status": Application.Status.COMPLETED,
        "registered_at": dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC),
        "closed_at": dt.datetime(day.year, day.month, day.day, 5, tzinfo=dt.UTC),
    }


def _aged(application: Application, day: dt.date) -> Application:
    Application.objects.filter(pk=application.pk).update(**_closed(day))
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def people(unit, officer, frozen):
    frozen(2026, 11, 27, 9, 30)
    old = _aged(register(unit, officer, name="Sari Lama", serial=11), dt.date(2021, 11, 26))
    Applicant.objects.filter(pk=old.applicant_id).update(phone="081234567890")
    returning = _aged(register(unit, officer, name="Andi Kembali", serial=12), dt.date(2020, 1, 5))
    # The same person came back last year: their last application is recent.
    register(unit, officer, name="Andi Kembali", serial=12)
    Application.objects.filter(
        applicant_id=returning.applicant_id, service_date__gt=dt.date(2021, 1, 1)
    ).update(**_closed(dt.date(2025, 6, 1)))
    recent = register(unit, officer, name="Budi Baru", serial=13)
    return old.applicant, returning.applicant, recent.applicant


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_counts_and_changes_nothing(people) -> None:
    before = list(Applicant.objects.order_by("pk").values_list("nik", "full_name", "phone"))
    output = _run()
    assert "Dry run: 1 applicant(s)" in output
    assert "27-11-2021" in output
    assert list(Applicant.objects.order_by("pk").values_list("nik", "full_name", "phone")) == before


def test_apply_anonymises_only_those_past_retention_and_their_history(people) -> None:
    old, returning, recent = people
    original_nik = old.nik
    assert "Anonymised 1 applicant(s)" in _run("--apply")
    old.refresh_from_db()
    assert old.full_name == ANONYMOUS_NAME
    assert old.phone == ""
    assert old.nik.startswith("00")
    assert len(old.nik) == 16
    assert old.birth_date == dt.date(old.birth_date.year, 1, 1)
    assert old.anonymised_at is not None
    history = list(Applicant.history.filter(id=old.pk).values_list("nik", "full_name", "phone"))
    assert len(history) >= 2
    assert all(row == (old.nik, ANONYMOUS_NAME, "") for row in history)
    assert not Applicant.history.filter(nik=original_nik).exists()
    for kept in (returning, recent):
        fresh = Applicant.objects.get(pk=kept.pk)
        assert (fresh.full_name, fresh.anonymised_at) == (kept.full_name, None)


def test_running_it_again_changes_nothing(people) -> None:
    _run("--apply")
    state = list(Applicant.objects.order_by("pk").values())
    history = Applicant.history.count()
    assert "Anonymised 0 applicant(s)" in _run("--apply")
    assert list(Applicant.objects.order_by("pk").values()) == state
    assert Applicant.history.count() == history


def test_figures_still_count_anonymised_applicants(people, unit) -> None:
    period = unit_period(unit, dt.date(2021, 11, 1), dt.date(2021, 11, 30))
    before = key_figures(period)["service"]["total"]
    assert before == 1
    _run("--apply")
    assert key_figures(period)["service"]["total"] == before
    assert Application.objects.count() == 4


def test_an_open_application_keeps_the_person(people, unit) -> None:
    old, _returning, _recent = people
    Application.objects.filter(applicant=old).update(status=Application.Status.OPEN, closed_at=None)
    assert "Anonymised 0" in _run("--apply")


def test_the_retention_setting_and_the_years_option(people, settings) -> None:
    settings.PERSONAL_DATA_RETENTION_YEARS = 10
    assert "Dry run: 0" in _run()
    assert "Dry run: 2" in _run("--years", "1")
    with pytest.raises(CommandError):
        _run("--years", "0")


def test_a_leap_day_cut_off() -> None:
    assert retention_cutoff(dt.date(2028, 2, 29), 5) == dt.date(2023, 2, 28)
