"""Projects through their whole life (洽谈 → 签约 → 落地 → 开工建设 → 竣工投产), their
investment plans, factor requests (要素保障, each handled as a task of the engine) and
on-site inspections (观摩)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
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
from mingzhu.core.models import FieldErrors, Named, RestrictedQuerySet, TimeStampedModel
from mingzhu.core.numbers import number
from mingzhu.core.uploads import validate_evidence
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.tasks.backed import TaskBacked

from . import services
from .choices import (
    KIND_UNITS,
    SUBMITTED,
    Chain,
    Evidence,
    FactorKind,
    QuantityUnit,
    Satisfaction,
    Stage,
    Tier,
)

POSITIVE = [MinValueValidator(Decimal(0))]
FUTURE_STAGE_DATE = _(
    "A stage's date records what happened: %(day)s is in the future (today is %(today)s)."
)


class ProjectQuerySet(RestrictedQuerySet):
    def of_tier(self, tier: str) -> ProjectQuerySet:
        lower, upper = services.tier_bounds(tier)
        qs = self.filter(total_investment__gte=lower)
        return qs.filter(total_investment__lt=upper) if upper is not None else qs


@audited()
class Project(Named, TimeStampedModel):
    """An investment project of a town (镇、街道、园区)."""

    scope_fields = ("town",)

    name = models.CharField(_("name"), max_length=200)
    investor = models.CharField(_("investor"), max_length=200)
    # Blank when the ledger does not say (a 重点项目 ledger of projects under way).
    chain = models.CharField(
        _("industry chain"), max_length=20, choices=Chain.choices, blank=True, default=""
    )
    total_investment = models.DecimalField(
        _("total investment (10,000 yuan)"), max_digits=14, decimal_places=2, validators=POSITIVE
    )
    foreign_investment = models.DecimalField(
        _("of which foreign capital (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=POSITIVE,
    )
    town = unit_fk(_("town"), "projects", kinds=TOWN_KINDS)
    in_port_zone = models.BooleanField(
        _("in the port-industry-city zone"), default=False
    )  # 港产城融合区
    latitude = latitude_field()
    longitude = longitude_field()
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.NEGOTIATING, editable=False
    )
    # The date each stage was reached; kept when the project moves on.
    # Empty for a project entered from a ledger that does not say (signed or under way).
    negotiating_on = models.DateField(_("negotiations began on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    landed_on = models.DateField(_("landed on"), null=True, blank=True, editable=False)
    started_on = models.DateField(
        _("construction started on"), null=True, blank=True, editable=False
    )
    completed_on = models.DateField(_("in operation on"), null=True, blank=True, editable=False)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True, editable=False)
    suspended_from = models.CharField(
        _("suspended in stage"), max_length=20, choices=Stage.choices, blank=True, editable=False
    )
    suspension_reason = models.TextField(_("reason for suspension"), blank=True, editable=False)
    liaison_leader = user_fk(
        _("liaison city leader"), "liaison_projects", optional=True, on_delete=models.SET_NULL
    )  # 挂钩市领导
    steward = user_fk(
        _("project steward"), "stewarded_projects", optional=True, on_delete=models.SET_NULL
    )  # 项目管家
    # 临时党支部 on the construction site (shown by the party module as well).
    party_branch_name = models.CharField(_("temporary party branch"), max_length=100, blank=True)
    party_branch_secretary = models.CharField(_("branch secretary"), max_length=50, blank=True)
    party_branch_members = models.PositiveIntegerField(_("branch members"), default=0)
    description = models.TextField(_("description"), blank=True)
    is_illustrative = illustrative()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-total_investment", "name"]
        permissions = [("advance_project", _("Can move projects between stages"))]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="project_town_name"),
            models.CheckConstraint(
                condition=Q(total_investment__gte=0),
                name="project_investment_positive",
                violation_error_message=_("The total investment must not be negative."),
            ),
            models.CheckConstraint(
                condition=Q(foreign_investment__gte=0),
                name="project_foreign_positive",
                violation_error_message=_("Foreign capital must not be negative."),
            ),
        ]
        indexes = [models.Index(fields=["town", "stage"], name="project_town_stage")]

    def clean(self) -> None:
        errors = FieldErrors()
        errors.unit_kind(self, "town", TOWN_KINDS, _("Choose a town, street or zone."))
        errors.at_most(
            "foreign_investment",
            self.foreign_investment,
            self.total_investment,
            _("Foreign capital exceeds the total investment."),
        )
        # The dates of the stages record what happened: none lies in the future (the
        # later stages' dates are set by actions.advance_project, which checks the same).
        errors.not_future("negotiating_on", self.negotiating_on, FUTURE_STAGE_DATE)
        errors.raise_if_any()

    @property
    def tier(self) -> str:
        return services.tier_of(self.total_investment)

    def get_tier_display(self) -> str:
        return Tier(self.tier).label

    @property
    def investment_yi(self) -> Decimal | None:
        return services.yuan_yi(self.total_investment)

    @property
    def stage_on(self) -> dt.date | None:
        """The date the current stage was reached."""
        from .choices import STAGE_DATE_FIELD

        return getattr(self, STAGE_DATE_FIELD[self.stage])


@audited()
class StageChange(TimeStampedModel):
    """One move of a project between stages, with its evidence: the project's timeline."""

    scope_fields = ("project__town",)

    project = foreign_key(Project, _("project"), "stage_changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    on = models.DateField(_("date"))
    actor = user_fk(_("recorded by"), optional=True)
    at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    evidence_kind = models.CharField(
        _("evidence"), max_length=20, choices=Evidence.choices, blank=True
    )
    evidence = models.FileField(
        _("evidence file"),
        upload_to="projects/%Y/%m/",
        blank=True,
        validators=[validate_evidence],
    )

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["on", "pk"]

    str_related = ("project",)

    def __str__(self) -> str:
        return f"{self.project} {self.get_to_stage_display()} {self.on}"


@audited()
class InvestmentPlan(TimeStampedModel):
    """A project's investment plan for a year (年度计划投资)."""

    scope_fields = ("project__town",)

    project = foreign_key(Project, _("project"), "plans", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.DecimalField(
        _("planned investment (10,000 yuan)"), max_digits=14, decimal_places=2, validators=POSITIVE
    )

    class Meta:
        verbose_name = _("investment plan")
        verbose_name_plural = _("investment plans")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="plan_project_year"),
            models.CheckConstraint(
                condition=Q(planned__gte=0),
                name="plan_positive",
                violation_error_message=_("The planned investment must not be negative."),
            ),
        ]

    str_related = ("project",)

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


