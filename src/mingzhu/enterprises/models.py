"""The enterprise registry (企业库), its annual figures, the per-mu evaluation (亩均效益评价)
with its versioned schemes and stored results, visits (暖企走访, 项目管家) and demands (诉求).

An enterprise sits under its town; an enterprise user reaches it through its account unit
(an org unit of kind company). A demand's status is read from its task.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, task_link, unit_fk, user_fk
from mingzhu.core.models import FieldErrors, Named, TimeStampedModel
from mingzhu.core.versioning import VersionedScheme
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.system import dictionaries
from mingzhu.tasks.backed import TaskBacked

from . import credit, services
from .choices import (
    Channel,
    DemandCategory,
    DemandStatus,
    Digital,
    EvaluationStatus,
    Listing,
    MuClass,
    Rating,
    Scale,
)

WAN = {"max_digits": 16, "decimal_places": 2}  # 万元 and other figures
ENTERPRISE_SCOPE = ("enterprise__town", "enterprise__account_unit")
# The code of the city's own evaluation scheme (others are evaluated beside it).
PRIMARY_SCHEME = "city"


def validate_credit_code(value: str) -> None:
    try:
        credit.validate(value)
    except credit.CreditCodeError as exc:
        raise ValidationError(str(exc), code="credit_code") from exc


@audited()
class Enterprise(Named, TimeStampedModel):
    scope_fields = ("town", "account_unit")

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    name = models.CharField(_("name"), max_length=200)
    town = unit_fk(_("town"), "enterprises", kinds=TOWN_KINDS)
    account_unit = unit_fk(
        _("account unit"),
        "enterprise",
        kind=UnitKind.COMPANY,
        one=True,
        optional=True,
        help_text=_("The company unit through which the enterprise's own users sign in."),
    )
    industry = models.CharField(
        _("industry (GB/T 4754)"), max_length=5, help_text=_("e.g. C38 or C3824")
    )
    scale = models.CharField(_("scale"), max_length=5, choices=Scale.choices)
    land_mu = models.DecimalField(
        _("land area (mu)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    high_tech_certificate = models.CharField(_("high-tech certificate"), max_length=40, blank=True)
    high_tech_from = models.DateField(_("high-tech valid from"), null=True, blank=True)
    high_tech_until = models.DateField(_("high-tech valid until"), null=True, blank=True)
    listing = models.CharField(
        _("listing"), max_length=10, choices=Listing.choices, default=Listing.NONE
    )
    digital = models.CharField(
        _("intelligent and digital transformation"),
        max_length=10,
        choices=Digital.choices,
        default=Digital.NONE,
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["town", "scale"], name="ent_town_scale")]

    def clean(self) -> None:
        super().clean()
        errors = FieldErrors()
        if self.credit_code:
            try:
                self.credit_code = credit.validate(self.credit_code)
            except credit.CreditCodeError as exc:
                errors.add("credit_code", str(exc))
        errors.unit_kind(self, "town", TOWN_KINDS, _("Choose a town, street or zone."))
        message = _("The account unit must be a company unit.")
        errors.unit_kind(self, "account_unit", (UnitKind.COMPANY,), message)
        errors.order("high_tech_until", self.high_tech_from, self.high_tech_until)
        errors.raise_if_any()

    def is_high_tech_on(self, day) -> bool:
        return bool(
            self.high_tech_certificate
            and self.high_tech_from
            and self.high_tech_from <= day
            and (self.high_tech_until is None or day <= self.high_tech_until)
        )


def own_enterprise(enterprises, user) -> Enterprise | None:
    """The enterprise among ``enterprises`` a user signs in for (its account unit is the
    user's unit), if any."""
    if user.unit_id is None:
        return None
    return enterprises.filter(account_unit_id=user.unit_id).order_by("pk").first()


@audited()
class AnnualData(TimeStampedModel):
    """An enterprise's figures for one year, and that year's evaluation notes."""

    scope_fields = ENTERPRISE_SCOPE

    enterprise = foreign_key(Enterprise, _("enterprise"), "annual")
    year = models.PositiveSmallIntegerField(_("year"))
    sales = models.DecimalField(_("taxable sales (10k yuan)"), null=True, blank=True, **WAN)
    revenue = models.DecimalField(
        _("main business revenue (10k yuan)"), null=True, blank=True, **WAN
    )
    tax = models.DecimalField(_("tax paid (10k yuan)"), null=True, blank=True, **WAN)
    value_added = models.DecimalField(
        _("industrial value added (10k yuan)"), null=True, blank=True, **WAN
    )
    energy_tce = models.DecimalField(_("energy use (tce)"), null=True, blank=True, **WAN)
    electricity = models.DecimalField(_("electricity use (10k kWh)"), null=True, blank=True, **WAN)
    emissions = models.DecimalField(
        _("main pollutant emissions (t)"), null=True, blank=True, max_digits=16, decimal_places=4
    )
    cod = models.DecimalField(
        _("COD emissions (t)"), null=True, blank=True, max_digits=16, decimal_places=4
    )
    ammonia = models.DecimalField(
        _("ammonia nitrogen emissions (t)"), null=True, blank=True, max_digits=16, decimal_places=4
    )
    so2 = models.DecimalField(
        _("SO2 emissions (t)"), null=True, blank=True, max_digits=16, decimal_places=4
    )
    nox = models.DecimalField(
        _("NOx emissions (t)"), null=True, blank=True, max_digits=16, decimal_places=4
    )
    rd_expense = models.DecimalField(_("R&D expense (10k yuan)"), null=True, blank=True, **WAN)
    employees = models.PositiveIntegerField(_("average employees"), null=True, blank=True)
    exempt_reason = models.CharField(
        _("exemption reason"),
        max_length=200,
        blank=True,
        help_text=_(
            "Evaluated but not ranked (class T), e.g. a utility or in production under 2 years."
        ),
    )
    veto_reason = models.CharField(
        _("veto reason"),
        max_length=200,
        blank=True,
        help_text=_("Class D without ranking: a major accident, capacity ordered eliminated …"),
    )
    bonus = models.DecimalField(
        _("bonus or penalty points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("annual data")
        verbose_name_plural = _("annual data")
        ordering = ["-year", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="ent_annual_once_a_year")
        ]
        indexes = [models.Index(fields=["year", "enterprise"], name="ent_annual_year")]

    str_related = ("enterprise",)

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])

    @property
    def is_hundred_billion(self) -> bool:
        return self.sales is not None and self.sales >= services.HUNDRED_BILLION


