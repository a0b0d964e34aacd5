"""Field factories for the declarations the modules share: a link to an org unit, to a
user, to the task that carries a record, the "illustrative" mark of demo rows, map
coordinates. Each returns an ordinary Django field with the options written out here
once; keyword arguments pass through to the field (``help_text``, ``db_index`` …).

    grid = unit_fk(_("grid"), "grid_events", kind=UnitKind.GRID)
    reported_by = user_fk(_("reported by"))
    task = task_link("hazard", _("rectification task"))
    is_illustrative = illustrative()
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def foreign_key(
    to,
    verbose_name,
    related_name: str = "+",
    *,
    optional: bool = False,
    on_delete=models.PROTECT,
    one: bool = False,
    **options,
):
    """A foreign key (a one-to-one link with ``one=True``) that protects its target by
    default; ``optional=True`` makes it nullable and blank in forms."""
    if optional:
        options.update(null=True, blank=True)
    field = models.OneToOneField if one else models.ForeignKey
    return field(
        to, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name, **options
    )


def unit_fk(verbose_name, related_name: str = "+", *, kind=None, kinds=None, **options):
    """A foreign key to an org unit; ``kind`` (one unit kind) or ``kinds`` (several) limit
    the units offered."""
    if kind is not None:
        options["limit_choices_to"] = {"kind": kind}
    elif kinds is not None:
        options["limit_choices_to"] = {"kind__in": kinds}
    return foreign_key("org.OrgUnit", verbose_name, related_name, **options)


def user_fk(verbose_name, related_name: str = "+", **options):
    """A foreign key to a user (who recorded, raised or decided something)."""
    return foreign_key(settings.AUTH_USER_MODEL, verbose_name, related_name, **options)


def task_link(related_name: str, verbose_name=None, *, optional: bool = True, **options):
    """The task of the engine that carries a record (one task, one record), "task" unless
    named otherwise."""
    verbose_name = verbose_name or _("task")
    return foreign_key(
        "tasks.Task", verbose_name, related_name, optional=optional, one=True, **options
    )


def task_list_fk(verbose_name=None, related_name: str = "+", **options):
    """An optional foreign key to the task list a record's tasks join ("task list" unless
    named otherwise)."""
    verbose_name = verbose_name or _("task list")
    return foreign_key("tasks.TaskList", verbose_name, related_name, optional=True, **options)


def illustrative():
    """The mark of a made-up demo row (示例)."""
    return models.BooleanField(_("illustrative"), default=False)


def _coordinate(verbose_name, limit: int):
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )


def latitude_field():
    return _coordinate(_("latitude"), 90)


def longitude_field():
    return _coordinate(_("longitude"), 180)
