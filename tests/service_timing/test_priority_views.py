"""Priority service on the pages: suggested at registration from the NIK's age, stored with
its reason, changed later only with a reason by the unit's counter staff, shown as a badge
with text on the ticket, board, console and status page; call next keeps its budget."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from applicants.models import Application, Priority
from service_timing.models import CounterPolicy, Journey, ServicePoint
from tests.conftest import visiting
from tests.factories import make_nik, register

pytestmark = pytest.mark.django_db

ELDERLY = dt.date(1960, 5, 2)  # 66 on the suite's days


@pytest.fixture
def reg_point(unit) -> ServicePoint:
    return ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()


def registration(**overrides: str) -> dict[str, str]:
    data = {
        "nik": make_nik(ELDERLY),
        "full_name": "Siti Aminah",
        "birth_date": ELDERLY.isoformat(),
        "sex": "L",
        "phone": "",
        "application_type": "BARU",
        "sim_class": "C",
        "current_sim_class": "",
        "current_sim_issued_on": "",
        "retake_ticket": "",
        "priority": "",
        "priority_note": "",
    }
    return {**data, **overrides}


# --- registration -----------------------------------------------------------------------


def test_the_nik_of_someone_over_60_pre_ticks_elderly_with_a_hint(client_for, officer) -> None:
    response = client_for(officer).post(
        reverse("applicants:applicant_lookup"), {"nik": make_nik(ELDERLY)}
    )
    body = response.content.decode()
    assert 'data-testid="elderly-hint"' in body
    assert "berusia 66 tahun" in body
    assert re.search(r'value="LANSIA"[^>]*checked', body)


def test_a_younger_applicant_gets_no_suggestion(client_for, officer) -> None:
    response = client_for(officer).post(
        reverse("applicants:applicant_lookup"), {"nik": make_nik(dt.date(1995, 8, 17))}
    )
    body = response.content.decode()
    assert 'data-testid="elderly-hint"' not in body
    assert 'value="LANSIA"' in body
    assert not re.search(r'value="LANSIA"[^>]*checked', body)


def test_registration_stores_the_priority_and_the_journey_carries_it(client_for, officer) -> None:
    client_for(officer).post(
        reverse("applicants:register"), registration(priority=Priority.ELDERLY)
    )
    application = Application.objects.get()
    assert application.priority == Priority.ELDERLY
    assert Journey.objects.get(pk=application.pk).priority


def test_other_priority_needs_a_note_and_nothing_is_written(client_for, officer) -> None:
    response = client_for(officer).post(
        reverse("applicants:register"), registration(priority=Priority.OTHER)
    )
    assert response.status_code == 200
    assert "tulis alasannya" in response.content.decode()
    assert not Application.objects.exists()


def test_an_unknown_priority_is_refused(client_for, officer) -> None:
    response = client_for(officer).post(
        reverse("applicants:register"), registration(priority="VIP")
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


# --- changing it later --------------------------------------------------------------------


def change(client, application, **data: str):
    return client.post(reverse("service_timing:priority", args=[application.pk]), data)


def test_an_officer_sets_priority_later_with_a_reason_kept_in_the_history(
    client_for, officer, unit
) -> None:
    application = register(unit, officer)
    response = change(
        client_for(officer), application, priority="HAMIL", note="", reason="Buku KIA"
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.priority == Priority.PREGNANT
    assert Journey.objects.get(pk=application.pk).priority
    latest = application.history.order_by("-history_id").first()
    assert (latest.priority, latest.history_change_reason) == ("HAMIL", "Buku KIA")
    assert latest.history_user_id == officer.pk


def test_clearing_priority_without_a_reason_is_refused(client_for, officer, unit) -> None:
    application = register(unit, officer, priority=Priority.ELDERLY, birth=ELDERLY)
    client = client_for(officer)
    response = change(client, application, priority="", note="", reason="")
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).priority == Priority.ELDERLY
    assert Journey.objects.get(pk=application.pk).priority
    page = client.get(response["Location"]).content.decode()
    assert "Prioritas tidak diubah" in page


def _unchanged(application) -> tuple:
    return (
        Application.objects.get(pk=application.pk).priority,
        Journey.objects.get(pk=application.pk).priority,
        application.history.count(),
    )


@pytest.mark.parametrize("role", ["kasat", "auditor", "admin_user"])
def test_roles_without_the_counter_may_not_change_priority(
    request, client_for, officer, unit, role
) -> None:
    application = register(unit, officer)
    before = _unchanged(application)
    user = request.getfixturevalue(role)
    response = change(client_for(user), application, priority="LANSIA", reason="x")
    assert response.status_code == 403
    assert _unchanged(application) == before


def test_another_units_officer_gets_404(client_for, officer, other_officer, unit) -> None:
    application = register(unit, officer)
    before = _unchanged(application)
    response = change(client_for(other_officer), application, priority="LANSIA", reason="x")
    assert response.status_code == 404
    assert _unchanged(application) == before


def test_a_visited_unit_is_read_only(client_for, officer, visitor, unit) -> None:
    from django.contrib.auth.models import Group

    visitor.groups.set(Group.objects.all())
    application = register(unit, officer)
    before = _unchanged(application)
    client = visiting(client_for(visitor), unit)
    response = change(client, application, priority="LANSIA", reason="x")
    assert response.status_code == 403
    assert _unchanged(application) == before


def test_anonymous_is_sent_to_login(client_for, officer, unit) -> None:
    application = register(unit, officer)
    before = _unchanged(application)
    response = change(client_for(None), application, priority="LANSIA", reason="x")
    assert response.status_code == 302
    assert "login" in response["Location"] or "masuk" in response["Location"]
    assert _unchanged(application) == before


# --- where it shows -------------------------------------------------------------------------


def test_the_ticket_marks_priority_without_the_reason(client_for, officer, unit) -> None:
    application = register(unit, officer, priority=Priority.ELDERLY, birth=ELDERLY)
    body = (
        client_for(officer)
        .get(reverse("service_timing:ticket", args=[application.pk]))
        .content.decode()
    )
    assert 'data-testid="ticket-priority"' in body
    assert "LAYANAN PRIORITAS" in body
    assert "Lansia" not in body


def test_the_board_console_and_status_page_show_the_badge(
    client_for, officer, unit, reg_point
) -> None:
    application = register(unit, officer, priority=Priority.ELDERLY, birth=ELDERLY)
    ordinary = register(unit, officer)
    client = client_for(officer)
    badge = f'data-testid="priority-{application.queue_number}"'
    board = client.get(reverse("service_timing:board")).content.decode()
    assert badge in board
    assert "Prioritas: Lansia" in board
    assert f'data-testid="priority-{ordinary.queue_number}"' not in board
    queue = client.get(reverse("service_timing:console_queue", args=[reg_point.pk]))
    assert badge in queue.content.decode()
    assert 'data-testid="priority-policy"' in queue.content.decode()
    status = client_for(None).get(reverse("service_timing:status", args=[application.ticket_code]))
    assert 'data-testid="status-priority"' in status.content.decode()
    called = client.post(
        reverse("service_timing:console_action", args=[reg_point.pk]),
        {"code": ""},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f"{application.queue_number} dipanggil" in called  # the default policy's first turn
    assert badge in called


# --- the budget -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["ALWAYS", "ONE_IN_N"])
@pytest.mark.parametrize("waiting", [10, 200])
def test_call_next_keeps_its_budget_whatever_the_queue(
    client_for, officer, unit, reg_point, max_queries, mode, waiting
) -> None:
    """At most 8 statements with 10 or 200 waiting, a fifth of them priority, under either
    policy: also when the one called before never came and goes back to the queue."""
    from satpas.selectors import office_calendar
    from service_timing.selectors import stages_by_code

    CounterPolicy.objects.create(unit=unit, priority_mode=mode, priority_every=2)
    for n in range(waiting):
        if n % 5 == 4:
            register(unit, officer, priority=Priority.ELDERLY, birth=ELDERLY)
        else:
            register(unit, officer)
    client = client_for(officer)
    office_calendar(unit)  # warm caches, as on a server that has been up for a moment
    stages_by_code()
    client.get(reverse("service_timing:console", args=[reg_point.pk]))
    url = reverse("service_timing:console_action", args=[reg_point.pk])
    for _ in range(3):  # the first call makes the stage's turn row; then calls over no-shows
        with max_queries(8):
            client.post(url, {"code": ""}, HTTP_HX_REQUEST="true")
    assert Journey.objects.filter(current_point=reg_point).count() == 1
    assert Journey.objects.filter(state=Journey.State.WAITING).count() == waiting - 1
