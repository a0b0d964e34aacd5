"""The org tree (one tree for the city, its towns, villages, grids and departments),
users and roles with their data scope."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractUser, Permission
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key
from mingzhu.core.models import Named, RestrictedQuerySet, TimeStampedModel
from mingzhu.core.scope import DataScope

from .choices import RoleCode, UnitKind

PATH_STEP = 8  # digits per level of the stored path: "00000001/00000007/"


def _segment(pk: int) -> str:
    return f"{pk:0{PATH_STEP}d}/"


@audited(exclude_fields=("path", "depth"))
class OrgUnit(Named, TimeStampedModel):
    """A unit of the org tree. ``path`` holds the ids from the root down, so that
    "this unit and everything below" is one indexed prefix filter."""

    scope_fields = ("",)

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Letters, digits, - and _ only."))],
        help_text=_("Official 12-digit division code where one exists."),
    )
    parent = foreign_key("self", _("parent unit"), "children", optional=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made-up demo record (示例), not a real unit."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        indexes = [
            models.Index(
                fields=["path"], name="org_unit_path_like", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["kind", "path"], name="org_unit_kind_path"),
        ]

    def clean(self) -> None:
        super().clean()
        inside_itself = self.parent_id == self.pk or (
            self.parent is not None and self.path and self.parent.path.startswith(self.path)
        )
        if self.parent_id and self.pk and inside_itself:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        if self.kind == UnitKind.PEER and self.parent_id:
            raise ValidationError({"parent": _("Peer counties stand outside the city's tree.")})

    @transaction.atomic
    def save(self, *args, **kwargs) -> None:
        if self.pk is None:
            super().save(*args, **kwargs)
            self._place()
            OrgUnit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            return
        old_path = self.path
        self._place()
        if old_path and self.path.startswith(old_path) and self.path != old_path:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # The unit moved: carry its whole subtree along in one statement.
            OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(self.path), Substr(F("path"), len(old_path) + 1)),
                depth=F("depth") + (self.depth - (old_path.count("/") - 1)),
            )

    def _place(self) -> None:
        parent_path = self.parent.path if self.parent_id else ""
        self.path = parent_path + _segment(self.pk)
        self.depth = self.path.count("/") - 1

    def descendants(self, include_self: bool = True) -> models.QuerySet[OrgUnit]:
        qs = OrgUnit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestors(self) -> models.QuerySet[OrgUnit]:
        ids = [int(part) for part in self.path.split("/") if part][:-1]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")


@audited()
class Role(Named, TimeStampedModel):
    """A role (岗位角色) carries model permissions and a data scope."""

    scope_global = True

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=50)
    data_scope = models.CharField(
        _("data scope"), max_length=20, choices=DataScope.choices, default=DataScope.UNIT
    )
    description = models.TextField(_("description"), blank=True)
    permissions = models.ManyToManyField(
        Permission, verbose_name=_("permissions"), blank=True, related_name="mingzhu_roles"
    )
    # Default permissions already granted once; an administrator's removals are kept.
    defaults_applied = models.JSONField(
        _("default permissions granted"), default=list, editable=False
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["pk"]


class UserManager(DjangoUserManager.from_queryset(RestrictedQuerySet)):
    pass


# A reset is recorded by its action (org.actions.reset_password), not as this flag.
@audited(
    exclude_fields=("last_login", "must_change_password"), m2m_fields=("roles", "custom_units")
)
class User(AbstractUser):
    scope_fields = ("unit",)
    scope_owner_fields = ("pk",)
    scope_global = False

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    unit = foreign_key(OrgUnit, _("unit"), "users", optional=True)
    title = models.CharField(_("post"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="users")
    custom_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("units in custom scope"),
        blank=True,
        related_name="+",
        help_text=_("Used by roles whose data scope is 'chosen units and below'."),
    )
    is_demo = models.BooleanField(
        _("demo user"),
        default=False,
        help_text=_("Demo users can only sign in on a demo server."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_(
            "Set when an administrator resets the password: the next sign-in asks for a new one."
        ),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        permissions = [
            # An audit role: the whole change log, whatever the scope (core.audit).
            ("view_whole_trail", _("Can read the whole change log")),
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("org:user_detail", args=[self.pk])

    def has_role(self, code: RoleCode | str) -> bool:
        return self.roles.filter(code=code).exists()


class UserSession(models.Model):
    """A signed-in session as the administrator sees it (online users): who, from where,
    with which browser, last seen when. One row per session, written at sign-in and
    refreshed at most once a minute (``org.sessions``); the session itself stays Django's.
    Forced sign-out deletes both."""

    scope_fields = ("user__unit",)
    scope_owner_fields = ("user",)
    # Not business data: the sign-ins themselves are in the login log (django-axes) and a
    # forced sign-out writes its own entry on the user (org.actions).
    audit_exempt = True

    session_key = models.CharField(_("sign-in session"), max_length=40, unique=True)
    user = foreign_key(User, _("user"), "signed_in_sessions", on_delete=models.CASCADE)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    signed_in_at = models.DateTimeField(_("signed in at"))
    last_seen = models.DateTimeField(_("last activity"), db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("online user")
        verbose_name_plural = _("online users")
        ordering = ["-last_seen"]
        default_permissions = ("view", "delete")

    def __str__(self) -> str:
        return f"{self.user} · {self.ip_address or '—'}"


# Work is assigned only inside the city's tree. Peer counties (kind ``peer``) stand outside
# it, there only to be compared with: no task, volunteer or other work goes to them.


def city_units(queryset: models.QuerySet | None = None) -> models.QuerySet:
    """The units of ``queryset`` (all units by default) that lie inside the city's tree:
    the units every picker of a unit that work is assigned to offers."""
    queryset = OrgUnit.objects.all() if queryset is None else queryset
    return queryset.exclude(kind=UnitKind.PEER)


def unit_names(ids: Iterable[int]) -> dict[int, str]:
    """The names of the units ``ids`` (id -> name), in one query: what a table of figures
    by unit shows beside each unit's id."""
    return dict(OrgUnit.objects.filter(pk__in=set(ids)).values_list("pk", "name"))


