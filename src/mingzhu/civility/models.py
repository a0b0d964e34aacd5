"""Civilised city creation (文明城市创建): applications for the creation titles and the
commendations the city awards (application → review → public notice → award, each step
an immutable event), the objections received during a notice, and the volunteer
activities of 新时代文明实践 with their participants and hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, unit_fk, user_fk
from mingzhu.core.models import FieldErrors, Named, TimeStampedModel, WrittenOnce
from mingzhu.org.models import check_city_units

from .choices import ApplicationAction, ApplicationStatus, CategoryKind, ObjectionOutcome

DEFAULT_NOTICE_DAYS = 7
HOURS = {"max_digits": 6, "decimal_places": 1}


@audited()
class Category(Named, TimeStampedModel):
    """A creation category (文明村镇, 文明单位, 文明家庭, 文明校园) or a commendation the city
    awards; editable reference data."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CategoryKind.choices, default=CategoryKind.CREATION
    )
    notice_days = models.PositiveSmallIntegerField(
        _("public notice (days)"),
        default=DEFAULT_NOTICE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("creation category")
        verbose_name_plural = _("creation categories")
        ordering = ["kind", "sort_order", "name"]


@audited()
class Application(TimeStampedModel):
    """An application for a title or commendation, by or for a unit, a family or a person
    (the applicant is named; ``unit`` places it in the org tree)."""

    scope_fields = ("unit",)

    category = foreign_key(Category, _("category"), "applications")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    applicant = models.CharField(_("applicant"), max_length=200)
    unit = unit_fk(
        _("unit"),
        "civility_applications",
        help_text=_("The applying unit, or the unit where the family or person lives."),
    )
    description = models.TextField(_("deeds and grounds"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    submitted_on = models.DateField(_("submitted on"))
    notice_start = models.DateField(_("notice from"), null=True, blank=True)
    notice_end = models.DateField(_("notice to"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("creation application")
        verbose_name_plural = _("creation applications")
        permissions = [
            ("decide_application", _("Can review, publish and award creation applications"))
        ]
        ordering = ["-year", "category__sort_order", "applicant", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "year", "applicant", "unit"], name="civility_application_once"
            )
        ]

    str_related = ("category",)

    def __str__(self) -> str:
        return f"{self.year} {self.category} · {self.applicant}"

    def notice_running_on(self, day: dt.date) -> bool:
        return (
            self.status == ApplicationStatus.ON_NOTICE
            and self.notice_start is not None
            and self.notice_start <= day <= self.notice_end
        )


@audited()
class ApplicationEvent(WrittenOnce, TimeStampedModel):
    """One step of an application's way (immutable)."""

    scope_fields = ("application__unit",)

    application = foreign_key(Application, _("application"), "events")
    actor = user_fk(_("by"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    on = models.DateField(_("date"))
    action = models.CharField(_("action"), max_length=20, choices=ApplicationAction.choices)
    from_status = models.CharField(
        _("from"), max_length=20, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_action_display()}"


@audited()
class Objection(TimeStampedModel):
    """An objection received while the application was on public notice (公示异议)."""

    scope_fields = ("application__unit",)

    application = foreign_key(Application, _("application"), "objections")
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("content"))
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=ObjectionOutcome.choices,
        default=ObjectionOutcome.PENDING,
    )
    resolution = models.TextField(_("what the check found"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["received_on", "pk"]

    str_related = ("application",)

    def __str__(self) -> str:
        return f"{self.application.applicant} {self.received_on:%Y-%m-%d}"


@audited()
class VolunteerActivity(TimeStampedModel):
    """A volunteer activity of 新时代文明实践: organiser, date, place, content."""

    scope_fields = ("organiser",)

    title = models.CharField(_("title"), max_length=200)
    organiser = unit_fk(_("organiser"), "volunteer_activities")
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    hours = models.DecimalField(
        _("service hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="civility_activity_on")]

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on:%Y-%m-%d}）"


@audited()
class Participation(TimeStampedModel):
    """A volunteer's part in an activity: name, the volunteer's unit, hours credited."""

    scope_fields = ("activity__organiser", "unit")

    activity = foreign_key(VolunteerActivity, _("activity"), "participations")
    volunteer = models.CharField(_("volunteer"), max_length=50)
    unit = unit_fk(_("volunteer's unit"))
    hours = models.DecimalField(_("service hours"), **HOURS, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["activity", "volunteer"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "volunteer", "unit"], name="civility_participation_once"
            )
        ]

    str_related = ("activity",)

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.activity}"

    def clean(self) -> None:
        errors = FieldErrors()
        if self.activity_id:
            limit = self.activity.hours
            message = _("No more hours than the activity lasted (%(hours)s).")
            errors.at_most("hours", self.hours, limit, message)
            # Hours are credited for an activity that has taken place.
            errors.not_future(
                "hours",
                self.activity.held_on,
                _("The activity is held on %(day)s: hours are credited once it has taken place."),
            )
        if self.unit_id:
            try:
                check_city_units("unit", self.unit)
            except ValidationError as exc:
                errors.add("unit", exc.message_dict["unit"])
        errors.raise_if_any()
