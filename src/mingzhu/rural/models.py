"""Rural revitalisation (乡村振兴): the living-environment programme of the natural villages,
village inspections scored on versioned sheets, the public facilities under one upkeep
mechanism (八位一体) and the secretaries' yearly projects (书记项目).

Every piece of work to assign and check off is a task of the engine; a remediation's,
a deduction's, a fault's or a project's status is read from its task.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, task_link, task_list_fk, unit_fk, user_fk
from mingzhu.core.models import FieldErrors, FileAttachment, Named, TimeStampedModel
from mingzhu.core.numbers import number
from mingzhu.core.uploads import PHOTO_KINDS
from mingzhu.core.versioning import VersionedScheme
from mingzhu.org.choices import UnitKind
from mingzhu.tasks.backed import TaskBacked, time_limit_basis_field
from mingzhu.tasks.choices import ListKind

from .choices import (
    FAULT_FROM_TASK,
    FaultSource,
    FaultStatus,
    InspectionKind,
    RemediationCategory,
)

POINTS = {"max_digits": 6, "decimal_places": 2}


# ---------------------------------------------------------------- living environment


@audited()
class RemediationProgramme(Named, TimeStampedModel):
    """The living-environment programme (人居环境整治提升五年行动): its period, the share of
    natural villages to complete, and the task list its remediation tasks join."""

    scope_global = True

    name = models.CharField(_("name"), max_length=200, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    target_share = models.DecimalField(
        _("target share of natural villages completed (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    task_list = task_list_fk(limit_choices_to={"kind": ListKind.LIVING_ENVIRONMENT})
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("remediation programme")
        verbose_name_plural = _("remediation programmes")
        ordering = ["-start_date", "name"]

    def clean(self) -> None:
        FieldErrors().order("end_date", self.start_date, self.end_date).raise_if_any()


@audited()
class Remediation(TaskBacked, TimeStampedModel):
    """One remediation item of one natural village (e.g. its sewage), done as a task."""

    scope_fields = ("natural_village",)

    programme = foreign_key(RemediationProgramme, _("programme"), "remediations")
    natural_village = unit_fk(_("natural village"), "remediations", kind=UnitKind.NATURAL_VILLAGE)
    category = models.CharField(_("category"), max_length=20, choices=RemediationCategory.choices)
    task = task_link("remediation", optional=False)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("remediation")
        verbose_name_plural = _("remediations")
        ordering = ["natural_village__path", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "natural_village", "category"],
                name="rural_one_remediation_per_category",
            )
        ]

    str_related = ("natural_village",)

    def __str__(self) -> str:
        return f"{self.natural_village} · {self.get_category_display()}"


# ---------------------------------------------------------------- inspections


@audited()
class ScoringSheet(VersionedScheme):
    """A scoring sheet (评分表), versioned: once an inspection has used a version, its
    items no longer change; a new version is made instead."""

    scope_global = True
    version_key = "name"

    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    notes = models.TextField(_("notes"), blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="rural_sheet_name_version")
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    @property
    def is_used(self) -> bool:
        return self.inspections.exists()

    @property
    def max_points(self):
        return self.items.aggregate(total=models.Sum("points"))["total"] or 0


@audited()
class ScoringItem(TimeStampedModel):
    """One line of a sheet: what is checked, its points and the deduction rule."""

    scope_global = True

    sheet = foreign_key(ScoringSheet, _("scoring sheet"), "items", on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    category = models.CharField(_("category"), max_length=50, blank=True)
    name = models.CharField(_("scoring item"), max_length=200)
    points = models.DecimalField(
        _("points"), **POINTS, validators=[MinValueValidator(Decimal("0.01"))]
    )
    deduction_rule = models.TextField(_("deduction rule"), blank=True)

    class Meta:
        verbose_name = _("scoring item")
        verbose_name_plural = _("scoring items")
        ordering = ["sheet", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{number(self.points)}）"


@audited()
class VillageInspection(TimeStampedModel):
    """An inspection (人居环境检查) or on-site observation (现场观摩) of one village, scored
    item by item on one sheet."""

    scope_fields = ("village",)

    village = unit_fk(_("village"), "rural_inspections", kind=UnitKind.VILLAGE)
    sheet = foreign_key(ScoringSheet, _("scoring sheet"), "inspections")
    kind = models.CharField(
        _("kind"), max_length=20, choices=InspectionKind.choices, default=InspectionKind.INSPECTION
    )
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.CharField(_("inspectors"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = user_fk(_("recorded by"))
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("village inspection")
        verbose_name_plural = _("village inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["inspected_on"], name="rural_inspection_on")]

    str_related = ("village",)

    def __str__(self) -> str:
        return f"{self.village} · {date_format(self.inspected_on, 'DATE_FORMAT')}"


@audited()
class InspectionScore(TaskBacked, TimeStampedModel):
    """The score of one item; a deduction may raise a rectification task at once."""

    scope_fields = ("inspection__village",)

    inspection = foreign_key(VillageInspection, _("village inspection"), "scores")
    item = foreign_key(ScoringItem, _("scoring item"), "scores")
    score = models.DecimalField(_("score"), **POINTS, validators=[MinValueValidator(0)])
    note = models.CharField(_("finding"), max_length=300, blank=True)
    task = task_link("inspection_score", _("rectification task"))

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["inspection", "item__order", "item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="rural_one_score_per_item")
        ]

    str_related = ("item",)

    def __str__(self) -> str:
        return f"{self.item.name}: {number(self.score)}"

    @property
    def deduction(self):
        return self.item.points - self.score


@audited()
class InspectionPhoto(FileAttachment):
    scope_fields = ("inspection__village",)
    parent_field = "inspection"
    accepted_kinds = PHOTO_KINDS

    inspection = foreign_key(VillageInspection, _("village inspection"), "photos")
    score = foreign_key(InspectionScore, _("item score"), "photos", optional=True)

    class Meta(FileAttachment.Meta):
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")


# ---------------------------------------------------------------- facilities (八位一体)


@audited()
class FacilityType(Named, TimeStampedModel):
    """A kind of rural public facility and the time limit of its repairs (editable)."""

    scope_global = True

    name = models.CharField(_("name"), max_length=50, unique=True)
    time_limit = models.PositiveIntegerField(
        _("repair time limit"), validators=[MinValueValidator(1)]
    )
    time_limit_basis = time_limit_basis_field()
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("facility type")
        verbose_name_plural = _("facility types")
        ordering = ["sort_order", "name"]


@audited()
class Maintainer(Named, TimeStampedModel):
    """The body that maintains facilities (运维主体): a company or team, and the org unit
    whose people handle its repair tasks."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    unit = unit_fk(_("responsible unit"), help_text=_("Its repair tasks are led by this unit."))
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("maintainer")
        verbose_name_plural = _("maintainers")
        ordering = ["name"]


