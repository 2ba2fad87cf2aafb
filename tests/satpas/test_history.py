"""The counters' SQL history rows are the rows django-simple-history itself would write."""

from __future__ import annotations

import pytest
from django.utils import timezone

from satpas.history import write_history
from service_timing.models import ServicePoint, StageRecord
from tests.factories import register

pytestmark = pytest.mark.django_db

HISTORY_OWN = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
}


def _values(row) -> dict:
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.attname not in HISTORY_OWN
    }


def test_sql_history_equals_simple_historys_row(unit, officer) -> None:
    application = register(unit, officer)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    record = StageRecord.objects.create(
        application=application,
        stage_id="REG",
        service_point=point,
        served_by=officer,
        called_at=timezone.now(),
    )
    by_library = record.history.latest()
    now = timezone.now()
    write_history(
        StageRecord, record.pk, history_type="~", user_id=officer.pk, when=now, reason="uji"
    )
    by_sql = record.history.latest()
    assert by_sql.history_id != by_library.history_id
    assert _values(by_sql) == _values(by_library)
    assert (by_sql.history_type, by_sql.history_user_id, by_sql.history_change_reason) == (
        "~",
        officer.pk,
        "uji",
    )
    assert by_sql.history_date == now


def test_counter_events_leave_a_full_history(unit, officer) -> None:
    from service_timing.services import stage_call, stage_finish, stage_start

    application = register(unit, officer)
    point = ServicePoint.objects.get(unit=unit, stage_id="REG")
    stage_call(point=point, user=officer, application_id=application.pk)
    stage_start(point=point, user=officer, application_id=application.pk)
    stage_finish(point=point, user=officer, application_id=application.pk)
    record = StageRecord.objects.get(application=application)
    history = list(record.history.order_by("history_date", "history_id"))
    assert [h.history_type for h in history] == ["+", "~", "~"]
    assert history[0].started_at is None
    assert history[1].started_at is not None
    assert history[2].finished_at == record.finished_at
    assert {h.history_user_id for h in history} == {officer.pk}
