from __future__ import annotations

import pytest
from django.urls import reverse

from service_timing.models import ServicePoint
from tests.factories import register

pytestmark = pytest.mark.django_db


def test_every_officer_page_renders(client_for, unit, officer, supervisor) -> None:
    application = register(unit, officer)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    client = client_for(supervisor)
    for url in [
        reverse("applicants:register"),
        reverse("service_timing:applications"),
        reverse("service_timing:application", args=[application.pk]),
        reverse("service_timing:ticket", args=[application.pk]),
        reverse("service_timing:console_pick"),
        reverse("service_timing:console", args=[point.pk]),
        reverse("service_timing:board"),
        reverse("service_timing:board_rows"),
        reverse("service_timing:outage"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    anonymous = client_for(None)
    for url in [
        reverse("service_timing:display", args=[unit.code]),
        reverse("service_timing:display_content", args=[unit.code]),
        reverse("service_timing:status", args=[application.ticket_code]),
        reverse("service_timing:status_content", args=[application.ticket_code]),
    ]:
        assert anonymous.get(url).status_code == 200, url
