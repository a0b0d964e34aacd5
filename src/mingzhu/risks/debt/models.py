"""Debt (债务管控): the borrowing entities, their instruments and repayment schedules, cash
per month, the city's fiscal capacity (综合财力) per year, and saved peak-shaving plans.

Every debt model is placed in the org tree through the unit responsible for it (the
finance bureau for the government; a platform company is a unit of its own, of kind
``company``, and answers for its debt); what makes
debt visible to few is the permission, which only the leader, the supervision office and
the finance role hold (see ``risks.apps``). The planner's computations live in
``services.py`` and ``planner.py``, over plain data.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, task_link, unit_fk, user_fk
from mingzhu.core.models import Named, TimeStampedModel

from .choices import Budget, EntityKind, InstrumentKind
from .services import fiscal_capacity

MONEY = {"max_digits": 16, "decimal_places": 2}


def _money(label, **kwargs):
    return models.DecimalField(label, validators=[MinValueValidator(Decimal(0))], **MONEY, **kwargs)


@audited()
class DebtEntity(TimeStampedModel):
    """A borrower: the government itself or one of its financing platform companies."""

    scope_fields = ("unit",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices)
    unit = unit_fk(
        _("responsible unit"),
        help_text=_("The unit that answers for this entity's debt and takes its tasks."),
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("debt entity")
        verbose_name_plural = _("debt entities")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name


@audited()
class DebtInstrument(TimeStampedModel):
    """One loan, bond or other borrowing; bullet repayment at maturity unless it has
    instalments."""

    scope_fields = ("entity__unit",)

    code = models.CharField(_("code"), max_length=40, unique=True)
    entity = foreign_key(DebtEntity, _("entity"), "instruments")
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    budget = models.CharField(
        _("budget"),
        max_length=10,
        choices=Budget.choices,
        default=Budget.GENERAL,
        help_text=_(
            "For government debt: repaid from the general public budget (一般债务) or from the "
            "government fund budget (专项债务). Not used for platform companies."
        ),
    )
    lender = models.CharField(_("lender"), max_length=100, blank=True)
    principal = _money(_("principal outstanding (10k yuan)"))
    rate = models.DecimalField(
        _("annual rate (%)"),
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(30))],
    )
    start = models.DateField(_("start"))
    maturity = models.DateField(_("maturity"))
    refinanceable = models.BooleanField(_("may be refinanced or extended"), default=False)
    max_defer_months = models.PositiveSmallIntegerField(
        _("longest extension (months)"), default=0, validators=[MaxValueValidator(120)]
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("debt instrument")
        verbose_name_plural = _("debt instruments")
        ordering = ["maturity", "code"]
        indexes = [models.Index(fields=["entity", "maturity"], name="risks_instr_entity_mat")]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.start and self.maturity and self.maturity <= self.start:
            raise ValidationError({"maturity": _("The maturity must be after the start.")})


@audited()
class Instalment(TimeStampedModel):
    """A principal instalment of an amortising instrument."""

    scope_fields = ("instrument__entity__unit",)

    instrument = foreign_key(
        DebtInstrument, _("instrument"), "instalments", on_delete=models.CASCADE
    )
    due_on = models.DateField(_("due on"))
    principal = _money(_("principal (10k yuan)"))

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.due_on}"


@audited()
class CashPosition(TimeStampedModel):
    """An entity's cash at the start of a month and the inflows it expects that month."""

    scope_fields = ("entity__unit",)

    entity = foreign_key(DebtEntity, _("entity"), "cash")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    cash = _money(_("cash (10k yuan)"))
    inflow = _money(_("expected inflow (10k yuan)"), default=Decimal(0))
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("cash position")
        verbose_name_plural = _("cash positions")
        ordering = ["month", "entity"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "month"], name="risks_cash_entity_month")
        ]

    def __str__(self) -> str:
        return f"{self.entity} {self.month:%Y-%m}"


