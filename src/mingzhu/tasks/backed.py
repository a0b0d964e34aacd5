"""The task-backed base: a domain object (a grid event, a hazard, a demand, a citizen
request, a facility fault …) that is served by a task of the engine.

The object holds the link to its task; its status is read from the task through a
mapping, never copied, and the same mapping is written once more as a SQL expression
(``with_status``) so that lists can filter and sort on the status the page shows.

A subclass sets:

- ``status_choices``: its own status choices (default: the task's);
- ``status_from_task``: task status -> its status (a status left out is shown as is);
- ``status_without_task``: its status while it has no task yet.

An object whose status also depends on its own facts (a grid event's filing decision, a
citizen request returned to the desk) overrides ``status_of`` and ``status_expression``
together; ``tests/tasks/test_backed.py`` checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _

from mingzhu.core.models import RestrictedQuerySet

from .choices import DeadlineBasis, Status

# The name of the annotation ``with_status`` adds: the object's shown status.
STATUS_ANNOTATION = "shown_status"
# The name of the annotation ``with_reopened`` adds, read by ``TaskBacked.reopened``.
REOPENED_ANNOTATION = "task_reopened"


def reopened_expression(task_field: str = "task") -> Exists:
    """SQL: the object's task was reopened after its requester's dissatisfied rating
    (``tasks.actions.was_reopened`` for a whole queryset)."""
    from .choices import EventAction
    from .models import TaskEvent

    return Exists(
        TaskEvent.objects.filter(
            task=OuterRef(task_field), action=EventAction.RATE, satisfied=False
        )
    )


class TaskBackedQuerySet(RestrictedQuerySet):
    def with_status(self, status: str | None = None) -> TaskBackedQuerySet:
        """Annotate each object's shown status (``shown_status``), computed in SQL from
        its task; with ``status``, only the objects showing that status."""
        queryset = self.annotate(**{STATUS_ANNOTATION: self.model.status_expression()})
        if status:
            queryset = queryset.filter(**{STATUS_ANNOTATION: status})
        return queryset

    def with_reopened(self) -> TaskBackedQuerySet:
        """Annotate whether each object's task was reopened, so that lists read it
        without a query per row."""
        return self.annotate(**{REOPENED_ANNOTATION: reopened_expression()})


class TaskBacked(models.Model):
    """Abstract base of every domain object that serves a task."""

    status_choices: ClassVar[type[models.TextChoices]] = Status
    status_from_task: ClassVar[Mapping[str, str]] = {}
    status_without_task: ClassVar[str] = ""

    # The link: a subclass redeclares it where its relation differs (a foreign key for
    # an object with several rounds, a named reverse relation, a required task).
    task = models.OneToOneField(
        "tasks.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = TaskBackedQuerySet.as_manager()

    class Meta:
        abstract = True

    # -- status --------------------------------------------------------------------

    def status_of(self, task_status: str | None) -> str:
        """The object's status given its task's status (None: no task yet)."""
        if task_status is None:
            return self.status_without_task
        return self.status_from_task.get(task_status, task_status)

    @classmethod
    def status_expression(cls) -> models.Expression:
        """``status_of`` as a SQL expression over the object's row and its task's."""
        return cls.task_status_expression()

    @classmethod
    def task_status_expression(cls, **extra: object) -> models.Expression:
        """The mapping of the task's status in SQL; ``extra`` (status -> Q) cases come
        first, for objects whose status also depends on their own facts."""
        whens = [When(condition, then=Value(status)) for status, condition in extra.items()]
        whens.append(When(task__isnull=True, then=Value(cls.status_without_task)))
        whens += [When(task__status=t, then=Value(s)) for t, s in cls.status_from_task.items()]
        return Case(*whens, default=F("task__status"), output_field=models.CharField())

    @property
    def task_status(self) -> str | None:
        return self.task.status if self.task_id else None

    @property
    def reopened(self) -> bool:
        """The requester was dissatisfied once and the task went back for rework: read
        from the task's rating events, never stored."""
        from .actions import was_reopened

        if REOPENED_ANNOTATION in self.__dict__:
            return bool(self.__dict__[REOPENED_ANNOTATION])
        return self.task_id is not None and was_reopened(self.task_id)

    @property
    def status(self) -> str:
        return self.status_of(self.task_status)

    def get_status_display(self) -> str:
        status = self.status
        labels = dict(self.status_choices.choices)
        return str(labels.get(status, status))

    # -- what is read from the task ----------------------------------------------------

    @property
    def deadline(self):
        """The task's deadline (after any approved extension); None without a task."""
        return self.task.deadline if self.task_id else None

    def light_on(self, as_of):
        return self.task.light_on(as_of) if self.task_id else None


def time_limit_basis_field():
    """How a kind of work's time limit is counted (working days unless chosen otherwise)."""
    return models.CharField(
        _("time limit basis"),
        max_length=20,
        choices=DeadlineBasis.choices,
        default=DeadlineBasis.WORKING_DAYS,
    )
