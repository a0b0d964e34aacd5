"""Grid events (网格事件) reported by grid workers, the special campaigns (专项行动) they
belong to and the configurable categories that say who handles them and how fast.

An event's status is derived from its filing decision and its task.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.models import FileAttachment, TimeStampedModel
from mingzhu.core.uploads import PHOTO_KINDS
from mingzhu.org.choices import UnitKind
from mingzhu.tasks.backed import TaskBacked, TaskBackedQuerySet
from mingzhu.tasks.choices import DeadlineBasis

from . import services
from .choices import FROM_TASK, Decision, EventStatus


@audited()
class Campaign(TimeStampedModel):
    """A special campaign (专项行动), e.g. 背街小巷整治: city-wide, every user may read it."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    issuer = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    task_list = models.ForeignKey(
        "tasks.TaskList",
        verbose_name=_("task list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "campaign"},
        help_text=_("Tasks of filed events join this list."),
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def runs_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


@audited()
class EventCategory(TimeStampedModel):
    """A kind of event, its default responsible unit and its time limit (configurable)."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    responsible_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Proposed when an event is filed; the centre may choose another."),
    )
    time_limit = models.PositiveIntegerField(_("time limit"), validators=[MinValueValidator(1)])
    time_limit_basis = models.CharField(
        _("time limit basis"),
        max_length=20,
        choices=DeadlineBasis.choices,
        default=DeadlineBasis.WORKING_DAYS,
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class GridEventQuerySet(TaskBackedQuerySet):
    pass


@audited()
class GridEvent(TaskBacked, TimeStampedModel):
    """An event a grid worker reports in one of their grids."""

    scope_fields = ("grid", "task__lead_unit")
    scope_owner_fields = ("reported_by",)

    grid = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("grid"),
        on_delete=models.PROTECT,
        related_name="grid_events",
        limit_choices_to={"kind": UnitKind.GRID},
    )
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    description = models.TextField(_("description"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    decision = models.CharField(
        _("filing decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
        db_index=True,
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    task = models.OneToOneField(
        "tasks.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grid_event",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    objects = GridEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("grid event")
        verbose_name_plural = _("grid events")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["grid", "reported_at"], name="grid_event_grid_at")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.category}" if self.pk else str(self.category)

    status_choices = EventStatus
    status_from_task = FROM_TASK
    status_without_task = EventStatus.REPORTED

    def status_of(self, task_status: str | None) -> str:
        return services.status_of(self.decision, task_status)

    @classmethod
    def status_expression(cls):
        """The filing decision first: pending -> reported, rejected -> rejected."""
        return cls.task_status_expression(
            **{
                EventStatus.REJECTED: Q(decision=Decision.REJECTED),
                EventStatus.REPORTED: ~Q(decision=Decision.FILED),
            }
        )


@audited()
class EventRecheck(TimeStampedModel):
    """An on-site re-check (核查) by a grid worker after the unit reported the event handled."""

    scope_fields = ("event__grid", "event__task__lead_unit")
    scope_owner_fields = ("checked_by",)

    event = models.ForeignKey(
        GridEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="rechecks"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    passed = models.BooleanField(_("passed"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        ordering = ["checked_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.event_id} {self.checked_at:%Y-%m-%d %H:%M}"


@audited()
class EventPhoto(FileAttachment):
    """A photo taken when reporting or re-checking an event."""

    scope_fields = ("event__grid", "event__task__lead_unit")
    parent_field = "event"
    accepted_kinds = PHOTO_KINDS

    event = models.ForeignKey(
        GridEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="photos"
    )
    recheck = models.ForeignKey(
        EventRecheck,
        verbose_name=_("re-check"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
    )

    class Meta(FileAttachment.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
