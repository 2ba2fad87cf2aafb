"""The hand-over page (and its htmx partial in the counter console)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applicants.models import Application
from compensation.models import CompensationCase, CompensationItem, Complaint
from compensation.services import case_open_dissatisfied, sweep_overdue
from tests.compensation.helpers import at
from tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(unit, officer) -> Application:
    application = register(unit, officer, application_type="PERPANJANGAN", now=at(8))
    sweep_overdue(now=at(9, 15))
    return application


def url(application) -> str:
    return reverse("compensation:handover", args=[application.pk])


def case_of(application) -> CompensationCase:
    return CompensationCase.objects.get(application=application, reason="OVERDUE")


def water(unit) -> CompensationItem:
    return CompensationItem.objects.get(unit=unit, name="Air mineral")


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat", "auditor"])
def test_roles_that_may_open_the_hand_over_page(request, client_for, late, cast: str) -> None:
    response = client_for(request.getfixturevalue(cast)).get(url(late))
    assert response.status_code == 200
    assert "Melebihi standar waktu" in response.content.decode()


def test_only_those_who_settle_see_the_forms(client_for, late, officer, auditor) -> None:
    assert 'data-testid="give-form"' in client_for(officer).get(url(late)).content.decode()
    body = client_for(auditor).get(url(late)).content.decode()
    assert 'data-testid="give-form"' not in body
    assert "Menunggu penyerahan" in body


def test_the_applicants_name_is_masked_for_the_auditor(client_for, late, auditor) -> None:
    body = client_for(auditor).get(url(late)).content.decode()
    assert "Budi Santoso" not in body
    assert "B*** S***" in body


def test_the_admin_operator_is_refused(client_for, late, admin_user) -> None:
    assert client_for(admin_user).get(url(late)).status_code == 403


def test_anonymous_is_sent_to_login(client_for, late) -> None:
    response = client_for(None).get(url(late))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_units_officer_gets_a_404(client_for, late, other_officer) -> None:
    assert client_for(other_officer).get(url(late)).status_code == 404
    response = client_for(other_officer).post(
        reverse("compensation:case_give", args=[case_of(late).pk]), {}
    )
    assert response.status_code == 404


def test_an_htmx_request_gets_only_the_partial(client_for, late, officer) -> None:
    response = client_for(officer).get(url(late), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith("<section")
    assert "<html" not in body


def test_only_the_page_of_its_own_takes_the_focus(client_for, late, officer) -> None:
    """Embedded in the counter console, the form must leave the focus on the scan field."""
    client = client_for(officer)
    assert "autofocus" in client.get(url(late)).content.decode()
    assert "autofocus" not in client.get(url(late), HTTP_HX_REQUEST="true").content.decode()


def test_officer_hands_over_water_and_the_case_closes(client_for, unit, late, officer) -> None:
    case = case_of(late)
    response = client_for(officer).post(
        reverse("compensation:case_give", args=[case.pk]),
        {f"c{case.pk}-item": water(unit).pk, f"c{case.pk}-acknowledged": "on"},
        follow=True,
    )
    assert "Air mineral diserahkan" in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.item, case.settled_by) == ("GIVEN", water(unit), officer)
    late.refresh_from_db()
    assert late.compensation_state == Application.Compensation.SETTLED


def test_hand_over_through_htmx_answers_with_the_refreshed_partial(
    client_for, unit, late, officer
) -> None:
    case = case_of(late)
    response = client_for(officer).post(
        reverse("compensation:case_give", args=[case.pk]),
        {f"c{case.pk}-item": water(unit).pk, f"c{case.pk}-acknowledged": "on"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="handover-notice"' in body
    assert 'data-status="GIVEN"' in body
    assert "<html" not in body


def test_without_acknowledgement_the_form_says_why(client_for, unit, late, officer) -> None:
    case = case_of(late)
    response = client_for(officer).post(
        reverse("compensation:case_give", args=[case.pk]), {f"c{case.pk}-item": water(unit).pk}
    )
    assert "Pemohon harus menyatakan telah menerima kompensasi." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "DUE"


def test_the_applicant_declines(client_for, late, officer) -> None:
    case = case_of(late)
    client_for(officer).post(
        reverse("compensation:case_decline", args=[case.pk]), {f"c{case.pk}-note": "Buru-buru"}
    )
    case.refresh_from_db()
    assert (case.status, case.settlement_note) == ("DECLINED", "Buru-buru")


def test_an_officer_may_not_waive(client_for, late, officer) -> None:
    case = case_of(late)
    response = client_for(officer).post(
        reverse("compensation:case_waive", args=[case.pk]), {f"c{case.pk}-reason": "Pulang"}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "DUE"


def test_a_supervisor_waives_with_a_reason(client_for, late, supervisor) -> None:
    case = case_of(late)
    client = client_for(supervisor)
    response = client.post(reverse("compensation:case_waive", args=[case.pk]), {})
    assert "Alasan pembebasan wajib diisi." in response.content.decode()
    client.post(
        reverse("compensation:case_waive", args=[case.pk]),
        {f"c{case.pk}-reason": "Pemohon pulang sebelum dipanggil"},
    )
    case.refresh_from_db()
    assert case.status == "WAIVED"


def test_kurang_puas_at_the_counter_opens_a_case_and_no_complaint(
    client_for, unit, officer
) -> None:
    application = register(unit, officer, now=at(8))
    client_for(officer).post(
        reverse("compensation:dissatisfied", args=[application.pk]),
        {"description": "Menunggu tanpa kepastian"},
    )
    case = CompensationCase.objects.get(application=application)
    assert (case.reason, case.dissatisfaction_note) == ("DISSATISFIED", "Menunggu tanpa kepastian")
    assert not Complaint.objects.exists()
    body = client_for(officer).get(url(application)).content.decode()
    assert 'data-testid="dissatisfied-form"' not in body


def test_a_complaint_the_applicant_writes_at_the_counter_is_recorded(
    client_for, unit, officer
) -> None:
    application = register(unit, officer, now=at(8))
    client_for(officer).post(
        reverse("compensation:dissatisfied", args=[application.pk]),
        {"description": "Lama", "complaint": "Petugas tidak menjawab pertanyaan saya"},
    )
    complaint = Complaint.objects.get()
    assert complaint.compensation_case.application == application
    assert complaint.description == "Petugas tidak menjawab pertanyaan saya"


def test_a_second_kurang_puas_is_explained_not_duplicated(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    case_open_dissatisfied(application=application, description="", user=officer)
    response = client_for(officer).post(
        reverse("compensation:dissatisfied", args=[application.pk]), {}
    )
    assert "sudah tercatat" in response.content.decode()
    assert CompensationCase.objects.filter(application=application).count() == 1


def test_nothing_owed_shows_a_friendly_empty_state(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    body = client_for(officer).get(url(application)).content.decode()
    assert "Tidak ada kompensasi untuk pemohon ini" in body


def test_hand_over_page_query_budget(
    client_for, unit, late, officer, django_assert_max_num_queries
) -> None:
    case_open_dissatisfied(application=late, description="", user=officer)
    client = client_for(officer)
    client.get(url(late))
    with django_assert_max_num_queries(14):
        assert client.get(url(late)).status_code == 200
