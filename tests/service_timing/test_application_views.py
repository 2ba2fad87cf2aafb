from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from applicants.models import Application
from service_timing.models import Pause, ServicePoint, StageRecord
from service_timing.services import stage_call, stage_finish, stage_start
from tests.factories import register

pytestmark = pytest.mark.django_db


def walk(unit, officer, application, codes) -> None:
    for code in codes:
        point = ServicePoint.objects.get(unit=unit, stage_id=code)
        stage_call(point=point, user=officer, application_id=application.pk)
        stage_start(point=point, user=officer, application_id=application.pk)
        stage_finish(point=point, user=officer, application_id=application.pk)


def test_detail_shows_the_timeline_with_who_served(client_for, officer, unit) -> None:
    application = register(unit, officer)
    walk(unit, officer, application, ["REG"])
    body = (
        client_for(officer)
        .get(reverse("service_timing:application", args=[application.pk]))
        .content.decode()
    )
    assert "Pendaftaran (formulir)" in body
    assert officer.full_name in body
    assert application.applicant.nik in body


def test_the_auditor_sees_nik_and_name_masked(client_for, officer, auditor, unit) -> None:
    application = register(unit, officer, name="Budi Santoso")
    body = (
        client_for(auditor)
        .get(reverse("service_timing:application", args=[application.pk]))
        .content.decode()
    )
    nik = application.applicant.nik
    assert nik not in body
    assert f"{nik[:4]}********{nik[-4:]}" in body
    assert "B*** S***" in body
    assert "Budi Santoso" not in body
    listing = client_for(auditor).get(reverse("service_timing:applications")).content.decode()
    assert nik not in listing
    assert "Budi Santoso" not in listing


def test_another_units_application_is_a_404(client_for, officer, other_officer, unit) -> None:
    application = register(unit, officer)
    for name in ["service_timing:application", "service_timing:ticket"]:
        assert (
            client_for(other_officer).get(reverse(name, args=[application.pk])).status_code == 404
        )


def test_the_ticket_carries_the_qr_the_standard_and_the_promise(client_for, officer, unit) -> None:
    application = register(unit, officer)
    body = (
        client_for(officer)
        .get(reverse("service_timing:ticket", args=[application.pk]))
        .content.decode()
    )
    assert "<svg" in body
    assert "maksimal 120 menit" in body
    assert "kompensasi air mineral atau permen" in body
    assert f"/s/{application.ticket_code}/" in body
    narrow = client_for(officer).get(
        reverse("service_timing:ticket", args=[application.pk]) + "?lebar=58"
    )
    assert 'class="ticket-body w58"' in narrow.content.decode()


def test_the_reprinted_ticket_carries_the_estimated_wait_when_printed(
    client_for, officer, unit, frozen
) -> None:
    from service_timing.models import ServicePoint
    from service_timing.services import stage_call

    frozen(2026, 11, 25, 11, 50)  # WIB; the suite may run at another instant
    first, second = register(unit, officer), register(unit, officer)
    url = reverse("service_timing:ticket", args=[second.pk])
    body = client_for(officer).get(url).content.decode()
    # One ahead, REG's allowance of 10 minutes: called around 12.00, before the lunch break.
    assert "Perkiraan dipanggil dalam ± 10 menit (sekitar pukul 12.00)" in body
    assert "perkiraan saat dicetak pukul 11.50" in body
    frozen(2026, 11, 25, 11, 55)
    third = register(unit, officer)
    # Two ahead: 20 office minutes, 5 before the 12.00-13.00 break (not counted), 15 after it.
    body = client_for(officer).get(reverse("service_timing:ticket", args=[third.pk])).content
    assert "± 20 menit (sekitar pukul 13.15)" in body.decode()
    # Once called, the ticket makes no promise of a wait.
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    stage_call(point=point, user=officer, application_id=first.pk)
    stage_call(point=point, user=officer, application_id=second.pk)
    assert 'data-testid="ticket-wait"' not in client_for(officer).get(url).content.decode()


