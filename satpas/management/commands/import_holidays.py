"""`manage.py import_holidays --year 2027`: national holidays and cuti bersama for every active
unit (or the units named with --unit), from the `holidays` package."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from satpas.holiday_import import import_holidays
from satpas.models import Unit


class Command(BaseCommand):
    help = (
        "Mengisi hari libur nasional dan cuti bersama Indonesia untuk satu tahun ke kalender "
        "layanan satuan. Hari yang sudah ada tidak ditimpa; hari yang permohonannya sudah "
        "dinilai dilewati."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="Tahun (bawaan: tahun ini).")
        parser.add_argument(
            "--unit",
            action="append",
            default=[],
            metavar="KODE",
            help="Kode satuan (boleh diulang).",
        )
        parser.add_argument(
            "--tanpa-cuti-bersama",
            action="store_true",
            dest="no_cuti_bersama",
            help="Hanya hari libur nasional, tanpa cuti bersama.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Tampilkan saja, jangan simpan.")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year
        if not 1950 <= year <= 2100:
            raise CommandError(f"Tahun {year} di luar jangkauan (1950–2100).")
        units = Unit.objects.filter(is_active=True).order_by("code")
        if options["unit"]:
            units = Unit.objects.filter(code__in=options["unit"]).order_by("code")
            unknown = sorted(set(options["unit"]) - {unit.code for unit in units})
            if unknown:
                raise CommandError(f"Satuan tidak dikenal: {', '.join(unknown)}.")
        if not units:
            raise CommandError("Tidak ada satuan aktif.")
        for unit in units:
            result = import_holidays(
                unit, year, cuti_bersama=not options["no_cuti_bersama"], dry_run=options["dry_run"]
            )
            verb = "akan ditambah" if options["dry_run"] else "ditambah"
            self.stdout.write(
                f"{unit.code} {year}: {len(result.added)} {verb}, {len(result.kept)} sudah ada, "
                f"{len(result.judged)} dilewati (permohonannya sudah dinilai)"
            )
            for day in result.judged:
                self.stdout.write(f"  dilewati {day:%d-%m-%Y}")
