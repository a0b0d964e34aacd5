"""A small table kept in the process: read with one query on first use, kept for
``PARAMETER_CACHE_SECONDS`` (``None``: until cleared), cleared by the saves of the
process (a signal). A loader answers ``None`` when it cannot read its table yet. The
system parameters and the dictionaries are read through one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

CACHES: list[TableCache] = []


class TableCache:
    def __init__(self, load: Callable[[], Any]):
        self.load = load
        self.value: Any = None
        self.loaded_at = 0.0
        self.lock = threading.Lock()
        CACHES.append(self)

    def fresh(self) -> bool:
        ttl = getattr(settings, "PARAMETER_CACHE_SECONDS", 60)
        return self.value is not None and (ttl is None or time.monotonic() - self.loaded_at < ttl)

    def get(self) -> Any:
        if not self.fresh():
            value = self.load()
            if value is None:  # could not be read: not kept
                return None
            with self.lock:
                self.value, self.loaded_at = value, time.monotonic()
        return self.value

    def clear(self) -> None:
        with self.lock:
            self.value = None


def warm() -> None:
    """Read every table now (a test session does, so that no test counts these reads)."""
    for cache in CACHES:
        cache.get()
