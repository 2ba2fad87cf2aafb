"""SKM survey: one response per application, by QR on a phone or at the exit kiosk."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compensation.models import CompensationCase, Complaint, SurveyResponse
from compensation.services import is_very_low, survey_submit
from tests.compensation.helpers import at
from tests.factories import register

pytestmark = pytest.mark.django_db

GOOD = {f"u{i}": 4 if i % 2 else 3 for i in range(1, 10)}


def answers(scores: dict[str, int], comment: str = "") -> dict[str, object]:
    return {**scores, "comment": comment}


def test_a_response_is_stored_once_per_application(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    survey_submit(unit=unit, application=application, scores=GOOD, now=at(10))
    with pytest.raises(ValidationError, match="sudah diisi"):
        survey_submit(unit=unit, application=application, scores=GOOD, now=at(10, 1))
    assert SurveyResponse.objects.count() == 1


def test_a_ticket_of_another_unit_is_refused(unit, officer, other_unit) -> None:
    application = register(unit, officer, now=at(8))
    with pytest.raises(ValidationError, match="bukan dari satuan ini"):
        survey_submit(unit=other_unit, application=application, scores=GOOD)


@pytest.mark.parametrize(
    ("scores", "low"),
    [
        (GOOD, False),
        ({**GOOD, "u3": 1}, True),  # one "tidak cepat" is enough
        ({f"u{i}": 2 if i <= 5 else 3 for i in range(1, 10)}, True),  # average 2.44
        ({f"u{i}": 2 if i <= 3 else 3 for i in range(1, 10)}, False),  # average 2.67
    ],
)
def test_what_counts_as_a_very_low_score(scores: dict[str, int], low: bool) -> None:
    assert is_very_low(scores) is low


def test_a_very_low_score_opens_a_dissatisfied_case_but_no_complaint(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    survey_submit(
        unit=unit,
        application=application,
        scores={**GOOD, "u7": 1},
        comment="Antrean lama",
        now=at(10),
    )
    case = CompensationCase.objects.get(application=application)
    assert (case.reason, case.status) == ("DISSATISFIED", "DUE")
    assert "Antrean lama" in case.dissatisfaction_note
    assert not Complaint.objects.exists()


def test_the_applicant_may_make_the_comment_a_complaint(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    survey_submit(
        unit=unit,
        application=application,
        scores={**GOOD, "u7": 1},
        comment="Petugas membentak",
        as_complaint=True,
        now=at(10),
    )
    case = CompensationCase.objects.get(application=application)
    complaint = Complaint.objects.get()
    assert (complaint.compensation_case, complaint.channel) == (case, Complaint.Channel.SURVEY)
    assert complaint.description == "Petugas membentak"


def test_a_complaint_without_words_is_refused(unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    with pytest.raises(ValidationError, match="isi pengaduan"):
        survey_submit(
            unit=unit, application=application, scores=GOOD, as_complaint=True, now=at(10)
        )
    assert not SurveyResponse.objects.exists()


def test_an_anonymous_very_low_score_is_neither_a_case_nor_a_complaint(unit) -> None:
    survey_submit(unit=unit, scores={**GOOD, "u1": 1}, channel="KIOSK")
    assert not CompensationCase.objects.exists()
    assert not Complaint.objects.exists()


# --- the QR page (public, phone) -------------------------------------------------------------


def survey_url(application) -> str:
    return reverse("compensation:survey", args=[application.ticket_code])


def test_the_survey_opens_without_login_and_shows_the_nine_elements(
    client_for, unit, officer
) -> None:
    application = register(unit, officer, now=at(8))
    response = client_for(None).get(survey_url(application))
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    for name in [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]:
        assert name in body
    assert "Budi Santoso" not in body
    assert application.applicant.nik not in body


def test_an_unknown_ticket_is_a_404(client_for, db) -> None:
    assert (
        client_for(None).get(reverse("compensation:survey", args=["tidak-ada"])).status_code == 404
    )


def test_submitting_the_survey_thanks_the_applicant(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    client = client_for(None)
    response = client.post(survey_url(application), answers(GOOD, "Cepat sekali"), follow=True)
    assert 'data-testid="survey-thanks"' in response.content.decode()
    response_row = SurveyResponse.objects.get()
    assert (response_row.application, response_row.channel, response_row.comment) == (
        application,
        "QR",
        "Cepat sekali",
    )
    # Coming back shows the thanks, not a second form.
    assert 'data-testid="survey-form"' not in client.get(survey_url(application)).content.decode()


def test_a_missing_answer_is_explained(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    partial = {key: value for key, value in GOOD.items() if key != "u4"}
    body = client_for(None).post(survey_url(application), partial).content.decode()
    assert "Pilih salah satu jawaban." in body
    assert not SurveyResponse.objects.exists()


def test_an_out_of_range_score_is_refused(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    client_for(None).post(survey_url(application), {**GOOD, "u1": 5})
    assert not SurveyResponse.objects.exists()


def test_survey_page_query_budget(client_for, unit, officer, django_assert_max_num_queries) -> None:
    application = register(unit, officer, now=at(8))
    with django_assert_max_num_queries(3):
        assert client_for(None).get(survey_url(application)).status_code == 200


# --- the kiosk (public, tablet) --------------------------------------------------------------


def kiosk_url(unit) -> str:
    return reverse("compensation:kiosk", args=[unit.code])


def test_the_kiosk_opens_without_login(client_for, unit) -> None:
    response = client_for(None).get(kiosk_url(unit))
    assert response.status_code == 200
    assert 'name="ticket_code"' in response.content.decode()


def test_an_unknown_unit_has_no_kiosk(client_for, db) -> None:
    assert client_for(None).get(reverse("compensation:kiosk", args=["XXX"])).status_code == 404


def test_a_scanned_ticket_leads_to_the_survey_and_the_kiosk_resets(
    client_for, unit, officer
) -> None:
    application = register(unit, officer, now=at(8))
    client = client_for(None)
    scanned = f"https://satpas.example/status/{application.ticket_code}/"
    response = client.post(kiosk_url(unit), {"ticket_code": scanned})
    # Every page the kiosk shows is reached by GET: Back never asks to resend a form.
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert 'data-testid="survey-form"' in body
    assert application.queue_number in body
    response = client.post(
        reverse("compensation:kiosk_submit", args=[unit.code]),
        {**answers(GOOD), "ticket_code": application.ticket_code},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("compensation:kiosk_thanks", args=[unit.code])
    body = client.get(response["Location"]).content.decode()
    assert 'data-testid="survey-owed"' not in body
    assert f'data-kiosk-reset="{kiosk_url(unit)}"' in body
    assert "satpas/kiosk.js" in body
    row = SurveyResponse.objects.get()
    assert (row.application, row.channel) == (application, "KIOSK")


def test_the_kiosk_refuses_a_ticket_of_another_unit_or_one_already_answered(
    client_for, unit, officer, other_unit, other_officer
) -> None:
    client = client_for(None)
    foreign = register(other_unit, other_officer, now=at(8))
    body = client.post(kiosk_url(unit), {"ticket_code": foreign.ticket_code}).content.decode()
    assert "Tiket tidak ditemukan di satuan ini" in body
    mine = register(unit, officer, now=at(8))
    survey_submit(unit=unit, application=mine, scores=GOOD)
    body = client.post(kiosk_url(unit), {"ticket_code": mine.ticket_code}).content.decode()
    assert "sudah diisi" in body


def test_the_kiosk_takes_an_anonymous_response(client_for, unit, supervisor) -> None:
    from tests.compensation.test_kiosk_enrolment import enrolled_kiosk

    client = enrolled_kiosk(client_for, supervisor, unit)
    body = client.post(kiosk_url(unit), {"anonymous": "1"}, follow=True).content.decode()
    assert 'data-testid="survey-form"' in body
    client.post(
        reverse("compensation:kiosk_submit", args=[unit.code]), {**answers(GOOD), "ticket_code": ""}
    )
    row = SurveyResponse.objects.get()
    assert (row.application, row.unit, row.channel) == (None, unit, "KIOSK")


def test_kiosk_query_budget(client_for, unit, django_assert_max_num_queries) -> None:
    client = client_for(None)
    with django_assert_max_num_queries(2):
        assert client.get(kiosk_url(unit)).status_code == 200


def test_a_dissatisfied_applicant_is_told_what_they_are_owed(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    client = client_for(None)
    response = client.post(survey_url(application), answers({**GOOD, "u7": 1}), follow=True)
    body = response.content.decode()
    assert 'data-testid="survey-thanks"' in body
    assert 'data-testid="survey-owed"' in body
    assert "berhak atas kompensasi" in body


def test_a_satisfied_applicant_is_owed_nothing_on_the_thanks(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    body = client_for(None).post(survey_url(application), answers(GOOD), follow=True)
    assert 'data-testid="survey-owed"' not in body.content.decode()


def test_the_kiosk_tells_a_dissatisfied_applicant_what_they_are_owed(
    client_for, unit, officer
) -> None:
    application = register(unit, officer, now=at(8))
    client = client_for(None)
    client.post(kiosk_url(unit), {"ticket_code": application.ticket_code})
    response = client.post(
        reverse("compensation:kiosk_submit", args=[unit.code]),
        {**answers({**GOOD, "u7": 1}), "ticket_code": application.ticket_code},
        follow=True,
    )
    body = response.content.decode()
    assert 'data-testid="survey-owed"' in body
    # Shown once: the next applicant at the tablet does not see it.
    again = client.get(reverse("compensation:kiosk_thanks", args=[unit.code])).content.decode()
    assert 'data-testid="survey-owed"' not in again


def test_the_kiosk_survey_page_without_a_scanned_ticket_goes_back_to_the_start(
    client_for, unit
) -> None:
    response = client_for(None).get(reverse("compensation:kiosk_survey", args=[unit.code]))
    assert response.status_code == 302
    assert response["Location"] == kiosk_url(unit)
