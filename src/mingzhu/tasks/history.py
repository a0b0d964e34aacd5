"""A task as it stood at the end of a past day, read from its events (``TaskEvent``).

A task's row holds its state now; its events hold every transition with its time and the
status and progress it led to. At the end of ``as_of`` a task

- existed if it had an event by then (a task written without events, e.g. bulk-loaded,
  existed from its ``created_at``);
- had the status and progress of its last event by then;
- had the deadline in force then: its deadline now, unless an extension was approved
  after the day (then its first deadline, or the one granted by the last extension
  approved by the day, read from that request's event, which starts with the date);
- was closed on ``closed_on`` only if that day had come.

The expressions below say this in SQL (correlated subqueries on the (task, at) index),
so that a count as of a past day is still one query. For today or later the row itself is
the state: the expressions are the plain columns and the SQL is what it always was.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import timezone

from .choices import EventAction
from .models import TaskEvent

# The names of the annotations (``alias``) a queryset gets from ``alias_state``.
STATUS, DEADLINE, ORIGINAL_DEADLINE, PROGRESS, CLOSED_ON = (
    "status_then",
    "deadline_then",
    "original_deadline_then",
    "progress_then",
    "closed_on_then",
)


def day_ends(day: dt.date) -> dt.datetime:
    """Midnight after ``day``, local time (Asia/Shanghai): events before it happened by
    the end of the day."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def is_past(as_of: dt.date) -> bool:
    return as_of < timezone.localdate()


def state_expressions(as_of: dt.date, path: str = "") -> dict:
    """The expressions of a task's state at the end of ``as_of``, keyed by the names above.

    ``path`` leads from the queried model to the task: "" for Task itself, "task__" for a
    model with a ``task`` foreign key. The status is NULL where the task did not exist yet
    (and where a related row has no task)."""
    if not is_past(as_of):
        return {
            STATUS: F(f"{path}status"),
            DEADLINE: F(f"{path}deadline"),
            ORIGINAL_DEADLINE: F(f"{path}original_deadline"),
            PROGRESS: F(f"{path}progress"),
            CLOSED_ON: F(f"{path}closed_on"),
        }
    task = OuterRef(path.removesuffix("__") or "pk")
    until = day_ends(as_of)
    events = TaskEvent.objects.filter(task=task)
    before = events.filter(at__lt=until).order_by("-at", "-pk")
    approvals = events.filter(action=EventAction.APPROVE_EXTENSION)
    approved_later = Exists(approvals.filter(at__gte=until))
    approved_before = approvals.filter(at__lt=until)
    # Correlated with the request's own task (it runs inside the request's subquery).
    last_approval = (
        TaskEvent.objects.filter(
            task=OuterRef("task"), action=EventAction.APPROVE_EXTENSION, at__lt=until
        )
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    # The request granted by the last approval by then: the last request before it.
    granted = (
        events.filter(action=EventAction.REQUEST_EXTENSION, at__lte=Subquery(last_approval))
        .filter(comment__regex=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")
        .order_by("-at", "-pk")
        .annotate(day=Substr("comment", 1, 10))
        .values("day")[:1]
    )
    status = Coalesce(
        Subquery(before.exclude(to_status="").values("to_status")[:1]),
        Case(
            When(
                Q(~Exists(events)) & Q(**{f"{path}created_at__lt": until}),
                then=F(f"{path}status"),
            ),
            default=Value(None, output_field=CharField()),
        ),
    )
    deadline = Case(
        When(~approved_later, then=F(f"{path}deadline")),
        When(
            ~Exists(approved_before),
            then=Coalesce(F(f"{path}original_deadline"), F(f"{path}deadline")),
        ),
        default=Coalesce(
            Cast(Subquery(granted), DateField()),
            F(f"{path}original_deadline"),
            F(f"{path}deadline"),
        ),
        output_field=DateField(),
    )
    return {
        STATUS: status,
        DEADLINE: deadline,
        ORIGINAL_DEADLINE: Case(
            When(Exists(approved_before), then=F(f"{path}original_deadline")),
            default=Value(None, output_field=DateField()),
        ),
        PROGRESS: Coalesce(
            Subquery(before.exclude(progress=None).values("progress")[:1]),
            Case(When(~Exists(events), then=F(f"{path}progress")), default=Value(0)),
        ),
        CLOSED_ON: Case(
            When(Q(**{f"{path}closed_on__lte": as_of}), then=F(f"{path}closed_on")),
            default=Value(None, output_field=DateField()),
        ),
    }


def alias_state(queryset, as_of: dt.date, path: str = ""):
    """``queryset`` with the task's state at the end of ``as_of`` under the names above
    (not selected; filter, group and aggregate on them)."""
    return queryset.annotate(**state_expressions(as_of, path))


def tasks_on(queryset, as_of: dt.date):
    """The tasks of ``queryset`` that existed at the end of ``as_of``, with their state
    then under the names above."""
    tasks = alias_state(queryset, as_of)
    return tasks.filter(**{f"{STATUS}__isnull": False}) if is_past(as_of) else tasks


def existed(queryset, as_of: dt.date):
    """The tasks of ``queryset`` that existed at the end of ``as_of``, as ``tasks_on``
    finds them, without their state: whether any existed is asked without computing what
    each was (a task's first event, its creation, carries a status)."""
    if not is_past(as_of):
        return queryset
    until = day_ends(as_of)
    events = TaskEvent.objects.filter(task=OuterRef("pk"))
    by_then = events.filter(at__lt=until).exclude(to_status="")
    return queryset.filter(Q(Exists(by_then)) | (~Q(Exists(events)) & Q(created_at__lt=until)))
