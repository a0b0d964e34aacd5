"""The towns' monthly investment progress sheet (重点项目投资进度表) into the ledger.

Each row names a project of the ledger whose investment the user may record (by its
name, with the town where two projects share one) and gives its annual plan (年度计划投资),
the investment completed so far this year (1-N月累计完成投资) or in the month (本月完成投资),
and what the month's report says beside it: 形象进度 and 备注, kept on the month's record.
A project the user may not record for reads as one that does not exist.
The report's year and month come from the title (临溪县2026年1-10月重点项目投资进度表)
or, when it names none, from the page's 报告月份. The figures go through
``actions.record_investment``: its checks, its audit trail and its rule for a figure
already recorded (replaced only when the page's option says so). All rows or none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from mingzhu.core import periods
from mingzhu.core.scope import units_in_scope
from mingzhu.core.tabular import (
    MONEY_UNITS,
    Column,
    ImportResult,
    RawRowForm,
    RowProblem,
    Table,
    WorkbookError,
    read_table,
    run_import,
)
from mingzhu.core.templates_xlsx import Template, from_columns
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.matching import UnitMatcher, city_prefixes

from . import actions
from .importer import COLUMNS as PROJECT_COLUMNS
from .importer import H_NAME, H_PLANNED, PLANNED_DATED, PLANNED_NAMES, figure
from .models import InvestmentPlan, MonthlyInvestment, Project

H_TOWN = "所在镇（街道）"
H_CUMULATIVE = "累计完成投资（万元）"
H_MONTH = "本月完成投资（万元）"
H_PROGRESS = "形象进度"
H_REMARK = "备注"

_DASHES = ("-", "—", "～", "~", "至")
_CUMULATIVE_WORDS = ("累计完成投资", "累计完成", "完成投资", "累计完成投资额", "已完成投资")


def _cumulative_headings() -> tuple[str, ...]:
    """1-10月累计完成投资, 1～10月完成投资, 截至10月底累计完成投资 … for every month."""
    names = [
        "累计完成投资",
        "本年累计完成投资",
        "今年累计完成投资",
        "年度累计完成投资",
        "累计已完成投资",
    ]
    for n in range(1, 13):
        for dash in _DASHES:
            names += [f"1{dash}{n}月{word}" for word in _CUMULATIVE_WORDS]
        # 截至8月底已完成投资, 截至8月末累计完成投资 …
        for until in (f"截至{n}月底", f"截至{n}月末", f"截至{n}月", f"截止{n}月底"):
            names += [f"{until}{word}" for word in _CUMULATIVE_WORDS]
    return tuple(dict.fromkeys(names))


def _month_headings() -> tuple[str, ...]:
    names = ["本月完成投资", "当月完成投资", "本月完成", "月度完成投资"]
    for n in range(1, 13):
        names += [f"{n}月完成投资", f"{n}月份完成投资", f"{n}月当月完成投资"]
    return tuple(names)


_PROJECT_TOWN = next(c for c in PROJECT_COLUMNS if c.key == "town")
COLUMNS = [
    Column("name", H_NAME, ("项目", "重点项目名称")),
    Column("town", H_TOWN, tuple(n for n in _PROJECT_TOWN.names if n != H_TOWN), required=False),
    Column(
        "planned",
        H_PLANNED,
        (*PLANNED_NAMES, "计划投资"),
        required=False,
        dated=PLANNED_DATED,
    ),
    Column("cumulative", H_CUMULATIVE, _cumulative_headings(), required=False),
    Column("monthly", H_MONTH, _month_headings(), required=False),
    Column(
        "progress",
        H_PROGRESS,
        (
            "形象进度情况",
            "工程形象进度",
            "项目形象进度",
            "目前形象进度",
            "项目进展情况",
            "进展情况",
        ),
        required=False,
    ),
    Column("remark", H_REMARK, ("备 注", "说明"), required=False),
]
FIGURES = ("planned", "cumulative", "monthly")
NOTES = actions.NOTE_FIELDS
NOTE_LENGTH = MonthlyInvestment._meta.get_field("progress").max_length
# The headings the template names for a column of many (1-10月累计完成投资 for each month).
TEMPLATE_ALIASES = {"cumulative": ("1-10月累计完成投资（万元）",)}

# 2026年1-10月, 2026年10月, 2026年1至10月 in a title line (not a day: 2026年11月5日).
_TITLE_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*[-—～~至]\s*)?(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)(?!份?\s*\d)"
)
# 截至8月底, 截止8月末 in a title line: the month a report of the title's year runs to.
_TITLE_UNTIL = re.compile(r"截[至止]\s*(\d{1,2})\s*月(?:底|末|份)?(?!\s*\d{1,2}\s*日)")
# The month a heading's cumulative column runs to: 1-10月累计 … → 10.
_HEADING_MONTH = re.compile(r"(\d{1,2})\s*月")


@dataclass(frozen=True)
class Period:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


def parse_month(text: str) -> Period | None:
    """A report month as written (2026-10, 2026年10月, 2026.10, or a day of it such as
    2026-10-01), else None (also a month not from 1 to 12)."""
    text = str(text or "").strip()
    day = periods.month_start(text) or periods.parse_day(text)
    return Period(day.year, day.month) if day is not None else None


def title_period(table: Table) -> tuple[int | None, int | None]:
    """(year, month) the title rows name: 2026年1-10月 → (2026, 10); a title naming a year
    alone (2026年重点项目投资进度表) → (2026, None); none → (None, None). A title naming
    two different months is refused."""
    periods = {
        (int(y), int(m))
        for text in table.titles
        for y, start, m in _TITLE_PERIOD.findall(text)
        if not start or int(start) == 1
    }
    if len(periods) > 1:
        shown = "、".join(f"{y}年{m}月" for y, m in sorted(periods))
        raise WorkbookError(
            _("The title names more than one month (%(months)s): which report is it?")
            % {"months": shown}
        )
    if periods:
        return periods.pop()
    # 2025年重点项目进展情况表（截至8月底）: the title's year, the month it runs to.
    year = table.title_year()
    untils = {int(m) for text in table.titles for m in _TITLE_UNTIL.findall(text)}
    if year is not None and len(untils) == 1:
        return year, untils.pop()
    return year, None


def report_period(table: Table, chosen: Period | None) -> Period:
    """The month the sheet reports on: the title's, else the month a figure's heading
    names (1-10月累计完成投资, 10月完成投资) with the title's year, else the one chosen on
    the page. Refused when none is known, or when the page's choice or the heading
    disagrees with the sheet."""
    year, month = title_period(table)
    # 1-10月累计完成投资, else 10月完成投资: the month the figures run to.
    heading, heading_month = "", None
    for key in ("cumulative", "monthly"):
        found = _HEADING_MONTH.search(table.headers.get(key, ""))
        if found:
            heading, heading_month = table.headers[key], int(found.group(1))
            break
    if month is not None and heading_month is not None and heading_month != month:
        raise WorkbookError(
            _("The title reports on month %(title)s, the heading %(heading)s on month %(month)s.")
            % {"title": month, "heading": heading, "month": heading_month}
        )
    month = month or heading_month
    if chosen is not None:
        if (year is not None and year != chosen.year) or (
            month is not None and month != chosen.month
        ):
            raise WorkbookError(
                _(
                    "The report month chosen (%(chosen)s) is not the one the sheet names "
                    "(%(named)s)."
                )
                % {
                    "chosen": chosen,
                    "named": f"{year or chosen.year}-{month or chosen.month:02d}",
                }
            )
        return chosen
    if year is None or month is None:
        raise WorkbookError(
            _(
                "The sheet's title names no report month (such as 2026年1-10月): choose "
                "the report month on the page (--month on the command line)."
            )
        )
    if not 1 <= month <= 12:
        raise WorkbookError(_("Months run from 1 to 12."))
    return Period(year, month)


def _name_key(name: str) -> str:
    """A project's name as rows and the ledger are matched by (spaces left out)."""
    return re.sub(r"\s+", "", name)


