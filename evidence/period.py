"""A report period in office days, with its UTC bounds for queries on timestamps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from satpas.models import Unit


@dataclass(frozen=True)
class Period:
    unit: Unit
    start: dt.date
    end: dt.date  # inclusive

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.unit.time_zone)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), tzinfo=self.zone)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period (exclusive bound)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start:%d-%m-%Y} s.d. {self.end:%d-%m-%Y}"
