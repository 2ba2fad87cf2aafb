from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evidence.pack import build_pack
from satpas.models import Unit
from satpas.selectors import unit_period


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from exc


class Command(BaseCommand):
    help = "Build the Zona Integritas evidence pack (ZIP) of a unit for a period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Unit code, e.g. TPI")
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="Where to write the ZIP")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"].upper()).first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("--to is before --from.")
        began = time.monotonic()

        def progress(percent: int, step: str) -> None:
            self.stdout.write(f"[{percent:3d}%] {step}")

        entries = build_pack(unit_period(unit, start, end), options["out"], progress)
        for entry in entries:
            self.stdout.write(f"  {entry.sha256}  {entry.path}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {options['out']} ({len(entries)} files) in {time.monotonic() - began:.1f} s"
            )
        )
