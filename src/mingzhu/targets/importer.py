"""Excel import of observations: columns 指标 (code or name), 单位 (unit of measure), 地区
(org unit code or name), 期间, 数值, optional 来源. One transaction: every row or none.

A row's natural key is its indicator, unit and period: a figure already stored is matched,
left alone when the sheet repeats it, and replaced only when asked (``overwrite``); its
示例 flag, and its 来源 when the sheet has no such column, are kept."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.tabular import (
    MONEY_UNITS,
    Column,
    ImportResult,
    RawRowForm,
    RowError,
    RowProblem,
    Table,
    WorkbookError,
    changeable,
    heading_unit,
    missing_columns,
    quantity,
    read_table,
    run_import,
    title_units,
    units_of,
)
from mingzhu.core.templates_xlsx import Template, TemplateColumn
from mingzhu.org.matching import UnitMatcher

from .choices import Frequency
from .models import Indicator, Observation
from .scoping import writable_units
from .services import PeriodError, month_period, parse_period, quarter_period, year_period

INDICATOR, MEASURE, UNIT, PERIOD, VALUE, SOURCE = "指标", "单位", "地区", "期间", "数值", "来源"
HEADERS = [INDICATOR, MEASURE, UNIT, PERIOD, VALUE, SOURCE]
COLUMNS = [
    Column("indicator", INDICATOR, ("指标名称", "指标代码")),
    # Not needed when the 数值 heading (数值（万元）) or a 单位：万元 line gives the unit.
    Column("measure", MEASURE, ("计量单位",), required=False),
    Column("unit", UNIT, ("单位名称", "单位代码")),
    Column("period", PERIOD),
    Column("value", VALUE),
    Column("source", SOURCE, required=False),
]


# The statistics bureau's wide monthly report (统计月报): a row per indicator with its
# 计量单位, the month's figure (本月) and the year's so far (1-本月累计), under a title that
# names the period (2025年1-10月) and the place (临溪县主要经济指标). Growth columns (同比增长,
# 上年同期) are not observations and are left.
WIDE_COLUMNS = [
    Column("indicator", INDICATOR, ("指标名称", "指标代码", "项目", "指标名")),
    Column("measure", MEASURE, ("计量单位",), required=False),
    Column("unit", UNIT, ("单位名称", "单位代码"), required=False),
    Column("month", "本月", ("本月数", "当月", "本期"), required=False),
    Column(
        "cumulative",
        "累计",
        (
            "1-本月累计",
            "本月累计",
            "1-本月",
            "累计数",
            "本年累计",
            "自年初累计",
            "今年累计",
            # 1-10月累计, 1—10月, 1至10月累计: whatever month it names (the title's).
            *(
                f"1{dash}{n}月{end}"
                for dash in ("-", "—", "－", "~", "～", "至")
                for n in range(1, 13)
                for end in ("", "累计", "份", "份累计")
            ),
        ),
        required=False,
    ),
    Column("source", SOURCE, required=False),
]
# A statistics table of one indicator by unit (各镇（街道）规上工业增加值完成情况): a row per
# town, the indicator named only in the title, columns 本月 / 累计 / 同比.
PER_UNIT_COLUMNS = [
    Column(
        "unit",
        UNIT,
        (
            "单位名称",
            "单位",
            "镇（街道）",
            "乡镇（街道）",
            "镇（街道、园区）",
            "镇（街道、开发区）",
            "镇街",
            "乡镇",
            "镇别",
            "地区名称",
        ),
    ),
    *(c for c in WIDE_COLUMNS if c.key not in {"indicator", "unit", "measure"}),
    Column("measure", "计量单位", required=False),
]
# The abbreviations a title writes an indicator's name with (规上工业增加值).
_ABBREVIATIONS = {"规上": "规模以上", "限上": "限额以上"}
# The period in a title: 2025年1-10月, 2025年1至10月, 2025年10月, 2025年1—10月份.
_TITLE_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:1\s*[-—－~～至]\s*)?(\d{1,2})\s*月")
# What a report writes before a sub-indicator: 其中：, #, 1.
_SUB_MARK = re.compile(r"^(?:其中\s*[:：]?|#|＃|\d+[.、．]\s*)")


def indicator_name(cell) -> str:
    """The indicator a report's row names, without its 其中： mark."""
    return _SUB_MARK.sub("", str(cell or "").strip()).strip()


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
            if quantity(raw, unit=None, into="元") is None:
                raise ValueError(raw)
        except ValueError:
            raise forms.ValidationError(_("%(value)s is not a number.") % {"value": raw}) from None
        return raw

    def written_measure(self, measure: str = "") -> str:
        """The unit the row's 数值 is written in: the one its heading gives (数值（万元）),
        else the row's 单位 cell, else, when there is no 单位 column, a title line's
        (单位：万元); else "" (the indicator's own). A unit a cell writes itself (8500万元)
        wins (``quantity``)."""
        return self.context["value_unit"] or measure or self.context["title_unit"]

    def converted(self, written: str, indicator) -> None:
        """Say once per sheet that figures written in ``written`` are kept in the
        indicator's unit (in the preview's notes)."""
        said = self.context.setdefault("_converted", {})
        key = (written, indicator.unit)
        if key not in said:
            said[key] = RowError(
                self.row,
                self.context.get("value_header", "数值"),
                _("figures in %(given)s are kept in %(unit)s, the indicator's unit")
                % {"given": written, "unit": indicator.unit},
            )

    def clean_source(self):
        return str(self.cleaned_data["source"] or "")

    def clean(self):
        data = self.cleaned_data
        indicator = data.get("indicator")
        if indicator is None:
            return data
        measure = str(data.get("measure") or "").strip()
        # The 单位 column gives the row's unit: the indicator's, or one that converts into
        # it (万元 for 亿元, 公顷 for 亩); the 数值 heading's unit, where there is one, says
        # how the figure is written and the 单位 cell may then only repeat one of the two.
        heading = self.context["value_unit"]
        if self.context["measure_column"] and (
            not measure
            or (measure != indicator.unit and units_of(measure, indicator.unit) is None)
            or (heading and measure not in (heading, indicator.unit))
        ):
            self.add_error(
                "measure",
                _("%(given)s does not match the indicator's unit %(unit)s.")
                % {"given": measure or _("(empty)"), "unit": indicator.unit},
            )
            return data
        written = self.written_measure(measure) or indicator.unit
        family = units_of(written, indicator.unit)
        if written != indicator.unit and family is None:
            self.add_error(
                "value",
                _("%(given)s does not match the indicator's unit %(unit)s.")
                % {"given": written, "unit": indicator.unit},
            )
        elif "value" in data:
            # A figure is kept in the indicator's unit (数值（万元） → 亿元, 公顷 → 亩),
            # exactly; 8500万元 in a cell is read in its own unit.
            raw = data["value"]
            try:
                data["value"] = (
                    quantity(raw, unit=written, into=indicator.unit, units=family)
                    if family is not None
                    else read_value(raw)
                )
            except ValueError:
                self.add_error("value", _("%(value)s is not a number.") % {"value": raw})
                return data
            if written != indicator.unit:
                self.converted(written, indicator)
        problem = indicator.value_problem(data.get("value"))
        if problem:
            self.add_error("value", problem)
        try:
            data["period"] = parse_period(data.get("period"), indicator.frequency)
        except PeriodError as exc:
            self.add_error("period", str(exc))
            return data
        return self.unique(data)

    def unique(self, data: dict) -> dict:
        indicator = data["indicator"]
        if not self.errors:
            key = (indicator.pk, data["unit"].pk, data["period"].key)
            earlier = self.seen_before(key, "observation")
            if earlier is not None:
                self.add_error("period", _("the same as row %(row)s.") % {"row": earlier})
        return data


