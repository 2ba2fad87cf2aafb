"""`/healthz` for the load balancer (django-health-check): the database answers, the shared
cache stores and returns a value, the background queue is moving (its oldest waiting task is
not older than HEALTH_MAX_TASK_AGE_MINUTES) and the media disk has room.

Public, because a load balancer does not log in, and so it says nothing but "ok" (200) or
"error" (503). A superuser who is logged in sees which check failed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.contrib.psutil import Disk
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


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

        oldest = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
        if oldest is not None and timezone.now() - oldest > self.max_age:
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


class HealthView(HealthCheckView):
    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.checks = _checks()
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        status = 503 if any(result.error for result in self.results) else 200
        user = await request.auser()
        if user.is_superuser:
            return self.render_to_response_text(status)
        return HttpResponse(
            "ok\n" if status == 200 else "error\n",
            status=status,
            content_type="text/plain; charset=utf-8",
        )


healthz = login_not_required(HealthView.as_view())
