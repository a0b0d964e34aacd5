"""Pure logic of grid events: the derived status. (Deadlines come from the task engine's
``services.due_for``.)

Nothing here reads the clock or the database.
"""

from __future__ import annotations

from .choices import FROM_TASK, Decision, EventStatus


def status_of(decision: str, task_status: str | None) -> str:
    """The event's status from its filing decision and its task's status."""
    if decision == Decision.REJECTED:
        return EventStatus.REJECTED
    if decision != Decision.FILED or task_status is None:
        return EventStatus.REPORTED
    return FROM_TASK[task_status]
