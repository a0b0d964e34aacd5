"""The task's columns in a domain object's list page and its Excel export: lead unit,
deadline, light, status, progress and code, read from the object's task."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.tables import Column

LABELS = {
    "lead_unit": _("Lead unit"),
    "deadline": _("Deadline"),
    "light": _("Light"),
    "status": _("Status"),
    "progress": _("Progress (%)"),
    "code": _("Task"),
}


def _value(task, name: str) -> Any:
    if name == "light":
        return _light_label(task.light_on(timezone.localdate()))
    if name == "status":
        return task.get_status_display()
    return getattr(task, name)


def _light_label(light: str | None) -> str | None:
    from .choices import Light

    return Light(light).label if light else None


def TaskColumn(  # noqa: N802
    name: str, label: Any = None, *, via: str = "task", key: str | None = None
) -> Column:
    """A column showing ``name`` of the object's task (``via``: the attribute holding the
    task); empty while the object has no task. ``label`` defaults to the task's own,
    ``key`` (the column's name in the page) to ``name``."""
    if name not in LABELS:
        raise ValueError(f"no task column {name!r}; one of {', '.join(LABELS)}")

    def accessor(obj) -> Any:
        task = getattr(obj, via, None)
        return None if task is None else _value(task, name)

    return Column(key or name, label if label is not None else LABELS[name], accessor=accessor)


# The status of a task-backed record as the record names it (``TaskBacked``'s
# ``get_status_display``: a demand is "answered" where its task awaits verification).
STATUS_COLUMN = Column("status", LABELS["status"], accessor=lambda obj: obj.get_status_display())


def task_columns(*names: str, via: str = "task") -> list[Column]:
    """Several task columns at once, with the task's own labels."""
    return [TaskColumn(name, via=via) for name in names]