@audited()
class MuScheme(VersionedScheme):
    """A version of the evaluation scheme: weights, quotas, cap and policies as data. A
    version used by an evaluation is never changed: edits make a new version."""

    scope_global = True
    version_key = "code"

    code = models.SlugField(
        _("code"),
        max_length=30,
        default=PRIMARY_SCHEME,
        help_text=_(
            "The scheme's versions share it; the city's own scheme is “city”, others "
            "(a comparison with another province's scheme) are evaluated beside it."
        ),
    )
    name = models.CharField(_("name"), max_length=100)
    data = models.JSONField(_("scheme"), default=dict)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="muscheme_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def clean(self) -> None:
        try:
            services.Scheme.from_data(self.version or 0, self.data)
        except services.SchemeError as exc:
            raise ValidationError({"data": str(exc)}) from exc

    def as_scheme(self) -> services.Scheme:
        return services.Scheme.from_data(self.version, self.data)


@audited()
class MuEvaluation(TimeStampedModel):
    """The evaluation of one year: the scheme version used, group benchmarks and counts.
    Re-run freely while a draft; published, it is final."""

    # The year's benchmarks and counts are city-level figures every reader may see.
    scope_global = True

    year = models.PositiveSmallIntegerField(_("year"))
    scheme = foreign_key(MuScheme, _("scheme"), "evaluations")
    # The scheme's code: one evaluation a year per scheme.
    scheme_code = models.SlugField(_("scheme code"), max_length=30, default=PRIMARY_SCHEME)
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    summary = models.JSONField(_("benchmarks and counts"), default=dict)
    run_at = models.DateTimeField(_("run at"), default=timezone.now)
    run_by = user_fk(_("run by"), optional=True, on_delete=models.SET_NULL)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("per-mu evaluation")
        verbose_name_plural = _("per-mu evaluations")
        ordering = ["-year", "scheme_code"]
        permissions = [
            ("run_muevaluation", _("Can run and publish per-mu evaluations")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "scheme_code"], name="mu_evaluation_once")
        ]

    def __str__(self) -> str:
        return _("Per-mu evaluation %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("enterprises:results") + f"?year={self.year}&scheme={self.scheme_code}"


class MuResult(TimeStampedModel):
    """One enterprise's result in a year's evaluation."""

    # Derived output written in bulk by a run (and replaced by the next run of a draft
    # year); the run itself is recorded on the audited MuEvaluation.
    audit_exempt = True
    scope_fields = ENTERPRISE_SCOPE

    # Few indexes and checks: a run writes every row of a year at once. (evaluation,
    # enterprise) and (enterprise, year) below serve the lookups. The evaluation is not
    # checked by a database constraint (100,000 checks at commit for one and the same
    # row): only store() writes results, inside the run that holds the evaluation.
    evaluation = foreign_key(
        MuEvaluation,
        _("evaluation"),
        "results",
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
    )
    enterprise = foreign_key(Enterprise, _("enterprise"), "results", db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))
    # The enterprise's town when the year was evaluated (for the per-town figures). A
    # snapshot, checked by no database constraint: 100,000 foreign-key checks at commit
    # would cost a run more than its arithmetic; towns are never deleted while their
    # enterprises are kept (Enterprise.town protects them).
    town = unit_fk(_("town"), on_delete=models.DO_NOTHING, db_index=False, db_constraint=False)
    group = models.CharField(_("group"), max_length=5, choices=Scale.choices)
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    mu_class = models.CharField(
        _("class"), max_length=1, choices=MuClass.choices, blank=True, default=""
    )
    indicators = models.JSONField(_("indicators"), default=dict)
    extra_cost = models.DecimalField(
        _("extra cost (10k yuan)"), max_digits=14, decimal_places=2, null=True
    )

    class Meta:
        verbose_name = _("per-mu result")
        verbose_name_plural = _("per-mu results")
        ordering = ["year", "group", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "enterprise"], name="mu_result_once")
        ]
        indexes = [models.Index(fields=["enterprise", "year"], name="mu_result_ent_year")]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year} {self.mu_class or '—'}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])


