"""The public page's parts, each rendered once and kept in the cache (`evidence.public.cache`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from evidence.public import cache as parts
from evidence.public import content
from satpas.models import Unit
from satpas.selectors import of_unit

# Unit codes as `Unit.code` allows them (lower case is taken as upper case): anything else
# is not a unit, and never becomes a cache key.
UNIT_CODE = re.compile(r"^[A-Za-z0-9-]{2,20}$")


@dataclass(frozen=True)
class Page:
    unit_code: str
    unit_name: str
    standards: SafeString
    results: SafeString
    live: SafeString


def unit_code_of(text: str) -> str | None:
    return text.upper() if UNIT_CODE.match(text) else None


def page(unit_code: str, *, now: dt.datetime) -> Page | None:
    """The page of an active unit in the active language; None for no such unit. Warm: one
    cache read for all three parts; cold: the unit and each stale part's queries."""
    language = translation.get_language() or "id"
    keys = {
        part: parts.key(unit_code, part, language)
        for part in (parts.STANDARDS, parts.RESULTS, parts.LIVE)
    }
    found = cache.get_many(list(keys.values()))
    head = found.get(keys[parts.STANDARDS])
    unit: Unit | None = None
    if head is not None:
        today = timezone.localdate(now, ZoneInfo(head["zone"]))
        if head["day"] != today:
            head = None
    if head is None:
        unit = Unit.objects.filter(code=unit_code, is_active=True).first()
        if unit is None:
            return None  # not cached: a scan of made-up codes must not fill the cache
        zone = ZoneInfo(unit.time_zone)
        today = timezone.localdate(now, zone)
        with timezone.override(zone):
            html = render_to_string(
                "evidence/public/_standards.html",
                {"unit": unit, "standards": content.standards(unit.pk, today), "today": today},
            )
        head = {
            "unit_id": unit.pk,
            "name": unit.name,
            "zone": unit.time_zone,
            "day": today,
            "html": html,
        }
        cache.set(keys[parts.STANDARDS], head, parts.STANDARDS_SECONDS)
    zone = ZoneInfo(head["zone"])
    today = timezone.localdate(now, zone)

    month = content.last_month(zone, today)
    results = found.get(keys[parts.RESULTS])
    if results is None or results["start"] != month.start:
        unit = unit or Unit.objects.get(pk=head["unit_id"])
        figures = content.results(of_unit(unit, month))
        with timezone.override(zone):
            html = render_to_string("evidence/public/_results.html", {"results": figures})
        results = {"start": month.start, "html": html}
        cache.set(keys[parts.RESULTS], results, parts.RESULTS_SECONDS)

    live = found.get(keys[parts.LIVE])
    if live is None or live["day"] != today:
        stages = content.live(head["unit_id"], day=today, now=now)
        with timezone.override(zone):
            html = render_to_string("evidence/public/_live.html", {"stages": stages, "now": now})
        live = {"day": today, "html": html}
        cache.set(keys[parts.LIVE], live, parts.LIVE_SECONDS)

    return Page(
        unit_code=unit_code,
        unit_name=head["name"],
        # Rendered by our own templates, which escaped every value in them.
        standards=mark_safe(head["html"]),  # noqa: S308
        results=mark_safe(results["html"]),  # noqa: S308
        live=mark_safe(live["html"]),  # noqa: S308
    )
