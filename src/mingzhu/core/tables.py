"""Columns shared by list pages and their Excel exports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.utils.text import capfirst


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


def field_label(model: type[models.Model], path: str) -> Any:
    """The verbose name of the field a path (``member__organisation``) ends at, as a
    column heads it."""
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return capfirst(field.verbose_name)


def columns_for(model: type[models.Model], specs: Iterable) -> list[Column]:
    """A list page's columns from short specs: a field path (headed by the field's
    verbose name), a tuple of ``Column``'s arguments (name, label, accessor), or a
    ``Column``. The first column links to the object."""
    columns = []
    for spec in specs:
        if isinstance(spec, str):
            spec = Column(spec, field_label(model, spec))
        elif isinstance(spec, tuple):
            spec = Column(*spec)
        columns.append(spec)
    if columns and not any(c.link for c in columns):
        columns[0] = replace(columns[0], link=True)
    return columns
