"""Columns shared by list pages and their Excel exports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property, partialmethod
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.choices import CallableChoiceIterator
from django.utils.text import capfirst


@dataclass(frozen=True)
class Column:
    """A column: the object's ``name`` (a field, ``a__b`` across relations, a
    ``get_<name>_display`` choice) or what ``accessor`` reads. Without a ``label`` the
    column is labelled as the model's field is (its verbose name): a list view fills it in
    from its model (``for_model``). A column of a value the database computes for each
    row (an aggregate, ``Count("sessions")``, or a subquery) gives it as ``computed``: the
    list annotates its rows with it under the column's ``name``. How the column shows on a
    page above a phone's width (``prose``, ``least_em``, ``numeric``, ``compact_day``,
    ``heading_wraps``: see the fields) is drawn by the classes ``cell_css`` and
    ``heading_css`` (mingzhu.css); a card at phone width shows the cells alike."""

    name: str
    label: Any = None
    accessor: Callable[[models.Model], Any] | None = None
    link: bool = False
    computed: Any = None
    # A column of prose (a task's title, a list's name): on a page its cells wrap wherever
    # Chinese text may (``.cell-prose`` in mingzhu.css), not only at punctuation as names
    # do, so a long title without a comma keeps the table inside an office screen.
    prose: bool = False
    # The column's least width on a page, in characters (em, padding included): a prose
    # column's where it is not the dozen mingzhu.css gives (a project's name at 13, its
    # investor at 8, its town at 8: 所在镇 over （街道、园区）, not in three lines, and a
    # zone's long name over two).
    least_em: int | None = None
    # A column of amounts: right-aligned, figures of one width, on one line; its heading
    # may wrap before its bracketed unit (总投资 over （万元）).
    numeric: bool = False
    # A column of days shown in the table as 2026-05-26, on one line, instead of
    # 2026年5月26日 (a card keeps the long form).
    compact_day: bool = False
    # A heading that may wrap where its words break (before a bracket, after 、):
    # 所在镇 over （街道、园区）.
    heading_wraps: bool = False

    @cached_property
    def cell_css(self) -> str:
        """The classes of the column's cells (a row's first cell adds its own)."""
        return _classes(
            ("cell-prose", self.prose),
            ("cell-num", self.numeric),
            ("cell-day", self.compact_day),
        )

    @cached_property
    def heading_css(self) -> str:
        """The classes of the column's heading."""
        return _classes(
            ("cell-prose", self.prose),
            ("cell-num", self.numeric),
            ("heading-wraps", self.heading_wraps or self.numeric),
        )

    def for_model(self, model: type[models.Model]) -> Column:
        if self.label is not None:
            return self
        field = None
        for part in self.name.split("__"):
            field = model._meta.get_field(part)
            model = field.related_model
        return replace(self, label=capfirst(field.verbose_name))

    def joins(self, model: type[models.Model]) -> list[str]:
        """The ``select_related`` paths that show this column without a query per row:
        the links along the column's path and, when it shows a record, what that
        record's name reads (``core.models.name_joins``)."""
        from .models import name_joins

        if self.accessor is not None or self.computed is not None:
            return []
        joins, path = [], ""
        for part in self.name.split("__"):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                return joins
            if not (field.is_relation and (field.many_to_one or field.one_to_one)):
                return joins
            if field.one_to_one and not field.concrete:
                return joins  # a reverse one-to-one: read as its own query
            path = f"{path}{part}"
            joins.append(path)
            model, path = field.related_model, f"{path}__"
        return joins + name_joins(model, path)

    def value(self, obj: models.Model) -> Any:
        if self.accessor is not None:
            return self.accessor(obj)
        current: Any = obj
        parts = self.name.split("__")
        for i, part in enumerate(parts):
            if current is None:
                return None
            last = i == len(parts) - 1
            if last and (labels := choice_labels(type(current), part)) is not None:
                value = getattr(current, part)
                return labels.get(value, value) if _hashable(value) else display_of(current, part)
            display = getattr(current, f"get_{part}_display", None)
            current = display() if (last and display) else getattr(current, part)
        return current


