from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from satpas.models import Unit
from service_timing.defaults import install_unit_defaults


class Command(BaseCommand):
    help = "Give units the default routes, SOP standards and counters they lack (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", help="Unit code; all active units when omitted.")

    def handle(self, *args: Any, **options: Any) -> None:
        units = Unit.objects.filter(is_active=True)
        if options["unit"]:
            units = units.filter(code=options["unit"])
            if not units.exists():
                raise CommandError(f"No active unit with code {options['unit']!r}.")
        for unit in units:
            made = install_unit_defaults(unit)
            self.stdout.write(
                f"{unit.code}: {made['routes']} routes, {made['standards']} standards, "
                f"{made['counters']} counters added"
            )
