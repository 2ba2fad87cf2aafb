from __future__ import annotations

import pytest
from django.urls import reverse

from applicants.models import Application
from service_timing.models import Journey, ServicePoint, StageRecord
from tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg_point(unit) -> ServicePoint:
    return ServicePoint.objects.get(unit=unit, stage_id="REG")


def act(client, point, **data):
    return client.post(
        reverse("service_timing:console_action", args=[point.pk]), data, HTTP_HX_REQUEST="true"
    )


def test_enter_on_an_empty_field_calls_starts_and_finishes(
    client_for, officer, unit, reg_point
) -> None:
    application = register(unit, officer)
    client = client_for(officer)
    body = act(client, reg_point, code="").content.decode()
    assert "B-001 dipanggil ke Loket 1" in body
    body = act(client, reg_point, code="", current=application.pk, state="CALLED").content.decode()
    assert "B-001 mulai dilayani" in body
    body = act(
        client, reg_point, code="", current=application.pk, state="IN_SERVICE", is_test="0"
    ).content.decode()
    assert "berikutnya: Verifikasi dokumen" in body
    record = StageRecord.objects.get(application=application, stage_id="REG")
    assert record.served_by == officer
    assert record.finished_at is not None


@pytest.mark.parametrize("how", ["code", "url", "queue", "queue_short"])
def test_a_scan_or_typed_queue_number_calls_that_applicant(
    client_for, officer, unit, reg_point, how
) -> None:
    register(unit, officer)
    application = register(unit, officer)
    text = {
        "code": application.ticket_code,
        "url": f"https://satpas.example/s/{application.ticket_code}/",
        "queue": "B-002",
        "queue_short": "b2",
    }[how]
    body = act(client_for(officer), reg_point, code=text).content.decode()
    assert "B-002 dipanggil" in body
    assert Journey.objects.get(pk=application.pk).state == Journey.State.CALLED


def test_a_double_scan_is_harmless(client_for, officer, unit, reg_point) -> None:
    application = register(unit, officer)
    client = client_for(officer)
    act(client, reg_point, code=application.ticket_code)
    body = act(client, reg_point, code=application.ticket_code).content.decode()
    assert "sudah di loket ini" in body
    assert "alert-danger" not in body
    assert StageRecord.objects.count() == 1


def test_a_ticket_of_another_unit_is_refused_and_nothing_written(
    client_for, unit, other_unit, officer, other_officer
) -> None:
    application = register(unit, officer)
    other_point = ServicePoint.objects.get(unit=other_unit, stage_id="REG")
    body = act(
        client_for(other_officer), other_point, code=application.ticket_code
    ).content.decode()
    assert "milik satuan lain" in body
    assert not StageRecord.objects.exists()


def test_the_wrong_counter_says_where_the_applicant_is(client_for, officer, unit) -> None:
    application = register(unit, officer)
    bio = ServicePoint.objects.get(unit=unit, stage_id="BIO")
    body = act(client_for(officer), bio, code=application.ticket_code).content.decode()
    assert "Bukan giliran loket ini" in body
    assert "Pendaftaran (formulir)" in body
    assert not StageRecord.objects.exists()


def test_unknown_text_is_explained(client_for, officer, unit, reg_point) -> None:
    body = act(client_for(officer), reg_point, code="halo?").content.decode()
    assert "Kode tidak dikenali" in body


def test_failing_a_test_asks_once_more(client_for, officer, unit) -> None:
    from service_timing.services import stage_call, stage_finish, stage_start

    application = register(unit, officer)
    for code in ["REG", "VERIF", "BAYAR", "BIO"]:
        point = ServicePoint.objects.get(unit=unit, stage_id=code)
        stage_call(point=point, user=officer, application_id=application.pk)
        stage_start(point=point, user=officer, application_id=application.pk)
        stage_finish(point=point, user=officer, application_id=application.pk)
    theory = ServicePoint.objects.get(unit=unit, stage_id="TEORI")
    client = client_for(officer)
    act(client, theory, code="")
    act(client, theory, code="", current=application.pk, state="CALLED")
    body = act(
        client, theory, code="", current=application.pk, state="IN_SERVICE", is_test="1"
    ).content.decode()
    assert "tekan + untuk Lulus" in body
    body = act(
        client, theory, code="-", current=application.pk, state="IN_SERVICE", is_test="1"
    ).content.decode()
    assert "Tekan Enter untuk memastikan" in body
    assert Application.objects.get().status == Application.Status.OPEN
    body = act(client, theory, code="", current=application.pk, pending="fail").content.decode()
    assert "tidak lulus; permohonan ditutup" in body
    assert Application.objects.get().status == Application.Status.NOT_PASSED


def test_the_console_remembers_the_chosen_counter(client_for, officer, reg_point) -> None:
    client = client_for(officer)
    client.get(reverse("service_timing:console", args=[reg_point.pk]))
    response = client.get(reverse("service_timing:console_pick"))
    assert response["Location"] == reverse("service_timing:console", args=[reg_point.pk])
    assert client.get(reverse("service_timing:console_pick") + "?ganti=1").status_code == 200


@pytest.mark.parametrize("cast", ["kasat", "auditor"])
def test_who_may_not_work_a_counter(request, client_for, reg_point, cast) -> None:
    client = client_for(request.getfixturevalue(cast))
    assert client.get(reverse("service_timing:console", args=[reg_point.pk])).status_code == 403
    assert act(client, reg_point, code="").status_code == 403


def test_another_units_counter_is_a_404(client_for, other_officer, reg_point) -> None:
    client = client_for(other_officer)
    assert client.get(reverse("service_timing:console", args=[reg_point.pk])).status_code == 404
    assert act(client, reg_point, code="").status_code == 404


def test_anonymous_is_sent_to_login(client_for, reg_point) -> None:
    assert act(client_for(None), reg_point, code="").status_code == 302


@pytest.mark.parametrize("queue_length", [3, 40])
def test_counter_actions_use_a_fixed_number_of_queries(
    client_for, officer, unit, reg_point, queue_length, max_queries
) -> None:
    from satpas.selectors import office_calendar
    from service_timing.selectors import stages_by_code

    applications = [register(unit, officer) for _ in range(queue_length)]
    client = client_for(officer)
    office_calendar(unit)  # warm caches, as on a server that has been up for a moment
    stages_by_code()
    client.get(reverse("service_timing:console", args=[reg_point.pk]))
    first = applications[0]
    with max_queries(8):
        act(client, reg_point, code="")
    with max_queries(8):
        act(client, reg_point, code="", current=first.pk, state="CALLED")
    with max_queries(8):
        act(client, reg_point, code="", current=first.pk, state="IN_SERVICE", is_test="0")
    with max_queries(8):
        act(client, reg_point, code=applications[1].ticket_code)


def test_console_page_query_budget(
    client_for, officer, unit, reg_point, django_assert_max_num_queries
) -> None:
    for _ in range(20):
        register(unit, officer)
    client = client_for(officer)
    # 11: the queue states the unit's priority policy (read once, then cached).
    with django_assert_max_num_queries(11):
        assert client.get(reverse("service_timing:console", args=[reg_point.pk])).status_code == 200


def test_without_javascript_the_console_still_works_with_full_pages(
    client_for, officer, unit, reg_point
) -> None:
    register(unit, officer)
    response = client_for(officer).post(
        reverse("service_timing:console_action", args=[reg_point.pk]), {"code": ""}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("service_timing:console", args=[reg_point.pk])
    assert "B-001 dipanggil" in response.content.decode()
