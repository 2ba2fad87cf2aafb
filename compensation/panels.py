"""What compensation adds to the service-timing pages (see service_timing/extensions.py)."""

from __future__ import annotations

import datetime as dt

from compensation.selectors import low_stock_items
from satpas.models import Unit
from service_timing.extensions import Panel


def low_stock_panel(unit: Unit, now: dt.datetime) -> Panel | None:
    """A warning above the live board when a compensation item runs low (one query)."""
    items = low_stock_items(unit)
    if not items:
        return None
    return Panel("compensation/panels/low_stock.html", {"low_stock_items": items})
