"""Import the monitored households (防止致贫返贫监测对象台账) as villages and towns keep
them: 村（社区）, 户主姓名, 身份证号, 监测对象类型, 家庭人口, 收入年度, 人均纯收入, 风险类型,
帮扶责任人, 识别时间, and optionally 所属镇（街道）.

The sheet is read by ``core.tabular`` (.xlsx, .xls or .csv in UTF-8 or GBK, title rows
above the header, header synonyms, merged cells filled, the template's 示例 row skipped).
Villages are matched by ``org.matching.Places`` among those the importing user may add
households in; a name that matches nothing is the row's error, naming it. Each row is
then validated by the household page's own form (``forms.HouseholdForm``: the ID
number's check digit, the income's plausibility, the village in scope).

A household's natural key is its head's ID number, found again by its keyed digest
(``protect.digest``, the ``id_digest`` column), never by decrypting the stored numbers.
A row whose ID number is already monitored updates that household (the sheet's columns
only; its risk status, measures, 示例 flag and the rest are kept); one monitored outside
the user's reach is refused. All rows or none, unless only the valid rows are asked for;
every write is recorded as the importing user's (the audit trail leaves the encrypted
number out, as for the page).

Assistance measures (帮扶措施台账: 身份证号, 帮扶措施类型, 帮扶措施, 责任单位, 完成时限) import
the same way, for a household found by the same digest; each row is a task of its unit
made by ``actions.add_measure``, and a measure of the same kind and text the household
already has is left as it is (its task is changed on the task's page).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import ActionError
from mingzhu.core.audit import acting_as
from mingzhu.core.periods import deadline_in
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.tabular import (
    MONEY_UNITS,
    TOWN_HEADINGS,
    TRAILING_BRACKET,
    Column,
    ImportResult,
    PlacedRowForm,
    RawRowForm,
    RowProblem,
    cell_text,
    changeable,
    missing_columns,
    quantity,
    read_table,
    run_import,
    save_if_changed,
)
from mingzhu.core.templates_xlsx import from_columns
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.matching import Places, UnitMatcher, clean
from mingzhu.org.models import OrgUnit
from mingzhu.tasks.actions import deadline_before_creation

from . import protect
from .actions import DISPATCH_KINDS, VILLAGE_KINDS, add_measure
from .choices import HouseholdType, MeasureKind, RiskCause
from .forms import HouseholdForm
from .models import AssistanceMeasure, MonitoredHousehold

PERMISSION = "livelihood.add_monitoredhousehold"
COLUMNS = [
    Column("village", "村（社区）", ("村", "村居", "所在村", "村（居）")),
    Column("head_name", "户主姓名", ("户主", "姓名")),
    Column("id_number", "身份证号", ("身份证号码", "户主身份证号", "证件号码", "公民身份号码")),
    Column(
        "household_type",
        "监测对象类型",
        ("监测类型", "对象类型", "户类型", "类型", "监测对象类别", "对象类别", "监测类别", "类别"),
    ),
    Column("members", "家庭人口", ("家庭人口数", "人口数", "家庭成员数", "人口")),
    # Optional when the income's heading carries its year (2025年家庭人均纯收入（元）).
    Column("income_year", "收入年度", ("年度", "收入年份"), required=False),
    Column(
        "income_per_capita",
        "人均纯收入",
        ("家庭人均纯收入", "人均纯收入（元）", "人均收入", "家庭年人均纯收入"),
    ),
    Column("risk_causes", "风险类型", ("致贫风险", "返贫致贫风险", "风险", "主要风险")),
    Column("cadre", "帮扶责任人", ("帮扶人", "结对帮扶人", "责任人", "帮扶干部")),
    Column("identified_on", "识别时间", ("识别日期", "纳入时间", "纳入监测时间")),
    Column("town", "所属镇（街道）", TOWN_HEADINGS, required=False),
]
# The form's fields a stored household keeps unless the sheet carries their column.
FORM_FIELDS = HouseholdForm.Meta.fields
TYPE_WORDS = {
    "脱贫不稳定户": HouseholdType.UNSTABLE,
    "不稳定户": HouseholdType.UNSTABLE,
    "边缘易致贫户": HouseholdType.MARGINAL,
    "边缘户": HouseholdType.MARGINAL,
    "突发严重困难户": HouseholdType.SUDDEN,
    "突发困难户": HouseholdType.SUDDEN,
}
CAUSE_WORDS = {
    "因病": RiskCause.ILLNESS,
    "疾病": RiskCause.ILLNESS,
    "因学": RiskCause.SCHOOLING,
    "就学": RiskCause.SCHOOLING,
    "因灾": RiskCause.DISASTER,
    "灾害": RiskCause.DISASTER,
    "因意外": RiskCause.ACCIDENT,
    "意外事故": RiskCause.ACCIDENT,
    "意外": RiskCause.ACCIDENT,
    "因失业": RiskCause.UNEMPLOYMENT,
    "失业": RiskCause.UNEMPLOYMENT,
    "务工就业不稳": RiskCause.UNEMPLOYMENT,
    "其他": RiskCause.OTHER,
}
SEPARATORS = re.compile(r"[、,，;；/\s]+")


def _stored(household: MonitoredHousehold) -> dict:
    """A stored household's form data, for the columns a sheet does not carry."""
    return {
        "village": household.village_id,
        "household_type": household.household_type,
        "head_name": household.head_name,
        "members": household.members,
        "income_year": household.income_year,
        "income_per_capita": household.income_per_capita,
        "risk_causes": list(household.risk_causes or []),
        "cadre": household.cadre,
        "identified_on": household.identified_on,
    }


