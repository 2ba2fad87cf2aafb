"""/healthz for the load balancer: database, cache, background queue and disk; public, and
saying nothing but "ok" or "error" to anyone but a signed-in superuser."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/healthz"


def _queued(minutes_ago: int) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        id=uuid.uuid4(),
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="evidence.tasks.build_evidence_pack",
        queue_name="default",
        backend_name="default",
        run_after=timezone.now() - dt.timedelta(minutes=minutes_ago),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return task


def test_a_healthy_installation_answers_ok_and_nothing_else(client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_a_stalled_queue_is_an_error_without_details_for_anonymous(client) -> None:
    _queued(minutes_ago=5)
    assert client.get(URL).status_code == 200  # a task waiting 5 minutes is normal
    _queued(minutes_ago=60)
    response = client.get(URL)
    assert response.status_code == 503
    assert response.content == b"error\n"


def test_a_superuser_sees_which_check_failed(client_for, unit) -> None:
    _queued(minutes_ago=60)
    root = UserFactory(username="00000001", home_unit=unit, is_superuser=True, is_staff=True)
    body = client_for(root).get(URL).content.decode()
    assert "TaskQueue" in body
    assert "background queue not moving" in body
    assert "Database" in body


def test_staff_who_are_not_superusers_see_no_details(client_for, kasat) -> None:
    _queued(minutes_ago=60)
    assert client_for(kasat).get(URL).content == b"error\n"


@override_settings(HEALTH_DISK_MAX_PERCENT=0.001)
def test_a_full_disk_is_an_error(client) -> None:
    assert client.get(URL).status_code == 503


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_a_cache_that_keeps_nothing_is_an_error(client) -> None:
    assert client.get(URL).status_code == 503


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_load_balancer_may_probe_over_plain_http(client) -> None:
    from django.conf import settings

    assert r"^healthz$" in settings.SECURE_REDIRECT_EXEMPT
    assert client.get(URL).status_code == 200
    assert client.get("/masuk/").status_code == 301


def test_the_probe_answers_in_a_thread_that_runs_an_event_loop(client) -> None:
    """In CI the browser tests leave Playwright's event loop running in the test thread
    (and a server may run the view under one): the checks must not need `async_to_sync`,
    which refuses to run there."""
    import asyncio

    async def probe():
        return client.get(URL)

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop here yet: start one around the request
        response = asyncio.run(probe())
    else:  # the browser tests left theirs running in this thread
        response = client.get(URL)
    assert response.status_code == 200, response.content
    assert response.content == b"ok\n"


def test_a_cache_that_loses_what_it_stored_is_an_error(client, monkeypatch) -> None:
    from django.core.cache import caches

    monkeypatch.setattr(type(caches["default"]), "get", lambda self, key, default=None: None)
    assert client.get(URL).status_code == 503


def test_a_fresh_installation_without_a_media_folder_is_healthy(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-created-yet" / "media"
    assert client.get(URL).status_code == 200
