"""Schemes kept as numbered versions: appraisal schemes, rural scoring sheets, the per-mu
evaluation schemes. A version that has been used is never changed; an edit saves the next
version, and a result keeps the version it was computed with.

``VersionedScheme`` is the abstract model (the version number, who saved it and when, the
newest version as the current one); ``save_version`` is the one way to add a version:
concurrent saves for the same scheme give exactly one new version and clear refusals
(``ActionConflict``: 409 in the API, a form error on a page), never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .actions import ActionConflict
from .models import TimeStampedModel

V = TypeVar("V", bound="VersionedScheme")


class VersionedScheme(TimeStampedModel):
    """One version of a named scheme.

    Subclasses set ``version_key`` to the field naming the scheme (its versions share the
    value; ``None``: the model holds the versions of a single scheme) and declare
    ``UniqueConstraint(fields=[version_key, "version"])`` (a start-up check insists).
    The newest version is the current one.
    """

    version_key: ClassVar[str | None] = None

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @classmethod
    def versions_of(cls, key: Any = None) -> models.QuerySet:
        """Every version of the scheme ``key``, newest first."""
        rows = cls._default_manager.all()
        if cls.version_key is not None:
            rows = rows.filter(**{cls.version_key: key})
        return rows.order_by("-version")

    @classmethod
    def latest_of(cls: type[V], key: Any = None) -> V | None:
        return cls.versions_of(key).first()

    @property
    def scheme_key(self) -> Any:
        return None if self.version_key is None else getattr(self, self.version_key)

    def versions(self) -> models.QuerySet:
        """Every version of this scheme, this one included, newest first."""
        return self.versions_of(self.scheme_key)

    @property
    def is_current(self) -> bool:
        return not self.versions().filter(version__gt=self.version).exists()


def _latest_version(rows: models.QuerySet) -> int:
    return rows.aggregate(latest=Max("version"))["latest"] or 0


def save_version(
    model: type[V],
    *,
    key: Any = None,
    based_on: int | None,
    create: Callable[[int], V],
) -> V:
    """Save the next version of the scheme ``key`` of ``model``.

    ``based_on`` is the version the editor changed (``None`` for a scheme started afresh);
    if a later version has been saved since, the change is refused with ``ActionConflict``
    instead of silently overwriting it. ``create(version)`` writes the new row (and its
    items) with the number it is given and returns it; it runs in the same transaction.

    Saves of the same scheme are serialised: the scheme's rows are locked (on SQLite the
    IMMEDIATE transaction mode already lets one writer in at a time), the latest number is
    read after the lock is held, and a clash on the unique version that still slips
    through (e.g. two first versions of a new scheme) is refused the same way.
    """
    latest = None
    try:
        with transaction.atomic():
            rows = model.versions_of(key)
            list(rows.select_for_update().order_by("pk").values_list("pk", flat=True))
            latest = _latest_version(rows)
            if based_on is not None and based_on != latest:
                raise ActionConflict(
                    _(
                        "Version %(latest)s of this scheme was saved after version %(base)s, "
                        "which your change started from. Open the newest version and make "
                        "your change there."
                    )
                    % {"latest": latest, "base": based_on}
                )
            return create(latest + 1)
    except IntegrityError:
        if latest is None or not model.versions_of(key).filter(version__gt=latest).exists():
            raise
        raise ActionConflict(
            _(
                "Someone else saved a new version of this scheme at the same moment. Open "
                "the newest version and make your change there."
            )
        ) from None


@register()
def check_version_constraints(app_configs=None, **kwargs):
    """Every versioned model keeps its version numbers unique per scheme in the database."""
    errors = []
    for model in apps.get_models():
        if not issubclass(model, VersionedScheme):
            continue
        wanted = {model.version_key, "version"} - {None}
        unique = [
            set(c.fields)
            for c in model._meta.constraints
            if isinstance(c, models.UniqueConstraint) and c.condition is None
        ]
        if wanted not in unique:
            errors.append(
                Error(
                    f"{model._meta.label} has no unique constraint on {sorted(wanted)}.",
                    hint="Declare UniqueConstraint(fields=[version_key, 'version']).",
                    obj=model,
                    id="mingzhu.E020",
                )
            )
    return errors
