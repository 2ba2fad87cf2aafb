"""`/healthz` for the load balancer (django-health-check): the database answers, the shared
cache stores and returns a value, the background queue is moving (its oldest waiting task is
not older than HEALTH_MAX_TASK_AGE_MINUTES) and the media disk has room.

Public, because a load balancer does not log in, and so it says nothing but "ok" (200) or
"error" (503). A superuser who is logged in sees which check failed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import pathlib
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import InvalidCacheBackendError, caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.contrib.psutil import Disk
from health_check.exceptions import (
    HealthCheckException,
    ServiceReturnedUnexpectedResult,
    ServiceUnavailable,
)

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The oldest task still waiting for the worker (evidence packs) is not too old: a
    stopped `db_worker` is otherwise noticed only when an auditor waits for a pack."""

    max_age: dt.timedelta = dataclasses.field(
        default_factory=lambda: dt.timedelta(minutes=settings.HEALTH_MAX_TASK_AGE_MINUTES),
        repr=False,
    )

    def run(self) -> None:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        cutoff = timezone.now() - self.max_age
        # Waiting longer than allowed although due (a task may be scheduled for later).
        stalled = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, enqueued_at__lt=cutoff, run_after__lt=cutoff
        ).exists()
        if stalled:
            raise ServiceUnavailable("background queue not moving")


@dataclasses.dataclass
class SharedCache(HealthCheck):
    """The shared cache (lockouts, rate limits) stores a value and returns it.

    Synchronous, unlike django-health-check's own `Cache` (which is async and would need
    `async_to_sync`, refused in a thread that already runs an event loop)."""

    alias: str = "default"

    def run(self) -> None:
        try:
            cache = caches[self.alias]
        except InvalidCacheBackendError as exc:
            raise ServiceUnavailable("cache alias does not exist") from exc
        key = f"healthz:{uuid.uuid4().hex}"
        value = uuid.uuid4().hex
        try:
            cache.set(key, value, timeout=5)
            if cache.get(key) != value:
                raise ServiceUnavailable("cache did not return the stored value")
            cache.delete(key)
        except (ConnectionError, OSError, ValueError) as exc:
            raise ServiceReturnedUnexpectedResult(f"cache error: {exc}") from exc


def _existing(path: str | pathlib.Path) -> str:
    """The media directory, or the nearest folder above it while no upload has created it
    yet (a fresh installation): the disk that will hold it is the one that matters."""
    path = pathlib.Path(path).resolve()
    while not path.exists() and path.parent != path:
        path = path.parent
    return str(path)


def _checks() -> tuple[Any, ...]:
    return (
        Database,
        SharedCache,
        TaskQueue,
        (
            Disk,
            {
                "path": _existing(settings.MEDIA_ROOT),
                "max_disk_usage_percent": settings.HEALTH_DISK_MAX_PERCENT,
            },
        ),
    )


def _run(check: HealthCheck) -> str | None:
    """None when the check passes, else what failed (for a superuser's eyes only)."""
    try:
        check.run()
    except HealthCheckException as exc:
        return str(exc)
    except Exception:
        logger.exception("Health check %r failed unexpectedly", check)
        return "unknown error"
    return None


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    # The checks run here, one after the other, in the request's own thread and database
    # connection (django-health-check's view would run them in a thread pool).
    results = []
    for entry in _checks():
        check_class, options = entry if isinstance(entry, tuple) else (entry, {})
        check = check_class(**options)
        results.append((check, _run(check)))
    status = 503 if any(error for _check, error in results) else 200
    if request.user.is_superuser:
        body = "".join(f"{check!r}: {error or 'OK'}\n" for check, error in results)
    else:
        body = "ok\n" if status == 200 else "error\n"
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
