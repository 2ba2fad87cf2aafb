"""What another app server changed is in force here at once where a counter acts on it,
although this process still remembers the counters (satpas.memo)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from service_timing.models import Journey, ServicePoint, StageRecord
from tests.factories import register

pytestmark = pytest.mark.django_db


def act(client, point, **data):
    return client.post(
        reverse("service_timing:console_action", args=[point.pk]), data, HTTP_HX_REQUEST="true"
    )


@pytest.mark.parametrize("how", ["next", "scan"])
def test_a_counter_taken_out_of_use_elsewhere_calls_nobody(client_for, officer, unit, how) -> None:
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    application = register(unit, officer)
    client = client_for(officer)
    assert client.get(reverse("service_timing:console", args=[point.pk])).status_code == 200
    # As another server's save would do it, as far as this process knows: no signal here.
    ServicePoint.objects.filter(pk=point.pk).update(is_active=False)
    data = {"code": ""} if how == "next" else {"code": application.ticket_code}
    response = act(client, point, **data)
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert Journey.objects.get(pk=application.pk).state == Journey.State.WAITING
    assert not StageRecord.objects.filter(application=application).exists()
