"""OpenAPI naming: one enum name per choice class of the project.

Many models have a ``status`` or a ``kind`` with their own choices; drf-spectacular names an
enum after the field, so those collide (``StatusD8aEnum``). ``ChoiceEnumNames`` is the
``ENUM_NAME_OVERRIDES`` setting, filled when the schema is first built (after the apps have
loaded): every ``models.Choices`` class defined in a ``mingzhu`` module, named
``<App><Class>Enum`` (``TasksStatusEnum``, ``ProjectsStageEnum``).
"""

from __future__ import annotations

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
