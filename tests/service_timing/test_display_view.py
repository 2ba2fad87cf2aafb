from __future__ import annotations

import re

import pytest
from django.urls import reverse

from service_timing.models import ServicePoint
from service_timing.services import stage_call, stage_finish, stage_start
from tests.factories import register

pytestmark = pytest.mark.django_db


def test_the_waiting_room_shows_numbers_and_counters_but_no_personal_data(
    client_for, officer, unit
) -> None:
    application = register(unit, officer, name="Sari Wulandari")
    stage_call(
        point=ServicePoint.objects.get(unit=unit, stage_id="REG"),
        user=officer,
        application_id=application.pk,
    )
    body = client_for(None).get(reverse("service_timing:display", args=["tpi"])).content.decode()
    assert 'data-testid="serving-1"' in body
    assert "B-001" in body
    assert "Sari" not in body
    assert application.applicant.nik not in body
    assert 'data-speech="Nomor antrian B nol nol satu, silakan ke loket satu"' in body


def test_todays_average_and_share_within_the_standard(client_for, officer, unit, frozen) -> None:
    frozen(2026, 11, 27, 8, 0)
    application = register(unit, officer, application_type="PERPANJANGAN")
    frozen(2026, 11, 27, 8, 30)
    for code in ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"]:
        point = ServicePoint.objects.get(unit=unit, stage_id=code)
        stage_call(point=point, user=officer, application_id=application.pk)
        stage_start(point=point, user=officer, application_id=application.pk)
        stage_finish(point=point, user=officer, application_id=application.pk)
    body = (
        client_for(None)
        .get(reverse("service_timing:display_content", args=[unit.code]))
        .content.decode()
    )
    assert '<span class="stat">30</span>' in body
    assert '<span class="stat">100%</span>' in body


def test_an_unknown_unit_is_a_404(client_for, db) -> None:
    assert client_for(None).get(reverse("service_timing:display", args=["XXX"])).status_code == 404


def test_display_query_budget(client_for, officer, unit, max_queries) -> None:
    for _ in range(30):
        register(unit, officer)
    client = client_for(None)
    client.get(reverse("service_timing:display_content", args=[unit.code]))
    with max_queries(6):  # + the running texts shown now
        assert (
            client.get(reverse("service_timing:display_content", args=[unit.code])).status_code
            == 200
        )


def test_the_display_shows_the_office_clock_in_the_units_time_zone(
    client_for, unit, frozen
) -> None:
    frozen(2026, 11, 25, 9, 30)  # WIB; the suite may run at another instant
    page = client_for(None).get(reverse("service_timing:display", args=[unit.code])).content
    clock = re.search(r'<time id="office-clock"[^>]*>([^<]*)</time>', page.decode())
    assert clock[1] == "09.30.00"
    assert 'data-time-zone="Asia/Jakarta"' in clock[0]
    assert "Rabu, 25 November 2026" in page.decode()

    unit.time_zone = "Asia/Jayapura"
    unit.save()
    page = client_for(None).get(reverse("service_timing:display", args=[unit.code])).content
    assert re.search(r'<time id="office-clock"[^>]*>11.30.00</time>', page.decode())


def test_the_lower_half_counts_who_waits_for_each_service(client_for, officer, unit) -> None:
    for _ in range(3):
        register(unit, officer)
    body = (
        client_for(None)
        .get(reverse("service_timing:display_content", args=[unit.code]))
        .content.decode()
    )
    waiting = re.search(r'data-testid="waiting">(.*?)</ul>', body, re.DOTALL)[1]
    tiles = re.findall(
        r'<span class="waiting-count">(\d+)</span> <span class="waiting-name">([^<]+)</span>',
        waiting,
    )
    counts = {name: int(count) for count, name in tiles}
    first_stage = ServicePoint.objects.get(unit=unit, number=1).stage.name
    assert counts[first_stage] == 3
    assert sum(counts.values()) == 3


def test_each_service_shows_a_new_arrivals_estimated_wait_in_both_languages(
    client_for, officer, unit, frozen
) -> None:
    from service_timing.services import counter_state_set

    frozen(2026, 11, 25, 9, 0)  # WIB; the suite may run at another instant
    for _ in range(3):
        register(unit, officer)
    counter_state_set(
        point=ServicePoint.objects.get(unit=unit, stage_id="VERIF"),
        state=ServicePoint.State.BREAK,
        user=officer,
    )
    client = client_for(None)
    url = reverse("service_timing:display_content", args=[unit.code])
    body = client.get(url).content.decode()
    # Three waiting for REG, no service yet today: REG's allowance of 10 minutes each.
    assert re.search(r'data-testid="wait-REG">perkiraan tunggu ± 30 menit<', body)
    assert re.search(r'data-testid="wait-VERIF">loket tutup: belum ada perkiraan<', body)
    assert "Hanya jam layanan yang dihitung" in body
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert re.search(r'data-testid="wait-REG">estimated wait about 30 minutes<', english)
    assert re.search(r'data-testid="wait-VERIF">counter closed: no estimate<', english)
