"""The public page's parts in Django's cache, per unit and language.

The page is read by anyone who scans the poster, so its parts are kept rendered (HTML
fragments) and a warm page costs one cache read, no database query:
- the standards part (pledge, stages, SOP minutes, requirements, fees) lives long and is
  dropped the moment one of them changes (`evidence.public.receivers`); it also carries the
  office day it was made for, so a standard version that comes into force tomorrow shows
  tomorrow without a signal;
- last month's results change slowly (late closures, complaints handled): a quarter of an
  hour, and never across a month's end;
- the live queue: a few seconds, as the waiting-room display.
Only the fragments are cached, not the whole response: the page around them carries the
visitor's own CSRF token and language.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PREFIX = "evidence:public"
STANDARDS, RESULTS, LIVE, POSTER = "standards", "results", "live", "poster"
STANDARDS_SECONDS = 6 * 3600
RESULTS_SECONDS = 15 * 60
LIVE_SECONDS = 15
POSTER_SECONDS = 24 * 3600


def key(unit_code: str, part: str, language: str) -> str:
    return f"{PREFIX}:{unit_code}:{part}:{language}"


def poster_key(unit_code: str) -> str:
    """The poster is an official notice, always in Indonesian: one per unit."""
    return f"{PREFIX}:{unit_code}:{POSTER}"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def forget(unit_codes: Iterable[str]) -> None:
    """Drop the standards part and the poster of these units, in every language: now, and
    again once the transaction commits (a page read between the two may have cached what
    the transaction had not yet committed)."""
    codes = list(unit_codes)
    keys = [
        *(key(code, STANDARDS, language) for code in codes for language in languages()),
        *(poster_key(code) for code in codes),
    ]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
