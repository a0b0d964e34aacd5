"""Project ledger import from Excel: every row is checked first; all rows are written in
one transaction, or none, with the problems listed per row and field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from mingzhu.core.models import future_date_problem
from mingzhu.core.scope import units_in_scope
from mingzhu.core.tabular import (
    MONEY_UNITS,
    Column,
    ImportResult,
    RawRowForm,
    RowProblem,
    apply_row,
    cell_text,
    changeable,
    quantity,
    read_table,
    run_import,
)
from mingzhu.core.templates_xlsx import Template, from_columns
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.matching import UnitMatcher, city_prefixes

from .choices import Chain
from .models import FUTURE_STAGE_DATE, Project

# The ledger's column headers, shared by the export so that an export imports again.
H_NAME = "项目名称"
H_INVESTOR = "投资方"
H_CHAIN = "产业链"
H_TOTAL = "总投资（万元）"
H_FOREIGN = "其中外资（万元）"
H_TOWN = "所在镇（街道、园区）"
H_PORT = "港产城融合区"
H_NEGOTIATING = "洽谈日期"
H_DESCRIPTION = "项目简介"
COLUMNS = [
    Column("name", H_NAME),
    Column(
        "investor",
        H_INVESTOR,
        ("投资主体", "投资企业", "签约企业", "投资单位", "项目业主", "业主单位", "建设单位"),
    ),
    Column("chain", H_CHAIN, ("所属产业链", "产业链条")),
    # A heading's unit in brackets (总投资（亿元）) says how its numbers are to be read.
    Column(
        "total",
        H_TOTAL,
        ("总投资", "计划总投资", "投资总额", "投资额", "协议投资额", "计划投资", "计划投资额"),
    ),
    Column(
        "town",
        H_TOWN,
        (
            "所在镇（街道）",
            "所在镇街",
            "镇（街道）",
            "所在乡镇",
            "签约乡镇",
            "落户地点",
            "建设地点",
            "落地镇（街道）",
            "拟落地镇（街道）",
            "落地乡镇",
            "拟落户地点",
        ),
    ),
    Column("negotiating_on", H_NEGOTIATING, ("首次洽谈时间", "洽谈时间", "首次洽谈日期")),
    Column("foreign", H_FOREIGN, ("其中外资", "利用外资"), required=False),
    Column("port", H_PORT, required=False),
    Column("description", H_DESCRIPTION, required=False),
]
YES = {"是", "yes", "y", "true", "1", "√"}
NO = {"否", "no", "n", "false", "0", ""}
CHAIN_WORDS = {
    "临港产业": Chain.PORT,
    "汽车核心零部件": Chain.AUTO_PARTS,
    "光伏新能源": Chain.PHOTOVOLTAIC,
    "工程电气": Chain.ELECTRICAL,
    "先进装备制造": Chain.EQUIPMENT,
    "其他": Chain.OTHER,
}


def _amount(value, *, default=None, unit: str | None = None) -> Decimal:
    """An amount in 万元, as a sheet writes it: 32000, 1.59亿元, 8500万元, or a number in the
    column's ``unit`` (总投资（亿元）, a 单位：亿元 line above the table: ``Table.unit``)."""
    try:
        amount = quantity(value, unit=unit, into="万元")
    except ValueError:
        raise forms.ValidationError(_("Not a number: %(value)s") % {"value": value}) from None
    if amount is None:
        if default is None:
            raise forms.ValidationError(_("This field is required."))
        return default
    if amount < 0:
        raise forms.ValidationError(_("The amount must not be negative."))
    return amount