class InvestmentRow(RawRowForm):
    def clean_name(self):
        name = _name_key(self.text("name"))
        if not name:
            raise forms.ValidationError(_("This field is required."))
        return name

    def clean_town(self):
        name = self.text("town")
        if not name:
            return None
        town = self.context["towns"].find(name)
        if town is None:
            raise forms.ValidationError(
                _("Unknown town, or one outside your scope: %(value)s") % {"value": name}
            )
        return town

    def _figure(self, key: str):
        return figure(self.cleaned_data[key], self.context["units"].get(key))

    def clean_planned(self):
        return self._figure("planned")

    def clean_cumulative(self):
        return self._figure("cumulative")

    def clean_monthly(self):
        return self._figure("monthly")

    def _note(self, key: str) -> str:
        text = self.text(key)
        if len(text) > NOTE_LENGTH:
            raise forms.ValidationError(_("At most %(count)s characters.") % {"count": NOTE_LENGTH})
        return text

    def clean_progress(self):
        return self._note("progress")

    def clean_remark(self):
        return self._note("remark")

    def clean(self):
        data = self.cleaned_data
        if "name" not in data:
            return data
        # A town refused (unknown, outside the scope) still lets the name be looked up.
        project = self._project(data["name"], data.get("town"))
        if project is None:
            return data
        data["project"] = project
        earlier = self.seen_before(project.pk, "project")
        if earlier is not None:
            self.add_error("name", _("Duplicate of row %(row)s.") % {"row": earlier})
            return data
        if all(data.get(key) is None for key in FIGURES):
            raise forms.ValidationError(_("The row gives no figure."))
        data["completed"] = self._completed(project, data)
        notes = [key for key in NOTES if data.get(key)]
        month = self.context["period"].month
        recorded = month in self.context["recorded"].get(project.pk, {})
        if notes and data.get("completed") is None and not recorded and not self.errors:
            self.add_error(
                notes[0],
                _("Give the month's completed investment with its progress or remark."),
            )
        return data

    def _project(self, name: str, town) -> Project | None:
        """The project the row names among those whose investment the user may record,
        else None with the row's error (two of that name, or none: a project outside the
        user's scope reads as one that does not exist)."""
        mine = [p for p in self.context["projects"].get(name, []) if town is None or p.town == town]
        if len(mine) == 1:
            return mine[0]
        if len(mine) > 1:
            towns = "、".join(p.town.name for p in mine)
            self.add_error(
                "town" if "town" in self.context["headers"] else "name",
                _("%(name)s is the name of projects in %(towns)s: give the town.")
                % {"name": name, "towns": towns},
            )
            return None
        if town is not None:
            message = _("No project named %(name)s of %(town)s in your scope.") % {
                "name": name,
                "town": town.name,
            }
        else:
            message = _("No project named %(name)s in your scope.") % {"name": name}
        self.add_error("name", message)
        return None

    def _completed(self, project: Project, data: dict) -> Decimal | None:
        """The investment completed in the report's month: 本月完成投资 as written, or
        the cumulative figure less the months before it already recorded."""
        month = self.context["period"].month
        before = sum(
            (v for m, v in self.context["recorded"].get(project.pk, {}).items() if m < month),
            Decimal(0),
        )
        cumulative, monthly = data.get("cumulative"), data.get("monthly")
        if cumulative is not None and cumulative < before:
            self.add_error(
                "cumulative",
                _(
                    "%(cumulative)s is less than the %(before)s already recorded for months "
                    "1 to %(last)s of %(year)s."
                )
                % {
                    "cumulative": _plain(cumulative),
                    "before": _plain(before),
                    "last": month - 1,
                    "year": self.context["period"].year,
                },
            )
            return None
        if monthly is not None:
            if cumulative is not None and before + monthly != cumulative:
                self.add_error(
                    "monthly",
                    _(
                        "The months recorded before (%(before)s) and this month's %(month)s "
                        "do not add up to the cumulative %(cumulative)s."
                    )
                    % {
                        "before": _plain(before),
                        "month": _plain(monthly),
                        "cumulative": _plain(cumulative),
                    },
                )
                return None
            return monthly
        return None if cumulative is None else cumulative - before


