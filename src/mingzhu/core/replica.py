"""Heavy read pages from a streaming read replica (docs/scaling.md).

With MINGZHU_REPLICA_URL set, settings add the ``replica`` database. ``ReplicaRouter``
sends every write, and every read, to the primary (``default``), except the reads of a
view marked as a heavy read (``HeavyReadMixin``, ``read_heavy``: the cockpit, the summary
and metrics pages, the exports), which go to the replica when all of these hold:

- the user has not written in the last ``REPLICA_OWN_WRITES_SECONDS`` seconds: a non-safe
  request (POST, PUT, PATCH, DELETE) or any INSERT, UPDATE or DELETE made while serving
  the user sets a cookie with the time, and the user's reads stay on the primary until
  the window has passed (so a user sees their own writes however far the replica lags);
- who the user is and their session are read first, from the primary (a sign-out must
  not linger on a lagging replica; a role's permissions reach these pages within the
  replica's lag);
- the replica answers. When it does not (cannot connect, or fails during the page), the
  failure is logged, the page is served from the primary, and the replica is left alone
  for ``REPLICA_RETRY_SECONDS`` before it is tried again: never a 500 for it.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.utils.module_loading import import_string

REPLICA = "replica"
COOKIE = "mingzhu_wrote"
WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE", "COPY")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

logger = logging.getLogger("mingzhu.replica")
T = TypeVar("T")


@dataclass
class _Request:
    primary_only: bool = False  # the user wrote within the window, or in this request
    heavy: bool = False  # inside a heavy read view, replica reachable


_current: ContextVar[_Request | None] = ContextVar("mingzhu_replica_request", default=None)
# Per process: the replica failed, leave it alone until then (time.monotonic()).
_down_until = 0.0


def replica_configured() -> bool:
    return REPLICA in connections.settings


def _replica_down() -> bool:
    return time.monotonic() < _down_until


def _mark_down(error: Exception) -> None:
    global _down_until
    if not _replica_down():
        logger.warning(
            "The read replica failed (%s); heavy pages read from the primary for %s s.",
            error,
            settings.REPLICA_RETRY_SECONDS,
        )
    _down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    try:
        connections[REPLICA].close()
    except Exception:  # noqa: BLE001  (a dead connection may fail to close; it is dropped)
        connections[REPLICA].connection = None


class ReplicaRouter:
    """Reads of a heavy read view to the replica, everything else to the primary."""

    def db_for_read(self, model, **hints) -> str:
        state = _current.get()
        if state is not None and state.heavy and not state.primary_only:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the primary's rows: an object read from either may point to
        # an object read from the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints) -> bool | None:
        return False if db == REPLICA else None


@functools.cache
def _cache_tables() -> tuple[str, ...]:
    """The quoted names of the caches' database tables: what a request writes there (a
    topic's first token, a cockpit entry, a throttle count) is no write of the user's.
    Read from the settings once per process."""
    return tuple(
        f'"{c["LOCATION"]}"'
        for c in settings.CACHES.values()
        if issubclass(import_string(c.get("BACKEND", "")), BaseDatabaseCache)
    )


class _WriteWatch:
    """An execute wrapper on the primary: the first write of the user's data keeps this
    request's reads, and the user's next ones, on the primary. A write to a cache's table
    is none: the figures a heavy page caches are read from the replica all the same."""

    def __init__(self, state: _Request):
        self.state, self.wrote = state, False
        self.cache_tables = _cache_tables()

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote:
            head = sql.lstrip()
            if head[:6].upper().startswith(WRITES) and not any(
                t in head[:40] for t in self.cache_tables
            ):
                self.wrote = self.state.primary_only = True
        return execute(sql, params, many, context)


def _wrote_recently(request) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(COOKIE, ""))
    except ValueError:
        return False
    return 0 <= time.time() - wrote_at < settings.REPLICA_OWN_WRITES_SECONDS


class OwnWritesMiddleware:
    """Keeps a user who has just written on the primary (see the module's comment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        state = _Request(primary_only=_wrote_recently(request))
        watch = _WriteWatch(state)
        token = _current.set(state)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(watch):
                response = self.get_response(request)
        finally:
            _current.reset(token)
        if watch.wrote or request.method not in SAFE_METHODS:
            window = settings.REPLICA_OWN_WRITES_SECONDS
            # Not signed: a forged time only keeps its bearer on the primary.
            response.set_cookie(
                COOKIE,
                f"{time.time():.3f}",
                max_age=window,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _replica_reachable() -> bool:
    try:
        connections[REPLICA].ensure_connection()
    except (OperationalError, InterfaceError) as error:
        _mark_down(error)
        return False
    return True


def read_heavy(request, render: Callable[[], T]) -> T:
    """``render()``, its reads from the replica when the rules above allow it; served
    again from the primary if the replica fails meanwhile."""
    state = _current.get()
    if state is None or not replica_configured():
        return render()
    user = getattr(request, "user", None)
    if user is not None:
        user.is_authenticated  # noqa: B018  (loads the session and the user, from the primary)
    if state.primary_only or _replica_down() or not _replica_reachable():
        return render()
    replica = connections[REPLICA]
    replica.errors_occurred = False
    state.heavy = True
    try:
        return render()
    except (OperationalError, InterfaceError) as error:
        if not replica.errors_occurred:  # the primary failed: nothing to fall back to
            raise
        _mark_down(error)
        state.heavy = False
        return render()
    finally:
        state.heavy = False


class HeavyReadMixin:
    """A view whose reads may be served by the replica (see the module's comment)."""

    def dispatch(self, request, *args, **kwargs):
        return read_heavy(
            request, lambda: super(HeavyReadMixin, self).dispatch(request, *args, **kwargs)
        )
