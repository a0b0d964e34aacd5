"""Dictionaries (数据字典): lists of choices an office extends without a new release.

Each dictionary is declared here with the choices the code knows (its built-in entries,
a ``TextChoices`` class named by its dotted path); an administrator adds entries, renames
and disables the added ones on the dictionaries page. The model field of a dictionary
takes ``choices=dictionaries.field_choices("code")`` (a callable: every entry, disabled
ones included, so that old records keep their label and stay valid), its form field
``dictionaries.form_choices("code")`` (built-in and enabled entries only). Workflow
states and choices the code branches on are not dictionaries: an office cannot add a
state the engine does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import Any

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from .cache import TableCache


@dataclass(frozen=True)
class Dictionary:
    code: str
    label: Any
    builtin: str  # dotted path of the TextChoices class of the built-in entries

    def builtin_choices(self) -> list[tuple[str, Any]]:
        module, name = self.builtin.rsplit(".", 1)
        return list(getattr(import_module(module), name).choices)


REGISTRY: dict[str, Dictionary] = {
    d.code: d
    for d in (
        Dictionary(
            "enterprises.visit_kind",
            _("Enterprise visit kinds"),
            "mingzhu.enterprises.choices.VisitKind",
        ),
        Dictionary(
            "party.activity_kind",
            _("Party group activity kinds"),
            "mingzhu.party.choices.ActivityKind",
        ),
    )
}


def _load() -> dict[str, list[tuple[str, str, bool]]]:
    from .models import DictionaryEntry

    entries: dict[str, list[tuple[str, str, bool]]] = {}
    rows = DictionaryEntry.objects.order_by("dictionary", "order", "pk")
    try:
        rows = list(rows.values_list("dictionary", "code", "label", "is_active"))
    except DatabaseError:
        # No table yet: the start-up checks read the fields' choices before ``migrate``
        # made it. The built-in entries only, not kept.
        return None
    for dictionary, code, label, active in rows:
        entries.setdefault(dictionary, []).append((code, label, active))
    return entries


_cache = TableCache(_load)


def clear_cache() -> None:
    _cache.clear()


def added(code: str) -> list[tuple[str, str, bool]]:
    """The entries an office added to the dictionary: (code, label, enabled)."""
    return (_cache.get() or {}).get(code, [])


def _choices(code: str, *, enabled_only: bool) -> list[tuple[str, Any]]:
    choices = REGISTRY[code].builtin_choices()
    known = {value for value, _label in choices}
    for value, label, active in added(code):
        if value not in known and (active or not enabled_only):
            choices.append((value, label))
    return choices


def field_choices(code: str):
    """The model field's choices: a callable, read when used (no migration per entry)."""
    return partial(_choices, code, enabled_only=False)


def form_choices(code: str, keep: str | None = None) -> list[tuple[str, Any]]:
    """The choices a form offers: built-in and enabled entries (and ``keep``, the value
    of the record being edited, even when its entry has been disabled since)."""
    choices = _choices(code, enabled_only=True)
    if keep and keep not in {value for value, _label in choices}:
        choices += [c for c in _choices(code, enabled_only=False) if c[0] == keep]
    return choices


def offered(code: str):
    """``form_choices`` as a callable, read each time a form is made."""
    return partial(form_choices, code)
