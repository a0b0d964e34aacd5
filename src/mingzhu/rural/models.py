"""Rural revitalisation (乡村振兴): the living-environment programme of the natural villages,
village inspections scored on versioned sheets, the public facilities under one upkeep
mechanism (八位一体) and the secretaries' yearly projects (书记项目).

Every piece of work to assign and check off is a task of the engine; a remediation's,
a deduction's, a fault's or a project's status is read from its task.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.models import FileAttachment, TimeStampedModel
from mingzhu.core.uploads import PHOTO_KINDS
from mingzhu.core.versioning import VersionedScheme
from mingzhu.org.choices import UnitKind
from mingzhu.tasks.backed import TaskBacked
from mingzhu.tasks.choices import DeadlineBasis, ListKind

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
class RemediationProgramme(TimeStampedModel):
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
    task_list = models.ForeignKey(
        "tasks.TaskList",
        verbose_name=_("task list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": ListKind.LIVING_ENVIRONMENT},
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("remediation programme")
        verbose_name_plural = _("remediation programmes")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})


@audited()
class Remediation(TaskBacked, TimeStampedModel):
    """One remediation item of one natural village (e.g. its sewage), done as a task."""

    scope_fields = ("natural_village",)

    programme = models.ForeignKey(
        RemediationProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="remediations",
    )
    natural_village = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("natural village"),
        on_delete=models.PROTECT,
        related_name="remediations",
        limit_choices_to={"kind": UnitKind.NATURAL_VILLAGE},
    )
    category = models.CharField(_("category"), max_length=20, choices=RemediationCategory.choices)
    task = models.OneToOneField(
        "tasks.Task",
        verbose_name=_("task"),
        on_delete=models.PROTECT,
        related_name="remediation",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

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
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

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

    sheet = models.ForeignKey(
        ScoringSheet,
        verbose_name=_("scoring sheet"),
        on_delete=models.CASCADE,
        related_name="items",
    )
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
        return f"{self.name}（{self.points}）"


@audited()
class VillageInspection(TimeStampedModel):
    """An inspection (人居环境检查) or on-site observation (现场观摩) of one village, scored
    item by item on one sheet."""

    scope_fields = ("village",)

    village = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="rural_inspections",
        limit_choices_to={"kind": UnitKind.VILLAGE},
    )
    sheet = models.ForeignKey(
        ScoringSheet,
        verbose_name=_("scoring sheet"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=InspectionKind.choices, default=InspectionKind.INSPECTION
    )
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.CharField(_("inspectors"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("village inspection")
        verbose_name_plural = _("village inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["inspected_on"], name="rural_inspection_on")]

    def __str__(self) -> str:
        return f"{self.village} · {date_format(self.inspected_on, 'DATE_FORMAT')}"


@audited()
class InspectionScore(TaskBacked, TimeStampedModel):
    """The score of one item; a deduction may raise a rectification task at once."""

    scope_fields = ("inspection__village",)

    inspection = models.ForeignKey(
        VillageInspection,
        verbose_name=_("village inspection"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    item = models.ForeignKey(
        ScoringItem, verbose_name=_("scoring item"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.DecimalField(_("score"), **POINTS, validators=[MinValueValidator(0)])
    note = models.CharField(_("finding"), max_length=300, blank=True)
    task = models.OneToOneField(
        "tasks.Task",
        verbose_name=_("rectification task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_score",
    )

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["inspection", "item__order", "item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="rural_one_score_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.name}: {self.score}"

    @property
    def deduction(self):
        return self.item.points - self.score


@audited()
class InspectionPhoto(FileAttachment):
    scope_fields = ("inspection__village",)
    parent_field = "inspection"
    accepted_kinds = PHOTO_KINDS

    inspection = models.ForeignKey(
        VillageInspection,
        verbose_name=_("village inspection"),
        on_delete=models.PROTECT,
        related_name="photos",
    )
    score = models.ForeignKey(
        InspectionScore,
        verbose_name=_("item score"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
    )

    class Meta(FileAttachment.Meta):
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")


# ---------------------------------------------------------------- facilities (八位一体)


@audited()
class FacilityType(TimeStampedModel):
    """A kind of rural public facility and the time limit of its repairs (editable)."""

    scope_global = True

    name = models.CharField(_("name"), max_length=50, unique=True)
    time_limit = models.PositiveIntegerField(
        _("repair time limit"), validators=[MinValueValidator(1)]
    )
    time_limit_basis = models.CharField(
        _("time limit basis"),
        max_length=20,
        choices=DeadlineBasis.choices,
        default=DeadlineBasis.WORKING_DAYS,
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("facility type")
        verbose_name_plural = _("facility types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


@audited()
class Maintainer(TimeStampedModel):
    """The body that maintains facilities (运维主体): a company or team, and the org unit
    whose people handle its repair tasks."""

    scope_global = True

    name = models.CharField(_("name"), max_length=100, unique=True)
    unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Its repair tasks are led by this unit."),
    )
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("maintainer")
        verbose_name_plural = _("maintainers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@audited()
class Facility(TimeStampedModel):
    scope_fields = ("village",)

    village = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="rural_facilities",
        limit_choices_to={"kind": UnitKind.VILLAGE},
    )
    type = models.ForeignKey(
        FacilityType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="facilities"
    )
    name = models.CharField(_("name"), max_length=100)
    location = models.CharField(_("location"), max_length=200, blank=True)
    maintainer = models.ForeignKey(
        Maintainer,
        verbose_name=_("maintainer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    is_active = models.BooleanField(_("in use"), default=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["village__path", "type__sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.village} · {self.name}"

    def clean(self) -> None:
        if self.village_id and self.village.kind != UnitKind.VILLAGE:
            raise ValidationError({"village": _("Choose a village.")})


@audited()
class FacilityFault(TaskBacked, TimeStampedModel):
    """A fault reported by a villager or a grid worker; dispatched, it is a maintenance
    task with its type's time limit."""

    scope_fields = ("facility__village", "grid")

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="faults"
    )
    grid = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("grid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": UnitKind.GRID},
    )
    source = models.CharField(_("reported through"), max_length=20, choices=FaultSource.choices)
    reporter_name = models.CharField(
        _("villager's name"),
        max_length=50,
        blank=True,
        help_text=_("Only when a villager reported it."),
    )
    description = models.TextField(_("description"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    task = models.OneToOneField(
        "tasks.Task",
        verbose_name=_("maintenance task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facility_fault",
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("facility fault")
        verbose_name_plural = _("facility faults")
        ordering = ["-reported_at", "-pk"]

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

    unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="secretary_plans",
    )
    secretary = models.CharField(_("secretary"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    task_list = models.OneToOneField(
        "tasks.TaskList",
        verbose_name=_("task list"),
        on_delete=models.PROTECT,
        related_name="secretary_plan",
    )
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
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

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
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit} · {self.secretary}"