class HouseholdRow(PlacedRowForm):
    """Every cell arrives raw; the words offices write become the form's values, then
    ``clean`` validates the row with the household page's form."""

    def clean_id_number(self):
        raw = self.cleaned_data["id_number"]
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            # Excel keeps 15 significant digits of a number: the last ones are gone.
            raise forms.ValidationError(
                _(
                    "the ID number is stored as a number, which loses its last digits; "
                    "format the column as text and enter it again"
                )
            )
        try:
            number = protect.clean_id_number(cell_text(raw))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        digest = protect.digest(number)
        self.stored(
            digest,
            same=_("the same ID number as row %(row)s"),
            locked=_("this ID number is monitored in a household you may not change"),
        )
        return number

    def clean_household_type(self):
        word = clean(self.text("household_type"))
        kind = TYPE_WORDS.get(word) or self.context["type_labels"].get(word)
        if kind is None:
            raise forms.ValidationError(_("脱贫不稳定户, 边缘易致贫户 or 突发严重困难户"))
        return kind

    def clean_risk_causes(self):
        causes, unknown = [], []
        for word in SEPARATORS.split(self.text("risk_causes")):
            if not word:
                continue
            cause = CAUSE_WORDS.get(word) or self.context["cause_labels"].get(clean(word))
            if cause is None:
                unknown.append(word)
            elif cause not in causes:
                causes.append(cause)
        if unknown:
            raise forms.ValidationError(
                _("unknown risk %(words)s: write 因病, 因学, 因灾, 因意外, 因失业 or 其他")
                % {"words": "、".join(unknown)}
            )
        if not causes:
            raise forms.ValidationError(_("is required"))
        return causes

    def clean_income_per_capita(self):
        # Kept in 元: 9,120, 9120元, 0.912万元, or a number under 人均纯收入（万元） or below a
        # 单位：万元 line (the household form checks the rest).
        value = self.cleaned_data["income_per_capita"]
        unit = self.context["table"].unit("income_per_capita", MONEY_UNITS)
        try:
            amount = quantity(value, unit=unit, into="元")
        except ValueError:
            return value
        if amount is not None and amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))  # 0.912万元 is 9120 元, whole yuan
        return amount

    def clean_identified_on(self):
        return self.day("identified_on")

    def clean_placed(self, data: dict) -> dict:
        village = data["village"]
        current = self.context["existing"].get(protect.digest(data["id_number"]))
        values = _stored(current) if current is not None else {}
        headers = self.context["table"].headers
        for key in FORM_FIELDS:
            if current is None or key in headers:
                values[key] = village.pk if key == "village" else data[key]
        values["id_number"] = "" if current is not None else data["id_number"]
        before = _stored(current) if current is not None else None
        form = HouseholdForm(values, instance=current, user=self.context["actor"])
        if not form.is_valid():
            for field, messages in form.errors.items():
                self.add_error(field if field in self.fields else None, messages)
            return data
        household = form.save(commit=False)  # the ID number encrypted, masked, digested
        data["household"] = household
        data["changed"] = current is None or _stored(household) != before
        return data


