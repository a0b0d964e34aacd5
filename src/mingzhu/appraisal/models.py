"""Schemes (考核方案) as versioned data, the quarterly results they produce and the
flags (流动红黄旗) awarded when a result is published."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, unit_fk, user_fk
from mingzhu.core.models import TimeStampedModel
from mingzhu.core.periods import quarter_bounds
from mingzhu.core.versioning import VersionedScheme

from .choices import Colour, Method, ResultStatus, Subject
from .scoring import ItemSpec, RuleSpec, SchemeSpec


@audited()
class Scheme(VersionedScheme):
    """One version of a scheme. Editing a scheme adds a version; a result keeps the
    version it was scored with."""

    scope_global = True
    version_key = "code"

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("appraised units"), max_length=20, choices=Subject.choices)
    method = models.CharField(_("scoring method"), max_length=20, choices=Method.choices)
    tie_break = models.CharField(
        _("tie-break items"),
        max_length=200,
        blank=True,
        help_text=_("Item codes, comma separated, compared (higher first) when scores tie."),
    )
    awards_flags = models.BooleanField(_("awards red and yellow flags"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="scheme_code_version")
        ]
        permissions = [("edit_scheme", _("Can edit appraisal schemes"))]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    def spec(self) -> SchemeSpec:
        items = tuple(
            ItemSpec(
                i.code,
                i.name,
                float(i.weight),
                None if i.cap is None else float(i.cap),
                i.lower_is_better,
            )
            for i in self.items.all()
        )
        rules = tuple(RuleSpec(r.code, r.name, float(r.points)) for r in self.rules.all())
        return SchemeSpec(
            code=self.code,
            version=self.version,
            name=self.name,
            method=self.method,
            items=items,
            rules=rules,
            tie_break=tuple(c.strip() for c in self.tie_break.split(",") if c.strip()),
            awards_flags=self.awards_flags,
        )


@audited()
class SchemeItem(TimeStampedModel):
    scope_global = True

    scheme = foreign_key(Scheme, _("scheme"), "items", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    cap = models.DecimalField(
        _("cap"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Values above the cap count as the cap."),
    )
    lower_is_better = models.BooleanField(_("lower is better"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scheme item")
        verbose_name_plural = _("scheme items")
        ordering = ["scheme", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="scheme_item_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


@audited()
class SchemeRule(TimeStampedModel):
    """A bonus (or, with negative points, a penalty) per counted occurrence."""

    scope_global = True

    scheme = foreign_key(Scheme, _("scheme"), "rules", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    points = models.DecimalField(_("points each"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("bonus or penalty rule")
        verbose_name_plural = _("bonus and penalty rules")
        ordering = ["scheme", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="scheme_rule_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.points:+})"


PUBLISHED = Q(status=ResultStatus.PUBLISHED)


@audited()
class AppraisalResult(TimeStampedModel):
    """The result of one scheme for one quarter: a draft the supervision office may
    compute again, until it is published and frozen."""

    # Drafts belong to the supervision office that computes them; published results are
    # read by everyone who may read results (they are circulated as a notice).
    scope_fields = ("issuer",)
    scope_public = PUBLISHED

    scheme = foreign_key(Scheme, _("scheme"), "results")
    scheme_code = models.SlugField(_("scheme code"), max_length=40, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    issuer = unit_fk(_("issuing unit"))
    status = models.CharField(
        _("status"), max_length=20, choices=ResultStatus.choices, default=ResultStatus.DRAFT
    )
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = user_fk(_("computed by"), optional=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = user_fk(_("published by"), optional=True)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("appraisal result")
        verbose_name_plural = _("appraisal results")
        ordering = ["-year", "-quarter", "scheme_code"]
        permissions = [("publish_appraisalresult", _("Can publish appraisal results"))]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme_code", "year", "quarter"], name="result_scheme_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="result_quarter_range",
                violation_error_message=_("A quarter is 1, 2, 3 or 4."),
            ),
        ]

    str_related = ("scheme",)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.scheme.name}"

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def is_published(self) -> bool:
        return self.status == ResultStatus.PUBLISHED

    @property
    def period_end(self) -> dt.date:
        return quarter_bounds(self.year, self.quarter)[1]

    def has_ended_by(self, day: dt.date) -> bool:
        """Whether the quarter is over on ``day`` (its last day has passed)."""
        return day > self.period_end


@audited()
class ResultRow(TimeStampedModel):
    """One unit's score and rank in a result."""

    scope_fields = ("result__issuer",)
    scope_public = Q(result__status=ResultStatus.PUBLISHED)

    result = foreign_key(AppraisalResult, _("result"), "rows", on_delete=models.CASCADE)
    unit = unit_fk(_("unit"))
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=4)
    rank = models.PositiveSmallIntegerField(_("rank"))
    items = models.JSONField(_("item values"), default=dict)
    points = models.JSONField(_("item points"), default=dict)
    bonus = models.DecimalField(_("bonus"), max_digits=8, decimal_places=2, default=0)
    flag = models.CharField(_("flag"), max_length=10, choices=Colour.choices, blank=True)

    class Meta:
        verbose_name = _("result row")
        verbose_name_plural = _("result rows")
        ordering = ["result", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["result", "unit"], name="result_row_unit"),
        ]

    str_related = ("result", "unit")

    def __str__(self) -> str:
        return f"{self.result} #{self.rank} {self.unit}"


@audited()
class FlagAward(TimeStampedModel):
    """A red or yellow flag a town holds for a quarter, with its run (streak)."""

    scope_fields = ("result__issuer",)
    scope_public = Q(result__status=ResultStatus.PUBLISHED)

    result = foreign_key(AppraisalResult, _("result"), "flags")
    unit = unit_fk(_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    colour = models.CharField(_("flag"), max_length=10, choices=Colour.choices)
    streak = models.PositiveSmallIntegerField(_("quarters running"), default=1)
    interview = models.BooleanField(_("interview due"), default=False)  # 约谈
    kept_for_good = models.BooleanField(_("kept for good"), default=False)  # 永久保留

    class Meta:
        verbose_name = _("flag award")
        verbose_name_plural = _("flag awards")
        ordering = ["-year", "-quarter", "colour"]
        constraints = [
            models.UniqueConstraint(fields=["result", "unit"], name="flag_result_unit"),
        ]

    str_related = ("unit",)

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.unit} {self.get_colour_display()}"