@audited()
class Facility(TimeStampedModel):
    scope_fields = ("village",)

    village = unit_fk(_("village"), "rural_facilities", kind=UnitKind.VILLAGE)
    type = foreign_key(FacilityType, _("type"), "facilities")
    name = models.CharField(_("name"), max_length=100)
    location = models.CharField(_("location"), max_length=200, blank=True)
    maintainer = foreign_key(Maintainer, _("maintainer"), "facilities", optional=True)
    is_active = models.BooleanField(_("in use"), default=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["village__path", "type__sort_order", "name"]

    str_related = ("village",)

    def __str__(self) -> str:
        return f"{self.village} · {self.name}"

    def clean(self) -> None:
        errors = FieldErrors()
        errors.unit_kind(self, "village", (UnitKind.VILLAGE,), _("Choose a village."))
        errors.raise_if_any()


@audited()
class FacilityFault(TaskBacked, TimeStampedModel):
    """A fault reported by a villager or a grid worker; dispatched, it is a maintenance
    task with its type's time limit."""

    scope_fields = ("facility__village", "grid")

    facility = foreign_key(Facility, _("facility"), "faults")
    grid = unit_fk(_("grid"), kind=UnitKind.GRID, optional=True)
    source = models.CharField(_("reported through"), max_length=20, choices=FaultSource.choices)
    reporter_name = models.CharField(
        _("villager's name"),
        max_length=50,
        blank=True,
        help_text=_("Only when a villager reported it."),
    )
    description = models.TextField(_("description"))
    reported_by = user_fk(_("recorded by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    task = task_link("facility_fault", _("maintenance task"))
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("facility fault")
        verbose_name_plural = _("facility faults")
        ordering = ["-reported_at", "-pk"]

    str_related = ("facility",)

    def __str__(self) -> str:
        return f"#{self.pk} {self.facility.name}" if self.pk else self.description[:30]

    status_choices = FaultStatus
    status_from_task = FAULT_FROM_TASK
    status_without_task = FaultStatus.REPORTED


# ---------------------------------------------------------------- secretary projects


@audited()
class SecretaryPlan(TimeStampedModel):
    """A town's or village's secretary and their projects for a year (书记项目): the
    projects are the tasks of its task list, their milestones the projects' sub-tasks;
    the year-end review (述职评议) gives the score."""

    scope_fields = ("unit",)

    unit = unit_fk(_("unit"), "secretary_plans")
    secretary = models.CharField(_("secretary"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    task_list = foreign_key("tasks.TaskList", _("task list"), "secretary_plan", one=True)
    review_score = models.DecimalField(
        _("review score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("secretary plan")
        verbose_name_plural = _("secretary plans")
        ordering = ["-year", "unit__path"]
        permissions = [("review_secretaryplan", _("Can record the year-end review"))]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="rural_one_plan_per_unit_year"),
            models.CheckConstraint(
                condition=Q(review_score__isnull=True)
                | (Q(review_score__gte=0) & Q(review_score__lte=100)),
                name="rural_review_score_range",
                violation_error_message=_("The score must lie between 0 and 100."),
            ),
        ]

    str_related = ("unit",)

    def __str__(self) -> str:
        return f"{self.year} {self.unit} · {self.secretary}"