def import_households(file, *, actor, valid_only: bool = False) -> ImportResult:
    """Create or update the monitored households of the sheet, matched by the head's ID
    number (through its digest); ``result.objects`` are the households written."""
    table = read_table(file, COLUMNS)
    _income_year_from_heading(table)
    existing = {
        h.id_digest: h for h in MonitoredHousehold.objects.exclude(id_digest="").order_by("-pk")
    }
    context = {
        "table": table,
        "actor": actor,
        "places": Places(units_in_scope(actor, PERMISSION), kinds=VILLAGE_KINDS),
        "existing": existing,
        "changeable": changeable(MonitoredHousehold.objects.all(), actor),
        "type_labels": {clean(str(label)): value for value, label in HouseholdType.choices},
        "cause_labels": {clean(str(label)): value for value, label in RiskCause.choices},
    }

    with acting_as(actor):
        return run_import(
            table,
            HouseholdRow,
            save_if_changed("household"),
            context=context,
            valid_only=valid_only,
        )


def _income_year_from_heading(table) -> None:
    """Without a 收入年度 column, the year written in the income's heading (2025年家庭
    人均纯收入（元）) is every row's; with neither, the column is missing."""
    if "income_year" in table.headers:
        return
    year = table.header_years.get("income_per_capita")
    if year is None:
        raise missing_columns([c for c in COLUMNS if c.key == "income_year"])
    table.headers["income_year"] = table.headers["income_per_capita"]
    for _number, record in table.rows:
        record["income_year"] = year


def household_template(actor):
    """The monitoring sheet's template: the user's villages and the words in drop-downs."""
    units = units_in_scope(actor, PERMISSION).filter(is_active=True).order_by("path")
    villages = [u.name for u in units.filter(kind__in=VILLAGE_KINDS)]
    return from_columns(
        _("Monitored households"),
        COLUMNS,
        meanings={
            "village": _("The household's village or community."),
            "id_number": _(
                "The head's 18-character ID number, stored encrypted and shown masked; a "
                "household already monitored under this number is updated on a later import."
            ),
            "household_type": _("脱贫不稳定户, 边缘易致贫户 or 突发严重困难户."),
            "members": _("People in the household (1 to 30)."),
            "income_year": _("The year of the income (e.g. 2025)."),
            "income_per_capita": _("Per-capita net income in yuan a year (e.g. 12000)."),
            "risk_causes": _("因病, 因学, 因灾, 因意外, 因失业 or 其他, several separated by 、"),
            "cadre": _("The cadre responsible for the household."),
            "identified_on": _("The day the household was identified (2025-03-01)."),
            "town": _(
                "The village's town or street; needed only when two towns have a "
                "village of that name."
            ),
        },
        choices={
            "village": villages,
            "town": [u.name for u in units.filter(kind__in=TOWN_KINDS)],
            "household_type": ["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"],
        },
        example=[
            "示例",
            "（示例）张三",
            "",
            "边缘易致贫户",
            3,
            2025,
            9000,
            "因病、因学",
            "（示例）李干部",
            "2025-03-01",
        ],
    )


