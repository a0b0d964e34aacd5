"""The server process's heap, settled once the application is loaded.

A loaded Mingzhu is some 200,000 objects the cyclic garbage collector tracks (modules,
classes, models' and forms' metadata, URL patterns, compiled templates) that live as long
as the process. A list page of fifty rows makes a few thousand objects, so sets off a
young collection every few hundred, and every so often a full one that walks all of them:
on the task API's list that came to 2.8–3.4 ms of collection per request, a sixth of its
processor time, spent on objects that can never be garbage. :func:`settle` moves what is
loaded into the collector's permanent generation (``gc.freeze``), which no collection
walks, and lets a full collection (of what was made since) come ten times less often: the
collector's own rule for it, a quarter more survivors than the old generation holds,
counts from nothing once that generation is frozen. What requests make is collected as
before; cyclic garbage that outlives two young collections waits longer for a full one.
Called by ``mingzhu serve`` before the workers are forked (the frozen objects are then
also left unwritten by the collector, so the workers keep sharing their memory pages).
"""

from __future__ import annotations

import gc

# Young collections (of the second generation) between two full ones: Python's is 10.
FULL_EVERY = 100


def settle() -> int:
    """Load what every request needs (the URL patterns and the views they import),
    collect what loading left, and freeze the rest. Returns the objects frozen."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's views)
    gc.collect()
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
    return gc.get_freeze_count()
