"""The public service page of a unit: anonymous, no personal data, cached and dropped from
the cache the moment what it shows changes, with a fixed query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from compensation.models import SurveyResponse
from evidence.models import ServiceFee, ServicePledge, ServiceRequirements
from service_timing.models import RouteStep, ServicePoint, ServiceStandard, Stage, StageAllowance
from service_timing.services import stage_call
from tests.factories import register, timed_applications

pytestmark = pytest.mark.django_db


def page_of(client, code: str = "TPI"):  # type: ignore[no-untyped-def]
    return client.get(reverse("public:page", args=[code]))


def test_anyone_reads_it_without_signing_in(client_for, unit) -> None:
    response = page_of(client_for(None))
    assert response.status_code == 200
    body = response.content.decode()
    assert unit.name in body
    # Every type the unit serves, with the minutes in force (defaults: baru 120, renewal 60).
    assert 'data-testid="minutes-BARU">maks. 120 menit' in body
    assert 'data-testid="minutes-PERPANJANGAN">maks. 60 menit' in body
    # The pledge's customary wording, PP 76/2020's fees and Perpol 5/2021's requirements.
    assert "sanggup menyelenggarakan pelayanan SIM" in body
    assert "Rp120.000" in body
    assert "Rp75.000" in body
    assert "Bukti kepesertaan aktif JKN/BPJS Kesehatan" in body


def test_stages_appear_in_route_order(client_for, unit) -> None:
    body = page_of(client_for(None)).content.decode()
    section = body.split('data-testid="service-PERPANJANGAN"')[1].split("</article>")[0]
    names = [
        step.stage.name
        for step in RouteStep.objects.filter(unit=unit, application_type="PERPANJANGAN")
        .select_related("stage")
        .order_by("position")
    ]
    positions = [section.index(f"<li>{escape(name)}") for name in names]
    assert positions == sorted(positions)
    assert len(names) >= 4


def test_an_unknown_or_closed_unit_is_a_404_page(client_for, unit, other_unit) -> None:
    client = client_for(None)
    assert page_of(client, "XXX").status_code == 404
    assert page_of(client, "bad code!").status_code == 404
    assert client.get("/layanan/" + "A" * 30 + "/").status_code == 404
    other_unit.is_active = False
    other_unit.save()
    response = page_of(client, other_unit.code)
    assert response.status_code == 404
    assert "Satuan tidak ditemukan" in response.content.decode()


def test_lower_case_codes_reach_the_unit(client_for, unit) -> None:
    assert page_of(client_for(None), "tpi").status_code == 200


def test_no_personal_data_of_applicants_or_officers(client_for, unit, officer, kasat) -> None:
    application = register(unit, officer, name="Sari Wulandari")
    stage_call(
        point=ServicePoint.objects.get(unit=unit, stage_id="REG"),
        user=officer,
        application_id=application.pk,
    )
    body = page_of(client_for(None)).content.decode()
    assert "Sari" not in body
    assert application.applicant.nik not in body
    assert application.queue_number not in body  # not even the queue numbers
    assert application.ticket_code not in body
    for user in (officer, kasat):
        assert user.username not in body  # NRP
        assert user.full_name not in body
    assert unit.signatory_name not in body
    assert unit.signatory_nrp not in body


def test_the_live_part_counts_who_waits_and_the_counters_open(client_for, unit, officer) -> None:
    for _ in range(3):
        register(unit, officer)
    registration = ServicePoint.objects.filter(unit=unit, stage_id="REG")
    body = page_of(client_for(None)).content.decode()
    row = body.split('data-testid="live-REG"')[1].split("</tr>")[0]
    assert '<td class="text-end">3</td>' in row
    assert f"{registration.count()} / {registration.count()}" in row
    assert "menit" in row.split('data-testid="wait-REG"')[1]  # an estimate from the allowance


def test_a_new_standard_shows_at_once(client_for, unit, supervisor) -> None:
    client = client_for(None)
    assert 'data-testid="minutes-BARU">maks. 120 menit' in page_of(client).content.decode()
    standard = ServiceStandard.objects.get(unit=unit, application_type="BARU")
    today = dt.date(2026, 11, 25)
    ServiceStandard.objects.create(
        unit=unit,
        application_type="BARU",
        minutes=95,
        effective_from=max(today, standard.effective_from + dt.timedelta(days=1)),
        sop_reference="SOP revisi 2026",
    )
    body = page_of(client).content.decode()
    assert 'data-testid="minutes-BARU">maks. 95 menit' in body
    assert "SOP revisi 2026" in body


def test_a_standard_from_tomorrow_shows_tomorrow_without_any_change(
    client_for, unit, frozen
) -> None:
    frozen(2026, 11, 25, 9, 30)
    client = client_for(None)
    ServiceStandard.objects.create(
        unit=unit,
        application_type="BARU",
        minutes=90,
        effective_from=dt.date(2026, 11, 26),
        sop_reference="SOP revisi November",
    )
    assert "maks. 120 menit" in page_of(client).content.decode()
    frozen(2026, 11, 26, 8, 0)
    assert 'data-testid="minutes-BARU">maks. 90 menit' in page_of(client).content.decode()


def test_an_allowance_route_pledge_requirement_or_fee_change_shows_at_once(
    client_for, unit
) -> None:
    client = client_for(None)
    page_of(client)
    allowance = StageAllowance.objects.filter(
        standard__unit=unit, standard__application_type="PERPANJANGAN", stage_id="BIO"
    ).first()
    allowance.minutes = 13
    allowance.save()
    section = page_of(client).content.decode().split('data-testid="service-PERPANJANGAN"')[1]
    assert "13 mnt" in section.split("</article>")[0]

    ServicePledge.objects.create(unit=unit, text="Kami melayani dengan senyum, sapa, salam.")
    ServiceRequirements.objects.create(
        unit=unit, application_type="BARU", text="KTP-el\nSurat sehat dari klinik Polres"
    )
    ServiceFee.objects.create(unit=unit, application_type="BARU", sim_class="C", rupiah=99_000)
    body = page_of(client).content.decode()
    assert "Kami melayani dengan senyum, sapa, salam." in body
    assert "sanggup menyelenggarakan" not in body
    assert "Surat sehat dari klinik Polres" in body
    assert "Rp99.000" in body

    step = RouteStep.objects.filter(unit=unit, application_type="PERPANJANGAN").last()
    step.delete()
    section = page_of(client).content.decode().split('data-testid="service-PERPANJANGAN"')[1]
    assert f"<li>{escape(step.stage.name)}" not in section.split("</article>")[0]

    stage = Stage.objects.get(code="BIO")
    stage.name = "Foto dan sidik jari"
    stage.save()
    assert "Foto dan sidik jari" in page_of(client).content.decode()


def test_other_units_changes_leave_this_units_page_cached(
    client_for, unit, other_unit, django_assert_max_num_queries
) -> None:
    client = client_for(None)
    page_of(client)
    ServicePledge.objects.create(unit=other_unit, text="Janji Bintan")
    with django_assert_max_num_queries(0):
        assert page_of(client).status_code == 200


def test_last_months_results(client_for, unit, officer, frozen) -> None:
    frozen(2026, 11, 25, 9, 30)  # in November 2026: last month is October
    timed_applications(
        unit,
        officer,
        [("COMPLETED", 50), ("COMPLETED", 70), ("COMPLETED", 20), ("OPEN", None)],
        day=dt.date(2026, 10, 12),
        standard_minutes=60,
    )
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            unit=unit,
            submitted_at=dt.datetime(2026, 10, 12, 5, tzinfo=dt.UTC),
            **{f"u{i}": 4 for i in range(1, 10)},
        )
        for _ in range(2)
    )
    body = page_of(client_for(None)).content.decode()
    assert "Oktober 2026" in body
    on_time = body.split('data-testid="on-time"')[1].split("</dd>")[0]
    assert "66.7%" in on_time or "66,7%" in on_time
    ikm = body.split('data-testid="ikm"')[1].split("</dd>")[0]
    assert "100" in ikm
    assert "(A," in ikm
    assert "2 responden" in ikm


def test_query_budget_cold_and_warm(client_for, unit, officer, max_queries) -> None:
    for _ in range(20):
        register(unit, officer)
    client = client_for(None)
    with max_queries(24):
        assert page_of(client).status_code == 200
    with max_queries(0):  # every part from the cache
        assert page_of(client).status_code == 200
    cache.delete("evidence:public:TPI:live:id")
    with max_queries(6):  # the live part again: the counters, the queue, the recent services
        assert page_of(client).status_code == 200


def test_the_page_is_in_english_for_an_english_visitor(client_for, unit) -> None:
    client = client_for(None)
    assert "Antrean saat ini" in page_of(client).content.decode()
    client.cookies["django_language"] = "en"
    body = page_of(client).content.decode()
    assert 'lang="en"' in body
    # Its own parts, rendered in English (not the Indonesian ones served from the cache).
    assert cache.get("evidence:public:TPI:standards:en") is not None
    assert cache.get("evidence:public:TPI:standards:id") is not None


def test_a_script_reading_it_too_fast_is_slowed_down(client_for, unit, settings) -> None:
    limits = {**settings.PUBLIC_RATE_LIMITS, "public_page": {"address": "2/m"}}
    client = client_for(None)
    with override_settings(PUBLIC_RATE_LIMITS=limits):
        assert [page_of(client).status_code for _ in range(3)] == [200, 200, 429]
        assert client.get(reverse("public:poster", args=["TPI"])).status_code == 429


def test_a_renamed_unit_code_leaves_no_page_at_the_old_address(client_for, unit) -> None:
    client = client_for(None)
    assert page_of(client).status_code == 200
    unit.code = "TPI-2"
    unit.save()
    assert page_of(client).status_code == 404
    assert page_of(client, "TPI-2").status_code == 200
