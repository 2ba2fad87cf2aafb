"""Places where layers above add to service-timing pages without service_timing importing them.

An app above registers a callable in its AppConfig.ready(); the page calls each one and renders
what it returns. Keep each callable to a fixed, small number of queries: the pages' query
budgets are pinned by tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from applicants.models import Application
from satpas.models import Unit


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


# (unit, now) -> Panel | None, shown above the live board (e.g. low compensation stock).
BOARD_PANELS: list[Callable[[Unit, dt.datetime], Panel | None]] = []


def board_panels(unit: Unit, now: dt.datetime) -> list[Panel]:
    return [panel for make in BOARD_PANELS if (panel := make(unit, now)) is not None]


# (application, now) -> Panel | None, shown on the applicant's public status page (e.g. what
# compensation they are owed and why, and the satisfaction survey).
STATUS_PANELS: list[Callable[[Application, dt.datetime], Panel | None]] = []


def status_panels(application: Application, now: dt.datetime) -> list[Panel]:
    return [panel for make in STATUS_PANELS if (panel := make(application, now)) is not None]
