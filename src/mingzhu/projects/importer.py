"""Project ledger import from Excel: every row is checked first; all rows are written in
one transaction, or none, with the problems listed per row and field.

Two kinds of ledger are read: the investment promotion office's (招商) ledger of projects
under negotiation (产业链, 洽谈日期) and a county's 重点项目 ledger of projects signed or
under way, which has neither column and may say how far each project is (签约时间,
开工时间, 竣工投产时间, a 项目状态 such as 在建). A stage is recorded only with the day the
ledger gives for it (a 在建 without a 开工时间 is refused, not given a day)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.models import future_date_problem
from mingzhu.core.periods import without_year
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

from . import actions
from .choices import STAGE_ORDER, Chain, Stage
from .models import FUTURE_STAGE_DATE, InvestmentPlan, Project

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
H_SIGNED = "签约时间"
H_LANDED = "落地时间"
H_STARTED = "开工时间"
H_COMPLETED = "竣工投产时间"
H_STATUS = "项目状态"
H_SINCE = "起始日期"
H_PLANNED = "年度计划投资（万元）"
# The year's planned investment as ledgers and progress sheets head it.
PLANNED_NAMES = (
    "年度计划投资",
    "年度计划",
    "年计划投资",
    "本年计划投资",
    "年度投资计划",
    "年度投资",
    "当年计划投资",
    "全年计划投资",
    "年度计划完成投资",
    "全年计划完成投资",
)
# With a year in front they are the year's plan (2024年计划投资, 2024年投资计划); 计划投资
# alone is the total of a ledger.
PLANNED_DATED = ("计划投资", "投资计划", "计划完成投资")
COLUMNS = [
    Column("name", H_NAME),
    Column(
        "investor",
        H_INVESTOR,
        ("投资主体", "投资企业", "签约企业", "投资单位", "项目业主", "业主单位", "建设单位"),
    ),
    Column("chain", H_CHAIN, ("所属产业链", "产业链条"), required=False),
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
    Column(
        "negotiating_on",
        H_NEGOTIATING,
        ("首次洽谈时间", "洽谈时间", "首次洽谈日期"),
        required=False,
    ),
    Column("foreign", H_FOREIGN, ("其中外资", "利用外资"), required=False),
    Column("port", H_PORT, required=False),
    Column(
        "description", H_DESCRIPTION, ("建设内容及规模", "建设内容", "项目概况"), required=False
    ),
    # How far the project is: the day of each stage, and the stage in words. A planned
    # day (计划开工时间) is not a stage's day and is not read.
    Column("signed_on", H_SIGNED, ("签约日期", "签约时间（年月）"), required=False),
    Column("landed_on", H_LANDED, ("落地日期",), required=False),
    Column(
        "started_on",
        H_STARTED,
        ("开工日期", "实际开工时间", "实际开工日期", "开工时间（年月）"),
        required=False,
    ),
    Column(
        "completed_on",
        H_COMPLETED,
        ("竣工投产日期", "竣工时间", "竣工日期", "投产时间", "投产日期", "建成投产时间"),
        required=False,
    ),
    Column(
        "status",
        H_STATUS,
        ("所处阶段", "项目阶段", "当前阶段", "推进阶段", "阶段", "建设状态", "项目进度"),
        required=False,
    ),
    # The export's 起始日期: the day the project reached the stage its 阶段 names.
    Column("since", H_SINCE, required=False),
    # The plan of the year the title names (else this year's), recorded as the project's
    # year's plan (what the investment page and the progress sheets read).
    Column("planned", H_PLANNED, PLANNED_NAMES, required=False, dated=PLANNED_DATED),
]
# The year of the row (年度 2025): the year of its days written without one (3月23日).
# Read, not written by the export or offered by the template.
YEAR_COLUMN = Column("year", "年度", ("年份", "项目年度", "计划年度"), required=False)
READ_COLUMNS = [*COLUMNS, YEAR_COLUMN]
ROW_YEAR = re.compile(r"^((?:19|20)\d{2})\s*(?:年度?)?$")
# The column of each stage's day.
STAGE_COLUMN = {
    Stage.NEGOTIATING: "negotiating_on",
    Stage.SIGNED: "signed_on",
    Stage.LANDED: "landed_on",
    Stage.UNDER_CONSTRUCTION: "started_on",
    Stage.IN_OPERATION: "completed_on",
}
# How ledgers write a project's stage (the stages' own names are read as well).
STAGE_WORDS = {
    **dict.fromkeys(("洽谈", "在谈", "洽谈中", "在洽谈", "洽谈阶段"), Stage.NEGOTIATING),
    **dict.fromkeys(("签约", "已签约", "签约阶段", "签约未开工"), Stage.SIGNED),
    **dict.fromkeys(("落地", "已落地"), Stage.LANDED),
    **dict.fromkeys(
        ("开工", "已开工", "新开工", "开工建设", "在建", "续建", "建设中", "在建阶段"),
        Stage.UNDER_CONSTRUCTION,
    ),
    **dict.fromkeys(
        ("竣工", "投产", "竣工投产", "已竣工", "已投产", "建成", "建成投产", "已建成"),
        Stage.IN_OPERATION,
    ),
    **dict.fromkeys(("中止", "已中止", "停建", "暂停"), Stage.SUSPENDED),
}
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


# The investment figures are kept in 万元 to two places.
CENT = Decimal("0.01")


def figure(value, unit: str | None) -> Decimal | None:
    """A figure in 万元 (None for an empty cell), converted exactly from the column's or
    the sheet's unit; one finer than 0.01万元 is refused rather than rounded."""
    try:
        amount = quantity(value, unit=unit, into="万元")
    except ValueError:
        raise forms.ValidationError(_("Not a number: %(value)s") % {"value": value}) from None
    if amount is None:
        return None
    if amount < 0:
        raise forms.ValidationError(_("The amount must not be negative."))
    if amount != amount.quantize(CENT):
        raise forms.ValidationError(
            _("%(amount)s is finer than 0.01 (10,000 yuan), which the ledger keeps.")
            % {"amount": f"{amount.normalize():f}"}
        )
    return amount.quantize(CENT)


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
        # An empty cell (or no column): a project of no chain, shown as 未分类.
        raw = cell_text(self.cleaned_data["chain"])
        if not raw:
            return ""
        chain = self.context["chains"].get(raw)
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

    def _year(self, key: str) -> int | None:
        """The year of column ``key``'s days written without one (3月23日): the year in
        front of its heading (2025年开工时间), else the row's 年度, else the title's."""
        if key in self.context["header_years"]:
            return self.context["header_years"][key]
        written = cell_text(self.data.get("year"))
        if written:
            found = ROW_YEAR.match(written.removesuffix(".0"))
            if found is None:
                raise forms.ValidationError(
                    _("%(value)s has no year, and %(column)s is not a year such as 2025: %(year)s")
                    % {
                        "value": cell_text(self.cleaned_data[key]),
                        "column": self.context["headers"]["year"],
                        "year": written,
                    }
                )
            return int(found.group(1))
        return self.context["year"]

    def _stage_day(self, key: str):
        # 2026年3月: the stage was reached that month (its first day); 3月23日, in the
        # year the sheet gives. Empty: not known.
        value = self.cleaned_data[key]
        year = self._year(key) if without_year(value, month=True) else None
        day = self.day(key, required=False, month=True, year=year)
        problem = future_date_problem(day, message=FUTURE_STAGE_DATE)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean_negotiating_on(self):
        return self._stage_day("negotiating_on")

    def clean_signed_on(self):
        return self._stage_day("signed_on")

    def clean_landed_on(self):
        return self._stage_day("landed_on")

    def clean_started_on(self):
        return self._stage_day("started_on")

    def clean_completed_on(self):
        return self._stage_day("completed_on")

    def clean_since(self):
        return self._stage_day("since")

    def clean_status(self):
        word = self.text("status")
        if not word:
            return None
        stage = self.context["stages"].get(word)
        if stage is None:
            raise forms.ValidationError(
                _("Unknown stage: %(value)s (write 洽谈, 签约, 落地, 开工/在建 or 竣工/投产).")
                % {"value": word}
            )
        return stage

    def _heading(self, stage: str) -> str:
        """The heading of the column of ``stage``'s day, as the sheet writes it."""
        key = STAGE_COLUMN[stage]
        return self.context["headers"].get(key) or next(c.header for c in COLUMNS if c.key == key)

    def _stages(self, data: dict) -> None:
        """The stage the row brings the project to (``data["stage"]``) and the day of each
        stage up to it (``data["days"]``), from the stages' days and the stage in words.
        A stage named without its day is refused: a stage is recorded with its day."""
        if any(key in self.errors for key in (*STAGE_COLUMN.values(), "status", "since")):
            return
        stated = data.get("status")
        days = {stage: data.get(key) for stage, key in STAGE_COLUMN.items()}
        if stated in STAGE_COLUMN and days[stated] is None:
            days[stated] = data.get("since")
        dated = [stage for stage in STAGE_ORDER if days[stage] is not None]
        for earlier, later in zip(dated, dated[1:], strict=False):
            if days[later] < days[earlier]:
                self.add_error(
                    STAGE_COLUMN[later],
                    _("%(day)s is before the day of an earlier stage (%(column)s: %(earlier)s).")
                    % {
                        "day": days[later].isoformat(),
                        "column": self._heading(earlier),
                        "earlier": days[earlier].isoformat(),
                    },
                )
                return
        reached = dated[-1] if dated else Stage.NEGOTIATING
        if stated in STAGE_COLUMN:
            if STAGE_ORDER.index(stated) < STAGE_ORDER.index(reached):
                self.add_error(
                    "status",
                    _("%(value)s, but %(column)s gives the day of a later stage.")
                    % {
                        "value": cell_text(self.data["status"]),
                        "column": self._heading(reached),
                    },
                )
                return
            if days[stated] is None and stated != Stage.NEGOTIATING:
                self._missing_day(stated)
                return
            reached = stated
        if data.get("negotiating_on") is None:  # 洽谈 with its 起始日期
            data["negotiating_on"] = days[Stage.NEGOTIATING]
        data["stage"] = Stage.SUSPENDED if stated == Stage.SUSPENDED else reached
        data["days"] = {stage: day for stage, day in days.items() if day is not None}

    def _missing_day(self, stage: str) -> None:
        """Refuse the row whose 项目状态 names ``stage`` without its day: at the cell the
        day belongs in (the stage's column, else 起始日期), or, when the sheet has
        neither column, at the stage, naming the column to add."""
        value = cell_text(self.data["status"])
        status = self.context["headers"].get("status") or H_STATUS
        for key in (STAGE_COLUMN[stage], "since"):
            if key in self.context["headers"]:
                self.add_error(
                    key,
                    _(
                        "empty, but %(status)s says %(value)s: the day the project reached "
                        "this stage is needed here (a stage is recorded with its day), or "
                        "leave %(status)s empty."
                    )
                    % {"status": status, "value": value},
                )
                return
        self.add_error(
            "status",
            _(
                "%(value)s: the day the project reached this stage is missing: add a "
                "%(column)s column with it (a stage is recorded with its day), or leave "
                "the stage empty."
            )
            % {"value": value, "column": self._heading(stage)},
        )

    def _suspended(self, data: dict) -> None:
        """A row that says 中止 keeps a suspended project as it is; it suspends none (a
        suspension is entered on the project's page, with its day and reason), and
        enters no project that is not in the system yet."""
        town, name = data.get("town"), data.get("name")
        if data.get("stage") != Stage.SUSPENDED or town is None or not name:
            return
        stored = self.context["stored_stages"].get((town.pk, name[:200]))
        if stored is None:
            self.add_error(
                "status",
                _(
                    "%(value)s: %(name)s is not in the system yet. Import it at the stage it "
                    "had reached (with that stage's day), then suspend it on its page with "
                    "the reason."
                )
                % {"value": cell_text(self.data["status"]), "name": name},
            )
        elif stored != Stage.SUSPENDED:
            self.add_error(
                "status",
                _(
                    "A project is suspended on its page, with the reason; import it at the "
                    "stage it had reached."
                ),
            )

    def clean_description(self):
        return self.text("description")

    def clean_planned(self):
        # Empty: no plan given, the recorded one stays.
        return figure(self.cleaned_data["planned"], self.context["units"].get("planned"))

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
        self._stages(data)
        self._suspended(data)
        return data