@audited()
class FiscalYear(TimeStampedModel):
    """The city's fiscal capacity (综合财力) of a year, the year's debt control targets and
    the thresholds the indicators are graded by (a market convention, editable)."""

    scope_fields = ("unit",)

    unit = unit_fk(_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    general_budget_revenue = _money(_("general budget revenue (10k yuan)"))
    transfer_revenue = _money(_("transfer revenue (10k yuan)"))
    remittance = _money(
        _("remittance to the higher level (10k yuan)"),
        default=Decimal(0),
        help_text=_("上解上级支出: subtracted from the fiscal capacity."),
    )
    fund_revenue = _money(_("government fund revenue (10k yuan)"))
    state_capital_revenue = _money(_("state capital operating revenue (10k yuan)"))
    general_budget_expenditure = _money(_("general budget expenditure (10k yuan)"))
    fund_expenditure = _money(
        _("government fund expenditure (10k yuan)"),
        null=True,
        blank=True,
        help_text=_("政府性基金预算支出: the base of the special debt interest ratio."),
    )
    overdue_debt = _money(
        _("overdue government debt at year end (10k yuan)"),
        null=True,
        blank=True,
        help_text=_("逾期债务余额 as reported by the finance bureau; empty if not reported."),
    )
    balance_target = _money(_("debt balance target (10k yuan)"), null=True, blank=True)
    cost_target = models.DecimalField(
        _("average cost target (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    ratio_yellow = models.DecimalField(
        _("debt ratio: yellow from (%)"), max_digits=6, decimal_places=1, default=Decimal(120)
    )
    ratio_orange = models.DecimalField(
        _("debt ratio: orange from (%)"), max_digits=6, decimal_places=1, default=Decimal(200)
    )
    ratio_red = models.DecimalField(
        _("debt ratio: red from (%)"), max_digits=6, decimal_places=1, default=Decimal(300)
    )
    high_cost_rate = models.DecimalField(
        _("high-cost threshold (%)"), max_digits=6, decimal_places=3, default=Decimal(6)
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="risks_fiscal_unit_year")
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def capacity(self) -> Decimal:
        return fiscal_capacity(self)

    def clean(self) -> None:
        if not (self.ratio_yellow < self.ratio_orange < self.ratio_red):
            raise ValidationError(
                {"ratio_orange": _("The thresholds must rise: yellow < orange < red.")}
            )


@audited()
class RepaymentPlan(Named, TimeStampedModel):
    """A saved peak-shaving plan (削峰计划): the wall before and after and its moves."""

    scope_fields = ("unit",)

    name = models.CharField(_("name"), max_length=200)
    unit = unit_fk(_("unit"))
    created_by = user_fk(_("created by"))
    window = models.PositiveSmallIntegerField(_("window (months)"), null=True, blank=True)
    refi_rate = models.DecimalField(
        _("refinancing rate (%)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    use_cash = models.BooleanField(_("cash and inflows as capacity"), default=False)
    months = models.JSONField(_("months"), default=list)
    due_before = models.JSONField(_("due before"), default=list)
    due_after = models.JSONField(_("due after"), default=list)
    peak_before = models.DecimalField(_("peak before (10k yuan)"), **MONEY)
    peak_after = models.DecimalField(_("peak after (10k yuan)"), **MONEY)
    # The interest the moves add; "extra cost" of the 亩均 evaluation is another thing.
    extra_cost = models.DecimalField(
        pgettext_lazy("repayment plan", "extra cost (10k yuan)"), **MONEY
    )
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("repayment plan")
        verbose_name_plural = _("repayment plans")
        ordering = ["-created_at", "-pk"]


@audited()
class PlanMove(TimeStampedModel):
    """Part of an instalment moved to a later month; becomes a task for the entity."""

    scope_fields = ("plan__unit",)

    plan = foreign_key(RepaymentPlan, _("plan"), "moves", on_delete=models.CASCADE)
    instrument = foreign_key(DebtInstrument, _("instrument"))
    from_month = models.DateField(_("from month"))
    to_month = models.DateField(_("to month"))
    amount = models.DecimalField(_("amount (10k yuan)"), **MONEY)
    cost = models.DecimalField(_("extra interest (10k yuan)"), **MONEY)
    task = task_link("plan_move")

    class Meta:
        verbose_name = _("plan move")
        verbose_name_plural = _("plan moves")
        ordering = ["from_month", "pk"]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.from_month:%Y-%m} → {self.to_month:%Y-%m}"
