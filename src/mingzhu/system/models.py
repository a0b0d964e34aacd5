"""System management records: stored parameter values, the notice board (通知公告), the
dictionaries of choices an office extends (数据字典) and API tokens with expiry and scope."""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import unit_fk, user_fk
from mingzhu.core.models import FieldErrors, RestrictedQuerySet, ScopedModel, TimeStampedModel


@audited()
class ParameterValue(TimeStampedModel):
    """The value an administrator gave one parameter of ``params.REGISTRY`` (a parameter
    without a row has its default)."""

    scope_global = True  # read by the code of every module, whoever acts

    name = models.CharField(_("name"), max_length=60, unique=True)
    value = models.CharField(_("parameter value"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("system parameter")
        verbose_name_plural = _("system parameters")
        ordering = ["name"]

    def __str__(self) -> str:
        from .params import REGISTRY

        parameter = REGISTRY.get(self.name)
        return str(parameter.label) if parameter else self.name

    def get_absolute_url(self) -> str:
        return reverse("system:parameters")


# Notice board -----------------------------------------------------------------------


class NoticeQuerySet(RestrictedQuerySet):
    def for_reader(self, user, at=None) -> NoticeQuerySet:
        """The notices ``user`` reads now (or at ``at``): published, not yet expired, for
        everybody or for a unit above or at the user's unit."""
        at = at or timezone.now()
        shown = self.filter(publish_from__lte=at).filter(
            Q(publish_until__isnull=True) | Q(publish_until__gt=at)
        )
        unit = getattr(user, "unit", None)
        ancestry = []
        if unit is not None and unit.path:
            parts = [p for p in unit.path.split("/") if p]
            ancestry = ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]
        return shown.filter(Q(for_all=True) | Q(units__path__in=ancestry)).distinct()


@audited(m2m_fields=("units",))
class Notice(TimeStampedModel):
    """A notice (通知公告) shown on the home page of the users of the units it targets."""

    scope_fields = ("unit",)
    scope_owner_fields = ("author",)

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    unit = unit_fk(_("publishing unit"), "+")
    author = user_fk(_("published by"), "+")
    publish_from = models.DateTimeField(_("published from"), default=timezone.now)
    publish_until = models.DateTimeField(_("published until"), null=True, blank=True)
    for_all = models.BooleanField(
        _("for every unit"), default=True, help_text=_("Else for the chosen units and below.")
    )
    units = models.ManyToManyField(
        "org.OrgUnit",
        verbose_name=_("target units"),
        blank=True,
        related_name="+",
        help_text=_("Each unit with every unit below it."),
    )
    pinned = models.BooleanField(_("pinned"), default=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-publish_from", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = FieldErrors()
        if self.publish_from and self.publish_until:
            errors.order(
                "publish_until",
                self.publish_from,
                self.publish_until,
                _("A notice must end after it is published."),
            )
        errors.raise_if_any()


class NoticeRead(ScopedModel):
    """That a user opened a notice (the board marks the others as new)."""

    scope_fields = ("user__unit",)
    scope_owner_fields = ("user",)
    # Not business data: the mark is written when the page is read.
    audit_exempt = True

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey("org.User", on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "user"], name="system_notice_read_once")
        ]


# Dictionaries ---------------------------------------------------------------------


@audited()
class DictionaryEntry(TimeStampedModel):
    """An entry an office added to a dictionary of ``dictionaries.REGISTRY``."""

    scope_global = True  # choices every user of the forms reads

    dictionary = models.CharField(_("dictionary"), max_length=60)
    code = models.SlugField(
        _("code"),
        max_length=20,
        help_text=_("Letters, digits, hyphens and underscores; never changed once saved."),
    )
    label = models.CharField(_("label"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(
        _("enabled"), default=True, help_text=_("A disabled entry is no longer offered.")
    )

    class Meta:
        verbose_name = _("dictionary entry")
        verbose_name_plural = _("dictionary entries")
        ordering = ["dictionary", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dictionary", "code"], name="system_dictionary_code_once"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("system:dictionary", args=[self.dictionary])


# API tokens -------------------------------------------------------------------------


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@audited(exclude_fields=("key_digest", "last_used_at"))
class ApiToken(TimeStampedModel):
    """An API token: only its SHA-256 digest is stored (the key is shown once); it expires,
    may be revoked, and may be limited to reading and to some modules."""

    scope_fields = ("user__unit",)
    scope_owner_fields = ("user",)

    user = user_fk(_("owner"), "api_tokens", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key begins"), max_length=12, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    read_only = models.BooleanField(_("read only"), default=True)
    # App labels the token may reach ("grid", "tasks" …); empty: every module.
    modules = models.JSONField(_("modules"), default=list, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def get_absolute_url(self) -> str:
        return reverse("system:token_list")

    def is_live(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and self.expires_at > at
