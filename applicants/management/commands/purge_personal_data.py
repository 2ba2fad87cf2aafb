from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from applicants.retention import applicants_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise applicants whose last application is older than the retention period "
        "(UU 27/2022). A dry run unless --apply is given; running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="Anonymise (without it: only count)."
        )
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="Retention in years (default: PERSONAL_DATA_RETENTION_YEARS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"]
        if years is None:
            years = settings.PERSONAL_DATA_RETENTION_YEARS
        if years < 1:
            raise CommandError("--years must be at least 1.")
        now = timezone.now()
        result = applicants_anonymise(
            today=timezone.localdate(now), years=years, now=now, apply=options["apply"]
        )
        cutoff = f"{result.cutoff:%d-%m-%Y}"
        if not options["apply"]:
            self.stdout.write(
                f"Dry run: {result.found} applicant(s) whose last application is before "
                f"{cutoff} would be anonymised. Run again with --apply to do it."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Anonymised {result.anonymised} applicant(s) whose last application is "
                f"before {cutoff}; their applications are still counted."
            )
        )
