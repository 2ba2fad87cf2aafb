"""Rencana kapasitas: who may open it, what it shows, the what-if, the roster draft."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from evidence.capacity.roster import roster_counters
from evidence.models import CapacityPlan
from personnel.models import DutyShift
from personnel.resources import dataset_from_file
from personnel.services.roster import roster_import
from tests.evidence.capacity.conftest import PLANNED_WEEK, REPLICATIONS

pytestmark = pytest.mark.django_db

LIST = "/rencana-kapasitas/"


def urls(plan: CapacityPlan) -> dict[str, str]:
    return {
        "plan": f"/rencana-kapasitas/{plan.pk}/",
        "progress": f"/rencana-kapasitas/{plan.pk}/kemajuan/",
        "export": f"/rencana-kapasitas/{plan.pk}/draf-jadwal/",
    }


WHAT_IF = {"hari": "2026-12-02", "tahap": "VERIF", "jam": ["9", "10"], "ubah": "1"}


@pytest.fixture
def queued(unit, kasat) -> CapacityPlan:
    return CapacityPlan.objects.create(
        unit=unit, week_start=PLANNED_WEEK, weeks=2, target="0.950", requested_by=kasat
    )


def test_anonymous_is_sent_to_the_login_page(client, queued) -> None:
    for url in [LIST, *urls(queued).values()]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/masuk/" in response["Location"]
    response = client.post(f"/rencana-kapasitas/{queued.pk}/bagaimana-jika/", WHAT_IF)
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_a_counter_officer_and_an_auditor_are_refused(client_for, officer, auditor, queued) -> None:
    for user in (officer, auditor):
        client = client_for(user)
        for url in [LIST, *urls(queued).values()]:
            assert client.get(url).status_code == 403
        assert client.post(LIST + "hitung/", {"minggu": "2026-W49"}).status_code == 403
        response = client.post(f"/rencana-kapasitas/{queued.pk}/bagaimana-jika/", WHAT_IF)
        assert response.status_code == 403
    assert CapacityPlan.objects.count() == 1


def test_another_unit_s_kasat_cannot_see_or_change_this_unit_s_plan(
    client_for, other_kasat, queued
) -> None:
    client = client_for(other_kasat)
    for url in urls(queued).values():
        assert client.get(url).status_code == 404
    response = client.post(f"/rencana-kapasitas/{queued.pk}/bagaimana-jika/", WHAT_IF)
    assert response.status_code == 404
    assert CapacityPlan.objects.count() == 1


def test_a_bad_week_is_refused_with_a_message_and_nothing_is_queued(client_for, kasat) -> None:
    response = client_for(kasat).post(
        LIST + "hitung/", {"minggu": "2026-W60", "riwayat": "8", "target": "95"}
    )
    assert response.status_code == 400
    assert "Minggu 2026-W60 tidak ada" in response.content.decode()
    response = client_for(kasat).post(
        LIST + "hitung/", {"minggu": "2026-W49", "riwayat": "8", "target": "120"}
    )
    assert response.status_code == 400
    assert not CapacityPlan.objects.exists()


def test_the_supervisor_asks_for_a_plan_and_follows_it_being_computed(
    client_for, supervisor, django_capture_on_commit_callbacks
) -> None:
    client = client_for(supervisor)
    assert "Rencana kapasitas" in client.get("/").content.decode()  # in the navigation
    response = client.post(LIST + "hitung/", {"minggu": "2026-W49", "riwayat": "8", "target": "95"})
    plan = CapacityPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/rencana-kapasitas/{plan.pk}/"
    assert (plan.week_start, plan.weeks, str(plan.target)) == (PLANNED_WEEK, 8, "0.950")
    page = client.get(urls(plan)["plan"]).content.decode()
    assert "Sedang dihitung" in page
    assert 'data-status="QUEUED"' in page


def test_the_plan_page_shows_roster_advice_interval_and_the_model_s_error(
    client_for, kasat, done_plan, max_queries
) -> None:
    client = client_for(kasat)
    with max_queries(12):
        response = client.get(urls(done_plan)["plan"])
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-testid="plan-cell"') == 6 * 7  # six stages, seven office hours
    assert "Seberapa tepat model ini" in page
    assert page.count('data-testid="backtest-row"') == 6
    assert "galat uji mundur" in page  # the error beside each stage's prediction
    assert "Unduh draf jadwal jaga" in page


def test_a_what_if_adds_a_counter_and_shows_the_share_change(
    client_for, kasat, done_plan, django_capture_on_commit_callbacks, settings
) -> None:
    client = client_for(kasat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rencana-kapasitas/{done_plan.pk}/bagaimana-jika/", WHAT_IF)
    what_if = CapacityPlan.objects.get(base=done_plan)
    assert response["Location"] == f"/rencana-kapasitas/{what_if.pk}/"
    assert what_if.status == CapacityPlan.Status.DONE
    assert what_if.changes == [{"stage": "VERIF", "hours": [9, 10], "delta": 1}]
    cells = what_if.result["after"]["cells"]
    assert cells["VERIF|9"]["counters"] == 1  # none on the roster of that week: 0 + 1
    assert what_if.result["before"]["cells"]["VERIF|9"]["counters"] == 0
    page = client.get(f"/rencana-kapasitas/{what_if.pk}/").content.decode()
    assert 'data-testid="what-if-result"' in page


def test_a_what_if_on_a_day_outside_the_plan_is_refused(client_for, kasat, done_plan) -> None:
    response = client_for(kasat).post(
        f"/rencana-kapasitas/{done_plan.pk}/bagaimana-jika/", {**WHAT_IF, "hari": "2026-12-03"}
    )
    assert response.status_code == 400
    assert not CapacityPlan.objects.filter(base=done_plan).exists()


def test_the_roster_draft_imports_back_as_the_recommended_counters(
    client_for, kasat, unit, done_plan
) -> None:
    response = client_for(kasat).get(urls(done_plan)["export"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    assert content.decode().splitlines()[0] == "tanggal,nrp_nip,loket,sif,mulai,selesai"
    result = roster_import(unit=unit, dataset=dataset_from_file("draf.csv", content), dry_run=False)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    day = dt.date(2026, 12, 2)
    imported = roster_counters(unit, day, day)[day]
    wanted = done_plan.result["days"][0]["recommended"]["counters"]
    for stage, by_hour in wanted.items():
        for hour, counters in by_hour.items():
            assert imported.get(stage, {}).get(int(hour), 0) == counters, (stage, hour)
    assert DutyShift.objects.filter(unit=unit, date=day).exists()


def test_the_command_prints_the_plan_as_a_table(unit, known) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "plan_capacity",
        "--unit",
        unit.code,
        "--week",
        "2026-W49",
        "--weeks",
        "2",
        "--replications",
        str(REPLICATIONS),
        stdout=out,
        stderr=err,
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Capacity plan 2026-W49")
    assert any(line.startswith("2026-12-02: roster") for line in lines)
    assert any(line.startswith("REG        08.00      0") for line in lines)
    assert any(line.startswith("Back-test") for line in lines)