class MonthlyReportRow(ObservationRow):
    """A row of a 统计月报: the indicator's figure for the title's period (1-N月 of a year)
    and place. An indicator that accumulates within the year takes the cumulative figure
    (1-N月累计) as its value for month N (a monthly indicator), the quarter ending with
    month N (a quarterly one) or the year (a yearly one, at 1-12月); one that does not
    accumulate takes the month's figure (本月) the same way. The figure is read in the
    row's 计量单位 (or the report's 单位：亿元 line) and kept in the indicator's unit when
    both are amounts (8650 万元 → 0.865 亿元)."""

    def clean_indicator(self):
        name = indicator_name(self.cleaned_data["indicator"])
        indicator = self.context["indicators"].get(name)
        if indicator is None:
            raise forms.ValidationError(_("no indicator with this code or name"))
        return indicator

    def clean_unit(self):
        if self.context["place"] is not None:
            return self.context["place"]
        name = str(self.cleaned_data["unit"] or "").strip()
        unit = self.context["units"].get(name) or self.context["matcher"].find(name)
        if unit is None:
            raise forms.ValidationError(_("not a unit you may enter observations for"))
        return unit

    def clean_value(self):
        return None

    def clean_month(self):
        return self.cleaned_data["month"]

    def clean_cumulative(self):
        return self.cleaned_data["cumulative"]

    def clean(self):
        data = self.cleaned_data
        if self.context["title_indicator"] is not None:  # a per-unit table's
            data["indicator"] = self.context["title_indicator"]
        indicator = data.get("indicator")
        if indicator is None or self.errors:
            return data
        key = "cumulative" if indicator.accumulates else "month"
        year, month = self.context["period"]
        if key not in self.context["columns"]:
            self.add_error(
                "indicator",
                _("%(indicator)s needs the report's %(column)s column, which it does not have.")
                % {
                    "indicator": indicator.name,
                    "column": "累计" if key == "cumulative" else "本月",
                },
            )
            return data
        written = self.cell_measure(data)
        family = units_of(written, indicator.unit) or MONEY_UNITS
        try:
            value = quantity(data.get(key), unit=written, into=indicator.unit, units=family)
        except (ValueError, KeyError):  # KeyError: an amount for an indicator in 家
            raise forms.ValidationError(
                {key: _("%(value)s is not a number.") % {"value": data.get(key)}}
            ) from None
        if value is None:
            self.add_error(
                key,
                _("is empty: %(indicator)s has no figure here.") % {"indicator": indicator.name},
            )
            return data
        if written and written != indicator.unit and units_of(written, indicator.unit) is None:
            self.add_error(
                "measure",
                _("%(given)s does not match the indicator's unit %(unit)s.")
                % {"given": written, "unit": indicator.unit},
            )
            return data
        if written and written != indicator.unit:
            self.converted(written, indicator)
        data["value"] = value
        try:
            data["period"] = report_period(year, month, indicator.frequency)
        except PeriodError as exc:
            self.add_error("indicator", str(exc))
            return data
        problem = indicator.value_problem(value)
        if problem:
            self.add_error(key, problem)
        return self.unique(data)

    def cell_measure(self, data: dict) -> str:
        """The unit the row's figure is written in: its 计量单位 cell, else the report's."""
        return str(data.get("measure") or "").strip() or self.context["measure"] or ""


