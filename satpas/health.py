"""`/healthz` for the load balancer (django-health-check): the database answers, the shared
cache stores and returns a value, the background queue is moving (its oldest waiting task is
not older than HEALTH_MAX_TASK_AGE_MINUTES) and the media disk has room.

Public, because a load balancer does not log in, and so it says nothing but "ok" (200) or
"error" (503). A superuser who is logged in sees which check failed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import logging
from typing import Any

from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.contrib.psutil import Disk
from health_check.exceptions import HealthCheckException, ServiceUnavailable

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


def _checks() -> tuple[Any, ...]:
    return (
        Database,
        Cache,
        TaskQueue,
        (
            Disk,
            {
                "path": str(settings.MEDIA_ROOT),
                "max_disk_usage_percent": settings.HEALTH_DISK_MAX_PERCENT,
            },
        ),
    )


def _run(check: HealthCheck) -> str | None:
    """None when the check passes, else what failed (for a superuser's eyes only)."""
    try:
        if inspect.iscoroutinefunction(check.run):
            async_to_sync(check.run)()
        else:
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
