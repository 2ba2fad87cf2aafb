"""Complaints: recorded from any channel, followed up, finished; share handled per period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compensation.models import Complaint
from compensation.selectors import complaint_handling, substantiated_complaints
from compensation.services import complaint_add_note, complaint_close, complaint_create
from tests.compensation.helpers import JAKARTA, at, walk
from tests.factories import register

pytestmark = pytest.mark.django_db

LIST = reverse("compensation:complaints")
NEW = reverse("compensation:complaint_new")


def complaint(unit, **kwargs) -> Complaint:
    return complaint_create(
        unit=unit,
        channel=kwargs.pop("channel", Complaint.Channel.PHONE),
        description=kwargs.pop("description", "Antrean tidak jelas"),
        **kwargs,
    )


def test_a_lapor_complaint_needs_its_reference(unit) -> None:
    with pytest.raises(ValidationError, match="SP4N-LAPOR"):
        complaint(unit, channel=Complaint.Channel.LAPOR)
    row = complaint(unit, channel=Complaint.Channel.LAPOR, lapor_reference="LAPOR-2611-0042")
    assert row.lapor_reference == "LAPOR-2611-0042"


def served_by(unit, officer):
    """An application whose registration `officer` served (so they may answer for it)."""
    application = register(unit, officer, now=at(8))
    walk(application, officer, ["REG"], at(8, 5))
    return application


def test_follow_up_then_finish(unit, supervisor, officer) -> None:
    row = complaint(unit, now=at(9), application=served_by(unit, officer))
    complaint_add_note(complaint=row, text="Pemohon ditelepon", user=supervisor, now=at(10))
    row.refresh_from_db()
    assert (row.status, row.handled_by) == (Complaint.Status.IN_PROGRESS, supervisor)
    complaint_close(
        complaint=row,
        substantiated=True,
        about_officer=officer,
        conclusion="Petugas ditegur",
        user=supervisor,
        now=at(11),
    )
    row.refresh_from_db()
    assert (row.status, row.substantiated, row.resolved_at) == ("DONE", True, at(11))
    assert list(substantiated_complaints(unit, at(0), at(23))) == [row]
    with pytest.raises(ValidationError, match="sudah selesai"):
        complaint_add_note(complaint=row, text="Lagi", user=supervisor)


def test_share_handled_in_a_period(unit, supervisor) -> None:
    rows = [complaint(unit, now=at(9)) for _ in range(4)]
    complaint_close(complaint=rows[0], substantiated=False, conclusion="Selesai", user=supervisor)
    complaint_add_note(complaint=rows[1], text="Diproses", user=supervisor)
    start = dt.datetime(2026, 11, 1, tzinfo=JAKARTA)
    end = dt.datetime(2026, 12, 1, tzinfo=JAKARTA)
    handling = complaint_handling(unit, start, end)
    assert (handling["total"], handling["new"], handling["in_progress"], handling["done"]) == (
        4,
        2,
        1,
        1,
    )
    assert handling["done_percent"] == 25


@pytest.mark.parametrize("cast", ["officer", "supervisor", "kasat", "auditor"])
def test_who_may_read_complaints(request, client_for, unit, cast: str) -> None:
    row = complaint(unit)
    client = client_for(request.getfixturevalue(cast))
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("compensation:complaint_detail", args=[row.pk])).status_code == 200


def test_refused_and_anonymous(client_for, unit, admin_user, other_officer) -> None:
    row = complaint(unit)
    assert client_for(admin_user).get(LIST).status_code == 403
    assert client_for(None).get(LIST)["Location"].startswith(reverse("login"))
    detail = reverse("compensation:complaint_detail", args=[row.pk])
    assert client_for(other_officer).get(detail).status_code == 404


def test_an_officer_records_a_complaint_about_an_application(client_for, unit, officer) -> None:
    application = register(unit, officer, now=at(8))
    response = client_for(officer).post(
        NEW,
        {
            "channel": "COUNTER",
            "description": "Loket foto tutup tanpa pemberitahuan",
            "queue_number": application.queue_number.lower(),
            "service_date": application.service_date.isoformat(),
        },
    )
    row = Complaint.objects.get()
    assert response["Location"] == reverse("compensation:complaint_detail", args=[row.pk])
    assert (row.application, row.channel, row.status) == (application, "COUNTER", "NEW")


def test_the_form_explains_a_missing_lapor_reference(client_for, officer) -> None:
    body = client_for(officer).post(NEW, {"channel": "LAPOR", "description": "x"}).content.decode()
    assert "Nomor tiket SP4N-LAPOR! wajib diisi untuk saluran ini." in body
    assert not Complaint.objects.exists()


def test_auditor_and_kasat_may_not_record_complaints(client_for, auditor) -> None:
    assert client_for(auditor).get(NEW).status_code == 403


def test_an_officer_may_not_handle_complaints(client_for, unit, officer) -> None:
    row = complaint(unit)
    url = reverse("compensation:complaint_note", args=[row.pk])
    assert client_for(officer).post(url, {"text": "x"}).status_code == 403
    body = client_for(officer).get(reverse("compensation:complaint_detail", args=[row.pk]))
    assert "Tambah tindak lanjut" not in body.content.decode()


def test_supervisor_follows_up_and_finishes_through_the_pages(
    client_for, unit, supervisor, officer
) -> None:
    row = complaint(unit, application=served_by(unit, officer))
    client = client_for(supervisor)
    client.post(reverse("compensation:complaint_note", args=[row.pk]), {"text": "Cek CCTV"})
    response = client.post(
        reverse("compensation:complaint_close", args=[row.pk]),
        {"substantiated": "1", "about_officer": officer.pk, "conclusion": "Terbukti, ditegur"},
        follow=True,
    )
    body = response.content.decode()
    assert "Cek CCTV" in body
    assert "Terbukti, ditegur" in body
    row.refresh_from_db()
    assert (row.status, row.substantiated, row.about_officer) == ("DONE", True, officer)


def test_the_list_filters_and_shows_the_share_handled(client_for, unit, supervisor) -> None:
    complaint(unit, now=at(9))
    done = complaint(unit, now=at(9), channel=Complaint.Channel.COUNTER)
    complaint_close(complaint=done, substantiated=False, conclusion="OK", user=supervisor)
    client = client_for(supervisor)
    body = client.get(LIST, {"periode": "2026-11"}).content.decode()
    assert "50% selesai ditangani" in body
    assert body.count('data-testid="complaint-row"') == 2
    body = client.get(LIST, {"saluran": "COUNTER"}).content.decode()
    assert body.count('data-testid="complaint-row"') == 1


def test_the_list_is_empty_friendly(client_for, officer) -> None:
    assert "Belum ada pengaduan" in client_for(officer).get(LIST).content.decode()


def test_complaint_pages_query_budget(
    client_for, unit, supervisor, officer, django_assert_max_num_queries
) -> None:
    application = served_by(unit, officer)
    rows = [complaint(unit, application=application, about_officer=officer) for _ in range(20)]
    for row in rows[:5]:
        complaint_add_note(complaint=row, text="Ditindaklanjuti", user=supervisor)
    client = client_for(supervisor)
    with django_assert_max_num_queries(8):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(10):
        assert (
            client.get(reverse("compensation:complaint_detail", args=[rows[0].pk])).status_code
            == 200
        )


def test_complaint_form_query_budget(
    client_for, unit, officer, django_assert_max_num_queries
) -> None:
    from satpas.roles import Role
    from tests.factories import UserFactory

    for _ in range(15):
        UserFactory(home_unit=unit, role=Role.OFFICER)
    client = client_for(officer)
    with django_assert_max_num_queries(6):
        assert client.get(NEW).status_code == 200


def test_a_wrong_value_in_one_filter_is_ignored_with_every_other(
    client_for, unit, supervisor
) -> None:
    complaint(unit, now=at(9))
    complaint(unit, now=at(9), channel=Complaint.Channel.COUNTER)
    client = client_for(supervisor)
    assert (
        client.get(LIST, {"saluran": "COUNTER"})
        .content.decode()
        .count('data-testid="complaint-row"')
        == 1
    )
    response = client.get(LIST, {"saluran": "COUNTER", "status": "BOGUS"})
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="complaint-row"') == 2
    assert "Status: " in response.content.decode()  # the field and its error are named
    assert "Saringan tidak dipakai: ditampilkan semua pengaduan." in response.content.decode()
    assert Complaint.objects.filter(unit=unit).count() == 2


def test_an_old_address_of_the_list_is_redirected_for_good(client_for, unit, supervisor) -> None:
    complaint(unit, now=at(9))
    complaint(unit, now=at(9), channel=Complaint.Channel.COUNTER)
    client = client_for(supervisor)
    old = {"periode": "bulan", "tahun": "2026", "bulan": "11", "saluran": "COUNTER", "page": "1"}
    response = client.get(LIST, old, follow=True)
    assert response.redirect_chain[0][1] == 301
    assert response.redirect_chain[0][0] == f"{LIST}?saluran=COUNTER&periode=2026-11&halaman=1"
    assert response.content.decode().count('data-testid="complaint-row"') == 1