def test_supervisor_corrects_a_timestamp_and_history_keeps_the_old_value(
    client_for, officer, supervisor, unit, frozen
) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer)
    frozen(2026, 11, 27, 8, 20)
    walk(unit, officer, application, ["REG"])
    record = StageRecord.objects.get(application=application, stage_id="REG")
    old = record.finished_at
    frozen(2026, 11, 27, 9, 0)
    response = client_for(supervisor).post(
        reverse("service_timing:correct", args=[application.pk]),
        {
            "record": record.pk,
            "field": "finished_at",
            "value": "2026-11-27T08:35",
            "reason": "Petugas lupa menekan Selesai",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.finished_at == dt.datetime(2026, 11, 27, 1, 35, tzinfo=dt.UTC)
    latest = record.history.first()
    assert latest.history_change_reason == "Petugas lupa menekan Selesai"
    assert latest.history_user == supervisor
    assert record.history.all()[1].finished_at == old


def test_a_correction_without_reason_or_out_of_order_changes_nothing(
    client_for, officer, supervisor, unit
) -> None:
    application = register(unit, officer)
    walk(unit, officer, application, ["REG"])
    record = StageRecord.objects.get(application=application, stage_id="REG")
    before = (record.started_at, record.history.count())
    client = client_for(supervisor)
    url = reverse("service_timing:correct", args=[application.pk])
    client.post(
        url, {"record": record.pk, "field": "started_at", "value": "2026-11-27T08:15", "reason": ""}
    )
    response = client.post(
        url,
        {
            "record": record.pk,
            "field": "finished_at",
            "value": "2000-01-01T08:00",
            "reason": "salah",
        },
        follow=True,
    )
    assert "sebelum pendaftaran" in response.content.decode()
    record.refresh_from_db()
    assert (record.started_at, record.history.count()) == before


def test_officers_may_not_correct_timestamps(client_for, officer, unit) -> None:
    application = register(unit, officer)
    walk(unit, officer, application, ["REG"])
    record = StageRecord.objects.get(application=application)
    response = client_for(officer).post(
        reverse("service_timing:correct", args=[application.pk]),
        {"record": record.pk, "field": "started_at", "value": "2026-11-27T08:15", "reason": "x"},
    )
    assert response.status_code == 403


def test_supervisor_records_and_ends_a_pause(client_for, officer, supervisor, unit, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 30)
    client = client_for(supervisor)
    client.post(
        reverse("service_timing:pause", args=[application.pk]),
        {"started_at": "2026-11-27T08:10", "ended_at": "", "reason": "Pulang mengambil KTP asli"},
    )
    pause = Pause.objects.get()
    frozen(2026, 11, 27, 9, 10)
    client.post(reverse("service_timing:pause_end", args=[application.pk, pause.pk]))
    pause.refresh_from_db()
    assert pause.ended_at is not None
    body = client.get(reverse("service_timing:application", args=[application.pk])).content.decode()
    assert "10 / 60 menit" in body  # 70 minutes on the wall, 60 of them paused


def test_officers_may_not_record_pauses(client_for, officer, unit) -> None:
    application = register(unit, officer)
    response = client_for(officer).post(
        reverse("service_timing:pause", args=[application.pk]),
        {"started_at": "2026-11-27T08:10", "reason": "x"},
    )
    assert response.status_code == 403
    assert not Pause.objects.exists()


def test_supervisor_withdraws_with_a_reason(client_for, officer, supervisor, unit) -> None:
    application = register(unit, officer)
    client_for(supervisor).post(
        reverse("service_timing:withdraw", args=[application.pk]), {"reason": "Pemohon membatalkan"}
    )
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert application.closing_note == "Pemohon membatalkan"


def test_the_list_filters_and_paginates(client_for, officer, unit) -> None:
    for _ in range(55):
        register(unit, officer)
    register(unit, officer, application_type="PERPANJANGAN")
    client = client_for(officer)
    first = client.get(reverse("service_timing:applications")).content.decode()
    assert "Halaman 1 dari 2" in first
    filtered = client.get(
        reverse("service_timing:applications") + "?jenis=PERPANJANGAN"
    ).content.decode()
    assert "P-001" in filtered
    assert "B-001" not in filtered


def test_list_and_detail_query_budgets(client_for, officer, unit, max_queries) -> None:
    applications = [register(unit, officer) for _ in range(60)]
    walk(unit, officer, applications[0], ["REG", "VERIF"])
    client = client_for(officer)
    detail = reverse("service_timing:application", args=[applications[0].pk])
    client.get(detail)  # caches warm, as on a running server
    with max_queries(6):
        client.get(reverse("service_timing:applications"))
    with max_queries(10):
        client.get(detail)


def test_supervisor_records_a_system_outage(client_for, supervisor, officer, frozen) -> None:
    from service_timing.models import SystemOutage

    # An outage is recorded after it happened (times in the future are refused).
    frozen(2026, 11, 27, 11)
    response = client_for(supervisor).post(
        reverse("service_timing:outage"),
        {
            "started_at": "2026-11-27T10:00",
            "ended_at": "2026-11-27T10:30",
            "reason": "Server SIM pusat mati",
        },
    )
    assert response.status_code == 302
    assert SystemOutage.objects.get().reason == "Server SIM pusat mati"
    assert client_for(officer).get(reverse("service_timing:outage")).status_code == 403


def test_officers_may_not_withdraw(client_for, officer, unit) -> None:
    application = register(unit, officer)
    response = client_for(officer).post(
        reverse("service_timing:withdraw", args=[application.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.OPEN


def test_the_auditor_reads_but_may_not_write(client_for, officer, auditor, unit) -> None:
    application = register(unit, officer)
    walk(unit, officer, application, ["REG"])
    record = StageRecord.objects.get(application=application)
    client = client_for(auditor)
    assert (
        client.get(reverse("service_timing:application", args=[application.pk])).status_code == 200
    )
    assert client.get(reverse("service_timing:applications")).status_code == 200
    for name, data in [
        (
            "service_timing:correct",
            {
                "record": record.pk,
                "field": "started_at",
                "value": "2026-11-27T08:15",
                "reason": "x",
            },
        ),
        ("service_timing:pause", {"started_at": "2026-11-27T08:10", "reason": "x"}),
        ("service_timing:withdraw", {"reason": "x"}),
    ]:
        assert client.post(reverse(name, args=[application.pk]), data).status_code == 403
    assert client.get(reverse("service_timing:ticket", args=[application.pk])).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "service_timing:application",
        "service_timing:ticket",
        "service_timing:correct",
        "service_timing:pause",
        "service_timing:withdraw",
    ],
)
def test_anonymous_is_sent_to_login(client_for, officer, unit, name) -> None:
    application = register(unit, officer)
    response = client_for(None).post(reverse(name, args=[application.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


@pytest.mark.parametrize(
    ("started", "message"),
    [
        ("0002-01-01T08:00", "tidak masuk akal"),
        ("2099-01-01T08:00", "masa depan"),
        ("2020-01-01T08:00", "lebih dari setahun"),
    ],
)
def test_an_implausible_outage_is_refused_and_nothing_written(
    client_for, supervisor, started, message
) -> None:
    from service_timing.models import SystemOutage

    response = client_for(supervisor).post(
        reverse("service_timing:outage"),
        {"started_at": started, "ended_at": "", "reason": "Server mati"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SystemOutage.objects.exists()


def test_the_corrections_panel_shows_only_corrections_with_old_and_new_value(
    client_for, officer, supervisor, unit, frozen
) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer)
    frozen(2026, 11, 27, 8, 20)
    walk(unit, officer, application, ["REG", "VERIF"])
    record = StageRecord.objects.get(application=application, stage_id="REG")
    frozen(2026, 11, 27, 9, 0)
    client = client_for(supervisor)
    client.post(
        reverse("service_timing:correct", args=[application.pk]),
        {
            "record": record.pk,
            "field": "finished_at",
            "value": "2026-11-27T08:35",
            "reason": "Petugas lupa menekan Selesai",
        },
    )
    body = client.get(reverse("service_timing:application", args=[application.pk])).content.decode()
    assert body.count('data-testid="correction"') == 1
    panel = body[body.index('data-testid="correction"') :]
    panel = panel[: panel.index("</li>")]
    assert "Pendaftaran (formulir), selesai:" in panel
    assert "<del>08.20</del> → <ins>08.35</ins>" in panel
    assert supervisor.full_name in panel
    assert "Petugas lupa menekan Selesai" in panel
    assert "Verifikasi" not in body[body.index("Koreksi waktu") :].split("</ul>")[0]


def test_counter_events_alone_are_not_corrections(client_for, officer, supervisor, unit) -> None:
    application = register(unit, officer)
    walk(unit, officer, application, ["REG", "VERIF"])
    body = (
        client_for(supervisor)
        .get(reverse("service_timing:application", args=[application.pk]))
        .content.decode()
    )
    assert 'data-testid="correction"' not in body
    assert "Belum ada koreksi." in body


def test_the_application_page_has_no_duplicate_ids(client_for, officer, supervisor, unit) -> None:
    import re
    from collections import Counter

    application = register(unit, officer)
    walk(unit, officer, application, ["REG"])
    body = (
        client_for(supervisor)
        .get(reverse("service_timing:application", args=[application.pk]))
        .content.decode()
    )
    ids = Counter(re.findall(r'\sid="([^"]+)"', body))
    assert [name for name, n in ids.items() if n > 1] == []
    for label in re.findall(r'<label[^>]*for="([^"]+)"', body):
        assert ids[label] == 1, label