# -- assistance measures ----------------------------------------------------------------

MEASURE_PERMISSION = "livelihood.add_assistancemeasure"
MEASURE_COLUMNS = [
    Column("id_number", "身份证号", ("身份证号码", "户主身份证号", "证件号码", "公民身份号码")),
    Column("kind", "帮扶措施类型", ("措施类型", "帮扶类型", "帮扶方式")),
    Column("description", "帮扶措施", ("措施内容", "帮扶内容", "具体措施")),
    Column("lead_unit", "责任单位", ("牵头单位", "落实单位", "帮扶单位", "帮扶责任单位")),
    Column(
        "deadline",
        "完成时限",
        ("完成时间", "时限", "时间节点", "计划完成时间", "计划完成时限", "落实时限"),
    ),
    Column("head_name", "户主姓名", ("户主", "姓名"), required=False),
]
MEASURE_WORDS = {
    "产业帮扶": MeasureKind.INDUSTRY,
    "产业": MeasureKind.INDUSTRY,
    "就业帮扶": MeasureKind.EMPLOYMENT,
    "就业": MeasureKind.EMPLOYMENT,
    "医疗帮扶": MeasureKind.MEDICAL,
    "健康帮扶": MeasureKind.MEDICAL,
    "医疗保障": MeasureKind.MEDICAL,
    "教育帮扶": MeasureKind.EDUCATION,
    "教育": MeasureKind.EDUCATION,
    "住房保障": MeasureKind.HOUSING,
    "住房帮扶": MeasureKind.HOUSING,
    "社会救助": MeasureKind.SOCIAL,
    "兜底保障": MeasureKind.SOCIAL,
    # As 帮扶措施台账 write them (a bracket after the kind, 教育帮扶（雨露计划）, is dropped).
    "综合保障": MeasureKind.SOCIAL,
    "兜底": MeasureKind.SOCIAL,
    "低保": MeasureKind.SOCIAL,
    "健康": MeasureKind.MEDICAL,
    "医疗": MeasureKind.MEDICAL,
    "住房": MeasureKind.HOUSING,
    "住房安全": MeasureKind.HOUSING,
    "住房安全保障": MeasureKind.HOUSING,
    "危房改造": MeasureKind.HOUSING,
    "雨露计划": MeasureKind.EDUCATION,
    "公益性岗位": MeasureKind.EMPLOYMENT,
    "产业奖补": MeasureKind.INDUSTRY,
}
# A unit's name and its kin in a 帮扶单位 cell: 县住建局、河口镇人民政府.
UNIT_SEPARATORS = re.compile(r"[、,，;；/\n]+")


class MeasureRow(RawRowForm):
    def clean_id_number(self):
        try:
            number = protect.clean_id_number(self.text("id_number"))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        household = self.context["households"].get(protect.digest(number))
        if household is None:
            raise forms.ValidationError(
                _("no monitored household in your scope has this ID number")
            )
        return household

    def clean_kind(self):
        word = clean(self.text("kind"))
        if word not in MEASURE_WORDS:
            word = clean(TRAILING_BRACKET.sub("", word)) or word
        kind = MEASURE_WORDS.get(word) or self.context["kind_labels"].get(word)
        if kind is None:
            raise forms.ValidationError(
                _("one of %(words)s") % {"words": "、".join(dict.fromkeys(MEASURE_WORDS))}
            )
        return kind

    def clean_description(self):
        return self.required_text("description")

    def clean_lead_unit(self):
        """The units the cell names: the first leads, the others help (co-units); a
        collective name (各镇（街道）) that stands for one unit is that unit."""
        text = self.required_text("lead_unit")
        units, problems = [], []
        for name in [n for n in UNIT_SEPARATORS.split(text) if n.strip()]:
            found = self.context["units"].expand(name) or self.context["units"].candidates(name)
            if not found:
                problems.append(_("no unit named %(name)s") % {"name": name})
            elif len(found) > 1 and not units:
                problems.append(_("%(name)s names more than one unit") % {"name": name})
            else:
                units.extend(u for u in found if u not in units)
        if problems:
            raise forms.ValidationError(problems)
        return units

    def clean_deadline(self):
        day, _long_running = deadline_in(self.cleaned_data["deadline"], self.context["today"].year)
        if day is None:
            raise forms.ValidationError(
                _("not a deadline such as 2026-12-31, 2026年12月底, 6月30日前 or 三季度末")
            )
        problem = deadline_before_creation(day, self.context["today"])
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        household = data["id_number"]
        key = (household.pk, data["kind"], clean(data["description"]))
        earlier = self.seen_before(key, "measure")
        if earlier is not None:
            self.add_error("description", _("the same measure as row %(row)s") % {"row": earlier})
        return data


