from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from satpas.evidence.manifest import verify_pack


class Command(BaseCommand):
    help = "Check every file of an evidence pack against the SHA-256 in its manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pack", help="The evidence pack (ZIP)")

    def handle(self, *args: Any, **options: Any) -> None:
        ok, problems = verify_pack(options["pack"])
        for name in ok:
            self.stdout.write(f"OK       {name}")
        for problem in problems:
            self.stdout.write(self.style.ERROR(f"CHANGED  {problem}"))
        if problems:
            raise CommandError(f"{len(problems)} file(s) do not match the manifest.")
        self.stdout.write(self.style.SUCCESS(f"All {len(ok)} files match the manifest."))