def _classes(*named: tuple[str, bool]) -> str:
    return " ".join(name for name, on in named if on)


def _hashable(value) -> bool:
    return isinstance(value, str | int | None)


# (field, language) → {value: label}.
_LABELS: dict[tuple, dict] = {}


def _labels(field) -> dict:
    key = (field, translation.get_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {v: str(label) for v, label in field.flatchoices}
    return labels


def _plain_choices(field) -> bool:
    """A field whose choices are fixed and whose values are plain keys."""
    return (
        not field.is_relation
        and not isinstance(field.choices, CallableChoiceIterator)
        and all(_hashable(v) for v, _label in field.flatchoices)
    )


def _displayed_field(model: type[models.Model], name: str):
    """The field whose choice labels ``model.get_<name>_display`` shows, where that is
    Django's own method (or ``install_displays``'); None where the model defines it."""
    method = next(
        (
            k.__dict__[f"get_{name}_display"]
            for k in model.__mro__
            if f"get_{name}_display" in k.__dict__
        ),
        None,
    )
    if isinstance(method, partialmethod) and method.func is models.Model._get_FIELD_display:
        field = method.keywords["field"]
    else:
        field = getattr(method, "displayed_field", None)
    if field is None or field.attname != name or not _plain_choices(field):
        return None
    return field


def choice_labels(model: type[models.Model], name: str) -> dict | None:
    """{value: translated label} of a choice field, as Django's ``get_<name>_display``
    shows them (a value outside the choices shows as itself), worked out once per
    process and language instead of once per call (Django's builds its dictionary of
    every choice and translates each label on each call). None for a field without
    choices or whose display method the model defines itself."""
    key = (model, name)
    try:
        field = _DISPLAYED[key]
    except KeyError:
        field = _DISPLAYED[key] = _displayed_field(model, name)
    return None if field is None else _labels(field)


# (model, name) → ``_displayed_field``: the models' display methods are set once the apps
# are loaded (``install_displays``), and a list page asks for every row's every column.
_DISPLAYED: dict[tuple, Any] = {}


def _display(field):
    name = field.attname

    def display(self):
        value = getattr(self, name)
        if _hashable(value):
            return _labels(field).get(value, value)
        return self._get_FIELD_display(field=field)

    display.displayed_field = field
    display.__name__ = display.__qualname__ = f"get_{field.name}_display"
    return display


def install_displays() -> None:
    """Give every choice field of the platform's models whose ``get_<field>_display`` is
    Django's own a method that shows the same label from ``choice_labels``' map: pages
    call these methods for every row (statuses, kinds, levels), and Django's translates
    every label of the field on each call."""
    from django.apps import apps

    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("mingzhu."):
            continue
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if (
                isinstance(method, partialmethod)
                and method.func is models.Model._get_FIELD_display
                and method.keywords.get("field") is field
                and field.attname == field.name
                and _plain_choices(field)
            ):
                setattr(model, name, _display(field))


def display_of(obj: models.Model, name: str) -> Any:
    return getattr(obj, f"get_{name}_display")()


def fields(names: str) -> list[Column]:
    """Columns of the model's fields labelled as the fields are, named in one
    space-separated string: ``fields("start_date end_date issuer")``."""
    return [Column(name) for name in names.split()]


def attributes_for(model: type[models.Model], specs: Iterable) -> list[Column]:
    """Columns from short specs: a field path (headed by the field's verbose name), a
    tuple of ``Column``'s arguments (name, label, accessor), or a ``Column`` (without a
    label, headed as its field is)."""
    columns = []
    for spec in specs:
        if isinstance(spec, str):
            spec = Column(spec)
        elif isinstance(spec, tuple):
            spec = Column(*spec)
        columns.append(spec.for_model(model))
    return columns


def columns_for(model: type[models.Model], specs: Iterable) -> list[Column]:
    """A list page's columns from short specs (``attributes_for``). The first column links
    to the object."""
    columns = attributes_for(model, specs)
    if columns and not any(c.link for c in columns):
        columns[0] = replace(columns[0], link=True)
    return columns
