"""OpenAPI naming: ASCII names for generated clients (``ascii_names``), and one enum name
per choice class of the project. Imported by the settings, so nothing here imports DRF.

Many models have a ``status`` or a ``kind`` with their own choices; drf-spectacular names an
enum after the field, so those collide (``StatusD8aEnum``). ``ChoiceEnumNames`` is the
``ENUM_NAME_OVERRIDES`` setting, filled when the schema is first built (after the apps have
loaded): every ``models.Choices`` class defined in a ``mingzhu`` module, named
``<App><Class>Enum`` (``TasksStatusEnum``, ``ProjectsStageEnum``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping


class ChoiceEnumNames(Mapping):
    def __init__(self) -> None:
        self._names: dict[str, type] | None = None

    def _load(self) -> dict[str, type]:
        if self._names is None:
            import inspect

            from django.apps import apps
            from django.db import models

            names: dict[str, type] = {}
            seen: dict[tuple, str] = {}
            for app in apps.get_app_configs():
                if not app.name.startswith("mingzhu."):
                    continue
                prefix = "".join(part.capitalize() for part in app.label.split("_"))
                modules = [
                    module
                    for name, module in sorted(sys.modules.items())
                    if module is not None and (name == app.name or name.startswith(app.name + "."))
                ]
                for module in modules:
                    for obj in vars(module).values():
                        if not (
                            inspect.isclass(obj)
                            and issubclass(obj, models.Choices)
                            and obj.__module__ == module.__name__
                        ):
                            continue
                        # Two classes with the very same choices are one enum in the schema.
                        key = tuple(obj.values)
                        if key in seen:
                            continue
                        name = f"{prefix}{obj.__name__}Enum"
                        seen[key] = name
                        names[name] = obj
            self._names = names
        return self._names

    def __getitem__(self, key: str) -> type:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def _is_ascii(text: str) -> bool:
    return text.isascii()


def _drop_titles(node) -> None:
    """Schema titles are taken from the (Chinese) field labels; generated clients turn
    them into type names. The descriptions keep the labels."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str) and not _is_ascii(node["title"]):
            del node["title"]
        for value in node.values():
            _drop_titles(value)
    elif isinstance(node, list):
        for value in node:
            _drop_titles(value)


def ascii_names(result, generator, request, public):
    """Postprocessing hook: no non-ASCII component name, title or operationId."""
    _drop_titles(result)
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if isinstance(operation, dict) and "operationId" in operation:
                operation_id = operation["operationId"]
                if not _is_ascii(operation_id):
                    operation["operationId"] = re.sub(r"[^0-9A-Za-z_]+", "_", operation_id)
    names = [n for n in result.get("components", {}).get("schemas", {}) if not _is_ascii(n)]
    if names:
        raise ValueError(f"OpenAPI component names must be ASCII: {names}")
    return result
