from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from personnel.services import adjustments_propose
from satpas import periods
from satpas.models import Unit


class Command(BaseCommand):
    help = (
        "Turn a month's findings into proposed SMK adjustments for the Kasat Lantas "
        "(idempotent: run it as often as you like, e.g. nightly from cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="The month, as YYYY-MM.")
        parser.add_argument("--unit", help="Unit code (default: every active unit).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = periods.parse_month(options["period"])
        except ValueError as exc:
            raise CommandError("--period must be a month written YYYY-MM, e.g. 2026-05.") from exc
        units = Unit.objects.filter(is_active=True).order_by("code")
        if options["unit"]:
            units = units.filter(code=options["unit"])
            if not units.exists():
                raise CommandError(f"No active unit with code {options['unit']}.")
        now = timezone.now()
        for unit in units:
            summary = adjustments_propose(unit=unit, period=period, by=None, now=now)
            rewards = (
                "rewards evaluated"
                if summary.rewards_evaluated
                else "month not over: no rewards yet"
            )
            self.stdout.write(
                f"{unit.code} {period:%Y-%m}: {summary.findings} new findings, "
                f"{summary.proposed} proposed, {summary.referrals_open} open referrals ({rewards})"
            )
