from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from applicants.models import Applicant, Application, QueueCounter
from applicants.services import application_register
from service_timing.models import Journey
from tests.factories import make_nik, register

pytestmark = pytest.mark.django_db


def test_registration_gives_a_queue_number_a_ticket_and_a_journey(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 8, 5)
    application = register(unit, officer)
    assert application.queue_number == "B-001"
    assert len(application.ticket_code) >= 22
    assert application.service_date == dt.date(2026, 11, 27)
    journey = Journey.objects.get(pk=application.pk)
    assert journey.current_stage_id == "REG"
    assert journey.standard_minutes == 120
    assert [step["code"] for step in journey.route] == [
        "REG",
        "VERIF",
        "BAYAR",
        "BIO",
        "TEORI",
        "PRAKTIK",
        "CETAK",
        "SERAH",
    ]


def test_sim_umum_takes_the_simulator(unit, officer) -> None:
    application = register(
        unit,
        officer,
        sim_class="A_UMUM",
        birth=dt.date(1990, 1, 1),
        current_sim_class="A",
        current_sim_issued_on=dt.date(2020, 1, 15),
    )
    assert "SIMULATOR" in Journey.objects.get(pk=application.pk).stage_codes


def test_renewal_has_no_tests_and_sixty_minutes(unit, officer) -> None:
    application = register(unit, officer, application_type="PERPANJANGAN")
    journey = Journey.objects.get(pk=application.pk)
    assert application.queue_number == "P-001"
    assert journey.stage_codes == ["REG", "VERIF", "BAYAR", "BIO", "CETAK", "SERAH"]
    assert journey.standard_minutes == 60


def test_numbers_run_per_prefix_and_restart_each_day(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 9)
    assert [register(unit, officer).queue_number for _ in range(3)] == ["B-001", "B-002", "B-003"]
    assert register(unit, officer, application_type="PERPANJANGAN").queue_number == "P-001"
    frozen(2026, 11, 28, 9)
    assert register(unit, officer).queue_number == "B-001"


def test_units_number_independently(unit, other_unit, officer, other_officer) -> None:
    assert register(unit, officer).queue_number == "B-001"
    assert register(other_unit, other_officer).queue_number == "B-001"


def test_a_returning_applicant_is_the_same_person(unit, officer, frozen) -> None:
    frozen(2026, 11, 26, 9)
    first = register(unit, officer, serial=7)
    frozen(2026, 11, 27, 9)
    second = register(unit, officer, serial=7, application_type="PERPANJANGAN", phone="0812345678")
    assert first.applicant_id == second.applicant_id
    assert Applicant.objects.get().phone == "0812345678"


def test_birth_date_not_matching_the_nik_is_refused_and_nothing_is_written(unit, officer) -> None:
    with pytest.raises(ValidationError) as info:
        application_register(
            unit=unit,
            registered_by=officer,
            nik=make_nik(dt.date(1995, 8, 17)),
            full_name="Budi",
            birth_date=dt.date(1995, 8, 18),
            sex="L",
            application_type="BARU",
            sim_class="C",
        )
    assert "tidak cocok dengan NIK" in info.value.message_dict["birth_date"][0]
    assert not Applicant.objects.exists()
    assert not Application.objects.exists()
    assert not QueueCounter.objects.exists()


def test_sex_not_matching_the_nik_is_refused(unit, officer) -> None:
    with pytest.raises(ValidationError) as info:
        application_register(
            unit=unit,
            registered_by=officer,
            nik=make_nik(dt.date(1995, 8, 17), female=True),
            full_name="Sari",
            birth_date=dt.date(1995, 8, 17),
            sex="L",
            application_type="BARU",
            sim_class="C",
        )
    assert "sex" in info.value.message_dict


def test_too_young_is_refused_with_the_article(unit, officer, frozen) -> None:
    frozen(2026, 11, 27, 9)
    with pytest.raises(ValidationError) as info:
        register(unit, officer, birth=dt.date(2009, 11, 28))
    assert "Pasal 8" in info.value.message_dict["sim_class"][0]


def test_a_type_without_a_standard_is_refused_clearly(unit, officer) -> None:
    from service_timing.models import ServiceStandard

    ServiceStandard.objects.filter(unit=unit, application_type="MUTASI").delete()
    with pytest.raises(ValidationError) as info:
        register(unit, officer, application_type="MUTASI")
    assert "belum diatur" in info.value.message_dict["application_type"][0]
    assert not Application.objects.exists()


def test_ticket_codes_are_unguessable_and_distinct(unit, officer) -> None:
    codes = {register(unit, officer).ticket_code for _ in range(20)}
    assert len(codes) == 20


def test_an_applicant_with_an_application_in_process_today_is_not_registered_again(
    unit, officer, frozen
) -> None:
    frozen(2026, 11, 27, 9)
    first = register(unit, officer, serial=11)
    with pytest.raises(ValidationError) as info:
        register(unit, officer, serial=11)
    assert first.queue_number in info.value.message_dict["nik"][0]
    assert Application.objects.count() == 1
    assert QueueCounter.objects.get().last == 1


def test_an_applicant_whose_application_closed_today_may_register_again(
    unit, officer, frozen
) -> None:
    from service_timing.services import application_withdraw

    frozen(2026, 11, 27, 9)
    first = register(unit, officer, serial=12)
    application_withdraw(application=first, user=officer, reason="Salah golongan")
    frozen(2026, 11, 27, 9, 10)
    second = register(unit, officer, serial=12, sim_class="A")
    assert second.applicant_id == first.applicant_id
    assert second.queue_number == "B-002"


def test_an_application_left_open_on_an_earlier_day_does_not_block_today(
    unit, officer, frozen
) -> None:
    frozen(2026, 11, 26, 9)
    register(unit, officer, serial=13)
    frozen(2026, 11, 27, 9)
    assert register(unit, officer, serial=13).queue_number == "B-001"
