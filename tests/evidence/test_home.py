from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cast", "section"),
    [
        ("officer", "Pelayanan hari ini"),
        ("supervisor", "Pengawasan"),
        ("kasat", "Ringkasan Kasat Lantas"),
        ("auditor", "Bukti Zona Integritas"),
        ("admin_user", "Pengaturan satuan"),
    ],
)
def test_each_role_sees_its_own_section(request, client_for, cast: str, section: str) -> None:
    user = request.getfixturevalue(cast)
    body = client_for(user).get(reverse("home")).content.decode()
    assert section in body
    assert user.home_unit.name in body


def test_officer_does_not_see_the_kasat_section(client_for, officer) -> None:
    body = client_for(officer).get(reverse("home")).content.decode()
    assert "Ringkasan Kasat Lantas" not in body


def test_role_is_shown_beside_the_users_name(client_for, kasat) -> None:
    body = client_for(kasat).get(reverse("home")).content.decode()
    assert "Kasat Lantas</span>" in body


def test_user_without_a_unit_gets_a_friendly_explanation(client_for, db) -> None:
    from tests.factories import UserFactory

    body = client_for(UserFactory(home_unit=None)).get(reverse("home")).content.decode()
    assert "Akun belum terhubung ke satuan" in body


def test_user_without_a_role_is_told_to_ask_for_one(client_for, unit) -> None:
    from tests.factories import UserFactory

    body = client_for(UserFactory(home_unit=unit)).get(reverse("home")).content.decode()
    assert "Akun belum memiliki peran" in body


def test_only_staff_see_the_admin_link(client_for, officer, admin_user) -> None:
    assert "/admin/" not in client_for(officer).get(reverse("home")).content.decode()
    assert "/admin/" in client_for(admin_user).get(reverse("home")).content.decode()


def test_home_page_query_budget(client_for, kasat, django_assert_max_num_queries) -> None:
    client = client_for(kasat)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("home")).status_code == 200


def test_the_kasats_home_counts_what_waits_for_him(client_for, kasat, officer, unit) -> None:
    from django.utils import timezone

    from compensation.models import CompensationCase
    from tests.factories import register

    application = register(unit, officer)
    CompensationCase.objects.create(
        unit=unit,
        application=application,
        reason="OVERDUE",
        opened_at=timezone.now(),
        minutes_over=5,
    )
    body = client_for(kasat).get(reverse("home")).content.decode()
    assert 'data-testid="open-cases">1<' in body
    assert 'data-testid="pending-approvals">0<' in body


def test_the_officers_home_shows_today(client_for, officer, unit) -> None:
    from tests.factories import register

    register(unit, officer)
    body = client_for(officer).get(reverse("home")).content.decode()
    assert 'data-testid="today"' in body
    assert "dalam proses" in body
