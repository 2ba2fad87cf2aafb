"""A small per-process memo for reference data read on every counter request.

Calendars, the stage catalogue and the counters change a few times a year and are read on
every key press at a counter. Django's cache would pickle and unpickle them each time; this
keeps the objects themselves for a few minutes. A save clears the entry in this process at once
(signals); other processes see the change when their entry expires. Treat what it returns as
read-only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")
_entries: dict[str, tuple[float, Any]] = {}


def remember(key: str, seconds: float, load: Callable[[], T]) -> T:
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[0] > now:
        return cast(T, entry[1])  # the key names what was loaded under it
    value = load()
    _entries[key] = (now + seconds, value)
    return value


def forget(key: str) -> None:
    _entries.pop(key, None)


def clear() -> None:
    _entries.clear()
