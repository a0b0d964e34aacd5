"""Grid events (网格事件) reported by grid workers, the special campaigns (专项行动) they
belong to and the configurable categories that say who handles them and how fast.

An event's status is derived from its filing decision and its task.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import (
    foreign_key,
    illustrative,
    latitude_field,
    longitude_field,
    task_link,
    task_list_fk,
    unit_fk,
    user_fk,
)
from mingzhu.core.models import FieldErrors, FileAttachment, Named, TimeStampedModel
from mingzhu.core.uploads import PHOTO_KINDS
from mingzhu.org.choices import UnitKind
from mingzhu.tasks.backed import TaskBacked, TaskBackedQuerySet, time_limit_basis_field

from . import services
from .choices import FROM_TASK, Decision, EventStatus


@audited()
class Campaign(Named, TimeStampedModel):
    """A special campaign (专项行动), e.g. 背街小巷整治: city-wide, every user may read it."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    issuer = unit_fk(_("issuing unit"))
    task_list = task_list_fk(
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": "campaign"},
        help_text=_("Tasks of filed events join this list."),
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["start_date", "name"]

    def clean(self) -> None:
        FieldErrors().order("end_date", self.start_date, self.end_date).raise_if_any()

    def runs_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


@audited()
class EventCategory(Named, TimeStampedModel):
    """A kind of event, its default responsible unit and its time limit (configurable)."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    responsible_unit = unit_fk(
        _("responsible unit"),
        optional=True,
        help_text=_("Proposed when an event is filed; the centre may choose another."),
    )
    time_limit = models.PositiveIntegerField(_("time limit"), validators=[MinValueValidator(1)])
    time_limit_basis = time_limit_basis_field()
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        ordering = ["sort_order", "name"]


class GridEventQuerySet(TaskBackedQuerySet):
    pass


@audited()
class GridEvent(TaskBacked, TimeStampedModel):
    """An event a grid worker reports in one of their grids."""

    scope_fields = ("grid", "task__lead_unit")
    scope_owner_fields = ("reported_by",)

    grid = unit_fk(_("grid"), "grid_events", kind=UnitKind.GRID)
    category = foreign_key(EventCategory, _("category"), "events")
    campaign = foreign_key(Campaign, _("campaign"), "events", optional=True)
    description = models.TextField(_("description"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    reported_by = user_fk(_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    decision = models.CharField(
        _("filing decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
        db_index=True,
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = user_fk(_("decided by"), optional=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    task = task_link("grid_event")
    client_uuid = models.UUIDField(
        _("report key"),
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Made by the phone for a report kept offline: a replay finds this event."),
    )
    is_illustrative = illustrative()

    objects = GridEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("grid event")
        verbose_name_plural = _("grid events")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["grid", "reported_at"], name="grid_event_grid_at")]

    str_related = ("category",)

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

    event = foreign_key(GridEvent, _("event"), "rechecks")
    checked_by = user_fk(_("checked by"))
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

    event = foreign_key(GridEvent, _("event"), "photos")
    recheck = foreign_key(EventRecheck, _("re-check"), "photos", optional=True)

    class Meta(FileAttachment.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
