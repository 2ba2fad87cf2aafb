"""Two officers acting on the same application at the same moment (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from service_timing.models import ServicePoint, StageRecord
from service_timing.services import CounterError, call_next, stage_finish, stage_start
from tests.factories import register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are PostgreSQL's; SQLite serialises writers and CI runs this on PostgreSQL",
    ),
]


def race(*actions):
    """Run the actions in threads released at the same instant; return results or errors."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index, action):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[index] = action()
        except Exception as exc:  # the test inspects whatever happened
            results[index] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_officers_starting_the_same_stage_make_one_record_and_one_clear_message(
    unit, officer, supervisor
) -> None:
    first = ServicePoint.objects.get(unit=unit, stage_id="REG")
    second = ServicePoint.objects.create(unit=unit, number=11, name="Pendaftaran 2", stage_id="REG")
    for _round in range(5):
        application = register(unit, officer)
        results = race(
            lambda a=application: stage_start(application_id=a.pk, point=first, user=officer),
            lambda a=application: stage_start(application_id=a.pk, point=second, user=supervisor),
        )
        errors = [r for r in results if isinstance(r, Exception)]
        assert len(errors) == 1, results
        assert isinstance(errors[0], CounterError)
        assert "sudah dipanggil di Loket" in str(errors[0])
        assert StageRecord.objects.filter(application=application).count() == 1
        record = StageRecord.objects.get(application=application)
        stage_finish(application_id=application.pk, point=record.service_point, user=officer)


def test_two_counters_calling_next_at_once_get_different_applicants(
    unit, officer, supervisor
) -> None:
    first = ServicePoint.objects.get(unit=unit, stage_id="REG")
    second = ServicePoint.objects.create(unit=unit, number=12, name="Pendaftaran 3", stage_id="REG")
    for _ in range(6):
        register(unit, officer)
    results = race(
        lambda: call_next(point=first, user=officer),
        lambda: call_next(point=second, user=supervisor),
    )
    called = {result.journey.pk for result in results}
    assert len(called) == 2
    assert StageRecord.objects.count() == 2
