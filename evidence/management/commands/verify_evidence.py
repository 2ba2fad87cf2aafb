from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evidence.manifest import verify


class Command(BaseCommand):
    help = (
        "Check an evidence pack: every file against the SHA-256 in its manifest, the manifest "
        "against the unit's Ed25519 signature, and the ZIP against the SHA-256 recorded when "
        "it was built. Names whatever differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pack", help="The evidence pack (ZIP)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify(options["pack"])
        for name in result.ok:
            self.stdout.write(f"OK       {name}")
        for note in result.notes:
            self.stdout.write(f"OK       {note}")
        for problem in result.problems:
            self.stdout.write(self.style.ERROR(f"CHANGED  {problem}"))
        if result.problems:
            raise CommandError(
                f"{len(result.problems)} problem(s): the pack is not as it was built."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"All {len(result.ok)} files match the manifest, and the manifest's signature "
                "is the unit's."
            )
        )
