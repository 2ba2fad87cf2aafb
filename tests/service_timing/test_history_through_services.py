"""Every write to a judged record leaves a history row, admin saves included: the clock's
summary after a pause, outages and stock movements added in the admin, pauses not edited
there."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from service_timing.models import Pause, SystemOutage
from service_timing.services import application_withdraw, pause_add
from tests.factories import register

pytestmark = pytest.mark.django_db
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 27, hour, minute, tzinfo=JAKARTA)


def test_a_late_pause_rejudges_the_closed_application_with_a_history_row(
    unit, officer, supervisor, frozen
) -> None:
    frozen(2026, 11, 27, 9, 30)
    application = register(unit, officer)
    frozen(2026, 11, 27, 10, 30)
    application_withdraw(application=application, reason="Pulang", user=supervisor)
    application.refresh_from_db()
    assert application.elapsed_minutes == 60
    frozen(2026, 11, 27, 10, 45)
    pause_add(
        application=application,
        started_at=at(9, 40),
        ended_at=at(10, 0),
        reason="Mengambil fotokopi KTP",
        user=supervisor,
    )
    latest = application.history.latest()
    assert latest.elapsed_minutes == 40
    # The row says what changed the judged time and why (the same text the case history gets).
    assert latest.history_change_reason == "Jeda pemohon: Mengambil fotokopi KTP"
    assert latest.history_user_id == supervisor.pk


def test_a_pause_cannot_be_edited_in_the_admin(client_for, admin_user, unit, officer, frozen):
    frozen(2026, 11, 27, 9, 30)
    application = register(unit, officer)
    pause = Pause.objects.create(
        application=application, started_at=at(9, 30), reason="x", recorded_by=officer
    )
    admin_user.is_superuser = True
    admin_user.save()
    url = reverse("admin:service_timing_pause_change", args=[pause.pk])
    client_for(admin_user).post(
        url, {"started_at_0": "27-11-2026", "started_at_1": "08:00:00", "reason": "y"}
    )
    pause.refresh_from_db()
    assert (pause.reason, pause.started_at) == ("x", at(9, 30))


def test_an_outage_added_in_the_admin_goes_through_the_service(
    client_for, admin_user, unit, frozen
) -> None:
    frozen(2026, 11, 27, 9, 30)
    admin_user.is_superuser = True
    admin_user.save()
    client = client_for(admin_user)
    url = reverse("admin:service_timing_systemoutage_add")
    future = client.post(
        url,
        {
            "unit": unit.pk,
            "started_at_0": "27-11-2026",
            "started_at_1": "14:00:00",
            "reason": "Listrik padam",
        },
    )
    assert future.status_code == 200
    assert "tidak boleh di masa depan" in future.content.decode()
    assert not SystemOutage.objects.exists()
    done = client.post(
        url,
        {
            "unit": unit.pk,
            "started_at_0": "27-11-2026",
            "started_at_1": "09:00:00",
            "reason": "Listrik padam",
        },
    )
    assert done.status_code == 302
    outage = SystemOutage.objects.get()
    assert outage.recorded_by == admin_user
    assert outage.history.get().history_user == admin_user
    change = reverse("admin:service_timing_systemoutage_change", args=[outage.pk])
    client.post(
        change,
        {"unit": unit.pk, "started_at_0": "27-11-2026", "started_at_1": "08:00:00", "reason": "z"},
    )
    outage.refresh_from_db()
    assert outage.reason == "Listrik padam"
