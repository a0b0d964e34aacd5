"""Hazards (隐患) found in the city's checks, each rectified as a task of the engine, and
(in ``debt/``) the debt instruments, cash and fiscal capacity behind the maturity wall.

A hazard's status is read from its rectification task, never copied.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import (
    foreign_key,
    illustrative,
    latitude_field,
    longitude_field,
    task_link,
    unit_fk,
    user_fk,
)
from mingzhu.core.models import FileAttachment, TimeStampedModel
from mingzhu.core.uploads import PHOTO_KINDS
from mingzhu.tasks.backed import TaskBacked, TaskBackedQuerySet

from .choices import FROM_TASK, OPEN_TASK_STATES, Domain, HazardStatus, Level
from .debt.models import (  # noqa: F401  (the debt models belong to this app)
    CashPosition,
    DebtEntity,
    DebtInstrument,
    FiscalYear,
    Instalment,
    PlanMove,
    RepaymentPlan,
)


class HazardQuerySet(TaskBackedQuerySet):
    def open(self) -> HazardQuerySet:
        return self.filter(task__status__in=OPEN_TASK_STATES)


@audited()
class Hazard(TaskBacked, TimeStampedModel):
    """A hazard found in a check (排查), placed at the unit responsible for it."""

    scope_fields = ("unit", "task__lead_unit")
    scope_owner_fields = ("registered_by",)

    title = models.CharField(_("title"), max_length=200)
    domain = models.CharField(_("domain"), max_length=30, choices=Domain.choices, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    unit = unit_fk(_("responsible unit"), "hazards")
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    found_on = models.DateField(_("found on"))
    found_by = models.CharField(_("found by"), max_length=100)
    description = models.TextField(_("description"))
    owner = models.CharField(_("owner (责任人)"), max_length=100, blank=True)
    measures = models.TextField(_("measures"), blank=True)
    registered_by = user_fk(_("registered by"))
    task = task_link("hazard", _("rectification task"))
    is_illustrative = illustrative()

    objects = HazardQuerySet.as_manager()

    class Meta:
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["domain", "level"], name="risks_hazard_domain_level")]

    def __str__(self) -> str:
        return self.title

    status_choices = HazardStatus
    status_from_task = FROM_TASK
    status_without_task = HazardStatus.OPEN

    @property
    def is_knowable(self) -> bool:
        return bool(self.owner.strip() and self.measures.strip() and self.deadline)


@audited()
class HazardPhoto(FileAttachment):
    scope_fields = ("hazard__unit", "hazard__task__lead_unit")
    parent_field = "hazard"
    accepted_kinds = PHOTO_KINDS

    hazard = foreign_key(Hazard, _("hazard"), "photos")

    class Meta(FileAttachment.Meta):
        verbose_name = _("hazard photo")
        verbose_name_plural = _("hazard photos")
