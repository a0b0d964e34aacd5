"""Base classes every business model builds on."""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .scope import count_in_parts, restrict


class RestrictedQuerySet(models.QuerySet):
    # Set by restrict(): the scope filter, so that count() can count it in parts.
    _scope_count = None

    def restrict(self, user, action: str = "view") -> "RestrictedQuerySet":
        return restrict(self, user, action)

    def _clone(self):
        clone = super()._clone()
        clone._scope_count = self._scope_count
        return clone

    def count(self) -> int:
        if self._result_cache is None:
            counted = count_in_parts(self)
            if counted is not None:
                return counted
        return super().count()


class ScopedModel(models.Model):
    """A model placed in the org tree.

    Subclasses set ``scope_fields`` (lookups to an OrgUnit, ``""`` for the unit itself),
    optionally ``scope_owner_fields`` (lookups to a user, for the "own records" scope) and
    ``scope_public`` (a filter of rows every reader of the model sees), or
    ``scope_global = True`` for reference data that every signed-in user may read.
    """

    scope_fields: ClassVar[tuple[str, ...]] = ()
    scope_owner_fields: ClassVar[tuple[str, ...]] = ()
    scope_global: ClassVar[bool] = False
    # Rows of a scoped model that every holder of the view permission reads (e.g. the
    # figures of peer counties, which stand outside the city's tree).
    scope_public: ClassVar[Q | None] = None

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        """The object's page, ``<app>:<model>_detail``; "" for a model without one."""
        opts = self._meta
        try:
            return reverse(f"{opts.app_label}:{opts.model_name}_detail", args=[self.pk])
        except NoReverseMatch:
            return ""


class TimeStampedModel(ScopedModel):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
