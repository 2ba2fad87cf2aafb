"""Rate limits on the survey, the kiosk, the status page and the login, per address and per
unit, counted in the shared cache (django-ratelimit)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import reverse

from compensation.models import SurveyResponse
from satpas.ratelimits import client_ip
from tests.factories import register

pytestmark = pytest.mark.django_db

GOOD = {**{f"u{i}": 4 for i in range(1, 10)}, "comment": ""}


def limits(**scopes: dict[str, str]) -> dict:
    from django.conf import settings

    return {**settings.PUBLIC_RATE_LIMITS, **scopes}


def test_the_survey_is_limited_per_address(client, unit, officer) -> None:
    tickets = [register(unit, officer, name=f"Pemohon {i}") for i in range(4)]
    with override_settings(PUBLIC_RATE_LIMITS=limits(survey={"address": "3/m", "unit": "100/m"})):
        answers = [
            client.post(reverse("compensation:survey", args=[t.ticket_code]), GOOD) for t in tickets
        ]
    assert [r.status_code for r in answers] == [302, 302, 302, 429]
    assert answers[-1]["Retry-After"] == "60"
    assert "Terlalu banyak permintaan" in answers[-1].content.decode()
    assert SurveyResponse.objects.count() == 3
    # Another address is not affected.
    other = client.post(
        reverse("compensation:survey", args=[tickets[-1].ticket_code]),
        GOOD,
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_the_kiosk_is_limited_per_unit_across_addresses(client, unit, officer) -> None:
    tickets = [register(unit, officer, name=f"Pemohon {i}") for i in range(3)]
    url = reverse("compensation:kiosk_submit", args=[unit.code])
    with override_settings(PUBLIC_RATE_LIMITS=limits(kiosk={"address": "100/m", "unit": "2/m"})):
        codes = [
            client.post(
                url, {**GOOD, "ticket_code": t.ticket_code}, REMOTE_ADDR=f"10.0.0.{i}"
            ).status_code
            for i, t in enumerate(tickets, start=1)
        ]
    # A kiosk answer now redirects to its thank-you page (branch walk): 302, not 200.
    assert codes == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2


def test_the_status_page_is_limited_per_address_also_for_guessed_codes(
    client, unit, officer
) -> None:
    application = register(unit, officer)
    with override_settings(PUBLIC_RATE_LIMITS=limits(status={"address": "3/m", "unit": "100/m"})):
        guesses = [
            client.get(reverse("service_timing:status", args=["0" * 32])).status_code
            for _ in range(3)
        ]
        real = client.get(reverse("service_timing:status", args=[application.ticket_code]))
    assert guesses == [404, 404, 404]
    assert real.status_code == 429


def test_the_status_page_is_limited_per_unit(client, unit, officer) -> None:
    application = register(unit, officer)
    url = reverse("service_timing:status_content", args=[application.ticket_code])
    with override_settings(PUBLIC_RATE_LIMITS=limits(status={"address": "100/m", "unit": "2/m"})):
        codes = [client.get(url, REMOTE_ADDR=f"10.0.1.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_login_is_limited_per_address_across_usernames(client, officer, supervisor) -> None:
    with override_settings(PUBLIC_RATE_LIMITS=limits(login={"address": "2/m"})):
        codes = [
            client.post(reverse("login"), {"username": name, "password": "salah"}).status_code
            for name in (officer.username, supervisor.username, "99999999")
        ]
    assert codes == [200, 200, 429]


def test_the_client_address_behind_a_trusted_proxy() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    with override_settings(AXES_IPWARE_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.7"  # what nginx saw, not what the client typed
    with override_settings(AXES_IPWARE_PROXY_COUNT=None):
        assert client_ip(request) == "127.0.0.1"


def test_limits_hold_in_the_database_cache_shared_by_every_worker(client, unit, officer) -> None:
    """The production default: counts live in a table every gunicorn worker reads."""
    tickets = [register(unit, officer, name=f"Pemohon {i}") for i in range(3)]
    database_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "satpas_cache_test",
        }
    }
    with override_settings(
        CACHES=database_cache,
        PUBLIC_RATE_LIMITS=limits(survey={"address": "2/m", "unit": "100/m"}),
    ):
        call_command("createcachetable", verbosity=0)
        codes = [
            client.post(reverse("compensation:survey", args=[t.ticket_code]), GOOD).status_code
            for t in tickets
        ]
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM satpas_cache_test")
            stored = cursor.fetchone()[0]
    assert codes == [302, 302, 429]
    assert stored >= 1