def import_measures(file, *, actor, valid_only: bool = False) -> ImportResult:
    """Add the sheet's assistance measures, each a task of its unit made by
    ``actions.add_measure``; a measure the household already has (same kind and text) is
    left as it is: its task is changed on the task's page, not by a sheet."""
    table = read_table(file, MEASURE_COLUMNS)
    visible = restrict(MonitoredHousehold.objects.all(), actor, "view").exclude(id_digest="")
    households = {h.id_digest: h for h in visible.select_related("village").order_by("-pk")}
    stored = {
        (m.household_id, m.kind, clean(m.description)): m
        for m in AssistanceMeasure.objects.filter(household__in=visible)
    }
    context = {
        "households": households,
        # The units a measure may go to, as on the household's page.
        "units": UnitMatcher.of_city(OrgUnit.objects.filter(kind__in=DISPATCH_KINDS)),
        "today": timezone.localdate(),
        "kind_labels": {clean(str(label)): value for value, label in MeasureKind.choices},
    }

    def write(row: dict, _number: int):
        household = row["id_number"]
        current = stored.get((household.pk, row["kind"], clean(row["description"])))
        if current is not None:
            return current, None
        try:
            measure = add_measure(
                household,
                actor=actor,
                kind=row["kind"],
                description=row["description"],
                lead_unit=row["lead_unit"][0],
                co_units=row["lead_unit"][1:],
                deadline=row["deadline"],
            )
        except ValidationError as exc:
            raise RowProblem("description", " ".join(exc.messages)) from None
        except (ActionError, PermissionDenied, Http404) as exc:
            raise RowProblem(
                "id_number", str(exc) or _("you may not add measures for this household")
            ) from None
        return measure, True

    with acting_as(actor):
        return run_import(table, MeasureRow, write, context=context, valid_only=valid_only)


def measure_template(actor):
    units = OrgUnit.objects.filter(kind__in=DISPATCH_KINDS, is_active=True)
    return from_columns(
        _("Assistance measures"),
        MEASURE_COLUMNS,
        meanings={
            "id_number": _("The head's ID number of a monitored household."),
            "kind": _("The kind of support."),
            "description": _(
                "What is done; a measure of the same kind and text the household already "
                "has is not added again."
            ),
            "lead_unit": _("The unit that carries the measure: it becomes that unit's task."),
            "deadline": _("A date (2026-06-30) or a phrase (2026年12月底, 6月30日前, 三季度末)."),
            "head_name": _("The head's name, for the reader; not imported."),
        },
        choices={
            "kind": list(dict.fromkeys(MEASURE_WORDS)),
            "lead_unit": [u.name for u in units.order_by("path")],
        },
        example=[
            "示例",
            "就业帮扶",
            "（示例）推荐到园区企业就业",
            "",
            "2026年12月底",
            "（示例）张三",
        ],
    )