def _plain(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _towns(actor):
    """The towns whose projects' investment ``actor`` may record."""
    return units_in_scope(actor, actions.RECORD_INVESTMENT).filter(kind__in=TOWN_KINDS)


def _row_context(actor, table: Table, period: Period) -> dict:
    towns = _towns(actor)
    may_change = set(actions.investment_projects(actor).values_list("pk", flat=True))
    projects = defaultdict(list)
    for project in Project.objects.filter(pk__in=may_change).select_related("town"):
        projects[_name_key(project.name)].append(project)
    recorded: dict[int, dict[int, Decimal]] = defaultdict(dict)
    notes: dict[int, dict[str, str]] = {}
    for project_id, month, completed, *texts in MonthlyInvestment.objects.filter(
        project__in=may_change, year=period.year
    ).values_list("project_id", "month", "completed", *NOTES):
        recorded[project_id][month] = completed
        if month == period.month:
            notes[project_id] = dict(zip(NOTES, texts, strict=True))
    plans = dict(
        InvestmentPlan.objects.filter(project__in=may_change, year=period.year).values_list(
            "project_id", "planned"
        )
    )
    return {
        "towns": UnitMatcher(towns.filter(is_active=True), prefixes=city_prefixes()),
        "projects": projects,
        "recorded": recorded,
        "plans": plans,
        "notes": notes,
        "period": period,
        "headers": table.headers,
        "units": {key: table.unit(key, MONEY_UNITS) for key in FIGURES},
    }


def import_investment(
    file,
    *,
    actor,
    month: Period | None = None,
    overwrite: bool = False,
    valid_only: bool = False,
) -> ImportResult:
    """Record the annual plans and the month's completed investment the sheet gives for
    the projects it names. With any error nothing is written."""
    if not actions.may_record_investment(actor):
        raise PermissionDenied(_("You may not record investment from a sheet."))
    table = read_table(file, COLUMNS)
    if not any(key in table.headers for key in FIGURES):
        raise WorkbookError(
            _("Missing columns: %(columns)s")
            % {"columns": "、".join((H_PLANNED, "1-N月累计完成投资", H_MONTH))}
        )
    period = report_period(table, month)
    context = _row_context(actor, table, period)
    completed_column = "monthly" if "monthly" in table.headers else "cumulative"

    def write(row: dict, _number: int):
        project = row["project"]
        planned, completed = row.get("planned"), row.get("completed")
        notes = {key: row[key] for key in NOTES if row.get(key)}
        before_plan = context["plans"].get(project.pk)
        before_month = context["recorded"].get(project.pk, {}).get(period.month)
        before_notes = context["notes"].get(project.pk, {})
        changed = (
            (planned is not None and before_plan != planned)
            or (completed is not None and before_month != completed)
            or any(before_notes.get(key) != text for key, text in notes.items())
        )
        try:
            actions.record_investment(
                project.pk,
                actor=actor,
                year=period.year,
                planned=planned,
                monthly={period.month: completed} if completed is not None else {},
                notes={period.month: notes} if notes else None,
                overwrite=overwrite,
            )
        except PermissionDenied as exc:
            raise RowProblem("name", str(exc)) from None
        except ValidationError as exc:
            messages = getattr(exc, "message_dict", {"": exc.messages})
            field, texts = next(iter(messages.items()))
            column = field if field in ("planned", *NOTES) else completed_column
            raise RowProblem(column, " ".join(texts)) from None
        if not changed:
            return project, None
        what = _changes(period, planned, before_plan, completed, before_month, notes, before_notes)
        return project, False, f"{project.name}：{what}"

    return run_import(table, InvestmentRow, write, context=context, valid_only=valid_only)


def _changes(period, planned, before_plan, completed, before_month, notes, before_notes) -> str:
    """What a row changes, for the preview: each figure with the one it replaces, and the
    month's texts."""

    def figure_change(label: str, new: Decimal, old: Decimal | None) -> str:
        if old is None:
            return _("%(what)s %(new)s (10k yuan)") % {"what": label, "new": _plain(new)}
        return _("%(what)s %(old)s → %(new)s (10k yuan)") % {
            "what": label,
            "old": _plain(old),
            "new": _plain(new),
        }

    parts = []
    if planned is not None and planned != before_plan:
        parts.append(
            figure_change(_("plan of %(year)s") % {"year": period.year}, planned, before_plan)
        )
    if completed is not None and completed != before_month:
        label = _("completed in %(month)s") % {"month": period}
        parts.append(figure_change(label, completed, before_month))
    labels = {"progress": H_PROGRESS, "remark": H_REMARK}
    for key, text in notes.items():
        if before_notes.get(key) != text:
            parts.append(f"{labels[key]}：{text}")
    return "；".join(parts)


def investment_template(actor) -> Template:
    """The progress sheet's template: the projects the user may record investment for."""
    names = (
        actions.investment_projects(actor)
        .order_by("town__path", "name")
        .values_list("name", flat=True)
    )
    return from_columns(
        _("Investment progress"),
        [
            replace(c, aliases=TEMPLATE_ALIASES.get(c.key, c.aliases))
            for c in COLUMNS
            if c.key != "monthly"
        ],
        meanings={
            "name": _("The project's name, as in the ledger."),
            "town": _(
                "The project's town, street or zone; needed only where two projects share the name."
            ),
            "planned": _("The year's planned investment in 10k yuan (empty: left as recorded)."),
            "cumulative": _(
                "The investment completed from January to the report month, in 10k yuan; "
                "the month's figure is this less the months already recorded. A column "
                "本月完成投资 may give the month's figure instead. Name the report month "
                "in a title (2026年1-10月) or on the page."
            ),
            "progress": _(
                "How far the work has come (形象进度), kept with the month's figure "
                "(empty: left as recorded)."
            ),
            "remark": _("Remarks on the month, kept with its figure (empty: left as recorded)."),
        },
        choices={"name": list(dict.fromkeys(names))},
        example=["示例", "新坝镇", 12000, 8600, "主体结构封顶", ""],
    )
