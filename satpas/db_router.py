"""Reads of the dashboard, reports, registers and evidence packs from a read replica.

Active only when `DATABASE_REPLICA_URL` is set (settings then add the `replica` alias and this
router). Everything else reads from the primary (`default`), and so does, always:
- every write, and every read of a model already written in the same request or task (so a
  page never shows less than what it has just saved);
- every read inside an atomic block (a read that a write will depend on);
- every read of a user who wrote something in the last `REPLICA_STICKY_SECONDS` (a cookie set
  by `PrimaryAfterWriteMiddleware` on each successful POST): the replica may not have that
  write yet, and the user would think it lost;
- sessions, task queue, lockouts and second-step devices: login state, never stale.

Code opts in with `@replica_reads()` on a view or `with replica_reads():` around a task's
reading work; outside of it nothing changes.
"""

from __future__ import annotations

import contextvars
import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
# Login state, the task queue and the shared database cache (permissions, rate limits) are
# read and written on nearly every request: always fresh.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "django_tasks_db", "axes", "otp_totp", "otp_static", "django_cache"}
)
# Set on a successful write (POST and the like), holding its POSIX time.
STICKY_COOKIE = "satpas_wrote"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclasses.dataclass
class _Scope:
    replica: bool  # reads may go to the replica
    written: set[str]  # models written in this request or task (their reads go to the primary)


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar("db_scope", default=None)
_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("db_pinned", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside go to the replica (if there is one and the caller has not just written).
    Usable as a decorator: `@replica_reads()`."""
    parent = _scope.get()
    written = parent.written if parent is not None else set()
    token = _scope.set(_Scope(replica=not _pinned.get(), written=written))
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def primary_reads() -> Iterator[None]:
    """Every read inside goes to the primary, even inside `replica_reads()`."""
    parent = _scope.get()
    written = parent.written if parent is not None else set()
    pinned = _pinned.set(True)
    token = _scope.set(_Scope(replica=False, written=written))
    try:
        yield
    finally:
        _scope.reset(token)
        _pinned.reset(pinned)


def reading_from_replica() -> bool:
    """Whether reads here (of models not yet written) go to the replica."""
    scope = _scope.get()
    return (
        replica_configured()
        and scope is not None
        and scope.replica
        and not connections[DEFAULT_DB_ALIAS].in_atomic_block
    )


class ReplicaRouter:
    """Django database router (settings.DATABASE_ROUTERS) for the rules above."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        scope = _scope.get()
        if (
            scope is None
            or not scope.replica
            or not replica_configured()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or _name(model) in scope.written
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        # Explicitly the primary: left to Django, an object read from the replica would be
        # saved back to where it came from, a read-only standby.
        scope = _scope.get()
        if scope is not None:
            scope.written.add(_name(model))
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: an object from either may point at the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica follows the primary's schema through replication; it is never migrated.
        return False if db == REPLICA else None


def _name(model: type[Any]) -> str:
    # Not `label_lower`: the database cache's table has a bare Options with only these two.
    return f"{model._meta.app_label}.{model._meta.model_name}"


class PrimaryAfterWriteMiddleware:
    """After a user's successful write, their reads stay on the primary for a while."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.time()
        sticky = settings.REPLICA_STICKY_SECONDS
        wrote = _posix(request.COOKIES.get(STICKY_COOKIE))
        recent = wrote is not None and now - sticky <= wrote <= now + 1
        with primary_reads() if recent else _request_scope():
            response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            response.set_cookie(
                STICKY_COOKIE,
                str(int(now)),
                max_age=sticky,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


@contextmanager
def _request_scope() -> Iterator[None]:
    """The request's writes are remembered for every `replica_reads()` opened inside it."""
    token = _scope.set(_Scope(replica=False, written=set()))
    try:
        yield
    finally:
        _scope.reset(token)


def _posix(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# --- replication lag ----------------------------------------------------------------------

# How stale the replica is. When everything received has been replayed, the replica is
# current however long ago the last transaction was (an idle primary sends nothing, and
# `now() - pg_last_xact_replay_timestamp()` would grow all night).
_LAG_SQL = """
SELECT pg_is_in_recovery(),
       pg_last_wal_receive_lsn() IS NOT NULL
         AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(),
       EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()),
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
"""


@dataclasses.dataclass(frozen=True)
class ReplicaLag:
    seconds: float
    bytes_behind: int | None

    @property
    def exceeded(self) -> bool:
        return self.seconds > settings.REPLICA_LAG_WARNING_SECONDS


def measure_lag(alias: str = REPLICA) -> ReplicaLag:
    """The replica's lag now; zero for a database that is not a standby (SQLite, or a test
    mirror), which is always current."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return ReplicaLag(0.0, None)
    with connection.cursor() as cursor:
        cursor.execute(_LAG_SQL)
        in_recovery, caught_up, seconds, behind = cursor.fetchone()
    if not in_recovery or caught_up:
        return ReplicaLag(0.0, int(behind) if behind is not None else None)
    return ReplicaLag(max(float(seconds or 0.0), 0.0), int(behind) if behind is not None else None)


_lag_lock = threading.Lock()
_lag_memo: tuple[float, ReplicaLag | None] = (float("-inf"), None)


def replica_lag() -> ReplicaLag | None:
    """The lag, read at most once per REPLICA_LAG_CACHE_SECONDS per process; None without a
    replica or when it cannot be read (the page still renders)."""
    global _lag_memo
    if not replica_configured():
        return None
    with _lag_lock:
        read_at, lag = _lag_memo
        if time.monotonic() - read_at < settings.REPLICA_LAG_CACHE_SECONDS:
            return lag
        try:
            lag = measure_lag()
        except DatabaseError:
            logger.warning("The replica's lag cannot be read", exc_info=True)
            lag = None
        _lag_memo = (time.monotonic(), lag)
        return lag


def forget_lag() -> None:
    """Drop the remembered reading (tests, and after the replica is rebuilt)."""
    global _lag_memo
    with _lag_lock:
        _lag_memo = (float("-inf"), None)


def lag_warning() -> ReplicaLag | None:
    """The lag when this page reads from the replica and it is over the threshold."""
    if not reading_from_replica():
        return None
    lag = replica_lag()
    return lag if lag is not None and lag.exceeded else None
