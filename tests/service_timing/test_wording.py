"""Small things a new user tripped over: how a failure, a retake and the header read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import register
from tests.service_timing.test_counter_services import walk

pytestmark = pytest.mark.django_db


def _failed(unit, officer):
    application = register(unit, officer, serial=42)
    walk(application, officer, ["REG", "VERIF", "BAYAR", "BIO", "TEORI"])
    walk(application, officer, ["PRAKTIK"], outcome="FAILED")
    application.refresh_from_db()
    return application


def test_a_failure_reads_once_with_its_stage(client_for, unit, officer) -> None:
    application = _failed(unit, officer)
    body = (
        client_for(officer)
        .get(reverse("service_timing:application", args=[application.pk]))
        .content.decode()
    )
    assert "Tidak lulus: Ujian praktik" in body
    assert "Tidak lulus: Tidak lulus" not in body
    status = client_for(None).get(reverse("service_timing:status", args=[application.ticket_code]))
    assert "✘" in status.content.decode()


def test_the_retake_ticket_says_it_is_a_retake(client_for, unit, officer) -> None:
    failed = _failed(unit, officer)
    retake = register(unit, officer, serial=42, retake_of=failed)
    body = client_for(officer).get(reverse("service_timing:ticket", args=[retake.pk])).content
    assert f"Ujian ulang (dari {failed.queue_number})" in body.decode()


def test_the_public_page_does_not_lead_to_the_staff_login(client_for, unit, officer) -> None:
    application = register(unit, officer)
    body = client_for(None).get(reverse("service_timing:status", args=[application.ticket_code]))
    assert 'class="navbar-brand fw-semibold" href=' not in body.content.decode()


def test_the_header_names_the_unit_once(client_for, unit, officer) -> None:
    body = client_for(officer).get("/").content.decode()
    assert "Satpas Satpas" not in body
    assert ">Satpas Polresta Tanjungpinang</a>" in body
