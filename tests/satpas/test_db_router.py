"""The read-replica router's decisions (satpas/db_router.py): which reads go to the replica,
and every one that must stay on the primary. The replica is the test settings' mirror alias."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants.models import Application
from satpas.db_router import (
    REPLICA,
    STICKY_COOKIE,
    PrimaryAfterWriteMiddleware,
    ReplicaRouter,
    forget_lag,
    measure_lag,
    primary_reads,
    replica_reads,
)
from satpas.models import Unit

router = ReplicaRouter()


def test_reads_outside_an_opted_in_view_or_task_go_to_the_primary() -> None:
    assert router.db_for_read(Application) == "default"


def test_reads_inside_replica_reads_go_to_the_replica() -> None:
    with replica_reads():
        assert router.db_for_read(Application) == REPLICA
        assert router.db_for_read(Unit) == REPLICA
    assert router.db_for_read(Application) == "default"


def test_the_decorator_form_reads_from_the_replica_only_while_the_function_runs() -> None:
    @replica_reads()
    def report() -> str:
        return router.db_for_read(Application)

    assert report() == REPLICA
    assert router.db_for_read(Application) == "default"


def test_login_state_and_the_shared_cache_are_never_read_from_the_replica() -> None:
    shared_cache = DatabaseCache("satpas_cache", {})
    with replica_reads():
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(shared_cache.cache_model_class) == "default"
        assert router.db_for_write(shared_cache.cache_model_class) == "default"
        assert router.db_for_read(Application) == REPLICA


def test_every_write_goes_to_the_primary_and_that_model_is_then_read_there() -> None:
    with replica_reads():
        assert router.db_for_write(Application) == "default"
        assert router.db_for_read(Application) == "default"  # read after write
        assert router.db_for_read(Unit) == REPLICA  # not written: still the replica


def test_a_write_before_the_view_is_remembered_inside_it() -> None:
    """The request's scope (opened by the middleware) carries its writes into the view."""
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        router.db_for_write(Application)
        with replica_reads():
            seen.append(router.db_for_read(Application))
            seen.append(router.db_for_read(Unit))
        return HttpResponse()

    PrimaryAfterWriteMiddleware(view)(RequestFactory().get("/"))
    assert seen == ["default", REPLICA]


def test_primary_reads_win_over_replica_reads_nested_inside() -> None:
    with primary_reads(), replica_reads():
        assert router.db_for_read(Application) == "default"


def test_the_replica_is_never_migrated_nor_written() -> None:
    assert router.allow_migrate(REPLICA, "applicants") is False
    assert router.allow_migrate("default", "applicants") is None
    with replica_reads():
        assert router.db_for_write(Unit) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_an_atomic_block_go_to_the_primary() -> None:
    with replica_reads():
        with transaction.atomic():
            assert router.db_for_read(Application) == "default"
        assert router.db_for_read(Application) == REPLICA


# --- the sticky period after a write -----------------------------------------------------


def _decision_with_cookie(value: str | None, method: str = "get") -> tuple[str, HttpResponse]:
    """What a replica-reading view decides, behind the middleware, for a request carrying
    the given sticky cookie."""
    decisions: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        with replica_reads():
            decisions.append(router.db_for_read(Application))
        return HttpResponse()

    factory = RequestFactory()
    if value is not None:
        factory.cookies[STICKY_COOKIE] = value
    response = PrimaryAfterWriteMiddleware(view)(getattr(factory, method)("/"))
    return decisions[0], response


def test_a_user_who_wrote_moments_ago_reads_from_the_primary(settings) -> None:
    settings.REPLICA_STICKY_SECONDS = 30
    decision, _response = _decision_with_cookie(str(int(time.time()) - 10))
    assert decision == "default"


def test_after_the_sticky_period_the_user_reads_from_the_replica_again(settings) -> None:
    settings.REPLICA_STICKY_SECONDS = 30
    decision, _response = _decision_with_cookie(str(int(time.time()) - 31))
    assert decision == REPLICA


@pytest.mark.parametrize("value", ["", "yesterday", "99999999999999"])
def test_a_bad_or_future_stamp_does_not_pin_the_user(value: str) -> None:
    decision, _response = _decision_with_cookie(value)
    assert decision == REPLICA


def test_a_successful_post_sets_the_stamp_and_a_get_does_not(settings) -> None:
    settings.REPLICA_STICKY_SECONDS = 30
    _decision, response = _decision_with_cookie(None, method="post")
    cookie = response.cookies[STICKY_COOKIE]
    assert int(cookie.value) == int(time.time())
    assert cookie["max-age"] == 30
    assert cookie["httponly"]
    _decision, response = _decision_with_cookie(None, method="get")
    assert STICKY_COOKIE not in response.cookies


def test_a_refused_post_does_not_set_the_stamp() -> None:
    def refused(request: HttpRequest) -> HttpResponse:
        return HttpResponse(status=400)

    response = PrimaryAfterWriteMiddleware(refused)(RequestFactory().post("/"))
    assert STICKY_COOKIE not in response.cookies


# --- pages ----------------------------------------------------------------------------------


def _replica_tables(client, url: str) -> str:
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(query["sql"] for query in replica.captured_queries)


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_a_report_reads_from_the_replica_until_the_user_writes(client_for, kasat) -> None:
    client = client_for(kasat)
    url = reverse("reports:service_time")
    assert "applicants_application" in _replica_tables(client, url)
    assert "applicants_application" in _replica_tables(client, reverse("personnel:dashboard"))

    response = client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert response.status_code == 302
    assert STICKY_COOKIE in response.cookies
    assert _replica_tables(client, url) == ""  # read after write: the primary
    assert _replica_tables(client, reverse("home")) == ""  # never opted in


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_a_lagging_replica_is_named_on_the_report_page_only(client_for, kasat, settings) -> None:
    client = client_for(kasat)
    assert measure_lag().seconds == 0.0  # a database that is no standby is always current
    forget_lag()
    assert "replica-lag" not in client.get(reverse("reports:service_time")).content.decode()
    # The mirror is current (lag 0): a threshold below that stands for a replica behind it.
    settings.REPLICA_LAG_WARNING_SECONDS = -1
    forget_lag()
    try:
        page = client.get(reverse("reports:service_time")).content.decode()
        assert 'data-testid="replica-lag"' in page
        assert "tertinggal sekitar 0 detik" in page
        assert "replica-lag" not in client.get(reverse("home")).content.decode()
    finally:
        forget_lag()


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA])
def test_the_evidence_pack_task_reads_its_registers_from_the_replica(unit, auditor) -> None:
    """The task reads the registers through the replica; its own record, written as it goes,
    from the primary."""
    import datetime as dt

    from evidence.models import EvidencePack
    from evidence.services import evidence_pack_request

    with CaptureQueriesContext(connections[REPLICA]) as replica:
        pack = evidence_pack_request(
            unit=unit, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 24), user=auditor
        )
    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.DONE
    read = " ".join(query["sql"] for query in replica.captured_queries)
    assert "service_timing_stagerecord" in read
    assert "evidence_evidencepack" not in read
