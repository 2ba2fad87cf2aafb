from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.generate import generate


class Command(BaseCommand):
    help = (
        "Fill the database with years of realistic history for benchmarks (bulk COPY on "
        "PostgreSQL). Idempotent per unit and day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=1, help="How many units (GEN001, …)")
        parser.add_argument(
            "--years", type=float, default=1.0, help="How many years back from --end"
        )
        parser.add_argument(
            "--per-day", type=int, default=300, help="Applications per weekday and unit"
        )
        parser.add_argument("--end", help="Last day (YYYY-MM-DD), default yesterday")
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument("--codes", help="Comma-separated unit codes instead of GEN001, …")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "generate_history writes invented data; use --force on a benchmark database."
            )
        if options["units"] < 1 or options["years"] <= 0 or options["per_day"] < 1:
            raise CommandError("--units, --years and --per-day must be positive.")
        end = dt.date.fromisoformat(options["end"]) if options["end"] else None
        began = time.monotonic()
        counts = generate(
            units=options["units"],
            years=options["years"],
            per_day=options["per_day"],
            end=end,
            seed=options["seed"],
            unit_codes=options["codes"].split(",") if options["codes"] else None,
            progress=lambda message: self.stdout.write(f"  {message}"),
        )
        took = time.monotonic() - began
        for label, written in counts.items():
            self.stdout.write(f"{label:<36} {written:>10}")
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} rows in {took:.1f} s ({total / max(took, 0.001):,.0f} rows/s)"
            )
        )
