from __future__ import annotations

import pytest
from django.urls import reverse

from service_timing.models import ServiceStandard
from tests.factories import register

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:applicants_applicant_changelist",
    "admin:applicants_application_changelist",
    "admin:service_timing_stage_changelist",
    "admin:service_timing_routestep_changelist",
    "admin:service_timing_servicepoint_changelist",
    "admin:service_timing_servicestandard_changelist",
    "admin:service_timing_stagerecord_changelist",
    "admin:service_timing_pause_changelist",
    "admin:service_timing_systemoutage_changelist",
    "admin:service_timing_journey_changelist",
]


@pytest.fixture
def superuser(unit):
    from tests.factories import UserFactory

    user = UserFactory(username="10000001", home_unit=unit)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_changelists_load_within_budget(
    client_for, superuser, officer, unit, url_name, django_assert_max_num_queries
) -> None:
    for _ in range(15):
        register(unit, officer)
    client = client_for(superuser)
    with django_assert_max_num_queries(20):
        assert client.get(reverse(url_name)).status_code == 200


def test_application_page_in_admin_shows_its_stage_records(
    client_for, superuser, officer, unit
) -> None:
    application = register(unit, officer)
    response = client_for(superuser).get(
        reverse("admin:applicants_application_change", args=[application.pk])
    )
    assert response.status_code == 200
    assert "Catatan tahap" in response.content.decode()


def test_a_used_standard_is_read_only_in_admin(client_for, superuser, officer, unit) -> None:
    register(unit, officer)
    standard = ServiceStandard.objects.get(unit=unit, application_type="BARU")
    client = client_for(superuser)
    client.post(
        reverse("admin:service_timing_servicestandard_change", args=[standard.pk]),
        {
            "minutes": 10,
            "unit": unit.pk,
            "application_type": "BARU",
            "warning_percent": 80,
            "effective_from": "2022-05-18",
            "sop_reference": "diubah",
        },
    )
    standard.refresh_from_db()
    assert standard.minutes == 120
    assert standard.sop_reference != "diubah"


def _new_version(unit, minutes: dict[str, str], stages: list[str]) -> dict[str, object]:
    data: dict[str, object] = {
        "unit": unit.pk,
        "application_type": "PERPANJANGAN",
        "minutes": 55,
        "warning_percent": 80,
        "effective_from": "2026-12-10",
        "sop_reference": "SOP revisi Desember 2026",
        "allowances-TOTAL_FORMS": len(stages),
        "allowances-INITIAL_FORMS": 0,
        "allowances-MIN_NUM_FORMS": 0,
        "allowances-MAX_NUM_FORMS": 1000,
    }
    for index, code in enumerate(stages):
        data[f"allowances-{index}-stage"] = code
        data[f"allowances-{index}-minutes"] = minutes.get(code, "")
    return data


def test_a_new_standard_version_offers_every_stage_for_its_allowances(
    client_for, admin_user, unit, frozen
) -> None:
    frozen(2026, 11, 27, 9, 0)
    client = client_for(admin_user)
    body = client.get(reverse("admin:service_timing_servicestandard_add")).content.decode()
    stages = ["REG", "VERIF", "BAYAR", "BIO", "TEORI", "SIMULATOR", "PRAKTIK", "CETAK", "SERAH"]
    assert 'name="allowances-8-stage"' in body
    assert '<option value="REG" selected>' in body
    response = client.post(
        reverse("admin:service_timing_servicestandard_add"),
        _new_version(unit, {"REG": "10", "VERIF": "10", "SERAH": "5"}, stages),
        follow=True,
    )
    assert response.status_code == 200
    version = ServiceStandard.objects.get(unit=unit, sop_reference="SOP revisi Desember 2026")
    assert dict(version.allowances.values_list("stage_id", "minutes")) == {
        "REG": 10,
        "VERIF": 10,
        "SERAH": 5,
    }
    assert "belum memiliki alokasi per tahap" not in response.content.decode()


def test_a_version_saved_without_allowances_says_what_is_missing(
    client_for, admin_user, unit, frozen
) -> None:
    frozen(2026, 11, 27, 9, 0)
    response = client_for(admin_user).post(
        reverse("admin:service_timing_servicestandard_add"),
        _new_version(unit, {}, ["REG", "VERIF"]),
        follow=True,
    )
    version = ServiceStandard.objects.get(unit=unit, sop_reference="SOP revisi Desember 2026")
    assert not version.allowances.exists()
    assert "belum memiliki alokasi per tahap" in response.content.decode()
    assert "10-12-2026" in response.content.decode()
