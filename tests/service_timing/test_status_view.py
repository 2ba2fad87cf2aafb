from __future__ import annotations

import pytest
from django.urls import reverse

from service_timing.models import ServicePoint
from service_timing.services import stage_call, stage_finish, stage_start
from tests.factories import register

pytestmark = pytest.mark.django_db


def status(client, application):
    return client.get(reverse("service_timing:status", args=[application.ticket_code]))


def test_the_status_page_shows_progress_without_nik_or_name(client_for, officer, unit) -> None:
    application = register(unit, officer, name="Budi Santoso")
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    stage_call(point=point, user=officer, application_id=application.pk)
    stage_start(point=point, user=officer, application_id=application.pk)
    stage_finish(point=point, user=officer, application_id=application.pk)
    body = status(client_for(None), application).content.decode()
    assert 'data-testid="status-step-REG" data-done="1"' in body
    assert 'data-testid="status-step-VERIF" data-done="0"' in body
    assert "menunggu dipanggil" in body
    assert "Budi" not in body
    assert "Santoso" not in body
    assert application.applicant.nik not in body


def test_an_overdue_application_says_compensation_is_owed(
    client_for, officer, unit, frozen
) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 9, 1)
    body = status(client_for(None), application).content.decode()
    assert "61 dari 60 menit" in body
    assert "berhak atas kompensasi" in body


def test_on_time_says_nothing_about_compensation(client_for, officer, unit, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 9, 0)
    assert "kompensasi" not in status(client_for(None), application).content.decode()


@pytest.mark.parametrize("code", ["0" * 32, "bukan-kode", "A" * 32, "1234"])
def test_unknown_or_malformed_codes_get_a_friendly_404(client_for, db, code) -> None:
    response = client_for(None).get(f"/s/{code}/")
    assert response.status_code == 404
    assert "Tiket tidak ditemukan" in response.content.decode()


def test_status_query_budget(client_for, officer, unit, max_queries) -> None:
    application = register(unit, officer)
    client = client_for(None)
    status(client, application)
    # Six for the page, three for the estimated wait (who is ahead, the open counters, their
    # recent services).
    with max_queries(9):
        assert status(client, application).status_code == 200


def test_compensation_for_dissatisfaction_says_so_not_delay(client_for, officer, unit) -> None:
    from compensation.services import survey_submit
    from tests.compensation.helpers import PERPANJANGAN, at, walk

    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    walk(application, officer, PERPANJANGAN, at(8), minutes_each=5)  # 30 of 60 minutes
    scores = {f"u{i}": 1 if i == 7 else 3 for i in range(1, 10)}
    survey_submit(unit=unit, application=application, scores=scores, now=at(8, 40))
    body = status(client_for(None), application).content.decode()
    assert 'data-reason="DISSATISFIED"' in body
    assert "kurang puas" in body
    assert "melebihi standar waktu" not in body
    assert "keterlambatan" not in body
    # The survey was answered: it is not offered again.
    assert 'data-testid="survey-done"' in body
    assert reverse("compensation:survey", args=[application.ticket_code]) not in body


def test_a_closed_application_offers_the_survey_until_answered(client_for, officer, unit) -> None:
    from tests.compensation.helpers import PERPANJANGAN, at, walk

    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    walk(application, officer, PERPANJANGAN, at(8), minutes_each=5)
    body = status(client_for(None), application).content.decode()
    assert reverse("compensation:survey", args=[application.ticket_code]) in body
    assert "status-compensation" not in body


def test_a_finished_stage_reads_as_finished_at_its_time_in_both_languages(
    client_for, officer, unit, frozen
) -> None:
    frozen(2026, 11, 25, 9, 30)  # WIB; the suite may run at another instant
    application = register(unit, officer)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    stage_call(point=point, user=officer, application_id=application.pk)
    stage_start(point=point, user=officer, application_id=application.pk)
    stage_finish(point=point, user=officer, application_id=application.pk)
    client = client_for(None)
    assert "selesai pukul 09.30" in status(client, application).content.decode()
    client.cookies["django_language"] = "en"
    english = status(client, application).content.decode()
    assert "finished at 09.30" in english
    assert "ends 09.30" not in english


def test_a_waiting_applicant_sees_the_estimate_in_both_languages(
    client_for, officer, unit, frozen
) -> None:
    frozen(2026, 11, 25, 9, 0)  # WIB; the suite may run at another instant
    applications = [register(unit, officer) for _ in range(3)]
    client = client_for(None)
    body = status(client, applications[-1]).content.decode()
    # Two ahead at one counter, no service yet today: BARU's REG allowance of 10 minutes each.
    assert "Perkiraan dipanggil dalam ± 20 menit" in body
    assert "sekitar pukul 09.20" in body
    assert "bukan janji" in body
    assert 'data-basis="standard"' in body
    # The later stages add up the service before them (REG's allowance, then VERIF's).
    assert 'data-testid="status-step-wait-VERIF">perkiraan dipanggil ± 30 menit lagi' in body
    assert "Budi" not in body
    client.cookies["django_language"] = "en"
    english = status(client, applications[-1]).content.decode()
    assert "Estimated call in about 20 minutes" in english
    assert "around 09.20" in english


def test_no_open_counter_says_so_instead_of_a_number(client_for, officer, unit, frozen) -> None:
    from service_timing.services import counter_state_set

    frozen(2026, 11, 25, 9, 0)
    application = register(unit, officer)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    counter_state_set(point=point, state=ServicePoint.State.CLOSED, user=officer)
    body = status(client_for(None), application).content.decode()
    assert 'data-unknown="no_counter"' in body
    assert "loket tahap ini sedang istirahat atau tutup" in body
    assert "Perkiraan dipanggil dalam" not in body


def test_at_the_counter_or_done_there_is_no_headline_estimate(client_for, officer, unit) -> None:
    application = register(unit, officer)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    stage_call(point=point, user=officer, application_id=application.pk)
    body = status(client_for(None), application).content.decode()
    assert 'data-testid="status-wait"' not in body
    assert 'data-testid="status-step-wait-VERIF"' in body


def test_on_the_years_last_evening_the_wait_runs_into_the_next_open_day(
    client_for, officer, unit, frozen
) -> None:
    frozen(2026, 12, 31, 14, 50)
    applications = [register(unit, officer) for _ in range(3)]
    client = client_for(None)
    body = status(client, applications[-1]).content.decode()
    # 20 office minutes: 10 before closing at 15.00, 10 after the next opening at 08.00.
    assert "Perkiraan dipanggil dalam ± 20 menit" in body
    assert "pukul 08.10" in body
    assert "31 Desember" not in body.split('data-testid="status-wait"')[1].split("</div>")[2]
    frozen(2026, 12, 31, 23, 50)  # the office closed; the estimate is in office minutes
    body = status(client, applications[-1]).content.decode()
    assert "Perkiraan dipanggil dalam ± 20 menit" in body
    assert "pukul 08.20" in body
    assert "Jumat, 1 Januari" in body