VISIT_IN_FUTURE = _("A visit records what happened: %(day)s is in the future (today is %(today)s).")


@audited()
class Visit(TimeStampedModel):
    """A visit to an enterprise: 暖企走访, a 项目管家 service call, or a survey."""

    scope_fields = ENTERPRISE_SCOPE

    enterprise = foreign_key(Enterprise, _("enterprise"), "visits")
    # A dictionary (数据字典): the built-in kinds and those the office added.
    kind = models.CharField(
        _("kind"), max_length=20, choices=dictionaries.field_choices("enterprises.visit_kind")
    )
    date = models.DateField(_("date"))
    visitors = models.CharField(_("visitors"), max_length=200)
    unit = unit_fk(_("visiting unit"), optional=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = user_fk(_("recorded by"), optional=True, on_delete=models.SET_NULL)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-date", "-pk"]

    str_related = ("enterprise",)

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        # A visit records what happened: it is not dated after today.
        FieldErrors().not_future("date", self.date, VISIT_IN_FUTURE).raise_if_any()


@audited()
class Demand(TaskBacked, TimeStampedModel):
    """A demand (诉求) of an enterprise. Dispatched, it is a task of the engine for a
    department; the enterprise rates the reply; 不满意 reopens it once."""

    scope_fields = (*ENTERPRISE_SCOPE, "task__lead_unit")

    enterprise = foreign_key(Enterprise, _("enterprise"), "demands")
    visit = foreign_key(Visit, _("visit"), "demands", optional=True)
    category = models.CharField(_("category"), max_length=20, choices=DemandCategory.choices)
    content = models.TextField(_("content"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    raised_by = user_fk(_("raised by"), optional=True, on_delete=models.SET_NULL)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    task = task_link("demand")
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-raised_at", "-pk"]
        permissions = [
            ("dispatch_demand", _("Can dispatch demands to departments")),
            ("rate_demand", _("Can rate the reply to a demand")),
        ]

    str_related = ("enterprise",)

    def __str__(self) -> str:
        return f"#{self.pk} {self.enterprise} · {self.get_category_display()}"

    status_choices = DemandStatus
    status_without_task = DemandStatus.PENDING

    def status_of(self, task_status: str | None) -> str:
        from .demands import OPEN, status_of

        # Read the task's rating events only while the task is open.
        return status_of(task_status, task_status in OPEN and self.reopened)

    @classmethod
    def status_expression(cls):
        from .demands import status_expression

        return status_expression()

    @property
    def latest_rating(self) -> DemandRating | None:
        cached = getattr(self, "_prefetched_objects_cache", {}).get("ratings")
        if cached is not None:
            return max(cached, key=lambda r: (r.round, r.pk), default=None)
        return self.ratings.order_by("-round", "-pk").first()


@audited()
class DemandRating(TimeStampedModel):
    """The enterprise's rating of one reply (round 1, and round 2 after a reopening)."""

    scope_fields = tuple(f"demand__{f}" for f in Demand.scope_fields)

    demand = foreign_key(Demand, _("demand"), "ratings")
    round = models.PositiveSmallIntegerField(_("round"))
    rating = models.CharField(_("rating"), max_length=15, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_by = user_fk(_("rated by"), optional=True, on_delete=models.SET_NULL)
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["demand", "round"], name="demand_rating_once_a_round")
        ]

    def __str__(self) -> str:
        return f"#{self.demand_id} {self.round}: {self.get_rating_display()}"
