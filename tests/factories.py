"""factory-boy factories shared by the whole suite."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group

from satpas.models import Holiday, OpeningHours, ServiceBreak, Unit, User
from satpas.roles import Role

TEST_PASSWORD = "Sandi-Uji-2026"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Satpas Polres Uji {n}")
    region = "Polda Kepulauan Riau"
    city = "Tanjungpinang"
    letterhead = "KEPOLISIAN NEGARA REPUBLIK INDONESIA\nDAERAH KEPULAUAN RIAU"
    signatory_title = "KASAT LANTAS"
    signatory_name = "MADE ARYA WIBAWA, S.I.K."
    signatory_rank = "AKP"
    signatory_nrp = "87090101"

    @factory.post_generation
    def calendar(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Mon–Fri 08.00–15.00 with a 12.00–13.00 break, Sat 08.00–12.00."""
        if not create or extracted is False:
            return
        for weekday in range(5):
            OpeningHours.objects.get_or_create(
                unit=self,
                weekday=weekday,
                defaults={"opens_at": dt.time(8), "closes_at": dt.time(15)},
            )
        OpeningHours.objects.get_or_create(
            unit=self, weekday=5, defaults={"opens_at": dt.time(8), "closes_at": dt.time(12)}
        )
        ServiceBreak.objects.get_or_create(
            unit=self, weekday=None, starts_at=dt.time(12), ends_at=dt.time(13), label="Ishoma"
        )


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday

    unit = factory.SubFactory(UnitFactory)
    date = dt.date(2026, 12, 25)
    name = "Hari Raya Natal"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"{90000000 + n:08d}")
    full_name = factory.Faker("name", locale="id_ID")
    home_unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: object) -> None:
        if create and extracted is not None:
            self.groups.add(Group.objects.get(name=extracted.value))
        if create:
            self.save()


def make_nik(
    birth: dt.date, *, female: bool = False, serial: int = 1, region: str = "217201"
) -> str:
    """A valid NIK of Kota Tanjung Pinang for a birth date."""
    day = birth.day + (40 if female else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def register(
    unit: Unit,
    officer: User,
    *,
    application_type: str = "BARU",
    sim_class: str = "C",
    birth: dt.date = dt.date(1995, 8, 17),
    female: bool = False,
    serial: int | None = None,
    name: str = "Budi Santoso",
    now: dt.datetime | None = None,
    **kwargs: object,
):
    """Register an application through the real service (with its journey)."""
    from applicants.services import application_register

    register.counter += 1  # type: ignore[attr-defined]
    defaults: dict[str, object] = {}
    if application_type not in ("BARU",):
        defaults = {"current_sim_class": sim_class, "current_sim_issued_on": dt.date(2024, 1, 15)}
    return application_register(
        unit=unit,
        registered_by=officer,
        nik=make_nik(birth, female=female, serial=serial or register.counter),  # type: ignore[attr-defined]
        full_name=name,
        birth_date=birth,
        sex="P" if female else "L",
        application_type=application_type,
        sim_class=sim_class,
        now=now,
        **{**defaults, **kwargs},
    )


register.counter = 0  # type: ignore[attr-defined]


def timed_applications(
    unit: Unit,
    officer: User,
    rows: list[tuple[str, int | None]],
    *,
    application_type: str = "BARU",
    day: dt.date = dt.date(2026, 5, 4),
    standard_minutes: int = 30,
) -> None:
    """Bare applications with a status and counted minutes each, for the statistics: no
    journey, no stages (bulk inserted straight into the table)."""
    from applicants.models import Applicant, Application

    applicant, _ = Applicant.objects.get_or_create(
        unit=unit,
        nik="2172011708950001",
        defaults={"full_name": "Budi", "birth_date": dt.date(1995, 8, 17), "sex": "L"},
    )
    registered = dt.datetime.combine(day, dt.time(1), tzinfo=dt.UTC)
    Application.objects.bulk_create(
        Application(
            unit=unit,
            applicant=applicant,
            application_type=application_type,
            sim_class="C",
            service_date=day,
            queue_number=f"X-{timed_applications.counter + index:04d}",
            ticket_code=f"t{timed_applications.counter + index:06d}",
            registered_at=registered,
            registered_by=officer,
            status=status,
            closed_at=None if status == Application.Status.OPEN else registered,
            elapsed_minutes=minutes,
            standard_minutes=standard_minutes,
        )
        for index, (status, minutes) in enumerate(rows)
    )
    timed_applications.counter += len(rows)  # type: ignore[attr-defined]


timed_applications.counter = 1  # type: ignore[attr-defined]


def register_at_kiosk(
    unit: Unit, officer: User, *, now: dt.datetime, name: str = "Rudi Hartono", serial: int = 77
):
    """A renewal taken at the renewal kiosk (no registering user): the applicant was served
    at the counter a year and a half before, and the counter recorded the SIM it handed over."""
    from applicants.held_sims import held_sim_record
    from applicants.renewals import renewal_register

    birth = dt.date(1988, 2, 9)
    earlier = register(
        unit, officer, birth=birth, serial=serial, name=name, now=now - dt.timedelta(days=550)
    )
    held = held_sim_record(
        applicant=earlier.applicant,
        sim_class=earlier.sim_class,
        number=f"{serial:012d}",
        issued_on=earlier.service_date,
        application=earlier,
        now=now - dt.timedelta(days=550),
    )
    return renewal_register(unit=unit, held_sim_id=held.pk, elderly_priority=False, now=now)
