"""A unit visited to read is read-only: every write answers 403, whatever roles the visitor
holds, on every URL of the project (the admin's included)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from satpas.access import VISITOR_WRITES
from tests.conftest import visiting
from tests.urlmap import changed, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor_with_every_role(visitor):
    """The visitor, holding every role of his home unit and the admin's staff status."""
    visitor.groups.set(Group.objects.all())
    visitor.is_staff = True
    visitor.save()
    return visitor


def test_every_write_of_a_visitor_is_refused_and_changes_nothing(
    urls, unit, visitor_with_every_role
) -> None:
    client = Client()
    client.force_login(visitor_with_every_role)
    visiting(client, unit)
    before = snapshot()
    problems = []
    # The visitor's own writes (sign out, switch back, language, password) are left out:
    # they concern his session and account, not the unit.
    for route in [route for route in urls if route.name not in VISITOR_WRITES]:
        response = client.post(route.path, {})
        if response.status_code != 403:
            problems.append(f"{route.name} {route.path}: answered {response.status_code}")
        elif route.path.startswith("/admin/"):
            continue
        elif "hanya untuk membaca" not in response.content.decode():
            problems.append(f"{route.name}: 403 without the visitor's explanation")
    assert problems == [], "\n".join(problems)
    assert changed(before, snapshot()) == []


def test_the_refusal_names_the_visited_unit(client_for, unit, visitor) -> None:
    client = visiting(client_for(visitor), unit)
    response = client.post(reverse("personnel:propose"), {"bulan": "2026-06"})
    assert response.status_code == 403
    body = response.content.decode()
    assert f"Anda sedang membaca data {unit.name}" in body
    assert "Kembali ke satuan asal" in body


def test_reading_the_visited_unit_still_works(client_for, unit, visitor) -> None:
    client = visiting(client_for(visitor), unit)
    response = client.get(reverse("personnel:dashboard"))
    assert response.status_code == 200
    assert response.context["active_unit"] == unit


def test_back_home_the_visitor_writes_again(client_for, unit, other_unit, visitor) -> None:
    client = visiting(client_for(visitor), unit)
    assert client.post(reverse("personnel:propose"), {}).status_code == 403
    switched = client.post(reverse("switch_unit"), {"unit": other_unit.pk})
    assert switched.status_code == 302
    assert client.post(reverse("personnel:propose"), {}).status_code != 403


def test_a_superuser_without_a_home_unit_visits_only_after_switching(
    client_for, unit, other_unit
) -> None:
    from satpas.access import is_visiting, resolve_active_unit
    from satpas.models import User

    root = User.objects.create_superuser(username="77010101", full_name="Root", password="x")
    request = client_for(root).get(reverse("home")).wsgi_request
    assert not is_visiting(request)
    request.session["satpas_active_unit"] = other_unit.pk
    request.unit = resolve_active_unit(request)
    assert request.unit == other_unit
    assert is_visiting(request)


def test_pages_tell_the_visitor_he_only_reads(client_for, unit, visitor, officer) -> None:
    body = visiting(client_for(visitor), unit).get(reverse("home")).content.decode()
    assert f"Anda membaca data {unit.name}: hanya baca." in body
    assert 'data-testid="visiting"' not in client_for(officer).get(reverse("home")).content.decode()
