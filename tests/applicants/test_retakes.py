"""Pasal 15(2), 17(2), 19(4): at most two retakes, in one window of 14 working days counted
from the day after the first failure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from applicants.models import Application
from satpas.selectors import office_calendar
from tests.factories import register

pytestmark = pytest.mark.django_db

SERIAL = 77
FAILED_ON = dt.date(2026, 11, 2)  # a Monday


def _fail(application: Application, day: dt.date) -> Application:
    closed = dt.datetime(day.year, day.month, day.day, 11, 0, tzinfo=dt.UTC)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.NOT_PASSED, closed_at=closed
    )
    application.refresh_from_db()
    return application


def _working_day(unit, number: int) -> dt.date:
    """The `number`-th open day after FAILED_ON, counted with the unit's own calendar."""
    calendar, day, seen = office_calendar(unit), FAILED_ON, 0
    while seen < number:
        day += dt.timedelta(days=1)
        seen += calendar.is_open_day(day)
    return day


def _retake(unit, officer, frozen, of: Application, day: dt.date) -> Application:
    frozen(day.year, day.month, day.day, 9, 0)
    return register(unit, officer, serial=SERIAL, retake_of=of)


def test_a_retake_on_working_day_14_is_accepted_and_on_day_15_refused(
    unit, officer, frozen
) -> None:
    frozen(FAILED_ON.year, FAILED_ON.month, FAILED_ON.day, 8, 0)
    first = _fail(register(unit, officer, serial=SERIAL), FAILED_ON)
    with pytest.raises(ValidationError, match="14 hari kerja"):
        _retake(unit, officer, frozen, first, _working_day(unit, 15))
    assert _retake(unit, officer, frozen, first, _working_day(unit, 14)).retake_of == first


def test_the_window_runs_from_the_first_failure_not_from_the_last_retake(
    unit, officer, frozen
) -> None:
    frozen(FAILED_ON.year, FAILED_ON.month, FAILED_ON.day, 8, 0)
    first = _fail(register(unit, officer, serial=SERIAL), FAILED_ON)
    day_10 = _working_day(unit, 10)
    second = _fail(_retake(unit, officer, frozen, first, day_10), day_10)
    # Five working days after the second failure, but 15 after the first: too late.
    with pytest.raises(ValidationError, match="ujian pertama"):
        _retake(unit, officer, frozen, second, _working_day(unit, 15))
    assert Application.objects.filter(retake_of=second).count() == 0


def test_a_third_retake_is_refused(unit, officer, frozen) -> None:
    frozen(FAILED_ON.year, FAILED_ON.month, FAILED_ON.day, 8, 0)
    first = _fail(register(unit, officer, serial=SERIAL), FAILED_ON)
    day_2, day_4, day_6 = (_working_day(unit, n) for n in (2, 4, 6))
    second = _fail(_retake(unit, officer, frozen, first, day_2), day_2)
    third = _fail(_retake(unit, officer, frozen, second, day_4), day_4)
    with pytest.raises(ValidationError, match="sudah 2 kali"):
        _retake(unit, officer, frozen, third, day_6)
    assert Application.objects.filter(retake_of=third).count() == 0
