"""A register's slow queries, started early.

In a pack's worker process (evidence.pack) each runs in a thread on its own database
connection while the worker writes the sheets before the one that needs it: the database
works on the queue figures while this process formats the rows. Anywhere else (a report's
download, a test's transaction, the pack built in one process) the query runs when its
result is first asked for, in the caller's thread, as if called directly (the pack built in
one process takes its steps this way too).
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connection
from django.utils import translation

T = TypeVar("T")

# Set in a pack's worker process only: nothing there runs inside a transaction, so a
# thread's own connection reads the same rows.
_threads = False


def allow_threads() -> None:
    global _threads
    _threads = True


class Later(Generic[T]):
    """`Later(function, *args)()` is `function(*args)`, started early where threads are
    allowed (its error is raised to the caller, as the call's would be)."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self._call = lambda: function(*args)
        self._done = False
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if _threads:
            # The caller's language and database routing (context variables) go along.
            context = contextvars.copy_context()
            language = translation.get_language()
            self._thread = threading.Thread(
                target=context.run, args=(self._run, language), daemon=True
            )
            self._thread.start()

    def _run(self, language: str | None) -> None:
        try:
            with translation.override(language):
                self._value = self._call()
        except BaseException as exc:  # handed to the caller by __call__
            self._error = exc
        finally:
            connection.close()  # this thread's own
            self._done = True

    def __call__(self) -> T:
        if self._thread is not None:
            self._thread.join()
        elif not self._done:
            try:
                self._value = self._call()
            except BaseException as exc:
                self._error = exc
            self._done = True
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    result = __call__  # as a `concurrent.futures.Future` is read (evidence.pack)
