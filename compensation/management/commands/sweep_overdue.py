from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from compensation.services import sweep_overdue


class Command(BaseCommand):
    help = (
        "Open compensation cases for applicants stuck between stages past their standard. "
        "Idempotent; run it every minute from cron or a systemd timer."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        opened = sweep_overdue()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Compensation cases opened: {opened}")
