"""Columns shared by list pages and their Excel exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    accessor: Callable[[models.Model], Any] | None = None
    link: bool = False

    def value(self, obj: models.Model) -> Any:
        if self.accessor is not None:
            return self.accessor(obj)
        current: Any = obj
        parts = self.name.split("__")
        for i, part in enumerate(parts):
            if current is None:
                return None
            last = i == len(parts) - 1
            display = getattr(current, f"get_{part}_display", None)
            current = display() if (last and display) else getattr(current, part)
        return current
