"""Who can answer for a complaint: only an officer of the unit who served that application or
was rostered at one of its counters that day; only a substantiated complaint is a finding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compensation.models import Complaint
from compensation.selectors import responsible_candidates
from compensation.services import complaint_close, complaint_create
from personnel.models import DutyShift, Finding, Officer
from personnel.services import adjustments_propose
from tests.compensation.helpers import at, point, walk
from tests.factories import UserFactory, register, register_at_kiosk

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(unit, officer):
    """B-001 of 27 November, whose registration the counter officer served at loket 1."""
    application = register(unit, officer, now=at(8))
    walk(application, officer, ["REG"], at(8, 5))
    return application


@pytest.fixture
def bystander(unit):
    """An officer of the unit who had nothing to do with B-001."""
    return UserFactory(username="03030303", full_name="Dedi Kurniawan", home_unit=unit)


def _complaint(unit, application=None, **kwargs) -> Complaint:
    return complaint_create(
        unit=unit,
        channel=Complaint.Channel.COUNTER,
        description="Petugas tidak ramah",
        application=application,
        now=at(10),
        **kwargs,
    )


def test_the_officer_who_served_the_application_may_be_named(unit, served, officer) -> None:
    row = _complaint(unit, served, about_officer=officer)
    assert row.about_officer == officer


def test_an_officer_rostered_at_its_counter_that_day_may_be_named(
    unit, served, supervisor, bystander
) -> None:
    colleague = Officer.objects.create(
        unit=unit,
        user=bystander,
        number=bystander.username,
        full_name=bystander.full_name,
        rank="BRIPDA",
        position="Petugas loket",
    )
    DutyShift.objects.create(
        unit=unit,
        officer=colleague,
        date=dt.date(2026, 11, 27),
        service_point=point(unit, "REG"),
        starts_at=dt.time(8),
        ends_at=dt.time(14),
    )
    row = _complaint(unit, served)
    complaint_close(
        complaint=row,
        substantiated=True,
        about_officer=bystander,
        conclusion="Terbukti",
        user=supervisor,
        now=at(11),
    )
    row.refresh_from_db()
    assert row.about_officer == bystander


def test_an_officer_not_on_the_application_is_refused(unit, served, supervisor, bystander) -> None:
    with pytest.raises(ValidationError, match="tidak melayani permohonan B-001"):
        _complaint(unit, served, about_officer=bystander)
    assert not Complaint.objects.exists()
    row = _complaint(unit, served)
    with pytest.raises(ValidationError, match="tidak melayani permohonan B-001"):
        complaint_close(
            complaint=row,
            substantiated=True,
            about_officer=bystander,
            conclusion="Terbukti",
            user=supervisor,
        )
    row.refresh_from_db()
    assert (row.status, row.about_officer, row.notes.count()) == ("NEW", None, 0)


def test_rostered_at_another_counter_is_not_enough(unit, served, bystander) -> None:
    colleague = Officer.objects.create(
        unit=unit,
        user=bystander,
        number=bystander.username,
        full_name=bystander.full_name,
        rank="BRIPDA",
        position="Petugas loket",
    )
    DutyShift.objects.create(
        unit=unit,
        officer=colleague,
        date=dt.date(2026, 11, 27),
        service_point=point(unit, "CETAK"),
        starts_at=dt.time(8),
        ends_at=dt.time(14),
    )
    with pytest.raises(ValidationError, match="tidak melayani"):
        _complaint(unit, served, about_officer=bystander)


def test_no_officer_can_be_named_without_the_application(unit, officer) -> None:
    with pytest.raises(ValidationError, match="terkait permohonan"):
        _complaint(unit, about_officer=officer)


def test_an_officer_of_another_unit_is_refused(unit, served, other_officer) -> None:
    with pytest.raises(ValidationError, match="anggota satuan ini"):
        _complaint(unit, served, about_officer=other_officer)


def test_the_close_form_offers_only_the_candidates(
    client_for, unit, served, supervisor, officer, bystander
) -> None:
    row = _complaint(unit, served)
    assert list(responsible_candidates(served)) == [officer]
    body = (
        client_for(supervisor)
        .get(reverse("compensation:complaint_detail", args=[row.pk]))
        .content.decode()
    )
    assert officer.full_name in body
    assert bystander.full_name not in body
    response = client_for(supervisor).post(
        reverse("compensation:complaint_close", args=[row.pk]),
        {"substantiated": "1", "about_officer": bystander.pk, "conclusion": "Terbukti"},
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == Complaint.Status.NEW


def test_only_a_substantiated_complaint_becomes_a_finding(
    unit, served, officer, supervisor, frozen
) -> None:
    frozen(2026, 11, 27, 15)
    Officer.objects.create(
        unit=unit,
        user=officer,
        number=officer.username,
        full_name=officer.full_name,
        rank="BRIPDA",
        position="Petugas loket",
    )
    kept = _complaint(unit, served)
    dismissed = _complaint(unit, served)
    for row, proven in ((kept, True), (dismissed, False)):
        complaint_close(
            complaint=row,
            substantiated=proven,
            about_officer=officer,
            conclusion="Diperiksa",
            user=supervisor,
            now=at(12),
        )
    adjustments_propose(unit=unit, period=dt.date(2026, 11, 1), by=supervisor, now=at(15))
    assert list(Finding.objects.values_list("complaint", "criterion")) == [(kept.pk, "USER_RATING")]


def test_an_application_taken_at_the_renewal_kiosk_has_no_registrar_to_name(
    unit, officer, bystander
) -> None:
    """Nobody registered it: whoever served its stages may be named, nobody else."""
    application = register_at_kiosk(unit, officer, now=at(9))
    assert application.registered_by_id is None
    assert list(responsible_candidates(application)) == []
    walk(application, officer, ["VERIF"], at(9, 5))
    assert [user.pk for user in responsible_candidates(application)] == [officer.pk]
    with pytest.raises(ValidationError):
        _complaint(unit, application, about_officer=bystander)
