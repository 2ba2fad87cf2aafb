from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Count, F

from applicants.models import Application
from demo.office import demo_staff, seed_office
from demo.timing import seed_history
from service_timing.models import Journey, StageRecord

pytestmark = pytest.mark.django_db


def test_demo_history_is_realistic_and_idempotent(frozen) -> None:
    frozen(2026, 11, 27, 10, 30)  # a Friday mid-morning
    unit, users = seed_office()
    today = dt.date(2026, 11, 27)
    seed_history(unit=unit, users=users, staff=demo_staff(), today=today, rng=random.Random(1))
    applications = Application.objects.filter(unit=unit)
    days = applications.values("service_date").distinct().count()
    assert days >= 20
    closed = applications.filter(status=Application.Status.COMPLETED)
    met = closed.filter(elapsed_minutes__lte=F("standard_minutes")).count() / closed.count()
    assert 0.7 < met < 0.97  # mostly within the standard, sometimes not
    assert applications.filter(status=Application.Status.NOT_PASSED).exists()
    mix = dict(applications.values_list("application_type").annotate(n=Count("pk")))
    assert mix["PERPANJANGAN"] > mix["BARU"] > mix["PENURUNAN"]
    open_today = Journey.objects.filter(service_date=today).exclude(state=Journey.State.DONE)
    assert open_today.count() > 5
    assert StageRecord.objects.filter(finished_at__isnull=False).count() > 10 * closed.count() // 3
    before = applications.count()
    seed_history(unit=unit, users=users, staff=demo_staff(), today=today, rng=random.Random(1))
    assert applications.count() == before


def test_seeding_before_opening_stamps_today_in_the_past_in_arrival_order(frozen) -> None:
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from demo import timing
    from satpas.selectors import office_calendar
    from service_timing.models import ServicePoint

    frozen(2026, 11, 27, 7, 0)  # a Friday, an hour before opening
    unit, users = seed_office()
    now = timezone.now()
    points = {p.stage_id: p for p in ServicePoint.objects.filter(unit=unit).order_by("number")}
    servers = timing._servers(points, demo_staff(), users)
    timing._seed_day(
        unit,
        dt.date(2026, 11, 27),
        12,
        office_calendar(unit),
        ZoneInfo(unit.time_zone),
        points,
        servers,
        users[next(iter(users))],
        random.Random(3),
        now,
    )
    today = Application.objects.filter(unit=unit, service_date=dt.date(2026, 11, 27))
    assert today.count() == 12
    assert not today.filter(registered_at__gt=now).exists()
    by_time = list(today.order_by("registered_at").values_list("queue_number", flat=True))
    for prefix in {number[0] for number in by_time}:
        numbers = [n for n in by_time if n.startswith(prefix)]
        assert numbers == sorted(numbers)
    assert not StageRecord.objects.filter(application__in=today, called_at__gt=now).exists()