@audited()
class MonthlyInvestment(TimeStampedModel):
    """The investment a project completed in one month (月度完成投资)."""

    scope_fields = ("project__town",)

    project = foreign_key(Project, _("project"), "monthly", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    completed = models.DecimalField(
        _("completed investment (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=POSITIVE,
    )
    # What the month's report says beside the figure (the progress sheet's 形象进度 and
    # 备注 columns).
    progress = models.CharField(_("progress (形象进度)"), max_length=500, blank=True)
    remark = models.CharField(_("remarks"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("monthly investment")
        verbose_name_plural = _("monthly investments")
        ordering = ["project", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"], name="monthly_project_month"
            ),
            models.CheckConstraint(
                condition=Q(completed__gte=0),
                name="monthly_positive",
                violation_error_message=_("The completed investment must not be negative."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="monthly_month_range",
                violation_error_message=_("Months run from 1 to 12."),
            ),
        ]

    str_related = ("project",)

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"


@audited()
class FactorRoute(TimeStampedModel):
    """Which department answers factor requests of a kind (configurable; defaults in
    choices.DEFAULT_ROUTES)."""

    scope_global = True

    kind = models.CharField(_("kind"), max_length=20, choices=FactorKind.choices, unique=True)
    department = unit_fk(_("department"), kind=UnitKind.DEPARTMENT)
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), default=10, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("factor route")
        verbose_name_plural = _("factor routes")
        ordering = ["kind"]

    str_related = ("department",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.department}"


@audited()
class FactorRequest(TaskBacked, TimeStampedModel):
    """A request for land, funding, energy or labour (要素保障) for a project. Once
    dispatched it is a task of the responsible department; its status is the task's."""

    scope_fields = ("project__town", "task__lead_unit")

    project = foreign_key(Project, _("project"), "factor_requests")
    kind = models.CharField(_("kind"), max_length=20, choices=FactorKind.choices)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("unit"), max_length=20, choices=QuantityUnit.choices)
    needed_by = models.DateField(_("needed by"))
    description = models.TextField(_("description"), blank=True)
    raised_by = user_fk(_("raised by"), null=True)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    task = task_link("factor_request")
    satisfaction = models.CharField(
        _("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    rated_on = models.DateField(_("rated on"), null=True, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("factor request")
        verbose_name_plural = _("factor requests")
        ordering = ["-raised_at", "-pk"]
        permissions = [("dispatch_factorrequest", _("Can dispatch factor requests"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="factor_quantity_positive",
                violation_error_message=_("The quantity must be more than zero."),
            )
        ]

    str_related = ("project",)

    def __str__(self) -> str:
        quantity = number(self.quantity)
        return f"{self.project} · {self.get_kind_display()} {quantity} {self.get_unit_display()}"

    def clean(self) -> None:
        if self.kind and self.unit and self.unit not in KIND_UNITS.get(self.kind, ()):
            allowed = "、".join(str(QuantityUnit(u).label) for u in KIND_UNITS[self.kind])
            raise ValidationError(
                {"unit": _("A request of this kind is stated in %(units)s.") % {"units": allowed}}
            )

    status_without_task = SUBMITTED

    def get_status_display(self) -> str:
        if not self.task_id:
            return str(_("Submitted, awaiting dispatch"))
        return self.task.get_status_display()


@audited()
class Inspection(TimeStampedModel):
    """An on-site inspection tour (观摩) led by a city leader, scoring the projects visited."""

    scope_fields = ("scores__project__town",)

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    leader = user_fk(_("leader"), optional=True)
    remarks = models.TextField(_("remarks"), blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title}（{self.date:%Y-%m-%d}）"


@audited()
class InspectionScore(TimeStampedModel):
    """The score (0–100) one project earned on an inspection."""

    scope_fields = ("project__town",)

    inspection = foreign_key(Inspection, _("inspection"), "scores", on_delete=models.CASCADE)
    project = foreign_key(Project, _("project"), "scores")
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        verbose_name = _("inspection score")
        verbose_name_plural = _("inspection scores")
        ordering = ["inspection", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "project"], name="score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="score_range",
                violation_error_message=_("The score must lie between 0 and 100."),
            ),
        ]

    str_related = ("project",)

    def __str__(self) -> str:
        return f"{self.project} {number(self.score)}"
