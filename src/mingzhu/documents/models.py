"""Policy documents (政策文件) and their decomposition (任务分解): the draft rows an office
corrects before adopting them as a task list and targets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.core.audit import audited
from mingzhu.core.fields import foreign_key, illustrative, task_list_fk, unit_fk, user_fk
from mingzhu.core.models import TimeStampedModel

from .choices import Comparator


@audited()
class LeadRule(TimeStampedModel):
    """One row of the keyword → lead unit table (in order of priority)."""

    scope_global = True

    keyword = models.CharField(_("keyword"), max_length=40)
    unit = unit_fk(
        _("lead unit"),
        optional=True,
        help_text=_("Left empty, the unit name below is suggested and must be chosen by hand."),
    )
    unit_name = models.CharField(_("unit name"), max_length=100, blank=True)
    priority = models.PositiveIntegerField(
        _("priority"), default=100, help_text=_("Lower numbers are tried first.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("lead unit rule")
        verbose_name_plural = _("lead unit rules")
        ordering = ["priority", "pk"]

    str_related = ("unit",)

    def __str__(self) -> str:
        return f"{self.keyword} → {self.unit.name if self.unit_id else self.unit_name}"


@audited()
class PolicyDocument(TimeStampedModel):
    """A document loaded for decomposition. Adopted once: then its task list and
    targets carry the commitments."""

    scope_fields = ("issuer",)

    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=100, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("text"))
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    issuer = unit_fk(_("unit"))
    loaded_by = user_fk(_("loaded by"), optional=True, on_delete=models.SET_NULL)
    task_list = task_list_fk()
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = user_fk(_("adopted by"), optional=True, on_delete=models.SET_NULL)
    is_illustrative = illustrative()

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["-year", "-pk"]
        permissions = [("adopt_policydocument", _("Can adopt a decomposition"))]

    def __str__(self) -> str:
        return self.title

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


@audited(m2m_fields=("co_units",))
class DocumentItem(TimeStampedModel):
    """One item (task row) of the decomposition table, with the span of the text it
    was found in."""

    scope_fields = ("document__issuer",)

    document = foreign_key(PolicyDocument, _("document"), "items", on_delete=models.CASCADE)
    code = models.CharField(_("code"), max_length=20)
    section_title = models.CharField(_("section"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("task content"), blank=True)
    start = models.PositiveIntegerField(_("start"), default=0)
    end = models.PositiveIntegerField(_("end"), default=0)
    rule = models.CharField(_("found by"), max_length=60, blank=True)
    keyword = models.CharField(_("keyword"), max_length=40, blank=True)
    suggested_unit = models.CharField(_("suggested unit"), max_length=100, blank=True)
    lead_unit = unit_fk(_("lead unit"), optional=True)
    co_units = models.ManyToManyField(
        "org.OrgUnit", verbose_name=_("co-operating units"), blank=True, related_name="+"
    )
    leader = user_fk(_("responsible leader"), optional=True, on_delete=models.SET_NULL)
    named_units = models.CharField(
        _("units named in the text"),
        max_length=300,
        blank=True,
        help_text=_("The words of the text that name the item's units."),
    )
    unmatched_units = models.CharField(
        _("unmatched units"),
        max_length=300,
        blank=True,
        help_text=_("Units the text names that no unit of the org tree matches."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_rule = models.CharField(_("deadline read from"), max_length=60, blank=True)
    long_running = models.BooleanField(
        _("long-running"),
        default=False,
        help_text=_("The text gives no single deadline (长期坚持, 每年 …)."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    task = foreign_key("tasks.Task", _("task"), optional=True)

    class Meta:
        verbose_name = _("document item")
        verbose_name_plural = _("document items")
        ordering = ["document", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#item-{self.code}"


@audited()
class DocumentTarget(TimeStampedModel):
    """A target found in the document; adopted, a numeric one is a target of the
    targets module, a dated qualitative one is tracked by the task of its item."""

    scope_fields = ("document__issuer",)

    document = foreign_key(PolicyDocument, _("document"), "targets", on_delete=models.CASCADE)
    item = foreign_key(DocumentItem, _("item"), "targets", optional=True, on_delete=models.SET_NULL)
    indicator_name = models.CharField(_("indicator"), max_length=100)
    comparator = models.CharField(
        _("comparator"), max_length=2, choices=Comparator.choices, blank=True
    )
    value = models.DecimalField(
        _("target value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    measure_unit = models.CharField(_("unit of measure"), max_length=30, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    change = models.CharField(_("change"), max_length=10, blank=True)
    sentence = models.TextField(_("source sentence"), blank=True)
    start = models.PositiveIntegerField(_("start"), default=0)
    end = models.PositiveIntegerField(_("end"), default=0)
    rule = models.CharField(_("found by"), max_length=60, blank=True)
    deadline_rule = models.CharField(_("deadline read from"), max_length=60, blank=True)
    indicator = foreign_key("targets.Indicator", _("catalogue indicator"), optional=True)
    target = foreign_key("targets.Target", _("adopted target"), optional=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document target")
        verbose_name_plural = _("document targets")
        ordering = ["document", "sort_order", "pk"]

    def __str__(self) -> str:
        if self.value is None:
            return self.indicator_name
        value = f"{self.value.normalize():f}"
        return f"{self.indicator_name} {self.comparator} {value} {self.measure_unit}"

    @property
    def is_qualitative(self) -> bool:
        return self.value is None

    @property
    def value_display(self) -> str:
        return "" if self.value is None else f"{self.value.normalize():f}"