def report_period(year: int, month: int, frequency: str):
    """The period of an indicator of ``frequency`` that a report of 1-``month`` of
    ``year`` gives: the month, the quarter ending with it, or the year at 1-12月."""
    if frequency == Frequency.MONTH:
        return month_period(year, month)
    if frequency == Frequency.QUARTER and month % 3 == 0:
        return quarter_period(year, month // 3)
    if frequency == Frequency.YEAR and month == 12:
        return year_period(year)
    raise PeriodError(
        _(
            "The report is of %(year)s年1-%(month)s月, which is no %(frequency)s period of "
            "this indicator (a quarter needs 1-3, 1-6, 1-9 or 1-12月, a year 1-12月)."
        )
        % {"year": year, "month": month, "frequency": Frequency(frequency).label}
    )


def read_monthly_report(file) -> Table | None:
    """The table of a wide 统计月报, or None when the sheet is not one (no indicator column
    with a 本月 or 累计 column beside it)."""
    try:
        table = read_table(file, WIDE_COLUMNS)
    except WorkbookError:
        try:
            table = read_table(file, PER_UNIT_COLUMNS)
        except WorkbookError:
            return None
    if not {"month", "cumulative"} & set(table.headers):
        return None
    return table


def _report_context(table: Table, units: dict, indicators: list) -> dict:
    """The period, place and unit of measure a 统计月报's title gives its rows; a
    ``WorkbookError`` naming what it lacks."""
    titles = " ".join(table.titles)
    periods = {(int(y), int(m)) for y, m in _TITLE_PERIOD.findall(titles)}
    if len(periods) != 1 or not 1 <= next(iter(periods))[1] <= 12:
        raise WorkbookError(
            _(
                "The report's title does not name the one period it is of "
                "(write it like 2025年1-10月); %(missing)s"
            )
            % {"missing": missing_columns([COLUMNS[3]])}
        )
    place = None
    if "unit" not in table.headers:
        place = _place_in(titles, units)
        if place is None:
            raise WorkbookError(
                _(
                    "The report's title names no unit you may enter observations for, and "
                    "it has no column for it. %(missing)s"
                )
                % {"missing": missing_columns([COLUMNS[2]])}
            )
    measure = None
    if "measure" not in table.headers:
        key = "cumulative" if "cumulative" in table.headers else "month"
        measure = table.unit(key, MONEY_UNITS) or heading_unit(table.header(key)) or None
    return {
        "period": periods.pop(),
        "place": place,
        "measure": measure,
        "title_indicator": _indicator_in(table, titles, indicators),
    }


def _indicator_in(table: Table, titles: str, indicators: list):
    """The one indicator a per-unit table's title names (各镇规上工业增加值完成情况 → 规模以上
    工业增加值), None for a report with an indicator column; a ``WorkbookError`` when the
    title names none the platform tracks, or several."""
    if "indicator" in table.headers:
        return None
    for short, full in _ABBREVIATIONS.items():
        titles = titles.replace(short, full)
    found = [i for i in indicators if len(i.name) >= 2 and i.name in titles]
    # 工业增加值 inside 规模以上工业增加值 is the longer name's.
    found = [i for i in found if not any(i.name != o.name and i.name in o.name for o in found)]
    if len(found) != 1:
        raise WorkbookError(
            _(
                "The table has no indicator column, and its title names %(found)s of the "
                "platform's indicators: it should name exactly one. %(missing)s"
            )
            % {
                "found": "、".join(i.name for i in found) or _("none"),
                "missing": missing_columns([COLUMNS[0]]),
            }
        )
    return found[0]


def _place_in(text: str, units: dict):
    """The one unit a title names (临溪县主要经济指标 → 临溪县; 河口镇… → 临溪县河口镇人民政府):
    its name, short name or name without the county and 人民政府/办事处, the longest found."""
    best: dict[int, tuple[int, object]] = {}
    for unit in {u.pk: u for u in units.values()}.values():
        bare = re.sub(r"(?:人民政府|办事处|委员会)$", "", unit.name)
        if unit.parent is not None:
            bare = bare.removeprefix(unit.parent.name)
        lengths = [
            len(n) for n in {unit.name, unit.short_name or "", bare} if len(n) >= 2 and n in text
        ]
        if lengths:
            best[unit.pk] = (max(lengths), unit)
    ranked = sorted(best.values(), key=lambda found: -found[0])
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def _long_context(table: Table) -> dict:
    """The unit the long layout's 数值 heading (数值（万元）) gives its figures, and the one a
    title line (单位：万元) gives them when there is no 单位 column; without any of the
    three the sheet is refused naming 单位."""
    value_unit = heading_unit(table.header("value"))
    titles = {u for text in table.titles for u in title_units(text)}
    measure_column = "measure" in table.headers
    title_unit = titles.pop() if len(titles) == 1 and not measure_column else ""
    if not (measure_column or value_unit or title_unit):
        raise missing_columns([COLUMNS[1]])
    return {"value_unit": value_unit, "title_unit": title_unit, "measure_column": measure_column}


def import_observations(file, *, actor, overwrite: bool = False) -> ImportResult:
    """Validate every row, then write them all, or nothing when any row has an error. A
    value already stored is replaced only with ``overwrite``; otherwise the row is refused,
    naming the stored value. A replacement is in the audit trail with its author. A wide
    统计月报 (see ``MonthlyReportRow``) is read as well as the long layout."""
    units = {}
    for u in writable_units(actor, "add").select_related("parent"):
        units[u.code] = units[u.name] = u
    form = ObservationRow
    try:
        table = read_table(file, COLUMNS)
        report = _long_context(table)
    except WorkbookError:
        table = read_monthly_report(file)
        if table is None:
            raise
        report = _report_context(table, units, list(Indicator.objects.all())) | {
            "columns": set(table.headers),
            "matcher": UnitMatcher({u.pk: u for u in units.values()}.values()),
        }
        form = MonthlyReportRow
    has_source = "source" in table.headers
    indicators = list(Indicator.objects.all())
    known = {i.code: i for i in indicators} | {i.name: i for i in indicators}
    context = {"indicators": known, "units": units, **report}
    notes = _untracked(table, known) if form is MonthlyReportRow else []
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

    context["value_header"] = table.header(
        "cumulative" if "cumulative" in table.headers else "value"
    )
    with acting_as(actor):
        result = run_import(table, form, write, context=context, prepare=prepare)
    converted = list(context.get("_converted", {}).values())
    result.notes = notes + converted + result.notes
    return result


def _untracked(table: Table, known: dict) -> list[RowError]:
    """A 统计月报 lists every indicator the bureau reports; the rows of those the platform
    does not track are left out of ``table`` (before the checks) and named as notes, so
    that the report imports the figures it has indicators for."""

    def why(record) -> str:
        name = indicator_name(record.get("indicator"))
        if not name or name in known:
            return ""
        return _("%(name)s is no indicator of the platform: left out") % {"name": name}

    return table.leave_out("indicator", why)


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
