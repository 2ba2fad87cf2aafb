"""A small per-process memo for reference data read on every counter request.

Calendars, the stage catalogue and the counters change a few times a year and are read on
every key press at a counter. Django's cache would pickle and unpickle them each time; this
keeps the objects themselves for a few minutes. Treat what it returns as read-only.

Several app servers (and each one's workers) each keep their own memo, so a change must reach
all of them: `forget` (called when the data is saved) gives the key a new *stamp* in Django's
cache, which every server shares (settings.CACHES: the database or Redis), once at once and
once more when the transaction commits (a server that reloaded between the two read the data
from before the commit). Each process compares its entry's stamp with the shared one at most
every SHARED_CHECK_SECONDS, so a change on one server is seen by every other within that
time, at the cost of one cache read per process in that time (all its keys at once), not
one per request.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
# How long a process trusts its own entries before asking the shared cache for their stamps.
SHARED_CHECK_SECONDS = 2.0
# Seconds that only go forward (a function of its own, so that tests can move it).
_clock = time.monotonic
# key: (expires at, value, the stamp it was loaded under)
_entries: dict[str, tuple[float, Any, str]] = {}
# key: (checked at, the shared stamp as read then)
_stamps: dict[str, tuple[float, str]] = {}


def _stamp_key(key: str) -> str:
    return f"satpas:memo:{key}"


def _shared_stamp(key: str, now: float) -> str:
    checked = _stamps.get(key)
    if checked is not None and now - checked[0] < SHARED_CHECK_SECONDS:
        return checked[1]
    # Every stamp due is read with this one: one cache read per process in that time.
    due = {key, *(k for k, (at, _stamp) in _stamps.items() if now - at >= SHARED_CHECK_SECONDS)}
    found = cache.get_many([_stamp_key(k) for k in due])
    for k in due:
        stamp = found.get(_stamp_key(k))
        if stamp is None:
            # Never stamped, or evicted from the cache: a new stamp, so that no entry loaded
            # before can be taken for current.
            fresh = secrets.token_hex(8)
            stamp = fresh if cache.add(_stamp_key(k), fresh, None) else cache.get(_stamp_key(k))
            stamp = stamp or fresh
        _stamps[k] = (now, stamp)
    return _stamps[key][1]


def remember(key: str, seconds: float, load: Callable[[], T]) -> T:
    now = _clock()
    stamp = _shared_stamp(key, now)
    entry = _entries.get(key)
    if entry is not None and entry[0] > now and entry[2] == stamp:
        return cast(T, entry[1])  # the key names what was loaded under it
    value = load()
    _entries[key] = (now + seconds, value, stamp)
    return value


def forget(key: str) -> None:
    """The data under `key` changed: every process loads it again (this one at once)."""
    _entries.pop(key, None)
    _restamp(key)
    transaction.on_commit(lambda: _restamp(key))


def _restamp(key: str) -> None:
    stamp = secrets.token_hex(8)
    cache.set(_stamp_key(key), stamp, None)
    _stamps[key] = (_clock(), stamp)


def discard(key: str) -> None:
    """Drop this process's entry only (the data did not change; it is reloaded here)."""
    _entries.pop(key, None)


def clear() -> None:
    """Drop this process's entries and stamps (tests)."""
    _entries.clear()
    _stamps.clear()
