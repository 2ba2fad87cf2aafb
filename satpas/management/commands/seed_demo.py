from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from satpas.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_office


class Command(BaseCommand):
    help = "Fill the database with a demo Satpas (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production database).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo writes demo users with a published password; it runs only with "
                "DEBUG=true. Use --force if this really is a demo database."
            )
        unit, _users = seed_office()
        self.stdout.write(self.style.SUCCESS(f"Demo unit ready: {unit.name} ({unit.code})"))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for login in DEMO_LOGINS:
            self.stdout.write(
                f"  {login.role.value:<14} {login.username:<19} {login.rank} {login.full_name}"
            )
