"""Base classes every business model builds on."""

import datetime as dt
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import user_fk
from .scope import count_in_parts, restrict


class ImmutableError(RuntimeError):
    """A record kept as written was asked to change or to go."""


class WrittenOnce:
    """A model mixin for records written once (events, access records): saving one again
    or deleting it raises ImmutableError."""

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ImmutableError(f"A {self._meta.verbose_name} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(f"A {self._meta.verbose_name} cannot be deleted.")


class Named:
    """A model mixin: the record reads as its name."""

    def __str__(self) -> str:
        return self.name


def future_date_problem(day, *, today=None, message=None) -> str | None:
    """Why ``day`` cannot be a date of something that happened (it is after ``today``, the
    city's date unless given), or None. The message may name ``%(day)s`` and
    ``%(today)s``."""
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        day = timezone.localdate(day)
    today = today or timezone.localdate()
    if day <= today:
        return None
    text = message or _("%(day)s is in the future (today is %(today)s).")
    return str(text) % {"day": day.isoformat(), "today": today.isoformat()}


def validate_not_future(day) -> None:
    """A field validator for dates that record what happened: not after today."""
    problem = future_date_problem(day)
    if problem:
        raise ValidationError(problem, code="future")


class FieldErrors(dict):
    """The errors of a model's ``clean()``, by field, gathered by the common checks and
    raised together::

        FieldErrors().order("end_date", self.start_date, self.end_date).raise_if_any()
    """

    def add(self, field: str, message) -> "FieldErrors":
        self.setdefault(field, message)
        return self

    def order(self, field: str, start, end, message=None) -> "FieldErrors":
        """``end`` (the value of ``field``) must not come before ``start``."""
        if start and end and end < start:
            self.add(field, message or _("The end date is before the start date."))
        return self

    def unit_kind(self, instance, field: str, kinds, message) -> "FieldErrors":
        """The org unit in ``field`` of ``instance`` (when set) must be of one of ``kinds``."""
        if getattr(instance, f"{field}_id") and getattr(instance, field).kind not in kinds:
            self.add(field, message)
        return self

    def belongs(self, instance, field: str, owner: str, message) -> "FieldErrors":
        """The object in ``field`` (when set) must belong to the same ``owner`` as
        ``instance``: e.g. a member's group to the member's organisation."""
        owner_id = getattr(instance, f"{owner}_id")
        if not (getattr(instance, f"{field}_id") and owner_id):
            return self
        if getattr(getattr(instance, field), f"{owner}_id") != owner_id:
            self.add(field, message)
        return self

    def not_future(self, field: str, day, message=None, *, today=None) -> "FieldErrors":
        """``day`` (the value of ``field``, when set) records what happened, so it may not
        lie after ``today`` (the city's date unless given)."""
        problem = future_date_problem(day, today=today, message=message)
        if problem:
            self.add(field, problem)
        return self

    def at_most(self, field: str, value, limit, message) -> "FieldErrors":
        """``value`` must not exceed ``limit`` (when both are known); the message may name
        the limit as ``%(<field>)s``."""
        if value is not None and limit is not None and value > limit:
            self.add(field, message % {field: limit})
        return self

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


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
    # The relations the record's name (``__str__``) reads, e.g. ``("organisation",)``:
    # choice lists and list pages join them (see ``name_joins``), one query for all rows.
    str_related: ClassVar[tuple[str, ...]] = ()

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

    def related_in_hand(self, exclude=()) -> list:
        """The foreign keys of the record whose related object is in hand: set as an
        object read from the database (or saved) in this process, its key the field's
        value, and no ``limit_choices_to`` to check."""
        found = []
        for field in self._meta.concrete_fields:
            if not field.many_to_one or field.name in exclude or field.remote_field.parent_link:
                continue
            if not field.is_cached(self) or field.get_limit_choices_to():
                continue
            related = field.get_cached_value(self)
            if related is None or related._state.adding:
                continue
            value = getattr(self, field.attname)
            if value is not None and value == getattr(related, field.target_field.attname):
                found.append(field)
        return found

    def clean_fields(self, exclude=None) -> None:
        """Django's checks of each field, except the look-up of a foreign key's row when
        the related object is in hand (``related_in_hand``): Django checks that it exists
        with a query per key, where the object was just read (or locked) in the same
        transaction; the database's foreign key constraint still guards the row. The other
        checks of such a field (required, choices, validators) are made as before, and the
        errors come in the fields' order, as Django gives them."""
        exclude = set(exclude or ())
        in_hand = self.related_in_hand(exclude)
        if not in_hand:
            super().clean_fields(exclude=exclude)
            return
        errors = {}
        try:
            super().clean_fields(exclude=exclude | {f.name for f in in_hand})
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in in_hand:
            value = getattr(self, field.attname)
            try:
                # ForeignKey.clean without ForeignKey.validate's query: the field's own
                # checks (Field.validate) and its validators.
                value = field.to_python(value)
                models.Field.validate(field, value, self)
                field.run_validators(value)
                setattr(self, field.attname, value)
            except ValidationError as exc:
                errors[field.name] = exc.error_list
        if errors:
            order = {f.name: i for i, f in enumerate(self._meta.fields)}
            raise ValidationError(
                dict(sorted(errors.items(), key=lambda item: order.get(item[0], -1)))
            )


class TimeStampedModel(ScopedModel):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def name_joins(model, prefix: str = "", seen: frozenset = frozenset()) -> list[str]:
    """The ``select_related`` paths that let a record of ``model`` (reached by ``prefix``,
    e.g. ``"group__"``) be named without a query: its ``str_related``, and theirs in turn
    (a model met again on the way is not followed: its name reads no further)."""
    joins, seen = [], seen | {model}
    for path in getattr(model, "str_related", ()):
        joins.append(f"{prefix}{path}")
        related = model
        for part in path.split("__"):
            related = related._meta.get_field(part).related_model
        if related not in seen:
            joins.extend(name_joins(related, f"{prefix}{path}__", seen))
    return joins


def with_names(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` with what its records' names read joined in (see ``name_joins``)."""
    joins = name_joins(queryset.model)
    return queryset.select_related(*joins) if joins else queryset


def upload_path(instance, filename: str) -> str:
    """Stored files go under their app and month, e.g. ``grid/2025/03/现场.jpg``."""
    return f"{instance._meta.app_label}/{timezone.localdate():%Y/%m}/{filename}"


class FileAttachment(Named, TimeStampedModel):
    """An uploaded file (a photo, a piece of evidence) belonging to a parent record.

    Subclasses add the foreign key to their parent, set ``parent_field`` (the lookup from a
    file to the parent whose scope it follows, e.g. ``"event__task"``), declare their
    ``scope_fields`` as the parent's, and ``accepted_kinds`` (``PHOTO_KINDS`` or
    ``EVIDENCE_KINDS`` of ``mingzhu.core.uploads``). Files are checked by content before
    they are stored: ``check_uploads(files)`` then ``store(checked, uploaded_by=..., parent=...)``.
    """

    parent_field: ClassVar[str] = ""
    accepted_kinds: ClassVar[tuple[str, ...]] = ("image", "pdf", "office", "text")

    file = models.FileField(_("file"), upload_to=upload_path, max_length=255)
    name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = user_fk(_("uploaded by"), optional=True)

    class Meta:
        abstract = True
        ordering = ["pk"]

    @property
    def uploaded_at(self):
        return self.created_at

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @classmethod
    def check_uploads(cls, files) -> list:
        """Check uploads for this use: (file, content type) pairs, or a ValidationError
        naming every refused file and why."""
        from .uploads import check_files

        return check_files(files, cls.accepted_kinds)

    @classmethod
    def store(cls, checked, *, uploaded_by, **parent) -> list:
        """Store files that passed ``check_uploads``, with their original names and types."""
        return [
            cls.objects.create(
                file=f,
                name=(getattr(f, "name", "") or "")[:200],
                content_type=content_type,
                size=f.size,
                uploaded_by=uploaded_by,
                **parent,
            )
            for f, content_type in checked
        ]

    def clean(self) -> None:
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            from .uploads import check_file

            try:
                self.content_type = check_file(self.file, self.accepted_kinds)
            except ValidationError as exc:
                raise ValidationError({"file": exc.error_list}) from None