def outside_city_message(unit) -> str:
    return _(
        "%(unit)s is a peer county outside the city's tree, there only to be compared "
        "with: no work can be assigned to it."
    ) % {"unit": unit}


def check_city_units(field: str, *units) -> None:
    """Raise a ValidationError on ``field`` naming every unit of ``units`` (org units or
    their ids; None is skipped) that lies outside the city's tree."""
    objects = [u for u in units if isinstance(u, OrgUnit)]
    ids = [u for u in units if u is not None and not isinstance(u, OrgUnit)]
    outside = [u for u in objects if u.kind == UnitKind.PEER]
    if ids:
        outside += list(OrgUnit.objects.filter(pk__in=ids, kind=UnitKind.PEER))
    if outside:
        raise ValidationError({field: [outside_city_message(u) for u in outside]})


def validate_city_unit(value) -> None:
    """A field validator (the value is an org unit or its id): the unit is inside the
    city's tree."""
    try:
        check_city_units("unit", value)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict["unit"], code="outside_city") from None


@audited()
class UnitAlias(TimeStampedModel):
    """Another name of a unit, as sheets and letters write it (e.g. 市府办 for 人民政府办公室),
    which ``matching.UnitMatcher`` does not find by itself. Entered by the administrator."""

    scope_global = True

    name = models.CharField(_("name as written"), max_length=100, unique=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta:
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")
        ordering = ["name"]

    str_related = ("unit",)

    def __str__(self) -> str:
        return f"{self.name} → {self.unit.name}"

    def get_absolute_url(self) -> str:
        return reverse("org:unitalias_detail", args=[self.pk])
