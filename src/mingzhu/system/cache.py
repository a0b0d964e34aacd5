"""A small table kept in the process: read with one query on first use and kept until
the system tables change. A copy read in a request is checked in the next ones against
the ``system`` topic's token (``core.cache``: a request reads every topic's token once,
and a saved parameter value or dictionary entry gives the topic a new one when it
commits), so a change made through any process is used by every other from its next
request on; a copy read outside a request (the worker's jobs, commands) is kept for
``PARAMETER_CACHE_SECONDS`` (``None``: until cleared). A save also clears the copy of
its own process at once (a signal). A loader answers ``None`` when it cannot read its
table yet. The system parameters and the dictionaries are read through one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

CACHES: list[TableCache] = []
TOPIC = "system"


def _token() -> str | None:
    """Inside a request, the ``system`` topic's current token as the request read it (or
    reads now, with the other topics'); None outside one."""
    from mingzhu.core import cache as shared

    return shared.generations([TOPIC])[0][TOPIC] if shared.in_request() else None


class TableCache:
    def __init__(self, load: Callable[[], Any]):
        self.load = load
        self.value: Any = None
        self.loaded_at = 0.0
        self.token: str | None = None
        self.lock = threading.Lock()
        CACHES.append(self)

    def fresh(self) -> bool:
        if self.value is None:
            return False
        token = _token()
        if token is not None and self.token is not None:
            return token == self.token
        ttl = getattr(settings, "PARAMETER_CACHE_SECONDS", 60)
        return ttl is None or time.monotonic() - self.loaded_at < ttl

    def get(self) -> Any:
        if not self.fresh():
            # The token before the read: a change committed meanwhile is read again later.
            token = _token()
            value = self.load()
            if value is None:  # could not be read: not kept
                return None
            with self.lock:
                self.value, self.loaded_at, self.token = value, time.monotonic(), token
        return self.value

    def clear(self) -> None:
        with self.lock:
            self.value = None


def warm() -> None:
    """Read every table now (a test session does, so that no test counts these reads)."""
    for cache in CACHES:
        cache.get()
