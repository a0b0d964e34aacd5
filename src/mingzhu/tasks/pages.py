"""The task's part in a domain object's detail page: its timeline and the link to it."""

from __future__ import annotations

from typing import Any

from mingzhu.core.scope import can, restrict

from . import calendar
from .actions import available_actions


class TaskDetailMixin:
    """For the detail view of an object served by a task (``task_field``, may be empty):
    ``timeline``, the task's events oldest first (none without a task), ``task_link``,
    whether the user may open the task's own page, and ``get_task_context(obj, task)``.
    The timeline belongs to the object: whoever sees the object sees it."""

    task_field = "task"

    def get_task_context(self, obj, task) -> dict[str, Any]:
        """The page's own context that depends on the task (``task`` may be None)."""
        return {}

    def object_context(self, obj) -> dict[str, Any]:
        context = super().object_context(obj)
        task = getattr(obj, self.task_field)
        context["timeline"] = task.events.select_related("actor") if task else []
        context["task_link"] = task is not None and can(self.request.user, "view", task)
        calendar.warn_about_task(self.request, task)
        context.update(self.get_task_context(obj, task))
        return context


def task_allows(name: str):
    """An action page's ``object_test``: the object has a task and the user may take the
    task engine's action ``name`` on it now (``actions.available_actions``)."""

    def test(user, obj) -> bool:
        return obj.task is not None and name in available_actions(user, obj.task)

    return test


def visible_tasks(user, tasks) -> set[int]:
    """The ids of those of ``tasks`` (a task queryset) the user may open."""
    return set(restrict(tasks, user, "view").values_list("pk", flat=True))