def import_projects(file, *, actor, valid_only: bool = False) -> ImportResult:
    """Create or update the projects of the workbook. With any error nothing is written
    (with ``valid_only``, the good rows are)."""
    if not actor.has_perm("projects.add_project"):
        raise PermissionDenied(_("You may not add projects."))
    table = read_table(file, READ_COLUMNS)
    towns = _towns(actor)
    context = row_context(actor, table)
    # A project's natural key is its town and name: a row naming a project of the ledger
    # updates it (the columns the sheet carries; the 示例 flag and the rest are kept). Its
    # stage only moves forward, to a later stage the row gives the day of.
    existing = {(p.town_id, p.name): p for p in Project.objects.filter(town__in=towns)}
    context["stored_stages"] = {key: p.stage for key, p in existing.items()}
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
    # What an empty cell of these leaves of a stored project: a chain or a day once
    # known is not forgotten because this ledger does not say.
    kept_when_empty = {"chain", "negotiating_on"}
    note = _("From the imported project ledger.")
    # The year of the plans: the one the title names (2026年重点项目推进表), else this year.
    year = table.title_year() or timezone.localdate().year
    plans = dict(
        InvestmentPlan.objects.filter(project__town__in=towns, year=year).values_list(
            "project_id", "planned"
        )
    )

    def write(row: dict, _number: int):
        values = {field: row[key] for field, key in fields.items()}
        values["investor"] = values["investor"][:200]
        current = existing.get((row["town"].pk, row["name"][:200]))
        if current is not None and current.pk not in may_change:
            raise RowProblem("name", _("you may not change this project"))
        stage = row["stage"]  # 中止 only of a project suspended already (``_suspended``)
        project = current or Project(name=row["name"][:200], town=row["town"])
        written = [f for f in fields if current is None or values[f] or f not in kept_when_empty]
        changed = apply_row(project, values, written, table, column_of=fields)
        if changed:
            project.save()  # one by one: each change goes into the audit trail
        try:
            moved = actions.record_ledger_stages(
                project, actor=actor, to_stage=stage, days=row["days"], note=note
            )
        except (actions.StageError, ValidationError, PermissionDenied) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            # A refused day is its column's (开工时间: before the last stage change).
            column = STAGE_COLUMN.get(getattr(exc, "stage", None), "")
            if column and column not in table.headers:
                column = "since"  # the stage's day came from 起始日期
            if column not in table.headers:
                column = "status" if "status" in table.headers else "name"
            raise RowProblem(column, message) from exc
        planned = row.get("planned")
        planned_changed = planned is not None and plans.get(project.pk) != planned
        if planned_changed:
            # The ledger is the office's record: its plan replaces the one recorded (the
            # replacement is in the audit trail with its author).
            try:
                actions.record_investment(
                    project.pk, actor=actor, year=year, planned=planned, overwrite=True
                )
            except (ValidationError, PermissionDenied) as exc:
                message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                raise RowProblem("planned", message) from exc
        if not changed and not moved and not planned_changed:
            return project, None
        return project, current is None

    return run_import(table, ProjectRow, write, context=context, valid_only=valid_only)


