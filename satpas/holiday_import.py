"""Indonesia's national holidays and cuti bersama from the `holidays` package, into a unit's
service calendar.

The package follows the government's SKB (joint decree) of the year; a unit edits the result
afterwards in the admin (a regional holiday added, a cuti bersama the Satpas works through
removed). An import never overwrites a day the unit already has, and never adds a holiday on a
day whose applications were already judged as an open day (see `Holiday.clean`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import transaction

from satpas.models import Holiday, Unit

# The package's categories for Indonesia: "public" are the national holidays (hari libur
# nasional), "government" the cuti bersama days.
NATIONAL, CUTI_BERSAMA = "public", "government"


def national_days(year: int, *, cuti_bersama: bool = True) -> dict[dt.date, str]:
    """The year's national holidays (and cuti bersama days), named in Indonesian."""
    import holidays

    categories = (NATIONAL, CUTI_BERSAMA) if cuti_bersama else (NATIONAL,)
    days = holidays.country_holidays("ID", years=year, categories=categories, language="id")
    return {day: name[:120] for day, name in sorted(days.items())}


@dataclasses.dataclass
class ImportResult:
    unit: Unit
    added: list[dt.date] = dataclasses.field(default_factory=list)
    kept: list[dt.date] = dataclasses.field(default_factory=list)  # the unit already has it
    judged: list[dt.date] = dataclasses.field(default_factory=list)  # applications judged open


@transaction.atomic
def import_holidays(
    unit: Unit, year: int, *, cuti_bersama: bool = True, dry_run: bool = False
) -> ImportResult:
    result = ImportResult(unit)
    days = national_days(year, cuti_bersama=cuti_bersama)
    existing = set(
        Holiday.objects.filter(unit=unit, date__in=list(days)).values_list("date", flat=True)
    )
    for day, name in days.items():
        if day in existing:
            result.kept.append(day)
        elif Holiday.is_judged(unit.pk, day):
            result.judged.append(day)
        else:
            result.added.append(day)
            if not dry_run:
                Holiday.objects.create(unit=unit, date=day, name=name)
    return result
