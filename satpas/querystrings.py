"""The query parameters of list and report pages: one name for each, across the product.

    periode   the period, in the one textual form of `satpas.periods` (2026-11, 2026-Q4,
              2026-S2, 2026, 2026-06-10..2026-06-20)
    halaman   the page of a paged list. Indonesian, as every other parameter (periode,
              status, jenis, petugas, tanggal, cari): the addresses people bookmark and
              share read in one language.
    tanggal   one office day;  jenis  a kind (e.g. the application type);  cari  free text

Filter forms still show a period as its parts (kind, year, month, quarter, dates), so the
page needs no script; a submitted form, and any address bookmarked before the parameters
had these names (`?periode=bulan&tahun=2026&bulan=6`, `?page=2`, `?day=…`), is redirected
to the same page with the parameters named as above. `period_form_data` turns the one
`periode` back into the parts a form binds to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase, HttpResponsePermanentRedirect
from django.utils import timezone

PAGE = "halaman"
PERIOD = "periode"
PER_PAGE = 50

# Parts of a period in a filter form (and in addresses made before `periode` held it all).
MONTH, QUARTER, SEMESTER, YEAR, RANGE = "bulan", "triwulan", "semester", "tahun", "rentang"
OLD_QUARTER = "kuartal"  # the compensation pages' word for a quarter
PARTS = ("tahun", "bulan", "triwulan", "semester", "dari", "sampai")
KIND_WORDS = (MONTH, QUARTER, OLD_QUARTER, SEMESTER, YEAR, RANGE)

# Parameter names used before one name was chosen for each, on every page.
RENAMED = {"page": PAGE, "day": "tanggal", "application_type": "jenis", "q": "cari"}

View = TypeVar("View", bound=Callable[..., HttpResponseBase])  # a page, a file or a stream


def office_today(request: HttpRequest) -> dt.date:
    """The office day of the active unit (the server's zone for a request without one)."""
    unit = getattr(request, "unit", None)
    if unit is None:
        return timezone.localdate()
    return timezone.localdate(timezone=ZoneInfo(unit.time_zone))


def paginate(request: HttpRequest, rows: Any, per_page: int = PER_PAGE) -> Page:
    """The page of `rows` asked for by `?halaman=` (the first, or the last, when it is wrong)."""
    return Paginator(rows, per_page).get_page(request.GET.get(PAGE))


def period_text(query: Mapping[str, str], today: dt.date) -> str:
    """The one textual form of a period given as parts (`periode=bulan&tahun=…&bulan=…`);
    parts that are missing are today's, as the forms read them. Not checked here: a
    wrong value stays wrong and the page's form explains it."""
    kind = query.get(PERIOD, "")
    year = query.get("tahun") or str(today.year)
    if kind == MONTH:
        month = query.get("bulan") or str(today.month)
        return f"{year}-{month.zfill(2)}"
    if kind in (QUARTER, OLD_QUARTER):
        return f"{year}-Q{query.get('triwulan') or (today.month - 1) // 3 + 1}"
    if kind == SEMESTER:
        return f"{year}-S{query.get('semester') or (1 if today.month <= 6 else 2)}"
    if kind == YEAR:
        return year
    if kind == RANGE:
        return f"{query.get('dari', '')}..{query.get('sampai', '')}"
    return ""


_SMK_SEMESTER = re.compile(r"^(\d{4})-([12])$")
NEEDED = {
    MONTH: ("tahun", "bulan"),
    QUARTER: ("tahun", "triwulan"),
    OLD_QUARTER: ("tahun", "triwulan"),
    SEMESTER: ("tahun", "semester"),
    YEAR: ("tahun",),
}
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMBERED = re.compile(r"^(\d{4})-([QS])(\d+)$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")


def period_parts(text: str) -> dict[str, str]:
    """The parts a filter form binds to, from the one textual form of a period (the form
    checks them). Text that is no period is passed on as it is: the form rejects it."""
    text = text.strip()
    if not text:
        return {}
    if ".." in text:
        start, _, end = text.partition("..")
        return {PERIOD: RANGE, "dari": start.strip(), "sampai": end.strip()}
    if match := _MONTH.match(text):
        return {PERIOD: MONTH, "tahun": match[1], "bulan": str(int(match[2]))}
    if match := _NUMBERED.match(text):
        if match[2].upper() == "Q":
            return {PERIOD: QUARTER, "tahun": match[1], "triwulan": match[3]}
        return {PERIOD: SEMESTER, "tahun": match[1], "semester": match[3]}
    if match := _YEAR.match(text):
        return {PERIOD: YEAR, "tahun": match[1]}
    return {PERIOD: text}


def period_form_data(query: QueryDict) -> QueryDict | None:
    """`query` with its `periode` split into the parts a filter form binds to; None when
    the page was asked for without parameters (the form then stands for the default)."""
    if not query:
        return None
    data = query.copy()
    for name in PARTS:
        data.pop(name, None)
    data.pop(PERIOD, None)
    data.update(period_parts(query.get(PERIOD, "")))
    return data


def renamed(query: QueryDict, today: dt.date | None) -> tuple[QueryDict, bool] | None:
    """`query` with today's parameter names, and whether that is for good (False when a
    missing part of a period was filled in with today's); None when nothing changes.
    `today` is None on pages without a period."""
    new = query.copy()
    changed, permanent = False, True
    smk = _SMK_SEMESTER.match(query.get("semester", ""))
    if smk:  # the SMK page's `?semester=2026-1`
        new.pop("semester")
        new[PERIOD] = f"{smk[1]}-S{smk[2]}"
        changed = True
    elif today is not None:
        kind = query.get(PERIOD, "")
        old_period = kind in KIND_WORDS or (PERIOD in query and not kind)
        if old_period or any(name in query for name in PARTS):
            text = period_text(query, today) if old_period else kind
            permanent = all(query.get(name) for name in NEEDED.get(kind, ()))
            for name in (*PARTS, PERIOD):
                new.pop(name, None)
            if text:
                new[PERIOD] = text
            changed = True
    for old, name in RENAMED.items():
        if old in new:
            values = new.pop(old)
            if name not in new:
                new.setlist(name, values)
            changed = True
    return (new, permanent) if changed else None


def canonical_query(
    *, periods: bool = True, today: Callable[[HttpRequest], dt.date] | None = None
) -> Callable[[View], View]:
    """Redirect a GET with parameters named the old way (or a period given as parts) to the
    same page with today's names: permanently (301: people bookmark reports), unless a
    missing part of a period had to be read as today's. `today` gives the office day of
    the request (for those missing parts); `periods=False` for pages without a period."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method in ("GET", "HEAD") and request.GET:
                day = (today or office_today)(request) if periods else None
                result = renamed(request.GET, day)
                if result is not None:
                    query, permanent = result
                    target = request.path + (f"?{query.urlencode()}" if query else "")
                    if permanent:
                        return HttpResponsePermanentRedirect(target)
                    return HttpResponseRedirect(target)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