def row_context(actor, table) -> dict:
    """What a row's checks need: the towns in the actor's scope, the chains' words and
    the sheet's headings."""
    chains = {str(c.label): c.value for c in Chain} | {c.value: c.value for c in Chain}
    return {
        # 县经开区 is 临溪经济开发区管理委员会: the city's name in front is dropped.
        "towns": UnitMatcher(_towns(actor).filter(is_active=True), prefixes=city_prefixes()),
        "chains": chains | CHAIN_WORDS,
        "stages": {str(s.label): s.value for s in Stage} | STAGE_WORDS,
        "headers": table.headers,
        # The year of days written without one (3月23日): the title's (2025年重点项目…).
        "year": table.title_year(),
        "header_years": table.header_years,
        "units": {key: table.unit(key, MONEY_UNITS) for key in ("total", "foreign", "planned")},
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
            "chain": _("The industry chain, as listed; empty when the ledger names none."),
            "total": _("Total investment in 10k yuan."),
            "town": _("The town, street or zone: its name, short name or code."),
            "negotiating_on": _(
                "The day negotiations began, such as 2025-12-31 (not in the future); "
                "empty when not known."
            ),
            "foreign": _("Of which foreign capital, in 10k yuan; at most the total. Empty is 0."),
            "port": _("是 if the project is in the port-industry-city zone, else 否."),
            "description": _("A short description."),
            "signed_on": _("The day the project was signed, if it was (2025-12-31 or 2025年12月)."),
            "landed_on": _("The day the project landed, if it did."),
            "started_on": _("The day construction started, if it did (not the planned day)."),
            "completed_on": _("The day the project went into operation, if it did."),
            "status": _(
                "How far the project is: 洽谈, 签约, 落地, 开工/在建 or 竣工/投产; a stage "
                "after 洽谈 needs its day in its column. Empty: the latest stage with a day."
            ),
            "since": _("The day the project reached the stage in 项目状态 (as the export writes)."),
            "planned": _(
                "The planned investment of the year the title names (else this year), in "
                "10k yuan; empty leaves the recorded plan."
            ),
        },
        choices={
            "chain": list(CHAIN_WORDS),
            "town": [t.name for t in _towns(actor).filter(is_active=True).order_by("path")],
            "port": ["是", "否"],
            "status": ["洽谈", "签约", "落地", "在建", "竣工投产"],
        },
        example=[
            "示例",
            "某某科技有限公司",
            "先进装备制造",
            50000,
            "",
            "2025-06-30",
            0,
            "否",
            "",
            "2025-09-30",
            "",
            "",
            "",
            "签约",
            "",
            20000,
        ],
    )
