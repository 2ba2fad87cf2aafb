"""Shared counter PCs: an idle session ends; polling keeps nobody signed in; the console
carries the warning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def idle_timeout(settings):
    settings.SESSION_IDLE_TIMEOUT = dt.timedelta(minutes=30)


def test_the_default_idle_timeout_is_thirty_minutes(monkeypatch) -> None:
    import importlib

    import satpas.settings

    monkeypatch.delenv("SESSION_IDLE_MINUTES", raising=False)
    production = importlib.reload(satpas.settings)
    timeout = production.SESSION_IDLE_TIMEOUT
    assert timeout == dt.timedelta(minutes=30)


def test_a_session_idle_for_longer_than_the_timeout_ends(
    client_for, officer, frozen, idle_timeout
) -> None:
    frozen(2026, 11, 27, 9, 0)
    client = client_for(officer)
    assert client.get(reverse("home")).status_code == 200
    frozen(2026, 11, 27, 9, 31)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "tidak ada aktivitas selama 30 menit" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session(client_for, officer, frozen, idle_timeout) -> None:
    frozen(2026, 11, 27, 9, 0)
    client = client_for(officer)
    client.get(reverse("home"))
    frozen(2026, 11, 27, 9, 25)
    assert client.get(reverse("home")).status_code == 200
    frozen(2026, 11, 27, 9, 50)
    assert client.get(reverse("home")).status_code == 200


def test_polling_and_the_session_check_are_not_activity(
    client_for, officer, frozen, idle_timeout
) -> None:
    frozen(2026, 11, 27, 9, 0)
    client = client_for(officer)
    client.get(reverse("home"))
    for minute in (10, 20, 29):
        frozen(2026, 11, 27, 9, minute)
        answer = client.get(reverse("ping")).json()
        client.get(reverse("service_timing:board_rows"))
    assert answer["idle_seconds_left"] == 60
    frozen(2026, 11, 27, 9, 31)
    assert client.get(reverse("ping")).status_code == 302


def test_stay_signed_in_counts_as_activity(client_for, officer, frozen, idle_timeout) -> None:
    frozen(2026, 11, 27, 9, 0)
    client = client_for(officer)
    client.get(reverse("home"))
    frozen(2026, 11, 27, 9, 29)
    assert client.get(reverse("ping"), {"aktif": "1"}).json()["idle_seconds_left"] == 1800
    frozen(2026, 11, 27, 9, 45)
    assert client.get(reverse("home")).status_code == 200


def test_the_console_carries_the_warning_in_a_static_script(
    client_for, officer, unit, frozen, idle_timeout
) -> None:
    from service_timing.models import ServicePoint

    frozen(2026, 11, 27, 9, 0)
    point = ServicePoint.objects.filter(unit=unit).first()
    body = client_for(officer).get(reverse("service_timing:console", args=[point.pk]))
    html = body.content.decode()
    assert 'data-idle-seconds="1800"' in html
    assert "sesi akan berakhir dalam satu menit" in html
    assert "service_timing/console.js" in html
