"""Indicators (指标), targets (目标) and observations (观测值) for "三量齐升" and 对标找差.

An indicator is city-wide reference data. A target belongs to the unit that owns it; an
observation to the unit it measures, peer counties (outside the city's tree) included.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, unit_fk, user_fk
from mingzhu.core.models import TimeStampedModel

from .choices import Comparator, Dimension, Direction, Frequency
from .services import Period, PeriodError, Point, parse_period, read_period

VALUE = {"max_digits": 20, "decimal_places": 4}

# Words of an indicator that measures a change (增长率, 增速, 增幅, 变动) or a balance (差额,
# 净…): such values may fall below zero. Totals, counts, shares and intensities may not.
CHANGE_WORDS = ("增长", "增速", "增幅", "增减", "变动", "变化", "差额", "净")


def may_be_negative_by_name(name: str, unit: str = "") -> bool:
    """Whether an indicator called ``name`` (in ``unit``) measures a change or a balance,
    the default of ``Indicator.may_be_negative`` for indicators proposed from documents."""
    return unit == "个百分点" or any(word in (name or "") for word in CHANGE_WORDS)


@audited()
class Indicator(TimeStampedModel):
    scope_global = True

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    unit = models.CharField(
        _("unit of measure"),
        max_length=30,
        help_text=_("亿元, 万元, 元, %, 家, 个, 吨标准煤/万元 …"),
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.YEAR
    )
    accumulates = models.BooleanField(
        _("accumulates within the year"),
        default=False,
        help_text=_("Each value is the total of the year so far (e.g. GDP to date)."),
    )
    is_population = models.BooleanField(
        _("population indicator"),
        default=False,
        help_text=_("Per-capita values are computed with this indicator."),
    )
    per_capita_of = foreign_key(
        "self",
        _("per capita of"),
        optional=True,
        help_text=_("A per-capita indicator computed from this total when not entered."),
    )
    may_be_negative = models.BooleanField(
        _("may be negative"),
        default=False,
        help_text=_(
            "Growth rates and balances may fall below zero; totals, counts and shares may not."
        ),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"

    def value_problem(self, value) -> str | None:
        """Why ``value`` cannot be an observation of this indicator, or None: below zero
        where the indicator cannot be negative."""
        if value is None or self.may_be_negative or Decimal(value) >= 0:
            return None
        return _("%(indicator)s cannot be negative (%(value)s).") % {
            "indicator": self.name,
            "value": f"{Decimal(value).normalize():f}",
        }


@audited()
class Target(TimeStampedModel):
    scope_fields = ("unit",)

    indicator = foreign_key(Indicator, _("indicator"), "targets")
    unit = unit_fk(_("unit"))
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices)
    value = models.DecimalField(_("target value"), **VALUE)
    deadline = models.DateField(_("deadline"))
    source_document = models.CharField(_("source document"), max_length=200, blank=True)
    source_sentence = models.TextField(_("source sentence"), blank=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["deadline", "indicator__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "deadline"], name="targets_target_once_per_deadline"
            )
        ]

    str_related = ("indicator",)

    def __str__(self) -> str:
        indicator = self.indicator
        return f"{indicator.name} {self.comparator} {self.value.normalize():f} {indicator.unit}"


@audited()
class Observation(TimeStampedModel):
    """One value of an indicator for one unit and period. Peers' observations are read by
    everyone who may read observations (see ``scoping``)."""

    scope_fields = ("unit",)
    scope_owner_fields = ("entered_by",)
    # Peer counties stand outside the city's tree: their figures are for every reader.
    scope_public = Q(unit__kind="peer")

    indicator = foreign_key(Indicator, _("indicator"), "observations")
    unit = unit_fk(_("unit"))
    period = models.CharField(
        _("period"),
        max_length=10,
        help_text=_("2025 · 2025Q3 · 2025-07, as the indicator is reported."),
    )
    period_start = models.DateField(_("period start"), editable=False)
    period_end = models.DateField(_("period end"), editable=False)
    value = models.DecimalField(_("value"), **VALUE)
    measure_unit = models.CharField(
        _("unit of measure"),
        max_length=30,
        blank=True,
        help_text=_("Must be the indicator's unit; left empty, it is taken from the indicator."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = user_fk(_("entered by"), optional=True, on_delete=models.SET_NULL)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator__sort_order", "unit__sort_order", "-period_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="targets_observation_once_per_period"
            )
        ]
        indexes = [models.Index(fields=["indicator", "unit", "period_end"])]

    str_related = ("unit", "indicator")

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator.name} {self.period}"

    def clean(self) -> None:
        super().clean()
        if self.indicator_id is None:
            return
        indicator = self.indicator
        if self.measure_unit and self.measure_unit.strip() != indicator.unit:
            raise ValidationError(
                {
                    "measure_unit": _("%(given)s does not match the indicator's unit %(unit)s.")
                    % {"given": self.measure_unit, "unit": indicator.unit}
                }
            )
        self.measure_unit = indicator.unit
        problem = indicator.value_problem(self.value)
        if problem:
            raise ValidationError({"value": problem})
        try:
            self.set_period(parse_period(self.period, indicator.frequency))
        except PeriodError as exc:
            raise ValidationError({"period": str(exc)}) from exc

    def set_period(self, period: Period) -> None:
        self.period, self.period_start, self.period_end = period.key, period.start, period.end

    def save(self, *args, **kwargs) -> None:
        if self.period_start is None or self.period_end is None:
            self.set_period(parse_period(self.period, self.indicator.frequency))
        if not self.measure_unit:
            self.measure_unit = self.indicator.unit
        super().save(*args, **kwargs)

    def as_point(self) -> Point:
        return Point(read_period(self.period), Decimal(self.value))
