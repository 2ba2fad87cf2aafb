from __future__ import annotations

import pytest
from django.urls import reverse

from service_timing.models import ServicePoint
from service_timing.services import stage_call
from tests.factories import register

pytestmark = pytest.mark.django_db

BOARD = "/papan/"


def _board_with_one_called(client_for, officer, unit) -> str:
    """The board's rows once a new applicant has been called at the registration counter."""
    application = register(unit, officer)
    stage_call(
        point=ServicePoint.objects.get(unit=unit, stage_id="REG"),
        user=officer,
        application_id=application.pk,
    )
    return client_for(officer).get(reverse("service_timing:board_rows")).content.decode()


def test_overdue_applications_come_first_in_red(client_for, officer, unit, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    late = register(unit, officer, application_type="PERPANJANGAN")  # 60-minute standard
    frozen(2026, 11, 27, 8, 55)
    fresh = register(unit, officer)
    frozen(2026, 11, 27, 9, 5)
    body = client_for(officer).get(BOARD).content.decode()
    assert body.index(late.queue_number) < body.index(fresh.queue_number)
    assert f'data-testid="board-row-{late.queue_number}" data-state="overdue"' in body
    assert "table-danger" in body
    assert "Lewat standar: 1" in body


def test_at_risk_from_the_threshold(client_for, officer, unit, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 48)  # 48 of 60 minutes = 80 %
    body = client_for(officer).get(BOARD).content.decode()
    assert f'data-testid="board-row-{application.queue_number}" data-state="at_risk"' in body


def test_the_board_shows_stage_and_counter(client_for, officer, unit) -> None:
    body = _board_with_one_called(client_for, officer, unit)
    assert "Pendaftaran (formulir)" in body
    assert "Dipanggil" in body


def test_closed_applications_leave_the_board(client_for, officer, unit) -> None:
    from service_timing.services import application_withdraw

    application = register(unit, officer)
    application_withdraw(application=application, reason="Pemohon pulang", user=officer)
    assert application.queue_number not in client_for(officer).get(BOARD).content.decode()


def test_an_empty_board_says_so(client_for, officer) -> None:
    assert "Tidak ada pemohon dalam proses" in client_for(officer).get(BOARD).content.decode()


def test_another_units_applications_never_show(client_for, unit, officer, other_officer) -> None:
    register(unit, officer)
    body = client_for(other_officer).get(BOARD).content.decode()
    assert "B-001" not in body


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat", "auditor"])
def test_who_may_watch_the_board(request, client_for, cast) -> None:
    assert client_for(request.getfixturevalue(cast)).get(BOARD).status_code == 200


def test_anonymous_is_sent_to_login(client_for, db) -> None:
    assert client_for(None).get(BOARD).status_code == 302


def test_board_query_budget_with_300_open_applications(
    client_for, officer, unit, max_queries
) -> None:
    from django.utils import timezone

    from service_timing.services import pause_add

    applications = [register(unit, officer) for _ in range(300)]
    pause_add(
        application=applications[5],
        started_at=timezone.now(),
        ended_at=None,
        reason="Ambil KTP",
        user=officer,
    )
    client = client_for(officer)
    client.get(BOARD)  # caches warm, as on a running server
    with max_queries(8):
        response = client.get(reverse("service_timing:board_rows"))
    assert response.content.decode().count('data-testid="board-row-') == 300


def test_a_closed_application_still_owed_compensation_stays_on_the_board(
    client_for, officer, supervisor, unit
) -> None:
    from applicants.models import Application
    from service_timing.services import application_withdraw

    application = register(unit, officer)
    application_withdraw(application=application, reason="Pulang", user=supervisor)
    Application.objects.filter(pk=application.pk).update(
        compensation_state=Application.Compensation.DUE
    )
    body = client_for(officer).get(BOARD).content.decode()
    assert f'data-testid="owed-{application.queue_number}"' in body


def test_names_edited_in_the_admin_are_escaped_on_the_board(client_for, officer, unit) -> None:
    from service_timing.models import Stage

    stage = Stage.objects.get(code="REG")
    stage.name = 'Pendaftaran <script>alert("x")</script>'
    stage.save()
    body = _board_with_one_called(client_for, officer, unit)
    assert "Pendaftaran &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "<script>alert" not in body
