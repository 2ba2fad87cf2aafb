from __future__ import annotations

import random
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from demo import compensation, personnel, timing
from demo.held_sims import kiosk_example
from demo.office import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    demo_staff,
    history_dated_by_event,
    seed_office,
)
from satpas.models import Unit


class Command(BaseCommand):
    help = "Fill the database with a demo Satpas (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production database).",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Only the office and its logins, without 30 days of demo history.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo writes demo users with a published password; it runs only with "
                "DEBUG=true. Use --force if this really is a demo database."
            )
        unit, users = seed_office()
        self.stdout.write(self.style.SUCCESS(f"Demo unit ready: {unit.name} ({unit.code})"))
        if not options["no_history"]:
            today = timezone.localdate(timezone=ZoneInfo(unit.time_zone))
            rng = random.Random(2022_05_18)  # demo data, reproducible on purpose
            staff = demo_staff()
            # Each layer seeds its own history, bottom to top.
            with history_dated_by_event():
                for seed in self._history_seeders():
                    summary = seed(unit=unit, users=users, staff=staff, today=today, rng=rng)
                    if summary:
                        self.stdout.write(f"  {summary}")
        self._kiosk_example(unit)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for login in DEMO_LOGINS:
            self.stdout.write(
                f"  {login.role.value:<14} {login.username:<19} {login.rank} {login.full_name}"
            )

    def _kiosk_example(self, unit: Unit) -> None:
        """An applicant who can take a renewal ticket at the demo's renewal kiosk."""
        today = timezone.localdate(timezone=ZoneInfo(unit.time_zone))
        held = kiosk_example(unit, today)
        if held is None:
            return
        self.stdout.write("")
        self.stdout.write(
            f"Renewal kiosk /kios-perpanjangan/{unit.code}/ (a supervisor enrols the tablet at "
            f"/kios-perpanjangan/{unit.code}/daftarkan/; office hours only)"
        )
        self.stdout.write(
            f"  NIK {held.applicant.nik}  SIM number {held.number}  "
            f"(SIM {held.get_sim_class_display()} valid until {held.valid_until:%d-%m-%Y})"
        )

    def _history_seeders(self) -> list[Any]:
        return [timing.seed_history, compensation.seed_history, personnel.seed_history]
