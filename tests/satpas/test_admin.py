from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from tests.factories import HolidayFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:satpas_unit_changelist",
    "admin:satpas_user_changelist",
    "admin:satpas_holiday_changelist",
    "admin:satpas_openinghours_changelist",
    "admin:satpas_servicebreak_changelist",
]


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_admin_changelists_load_within_budget(
    client_for, admin_user, url_name: str, django_assert_max_num_queries
) -> None:
    client = client_for(admin_user)
    with django_assert_max_num_queries(15):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_unit_operator_sees_only_their_units_rows(client_for, admin_user, other_unit) -> None:
    HolidayFactory(unit=other_unit, name="Libur Bintan")
    HolidayFactory(unit=admin_user.home_unit, name="Libur Tanjungpinang")
    body = client_for(admin_user).get(reverse("admin:satpas_holiday_changelist")).content.decode()
    assert "Libur Tanjungpinang" in body
    assert "Libur Bintan" not in body


def test_unit_history_is_visible_in_admin(client_for, admin_user) -> None:
    unit = admin_user.home_unit
    unit.name = "Satpas Polresta Tanjungpinang (baru)"
    unit.save()
    response = client_for(admin_user).get(reverse("admin:satpas_unit_history", args=[unit.pk]))
    assert response.status_code == 200
    assert unit.history.count() >= 2


def test_counter_officer_cannot_open_admin(client_for, officer) -> None:
    response = client_for(officer).get(reverse("admin:index"))
    assert response.status_code == 302


def test_a_duplicate_holiday_is_refused_with_a_message_that_says_it_exists(
    client_for, admin_user, unit
) -> None:
    from satpas.models import Holiday

    Holiday.objects.create(unit=unit, date=dt.date(2026, 12, 25), name="Hari Raya Natal")
    response = client_for(admin_user).post(
        "/admin/satpas/holiday/add/",
        {"unit": unit.pk, "date": "2026-12-25", "name": "Natal"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hari libur dengan Satuan dan Tanggal ini sudah ada." in body
    assert "tidak ada" not in body
    assert Holiday.objects.filter(unit=unit, date=dt.date(2026, 12, 25)).count() == 1


def test_admin_pages_say_ubah_not_rubah(client_for, admin_user) -> None:
    """Django's Indonesian sidebar reads "Rubah …" (shown as "RUBAH"); ours corrects it."""
    body = (
        client_for(admin_user)
        .get(reverse("admin:satpas_user_change", args=[admin_user.pk]))
        .content.decode()
    )
    assert "Tautan ubah atau lihat daftar" in body
    assert re.search(r"\brubah\b", body, re.IGNORECASE) is None


def test_admin_select_multiple_widget_speaks_indonesian(client_for, admin_user) -> None:
    """The group/permission chooser's JavaScript texts come from our djangojs catalogue."""
    script = client_for(admin_user).get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL)[1])
    assert catalog["Choose all %s"] == "Pilih semua %s"
    assert catalog["Remove all %s"] == "Hapus semua %s"
    assert catalog["Remove selected %s"] == "Hapus %s yang ditandai"
    texts = [text for text in catalog.values() if isinstance(text, str)]
    assert not [text for text in texts if re.search(r"Choose|Remove|Pindahkan", text)]
