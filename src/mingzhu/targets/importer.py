"""Excel import of observations: columns 指标 (code or name), 单位 (unit of measure), 地区
(org unit code or name), 期间, 数值, optional 来源. One transaction: every row or none.

A row's natural key is its indicator, unit and period: a figure already stored is matched,
left alone when the sheet repeats it, and replaced only when asked (``overwrite``); its
示例 flag, and its 来源 when the sheet has no such column, are kept."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.tabular import (
    Column,
    ImportResult,
    RawRowForm,
    RowProblem,
    changeable,
    read_table,
    run_import,
)
from mingzhu.core.templates_xlsx import Template, TemplateColumn

from .models import Indicator, Observation
from .scoping import writable_units
from .services import PeriodError, parse_period

INDICATOR, MEASURE, UNIT, PERIOD, VALUE, SOURCE = "指标", "单位", "地区", "期间", "数值", "来源"
HEADERS = [INDICATOR, MEASURE, UNIT, PERIOD, VALUE, SOURCE]
COLUMNS = [
    Column("indicator", INDICATOR, ("指标名称", "指标代码")),
    Column("measure", MEASURE, ("计量单位",)),
    Column("unit", UNIT, ("单位名称", "单位代码")),
    Column("period", PERIOD),
    Column("value", VALUE),
    Column("source", SOURCE, required=False),
]


def read_value(value) -> Decimal:
    if isinstance(value, bool) or value is None or str(value).strip() == "":
        raise ValueError
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


class ObservationRow(RawRowForm):
    def clean_indicator(self):
        indicator = self.context["indicators"].get(str(self.cleaned_data["indicator"] or ""))
        if indicator is None:
            raise forms.ValidationError(_("no indicator with this code or name"))
        return indicator

    def clean_unit(self):
        unit = self.context["units"].get(str(self.cleaned_data["unit"] or ""))
        if unit is None:
            raise forms.ValidationError(_("not a unit you may enter observations for"))
        return unit

    def clean_value(self):
        raw = self.cleaned_data["value"]
        try:
            return read_value(raw)
        except ValueError:
            raise forms.ValidationError(_("%(value)s is not a number.") % {"value": raw}) from None

    def clean_source(self):
        return str(self.cleaned_data["source"] or "")

    def clean(self):
        data = self.cleaned_data
        indicator = data.get("indicator")
        if indicator is None:
            return data
        measure = str(data.get("measure") or "").strip()
        if measure != indicator.unit:
            self.add_error(
                "measure",
                _("%(given)s does not match the indicator's unit %(unit)s.")
                % {"given": measure or _("(empty)"), "unit": indicator.unit},
            )
        problem = indicator.value_problem(data.get("value"))
        if problem:
            self.add_error("value", problem)
        try:
            data["period"] = parse_period(data.get("period"), indicator.frequency)
        except PeriodError as exc:
            self.add_error("period", str(exc))
            return data
        if not self.errors:
            key = (indicator.pk, data["unit"].pk, data["period"].key)
            earlier = self.seen_before(key, "observation")
            if earlier is not None:
                self.add_error("period", _("the same as row %(row)s.") % {"row": earlier})
        return data


def import_observations(file, *, actor, overwrite: bool = False) -> ImportResult:
    """Validate every row, then write them all, or nothing when any row has an error. A
    value already stored is replaced only with ``overwrite``; otherwise the row is refused,
    naming the stored value. A replacement is in the audit trail with its author."""
    table = read_table(file, COLUMNS)
    has_source = "source" in table.headers
    indicators = list(Indicator.objects.all())
    units = {}
    for u in writable_units(actor, "add"):
        units[u.code] = units[u.name] = u
    context = {
        "indicators": {i.code: i for i in indicators} | {i.name: i for i in indicators},
        "units": units,
    }
    may_change = changeable(Observation.objects.all(), actor)
    stored = {}

    def prepare(rows: list[dict]) -> None:
        for o in Observation.objects.select_for_update().filter(
            indicator_id__in={r["indicator"].pk for r in rows},
            unit_id__in={r["unit"].pk for r in rows},
        ):
            stored[(o.indicator_id, o.unit_id, o.period)] = o

    def write(row: dict, _number: int):
        indicator, unit, period = row["indicator"], row["unit"], row["period"]
        existing = stored.get((indicator.pk, unit.pk, period.key))
        if existing is not None and existing.pk not in may_change:
            raise RowProblem("unit", _("a value exists that you may not change"))
        if existing is not None and existing.value != row["value"] and not overwrite:
            raise RowProblem(
                "value",
                _(
                    "%(period)s already has %(old)s recorded. To replace it with %(new)s, "
                    'tick "Replace the recorded figure" and submit again.'
                )
                % {
                    "period": period.key,
                    "old": f"{existing.value.normalize():f}",
                    "new": f"{row['value'].normalize():f}",
                },
            )
        # A column the sheet does not carry (来源) keeps what is stored.
        source = row["source"] if has_source or existing is None else existing.source
        if existing is not None and (existing.value, existing.source) == (row["value"], source):
            return existing, None  # matched and unchanged: nothing written
        obs = existing or Observation(indicator=indicator, unit=unit, is_illustrative=False)
        obs.set_period(period)
        obs.value, obs.source, obs.entered_by = row["value"], source, actor
        obs.measure_unit = indicator.unit  # the 示例 flag of a stored figure is kept
        obs.save()
        return obs, existing is None

    with acting_as(actor):
        return run_import(table, ObservationRow, write, context=context, prepare=prepare)


def export_rows(observations):
    for o in observations:
        yield [o.indicator.code, o.indicator.unit, o.unit.code, o.period, o.value, o.source]


def observation_template(indicators, units) -> Template:
    """The template of the sheet (``core.templates_xlsx``)."""
    indicators = list(indicators)
    first = indicators[0] if indicators else None
    return Template(
        sheet=_("Observations"),
        columns=[
            TemplateColumn(
                INDICATOR,
                _("The indicator's code or name."),
                True,
                choices=[i.name for i in indicators],
            ),
            TemplateColumn(MEASURE, _("The indicator's unit of measure, as it is defined."), True),
            TemplateColumn(
                UNIT,
                _("The unit (town, department) the figure is for."),
                True,
                choices=[u.name for u in units],
            ),
            TemplateColumn(
                PERIOD,
                _(
                    "2025, 2025Q3 or 2025-07, as the indicator is reported; a figure already "
                    "entered for the same indicator, unit and period is matched."
                ),
                True,
            ),
            TemplateColumn(VALUE, _("A number."), True),
            TemplateColumn(SOURCE, _("Where the figure comes from."), False),
        ],
        example=["示例", first.unit if first else "亿元", "", "2025", 1, ""],
    )
