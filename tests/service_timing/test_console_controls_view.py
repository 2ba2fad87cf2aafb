"""The console's counter controls: recall, skip, transfer, counter state, calling a paused or
absent applicant from the list; who may use them, what they say, and their query budget."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from satpas import memo
from service_timing.models import (
    CounterPolicy,
    CounterStateChange,
    Journey,
    ServicePoint,
    StageRecord,
)
from tests.conftest import visiting
from tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg_point(unit) -> ServicePoint:
    return ServicePoint.objects.filter(unit=unit, stage_id="REG").order_by("number").first()


@pytest.fixture
def other_reg(unit) -> ServicePoint:
    point = ServicePoint.objects.create(unit=unit, number=20, name="Pendaftaran 2", stage_id="REG")
    memo.clear()
    return point


def act(client, point, **data):
    return client.post(
        reverse("service_timing:console_action", args=[point.pk]), data, HTTP_HX_REQUEST="true"
    )


def called(client, unit, officer, point):
    """One applicant registered and called at the counter."""
    application = register(unit, officer)
    act(client, point, code="")
    return application


def test_recall_repeats_the_call(client_for, officer, unit, reg_point) -> None:
    client = client_for(officer)
    application = called(client, unit, officer, reg_point)
    body = act(client, reg_point, action="recall", current=application.pk).content.decode()
    assert f"{application.queue_number} dipanggil ulang" in body
    assert StageRecord.objects.get(application=application).call_count == 2


def test_skip_puts_the_applicant_back_and_the_list_marks_them(
    client_for, officer, unit, reg_point
) -> None:
    client = client_for(officer)
    application = called(client, unit, officer, reg_point)
    response = act(client, reg_point, action="skip", current=application.pk)
    assert "dilewati; dipanggil lagi setelah 3 pemohon" in response.content.decode()
    assert response["HX-Trigger"] == "queue-changed"
    queue = client.get(reverse("service_timing:console_queue", args=[reg_point.pk]))
    assert f'data-testid="skipped-{application.queue_number}"' in queue.content.decode()


def test_an_absent_applicant_is_listed_and_called_from_its_row(
    client_for, officer, unit, reg_point
) -> None:
    CounterPolicy.objects.create(unit=unit, requeue_places=3, absent_after_calls=1)
    client = client_for(officer)
    application = called(client, unit, officer, reg_point)
    body = act(client, reg_point, action="skip", current=application.pk).content.decode()
    assert "ditandai tidak hadir" in body
    assert "Tidak ada pemohon yang menunggu" in act(client, reg_point, code="").content.decode()
    queue = client.get(reverse("service_timing:console_queue", args=[reg_point.pk])).content
    assert f'data-testid="call-{application.queue_number}"' in queue.decode()
    assert f'value="call:{application.pk}"' in queue.decode()
    body = act(client, reg_point, action=f"call:{application.pk}").content.decode()
    assert f"{application.queue_number} dipanggil" in body
    assert Journey.objects.get(pk=application.pk).state == Journey.State.CALLED


def test_a_call_without_a_row_is_explained(client_for, officer, reg_point) -> None:
    body = act(client_for(officer), reg_point, action="call", pick="x").content.decode()
    assert "Pilih pemohon dari daftar." in body


def test_transfer_sends_the_applicant_to_the_other_counter(
    client_for, officer, unit, reg_point, other_reg
) -> None:
    client = client_for(officer)
    application = called(client, unit, officer, reg_point)
    page = client.get(reverse("service_timing:console", args=[reg_point.pk])).content.decode()
    assert 'data-testid="transfer-20"' in page
    body = act(client, reg_point, action=f"transfer:{other_reg.pk}", current=application.pk)
    assert "dialihkan ke Loket 20" in body.content.decode()
    assert Journey.objects.get(pk=application.pk).current_point_id == other_reg.pk


@pytest.mark.parametrize("target", ["x", "999999", ""])
def test_a_bad_transfer_is_explained_and_changes_nothing(
    client_for, officer, unit, reg_point, target
) -> None:
    client = client_for(officer)
    application = called(client, unit, officer, reg_point)
    body = act(
        client, reg_point, action="transfer", transfer_to=target, current=application.pk
    ).content.decode()
    assert "Pilih loket lain untuk tahap yang sama." in body
    assert Journey.objects.get(pk=application.pk).current_point_id == reg_point.pk


def test_counter_state_is_set_from_the_console_and_shown(
    client_for, officer, unit, reg_point
) -> None:
    client = client_for(officer)
    body = act(client, reg_point, action="state:BREAK").content.decode()
    assert "sekarang istirahat" in body
    assert 'data-testid="counter-state-now">Istirahat' in body
    assert CounterStateChange.objects.get().changed_by == officer
    refused = act(client, reg_point, code="").content.decode()
    assert "buka loket dulu" in refused
    display = client.get(reverse("service_timing:display", args=[unit.code])).content.decode()
    assert f'data-testid="counter-state-{reg_point.number}">Istirahat' in display
    board = client.get(reverse("service_timing:board")).content.decode()
    assert f'data-testid="board-counter-{reg_point.number}" data-state="BREAK"' in board


def test_an_unknown_counter_state_is_explained_and_changes_nothing(
    client_for, officer, reg_point
) -> None:
    body = act(client_for(officer), reg_point, counter_state="PESTA").content.decode()
    assert "Keadaan loket tidak dikenal." in body
    assert not CounterStateChange.objects.exists()
    assert ServicePoint.objects.get(pk=reg_point.pk).state == "OPEN"


def test_controls_without_anyone_at_the_counter_are_explained(
    client_for, officer, reg_point
) -> None:
    for action in ("recall", "skip", "transfer"):
        body = act(client_for(officer), reg_point, action=action).content.decode()
        assert "Belum ada pemohon di loket ini." in body


CONTROLS = [
    {"action": "recall"},
    {"action": "skip"},
    {"action": "transfer", "transfer_to": "OTHER"},
    {"counter_state": "CLOSED"},
    {"action": "call", "pick": "APP"},
]


def _data(control: dict, application, other) -> dict:
    data = {"current": application.pk, **control}
    return {
        key: application.pk if value == "APP" else other.pk if value == "OTHER" else value
        for key, value in data.items()
    }


def _unchanged(application, point) -> tuple:
    record = StageRecord.objects.get(application=application)
    state = ServicePoint.objects.get(pk=point.pk).state
    journey = Journey.objects.get(pk=application.pk)
    return record.call_count, journey.state, journey.current_point_id, state


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("cast", ["kasat", "auditor"])
def test_who_may_not_use_the_controls(
    request, client_for, officer, unit, reg_point, other_reg, control, cast
) -> None:
    application = called(client_for(officer), unit, officer, reg_point)
    before = _unchanged(application, reg_point)
    client = client_for(request.getfixturevalue(cast))
    assert act(client, reg_point, **_data(control, application, other_reg)).status_code == 403
    assert _unchanged(application, reg_point) == before


@pytest.mark.parametrize("control", CONTROLS)
def test_another_units_officer_gets_a_404(
    client_for, officer, other_officer, unit, reg_point, other_reg, control
) -> None:
    application = called(client_for(officer), unit, officer, reg_point)
    before = _unchanged(application, reg_point)
    client = client_for(other_officer)
    assert act(client, reg_point, **_data(control, application, other_reg)).status_code == 404
    assert _unchanged(application, reg_point) == before


@pytest.mark.parametrize("control", CONTROLS)
def test_a_visitor_with_every_role_is_read_only(
    client_for, officer, visitor, unit, reg_point, other_reg, control
) -> None:
    visitor.groups.set(Group.objects.all())
    application = called(client_for(officer), unit, officer, reg_point)
    before = _unchanged(application, reg_point)
    client = visiting(client_for(visitor), unit)
    response = act(client, reg_point, **_data(control, application, other_reg))
    assert response.status_code == 403
    assert _unchanged(application, reg_point) == before


@pytest.mark.parametrize("control", CONTROLS)
def test_anonymous_is_sent_to_login(
    client_for, officer, unit, reg_point, other_reg, control
) -> None:
    application = called(client_for(officer), unit, officer, reg_point)
    before = _unchanged(application, reg_point)
    response = act(client_for(None), reg_point, **_data(control, application, other_reg))
    assert response.status_code == 302
    assert _unchanged(application, reg_point) == before


@pytest.mark.parametrize("queue_length", [1, 50])
def test_the_controls_keep_the_query_budget(
    client_for, officer, unit, reg_point, other_reg, queue_length, max_queries
) -> None:
    """At most 8 statements each (django_assert_max_num_queries, less SQLite's savepoints),
    the same with 1 or 50 waiting."""
    from satpas.selectors import office_calendar
    from service_timing.selectors import stages_by_code

    CounterPolicy.objects.create(unit=unit, requeue_places=3, absent_after_calls=2)
    applications = [register(unit, officer) for _ in range(queue_length)]
    client = client_for(officer)
    office_calendar(unit)  # warm caches, as on a server that has been up for a moment
    stages_by_code()
    client.get(reverse("service_timing:console", args=[reg_point.pk]))
    first = applications[0]
    act(client, reg_point, code="")  # first called
    with max_queries(8):
        act(client, reg_point, action="recall", current=first.pk)
    with max_queries(8):
        act(client, reg_point, action="skip", current=first.pk)  # absent: two calls
    with max_queries(8):
        act(client, reg_point, pick=first.pk)
    with max_queries(8):
        act(client, reg_point, transfer_to=other_reg.pk, current=first.pk)
    with max_queries(8):
        act(client, reg_point, counter_state="BREAK")
    with max_queries(8):
        act(client, reg_point, counter_state="OPEN")
    register(unit, officer)  # the queue keeps its length: the first one left it
    with max_queries(8):
        act(client, reg_point, code="")  # the next one called
    second = Journey.objects.get(current_point=reg_point)
    with max_queries(8):
        act(client, reg_point, action="skip", current=second.pk)  # back after 3 places
    assert Journey.objects.get(pk=first.pk).current_point_id == other_reg.pk
    assert Journey.objects.get(pk=second.pk).state == Journey.State.WAITING
