from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from evidence.capacity.history import DEFAULT_WEEKS, MAX_WEEKS
from evidence.capacity.planner import DEFAULT_TARGET, parse_week, plan_week
from evidence.capacity.table import plan_table
from satpas.models import Unit


class Command(BaseCommand):
    help = (
        "Print a unit's capacity plan for an ISO week (next week by default): counters per "
        "stage and hour on the roster and recommended, predicted waits and on-time shares."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Unit code, e.g. TPI")
        parser.add_argument("--week", help="ISO week, YYYY-Www (default: next week)")
        parser.add_argument("--weeks", type=int, default=DEFAULT_WEEKS, help="Weeks of history")
        parser.add_argument("--target", type=float, default=DEFAULT_TARGET * 100, help="On-time %")
        parser.add_argument("--replications", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"].upper()).first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        today = timezone.localdate(timezone=ZoneInfo(unit.time_zone))
        if options["week"]:
            try:
                monday = parse_week(options["week"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        else:
            monday = today + dt.timedelta(days=7 - today.weekday())
        if not 1 <= options["weeks"] <= MAX_WEEKS:
            raise CommandError(f"--weeks must be 1..{MAX_WEEKS}.")
        if not 50 <= options["target"] < 100:
            raise CommandError("--target must be 50..99.9 (per cent).")
        extra = {"replications": options["replications"]} if options["replications"] else {}
        result = plan_week(
            unit,
            monday,
            weeks=options["weeks"],
            target=options["target"] / 100,
            today=today,
            progress=lambda percent, step: self.stderr.write(f"[{percent:3d}%] {step}"),
            **extra,
        )
        if not result["days"]:
            self.stdout.write("No open day with history to plan in that week.")
        self.stdout.write("\n".join(plan_table(result)))
