"""The leaders' cockpit is made of panels; each module contributes its own.

A module registers one function per panel, ``func(user, as_of) -> Panel | None``: None when
the user may not see it; a Panel with ``empty`` set (and a message) when the module has no
data yet. The function reads through ``restrict`` like every page does, and takes ``as_of``
instead of reading the clock.

Panels are kept in the shared cache (core.cache) per scope (``scope_key``: the same
permissions, roles and units see the same figures), day and language, for at most
``COCKPIT_CACHE_SECONDS``. Each names the topics it reads (``topics``: app labels; the
org tree's and the system parameters' are always added); a write to any of them
invalidates it at once, on today's page and on every past day's alike (a record entered
today may describe a past day: a back-dated event, a late observation, a corrected
instalment). A visit
whose panels are all kept reads the cache twice: the org topic's token for the user's kept
access (core.scope.access), then every panel with its topics' tokens in one read.

Each process also keeps what it last read or computed for a scope, day and language, with
the panels' bodies drawn (``shown_panels``): while the tokens of every panel's topics are
the ones it was computed under (and the shared entry has not expired), a visit reads only
the tokens, neither unpickling the panels nor drawing their templates again. A body is
drawn from its panel's context and the day alone, never the user, so that users of one
scope share it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from mingzhu.core import cache as shared


@dataclass
class Panel:
    key: str
    title: str
    template: str  # renders the panel's body with ``panel.context``
    context: dict[str, Any] = field(default_factory=dict)
    empty: bool = False
    empty_message: str = ""
    link: str = ""  # the module's page for more
    width: int = 6  # Bootstrap columns on a wide screen (12 = full width)

    def settle(self) -> Panel:
        """The panel with every lazy translation in it made a plain string, as it is kept:
        it was computed in one language (the cache's key names it), and each lazy string
        unpickled from the cache builds a class of its own (about half a millisecond)."""
        self.title, self.empty_message = settled(self.title), settled(self.empty_message)
        self.context = settled(self.context)
        return self


def settled(value):
    """``value`` with the lazy strings in it (in dicts, lists and plain tuples) made str."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: settled(item) for key, item in value.items()}
    if isinstance(value, list):
        return [settled(item) for item in value]
    if type(value) is tuple:
        return tuple(settled(item) for item in value)
    return value


PanelFunc = Callable[[Any, dt.date], "Panel | None"]
# Unit names and the tree's shape appear in panels and decide scopes; the system
# parameters (lights' thresholds) and dictionaries feed the computations.
ALWAYS = ("org", "system")


class Entry(NamedTuple):
    order: int
    func: PanelFunc
    topics: tuple[str, ...] = ALWAYS


_registry: dict[str, Entry] = {}


def register(
    key: str, order: int, topics: tuple[str, ...] = ()
) -> Callable[[PanelFunc], PanelFunc]:
    """Decorator: ``@register("tasks", 30, topics=("tasks",))`` on a panel function (once
    per key). ``topics``: the apps whose writes change the panel (core.cache); the
    panel's own app is always one of them."""

    def add(func: PanelFunc) -> PanelFunc:
        own = func.__module__.split(".")[1]
        _registry[key] = Entry(order, func, tuple(sorted({own, *topics, *ALWAYS})))
        return func

    return add


def scope_key(user) -> str:
    """What decides a user's panels: their permissions, the data scope of each role with
    what it grants, their unit, their chosen units (custom scope) and themselves (own
    records). Two users alike in all of these see the same panels."""
    from mingzhu.core.scope import DataScope, _role_grants

    grants = sorted((scope, sorted(perms)) for scope, perms in _role_grants(user))
    scopes = {scope for scope, _perms in grants}
    return shared.digest(
        user.is_superuser,
        sorted(user.get_all_permissions()),
        grants,
        user.unit_id,
        sorted(user.custom_units.values_list("pk", flat=True))
        if DataScope.CUSTOM in scopes
        else (),
        user.pk if DataScope.SELF in scopes else None,
    )


def _ordered() -> list[tuple[str, Entry]]:
    return sorted(_registry.items(), key=lambda item: item[1].order)


def panels_for(user, as_of: dt.date) -> list[Panel]:
    """The user's panels on ``as_of``, from the cache where they are still current."""
    return [panel for panel, _body in shown_panels(user, as_of, bodies=False)]


# The cache's key → (the shared entry, each panel's drawn body, when it expires), as this
# process last read or computed it.
_KEPT: dict[str, tuple[dict, dict[str, str], float]] = {}
_KEPT_MAX = 1_000
# Marks in the shared entry when it was written (time.time()): the process keeps its copy
# no longer than the entry itself lives.
WRITTEN = "__written__"


def body(panel: Panel, as_of: dt.date) -> str:
    """A panel's body: its template with the panel's own context and the day (no context
    processors, no user: what the panel function computed)."""
    if panel.empty:
        return ""
    return render_to_string(panel.template, {**panel.context, "panel": panel, "as_of": as_of})


def shown_panels(user, as_of: dt.date, *, bodies: bool = True) -> list[tuple[Panel, str]]:
    """The user's panels on ``as_of`` with their bodies drawn (``""`` without ``bodies``),
    from the cache where they are still current.

    One cache entry per scope, day and language holds each panel with the tokens of the
    topics it was computed under: the panels whose topics moved are computed again, the
    others kept, and the entry is written back once (only when something changed). The
    process keeps its last copy of the entry, bodies drawn, and uses it while every
    panel's tokens are still current."""
    seconds = getattr(settings, "COCKPIT_CACHE_SECONDS", 0)
    entries = _ordered()
    if not seconds:
        panels = [p for _k, e in entries if (p := e.func(user, as_of)) is not None]
        return [(p, body(p, as_of) if bodies else "") for p in panels]
    key = f"mingzhu:cockpit:{scope_key(user)}:{as_of.isoformat()}:{translation.get_language()}"
    topics = {t for _k, e in entries for t in e.topics}
    now = time.time()
    kept = _KEPT.get(key)
    if kept is not None and kept[2] <= now:
        kept = None
    # With a copy at hand only the tokens are read; else the entry comes in the same read.
    tokens, found = shared.generations(topics, [] if kept is not None else [key])
    needs = {name: tuple(tokens[t] for t in entry.topics) for name, entry in entries}
    if kept is not None and all(
        (k := kept[0].get(name)) is not None and k[0] == needed for name, needed in needs.items()
    ):
        stored, drawn = kept[0], kept[1]
        shown = [(name, stored[name][1]) for name, _e in entries if stored[name][1] is not None]
        if not bodies or all(name in drawn for name, _p in shown):
            return [(panel, drawn.get(name, "")) for name, panel in shown]
    if kept is not None:  # some topic moved: another process may have computed it already
        found = {key: cache.get(key)}
    stored = found.get(key) or {}
    current, changed = {}, False
    for name, entry in entries:
        needed = needs[name]
        held = stored.get(name)
        if held is not None and held[0] == needed:
            panel = held[1]
        else:
            panel, changed = entry.func(user, as_of), True
            if panel is not None:
                panel.settle()
        current[name] = (needed, panel)
    written = now if changed else stored.get(WRITTEN, 0.0)
    current[WRITTEN] = written
    if changed:
        cache.set(key, current, timeout=seconds)
    drawn = {
        name: body(panel, as_of) if bodies else ""
        for name, _e in entries
        if (panel := current[name][1]) is not None
    }
    if not any(shared.pending(t) for t in topics):
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[key] = (current, drawn if bodies else {}, written + seconds)
    return [(current[name][1], text) for name, text in drawn.items()]
