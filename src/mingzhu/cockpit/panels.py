"""The leaders' cockpit is made of panels; each module contributes its own.

A module registers one function per panel, ``func(user, as_of) -> Panel | None``: None when
the user may not see it; a Panel with ``empty`` set (and a message) when the module has no
data yet. The function reads through ``restrict`` like every page does, and takes ``as_of``
instead of reading the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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


PanelFunc = Callable[[Any, dt.date], "Panel | None"]

_registry: dict[str, tuple[int, PanelFunc]] = {}


def register(key: str, order: int) -> Callable[[PanelFunc], PanelFunc]:
    """Decorator: ``@register("tasks", 30)`` on a panel function (once per key)."""

    def add(func: PanelFunc) -> PanelFunc:
        _registry[key] = (order, func)
        return func

    return add


def panels_for(user, as_of: dt.date) -> list[Panel]:
    panels = []
    for _key, (_order, func) in sorted(_registry.items(), key=lambda item: item[1][0]):
        panel = func(user, as_of)
        if panel is not None:
            panels.append(panel)
    return panels