class ProjectRow(RawRowForm):
    def _required_text(self, name: str) -> str:
        text = cell_text(self.cleaned_data[name])
        if not text:
            raise forms.ValidationError(_("This field is required."))
        return text

    def clean_name(self):
        return self._required_text("name")

    def clean_investor(self):
        return self._required_text("investor")

    def clean_chain(self):
        raw = self.cleaned_data["chain"]
        chain = self.context["chains"].get(cell_text(raw))
        if chain is None:
            raise forms.ValidationError(_("Unknown industry chain: %(value)s") % {"value": raw})
        return chain

    def clean_town(self):
        name = self.text("town")
        town = self.context["towns"].find(name)
        if town is None:
            raise forms.ValidationError(
                _("Unknown town, or one outside your scope: %(value)s") % {"value": name or "—"}
            )
        return town

    def clean_total(self):
        return _amount(self.cleaned_data["total"], unit=self.context["units"].get("total"))

    def clean_foreign(self):
        unit = self.context["units"].get("foreign")
        return _amount(self.cleaned_data["foreign"], default=Decimal(0), unit=unit)

    def clean_port(self):
        port = self.text("port").lower()
        if port not in YES | NO:
            raise forms.ValidationError(_("Answer 是 or 否."))
        return port in YES

    def clean_negotiating_on(self):
        # 2026年3月: negotiations began that month (its first day).
        day = self.day("negotiating_on", month=True)
        problem = future_date_problem(day, message=FUTURE_STAGE_DATE)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean_description(self):
        return self.text("description")

    def clean(self):
        data = self.cleaned_data
        total, foreign = data.get("total"), data.get("foreign")
        if total is not None and foreign is not None and foreign > total:
            self.add_error("foreign", _("Foreign capital exceeds the total investment."))
        town, name = data.get("town"), data.get("name")
        if town is not None and name:
            earlier = self.seen_before((town.pk, name), "project")
            if earlier is not None:
                self.add_error("name", _("Duplicate of row %(row)s.") % {"row": earlier})
        return data


def import_projects(file, *, actor) -> ImportResult:
    """Create or update the projects of the workbook. With any error nothing is written."""
    if not actor.has_perm("projects.add_project"):
        raise PermissionDenied(_("You may not add projects."))
    table = read_table(file, COLUMNS)
    towns = _towns(actor)
    context = row_context(actor, table)
    # A project's natural key is its town and name: a row naming a project of the ledger
    # updates it (the columns the sheet carries; stage, 示例 flag and the rest are kept).
    existing = {(p.town_id, p.name): p for p in Project.objects.filter(town__in=towns)}
    may_change = changeable(Project.objects.filter(town__in=towns), actor)
    fields = {
        "investor": "investor",
        "chain": "chain",
        "total_investment": "total",
        "foreign_investment": "foreign",
        "in_port_zone": "port",
        "negotiating_on": "negotiating_on",
        "description": "description",
    }

    def write(row: dict, _number: int):
        values = {field: row[key] for field, key in fields.items()}
        values["investor"] = values["investor"][:200]
        current = existing.get((row["town"].pk, row["name"][:200]))
        if current is not None and current.pk not in may_change:
            raise RowProblem("name", _("you may not change this project"))
        project = current or Project(name=row["name"][:200], town=row["town"])
        if not apply_row(project, values, list(fields), table, column_of=fields):
            return project, None
        project.save()  # one by one: each change goes into the audit trail
        return project, current is None

    return run_import(table, ProjectRow, write, context=context)


def row_context(actor, table) -> dict:
    """What a row's checks need: the towns in the actor's scope, the chains' words and
    the sheet's headings."""
    chains = {str(c.label): c.value for c in Chain} | {c.value: c.value for c in Chain}
    return {
        # 县经开区 is 临溪经济开发区管理委员会: the city's name in front is dropped.
        "towns": UnitMatcher(_towns(actor).filter(is_active=True), prefixes=city_prefixes()),
        "chains": chains | CHAIN_WORDS,
        "headers": table.headers,
        "units": {key: table.unit(key, MONEY_UNITS) for key in ("total", "foreign")},
    }


def _towns(actor):
    return units_in_scope(actor, "projects.add_project").filter(kind__in=TOWN_KINDS)


def project_template(actor) -> Template:
    """The ledger's template: the towns in scope, the chains and 是/否 in drop-downs."""
    return from_columns(
        _("Projects"),
        COLUMNS,
        meanings={
            "name": _(
                "The project's name. With the town it identifies the project: a project "
                "already in the ledger is updated (its stage and the rest are kept)."
            ),
            "investor": _("The investor (company or person)."),
            "chain": _("The industry chain, as listed."),
            "total": _("Total investment in 10k yuan."),
            "town": _("The town, street or zone: its name, short name or code."),
            "negotiating_on": _(
                "The day negotiations began, such as 2025-12-31 (not in the future)."
            ),
            "foreign": _("Of which foreign capital, in 10k yuan; at most the total. Empty is 0."),
            "port": _("是 if the project is in the port-industry-city zone, else 否."),
            "description": _("A short description."),
        },
        choices={
            "chain": list(CHAIN_WORDS),
            "town": [t.name for t in _towns(actor).filter(is_active=True).order_by("path")],
            "port": ["是", "否"],
        },
        example=["示例", "某某科技有限公司", "先进装备制造", 50000, "", "2025-06-30", 0, "否", ""],
    )
