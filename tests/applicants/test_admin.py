from __future__ import annotations

import pytest
from django.urls import reverse

from applicants.models import Application
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(unit):
    user = UserFactory(username="10000002", home_unit=unit)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_an_application_is_not_added_in_admin_but_registered_at_the_counter(
    client_for, superuser
) -> None:
    response = client_for(superuser).get(reverse("admin:applicants_application_add"))
    assert response.status_code == 403


def test_an_application_cannot_be_closed_or_deleted_in_admin(
    client_for, superuser, officer, unit
) -> None:
    application = register(unit, officer)
    client = client_for(superuser)
    change = reverse("admin:applicants_application_change", args=[application.pk])

    closed = client.post(change, {"status": Application.Status.WITHDRAWN, "unit": unit.pk})
    deleted = client.post(
        reverse("admin:applicants_application_delete", args=[application.pk]), {"post": "yes"}
    )

    assert closed.status_code == deleted.status_code == 403
    application.refresh_from_db()
    assert application.status == Application.Status.OPEN
    assert "Catatan tahap" in client.get(change).content.decode()
