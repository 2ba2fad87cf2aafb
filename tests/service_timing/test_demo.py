from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Count, F

from applicants.models import Application
from satpas.demo import demo_staff, seed_office
from service_timing.demo import seed_history
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
