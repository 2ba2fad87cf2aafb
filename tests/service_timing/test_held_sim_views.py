"""The SIM handed over at the last stage: the counter records its number (the renewal kiosk
matches it later), a supervisor corrects a wrong number with a reason kept in the history;
every refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, HeldSim
from applicants.renewals import renewal_find
from service_timing.models import ServicePoint
from service_timing.services import stage_call, stage_finish, stage_start
from tests.conftest import visiting
from tests.factories import UserFactory, register

pytestmark = pytest.mark.django_db

BEFORE_HANDOVER = ["REG", "VERIF", "BAYAR", "BIO", "CETAK"]


@pytest.fixture(autouse=True)
def open_office(frozen):
    """A Wednesday morning (the suite may run at 23.50, office closed)."""
    frozen(2026, 11, 25, 9, 30)


def walk(unit, officer, application, codes) -> None:
    for code in codes:
        point = ServicePoint.objects.filter(unit=unit, stage_id=code).order_by("number").first()
        stage_call(point=point, user=officer, application_id=application.pk)
        stage_start(point=point, user=officer, application_id=application.pk)
        stage_finish(point=point, user=officer, application_id=application.pk)


def renewal(unit, officer, codes=BEFORE_HANDOVER, **kwargs) -> Application:
    application = register(unit, officer, application_type="PERPANJANGAN", **kwargs)
    walk(unit, officer, application, codes)
    return application


def record(client, application, **overrides: str):
    data = {"sim_class": "C", "number": "1234 5678 9012", "issued_on": "2026-11-25"}
    return client.post(
        reverse("service_timing:held_sim_add", args=[application.pk]), {**data, **overrides}
    )


def fix(client, application, held, number="123456789013", reason="Salah ketik satu angka"):
    return client.post(
        reverse("service_timing:held_sim_fix", args=[application.pk]),
        {"held": held.pk, "number": number, "reason": reason},
    )


def page(client, application) -> str:
    return client.get(reverse("service_timing:application", args=[application.pk])).content.decode()


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


def test_the_counter_records_the_sim_it_hands_over(client_for, officer, unit) -> None:
    application = renewal(unit, officer)
    client = client_for(officer)
    body = page(client, application)
    assert 'data-testid="held-sim-form"' in body
    assert 'value="2026-11-25"' in body  # issue date: today

    response = record(client, application)

    assert response.status_code == 302
    held = HeldSim.objects.get(application=application)
    assert (held.number, held.sim_class) == ("123456789012", "C")
    assert held.valid_until == dt.date(2031, 11, 25)
    assert held.history.latest().history_user == officer
    assert "123456789012" in page(client, application)
    # Once the card is handed over, the kiosk knows it.
    walk(unit, officer, application, ["SERAH"])
    found = renewal_find(
        unit=unit, nik=application.applicant.nik, sim_number="123456789012", now=timezone.now()
    )
    assert found == held


def test_a_completed_application_may_still_record_it(client_for, officer, unit) -> None:
    application = renewal(unit, officer, codes=[*BEFORE_HANDOVER, "SERAH"])
    application.refresh_from_db()
    assert application.status == Application.Status.COMPLETED
    record(client_for(officer), application)
    assert HeldSim.objects.filter(application=application).exists()


def test_before_the_handover_nothing_is_recorded(client_for, officer, unit) -> None:
    application = renewal(unit, officer, codes=["REG", "VERIF"])
    client = client_for(officer)
    assert 'data-testid="held-sim-form"' not in page(client, application)
    response = record(client, application)
    assert "tahap Penyerahan SIM" in messages_of(response)
    assert not HeldSim.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"number": "12AB56789012"}, "12 sampai 16 angka"),
        ({"number": "12345"}, "12 sampai 16 angka"),
        ({"number": ""}, "Isi nomor SIM"),
        ({"issued_on": "2026-11-26"}, "tidak boleh setelah hari ini"),
        ({"issued_on": "2020-01-01"}, "sudah habis masa berlakunya"),
        ({"issued_on": "25-13-2026"}, "tanggal"),
        ({"sim_class": "Z"}, "Z"),
    ],
)
def test_bad_input_is_refused_with_a_message(client_for, officer, unit, overrides, message) -> None:
    application = renewal(unit, officer)
    response = record(client_for(officer), application, **overrides)
    assert response.status_code == 302
    assert message in messages_of(response)
    assert "Nomor SIM tidak dicatat" in messages_of(response)
    assert not HeldSim.objects.exists()


def test_a_number_on_record_for_someone_else_is_refused(client_for, officer, unit) -> None:
    first = renewal(unit, officer)
    second = renewal(unit, officer, name="Siti Aminah")
    client = client_for(officer)
    record(client, first)
    response = record(client, second)
    assert "sudah tercatat untuk pemohon lain" in messages_of(response)
    assert not HeldSim.objects.filter(application=second).exists()


def test_recording_twice_is_a_correction_for_a_supervisor(client_for, officer, unit) -> None:
    application = renewal(unit, officer)
    client = client_for(officer)
    record(client, application)
    response = record(client, application, number="999999999999")
    assert "dikoreksi oleh supervisor" in messages_of(response)
    assert HeldSim.objects.get().number == "123456789012"


def test_a_supervisor_corrects_the_number_with_a_reason(
    client_for, officer, supervisor, unit
) -> None:
    application = renewal(unit, officer)
    record(client_for(officer), application)
    held = HeldSim.objects.get()
    client = client_for(supervisor)

    response = fix(client, application, held)

    assert "nomor lama tersimpan" in messages_of(response)
    held.refresh_from_db()
    assert held.number == "123456789013"
    latest, earlier = held.history.order_by("-history_id")[:2]
    assert (latest.history_change_reason, latest.history_user) == (
        "Salah ketik satu angka",
        supervisor,
    )
    assert earlier.number == "123456789012"
    body = page(client, application)
    assert 'data-testid="held-sim-correction"' in body
    assert "Salah ketik satu angka" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "Isi alasan koreksi"),
        ({"number": "12"}, "12 sampai 16 angka"),
        ({"number": "123456789012"}, "sama dengan yang tercatat"),
    ],
)
def test_a_bad_correction_changes_nothing(
    client_for, officer, supervisor, unit, data, message
) -> None:
    application = renewal(unit, officer)
    record(client_for(officer), application)
    held = HeldSim.objects.get()
    response = fix(client_for(supervisor), application, held, **data)
    assert message in messages_of(response)
    held.refresh_from_db()
    assert held.number == "123456789012"
    assert held.history.count() == 1


def test_a_correction_names_a_sim_of_this_application(
    client_for, officer, supervisor, unit
) -> None:
    first = renewal(unit, officer)
    second = renewal(unit, officer, name="Siti Aminah")
    record(client_for(officer), first)
    held = HeldSim.objects.get()
    response = fix(client_for(supervisor), second, held)
    assert "tidak ditemukan" in messages_of(response)
    held.refresh_from_db()
    assert held.number == "123456789012"


# --- refusals ---------------------------------------------------------------------------


def _count_and_numbers() -> tuple[int, list[str]]:
    return HeldSim.objects.count(), list(HeldSim.objects.values_list("number", flat=True))


@pytest.mark.parametrize("role", ["auditor", "kasat", "admin_user"])
def test_roles_without_the_counter_may_not_record(client_for, officer, unit, request, role) -> None:
    application = renewal(unit, officer)
    response = record(client_for(request.getfixturevalue(role)), application)
    assert response.status_code == 403
    assert not HeldSim.objects.exists()


@pytest.mark.parametrize("role", ["officer", "auditor", "kasat"])
def test_only_a_supervisor_corrects(client_for, officer, unit, request, role) -> None:
    application = renewal(unit, officer)
    record(client_for(officer), application)
    before = _count_and_numbers()
    response = fix(client_for(request.getfixturevalue(role)), application, HeldSim.objects.get())
    assert response.status_code == 403
    assert _count_and_numbers() == before


def test_another_units_staff_get_404(client_for, officer, other_officer, unit) -> None:
    other_officer.groups.set(Group.objects.all())  # every role, in the other unit
    application = renewal(unit, officer)
    assert record(client_for(other_officer), application).status_code == 404
    assert not HeldSim.objects.exists()
    record(client_for(officer), application)
    before = _count_and_numbers()
    assert fix(client_for(other_officer), application, HeldSim.objects.get()).status_code == 404
    assert _count_and_numbers() == before


def test_a_visited_unit_is_read_only(client_for, officer, visitor, unit) -> None:
    visitor.groups.set(Group.objects.all())
    application = renewal(unit, officer)
    client = visiting(client_for(visitor), unit)
    assert record(client, application).status_code == 403
    assert not HeldSim.objects.exists()
    record(client_for(officer), application)
    before = _count_and_numbers()
    assert fix(client, application, HeldSim.objects.get()).status_code == 403
    assert _count_and_numbers() == before


def test_anonymous_is_sent_to_login(client_for, officer, unit) -> None:
    application = renewal(unit, officer)
    response = record(client_for(None), application)
    assert response.status_code == 302
    assert "login" in response["Location"] or "masuk" in response["Location"]
    assert not HeldSim.objects.exists()
    record(client_for(officer), application)
    before = _count_and_numbers()
    assert fix(client_for(None), application, HeldSim.objects.get()).status_code == 302
    assert _count_and_numbers() == before


def test_the_number_is_masked_for_who_may_not_see_personal_data(
    client_for, officer, auditor, unit
) -> None:
    application = renewal(unit, officer)
    record(client_for(officer), application)
    body = page(client_for(auditor), application)
    assert "********9012" in body
    assert "123456789012" not in body


def test_the_admin_shows_held_sims_read_only(client_for, officer, unit) -> None:
    application = renewal(unit, officer)
    record(client_for(officer), application)
    superuser = UserFactory(username="10000009", home_unit=unit, is_staff=True, is_superuser=True)
    client = client_for(superuser)
    listing = client.get(reverse("admin:applicants_heldsim_changelist"))
    assert listing.status_code == 200
    assert "Budi Santoso" in listing.content.decode()
    assert client.get(reverse("admin:applicants_heldsim_add")).status_code == 403
    held = HeldSim.objects.get()
    client.post(
        reverse("admin:applicants_heldsim_change", args=[held.pk]), {"number": "999999999999"}
    )
    held.refresh_from_db()
    assert held.number == "123456789012"
