"""Excel import and export of the registry and of annual data, with Chinese headers.
One transaction each: every row or none, with an error per row and field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _

from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.tabular import (
    LAND_UNITS,
    MONEY_UNITS,
    TOWN_HEADINGS,
    Column,
    ImportResult,
    RawRowForm,
    RowProblem,
    apply_row,
    cell_text,
    changeable,
    missing_columns,
    quantity,
    read_table,
    run_import,
)
from mingzhu.core.templates_xlsx import from_columns
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.matching import UnitMatcher

from . import credit
from .choices import Digital, Listing, Scale
from .models import AnnualData, Enterprise

CODE, NAME, TOWN, INDUSTRY, SCALE, LAND = (
    "统一社会信用代码",
    "企业名称",
    "所属镇街",
    "行业代码",
    "规模",
    "用地面积",
)
HT_CERT, HT_FROM, HT_UNTIL, LISTING, DIGITAL = (
    "高企证书编号",
    "高企起始日",
    "高企截止日",
    "上市情况",
    "智改数转",
)
REGISTRY_HEADERS = [
    CODE,
    NAME,
    TOWN,
    INDUSTRY,
    SCALE,
    LAND,
    HT_CERT,
    HT_FROM,
    HT_UNTIL,
    LISTING,
    DIGITAL,
]

REGISTRY_COLUMNS = [
    Column("code", CODE, ("信用代码",)),
    Column("name", NAME),
    Column("town", TOWN, TOWN_HEADINGS),
    Column("industry", INDUSTRY, ("国民经济行业代码", "行业类别代码", "所属行业代码")),
    Column("scale", SCALE, ("企业规模", "规模类型", "是否规上")),
    Column("land_mu", LAND, ("用地面积（亩）", "土地面积", "占地面积", "用地")),
    Column("high_tech_certificate", HT_CERT, required=False),
    Column("high_tech_from", HT_FROM, required=False),
    Column("high_tech_until", HT_UNTIL, required=False),
    Column("listing", LISTING, required=False),
    Column("digital", DIGITAL, required=False),
]
REGISTRY_FIELDS = [c.key for c in REGISTRY_COLUMNS[1:]]

YEAR = "年度"
FIGURES = [
    ("sales", "应税销售"),
    ("revenue", "营业收入"),
    ("tax", "实缴税收"),
    ("value_added", "工业增加值"),
    ("energy_tce", "综合能耗"),
    ("electricity", "用电量"),
    ("emissions", "排放量"),
    ("cod", "化学需氧量"),
    ("ammonia", "氨氮"),
    ("so2", "二氧化硫"),
    ("nox", "氮氧化物"),
    ("rd_expense", "研发经费"),
    ("employees", "职工人数"),
]
# Other names offices' sheets give the same columns.
ALIASES = {
    "sales": ("应税销售收入", "销售收入"),
    "revenue": ("主营业务收入", "营业收入（万元）"),
    "tax": ("评价税收", "税收", "实缴税金", "税收实际贡献", "入库税收", "税收总额"),
    "value_added": ("增加值",),
    "energy_tce": ("能耗", "综合能耗（等价值）", "能源消费量"),
    "electricity": ("用电", "总用电量"),
    "emissions": ("主要污染物排放量", "污染物排放量", "排放总量"),
    "rd_expense": ("R&D经费支出", "R&D经费", "研发费用", "研发投入", "研究与试验发展经费支出"),
    "employees": ("年平均职工人数", "职工人数（人）", "从业人员", "年平均从业人员", "从业人数"),
    "cod": ("COD", "化学需氧量排放量"),
    "ammonia": ("氨氮排放量",),
    "so2": ("二氧化硫排放量",),
    "nox": ("氮氧化物排放量",),
}
EXEMPT, VETO, BONUS = "免评原因", "否决原因", "加减分"
ANNUAL_HEADERS = [CODE, YEAR, *[h for _f, h in FIGURES], EXEMPT, VETO, BONUS]
ANNUAL_COLUMNS = [
    Column("code", CODE, ("信用代码",)),
    # Without a 年度 column, the year the title names (2025年度…数据表) is every row's.
    Column("year", YEAR, ("年份", "评价年度", "数据年度"), required=False),
    *[Column(f, h, ALIASES.get(f, ()), required=False) for f, h in FIGURES],
    Column("exempt_reason", EXEMPT, required=False),
    Column("veto_reason", VETO, required=False),
    Column("bonus", BONUS, required=False),
]
ANNUAL_FIELDS = [c.key for c in ANNUAL_COLUMNS[2:]]

SCALE_WORDS = {"规上": Scale.ABOVE, "规下": Scale.BELOW, "above": Scale.ABOVE, "below": Scale.BELOW}
SCALE_WORDS |= {
    "规模以上": Scale.ABOVE,
    "规模以下": Scale.BELOW,
    "是": Scale.ABOVE,
    "否": Scale.BELOW,
}
# 用地面积 written for an enterprise without land of its own (it rents its plant).
NO_LAND = {"租赁", "租用", "租赁厂房", "无", "/", "-", "—"}
LISTING_WORDS = {str(c.label): c.value for c in Listing} | {c.value: c.value for c in Listing}
LISTING_WORDS |= {"未上市": "none", "上市后备": "reserve", "已上市": "listed", "": "none"}
DIGITAL_WORDS = {
    "未开展": "none",
    "已诊断": "diagnosed",
    "项目实施中": "under_way",
    "已完成": "completed",
    "": "none",
}
DIGITAL_WORDS |= {c.value: c.value for c in Digital}
LISTING_LABELS = {"none": "未上市", "reserve": "上市后备", "listed": "已上市"}
DIGITAL_LABELS = {
    "none": "未开展",
    "diagnosed": "已诊断",
    "under_way": "项目实施中",
    "completed": "已完成",
}


# The figures kept in 万元 and land in 亩; a heading's unit (税收（元）), a 单位：万元 line
# above the table, or a cell's own (8500万元) says how a number is written.
MONEY = {"sales", "revenue", "tax", "value_added", "rd_expense"}
CENT = Decimal("0.01")


def in_unit(table, key: str, value, *, into: str, units) -> Decimal | None:
    """The non-negative number of column ``key`` in ``into`` (万元, 亩), read in the unit
    the cell, the column's heading or the table's title gives; ValueError otherwise."""
    given = table.unit(key, units)
    v = quantity(value, unit=given, into=into, units=units)
    if v is None:
        return None
    if v < 0:
        raise ValueError
    # A converted number keeps two decimals (12,345元 → 1.23万元); one as written is kept.
    try:
        as_written = number(value)
    except ValueError:
        as_written = None
    return v if v == as_written else v.quantize(CENT)


def number(value, *, integer: bool = False) -> Decimal | None:
    """A non-negative number, or None when the cell is empty; ValueError otherwise."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise ValueError
    try:
        d = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError from None
    if not d.is_finite() or d < 0 or (integer and d != d.to_integral_value()):
        raise ValueError
    return d


def signed(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError from None
    if not d.is_finite():
        raise ValueError
    return d


class _Row(RawRowForm):
    def credit_code(self, value):
        try:
            return credit.validate(cell_text(value))
        except credit.CreditCodeError as exc:
            raise forms.ValidationError(str(exc)) from None


class RegistryRow(_Row):
    def clean_code(self):
        code = self.credit_code(self.cleaned_data["code"])
        self.stored(
            code,
            same=_("the same as row %(row)s."),
            locked=_("an enterprise exists that you may not change"),
        )
        return code

    def clean_name(self):
        name = self.text("name")
        if not name:
            raise forms.ValidationError(_("required"))
        return name

    def clean_town(self):
        town = self.context["towns"].find(self.text("town"))
        if town is None:
            raise forms.ValidationError(_("not a town you may enter enterprises for"))
        return town

    def clean_industry(self):
        industry = self.text("industry").upper()
        if not industry or len(industry) > 5 or not industry[0].isalpha():
            raise forms.ValidationError(_("a GB/T 4754 code such as C38"))
        return industry

    def clean_scale(self):
        return self.word("scale", SCALE_WORDS, _("规上 or 规下"))

    def clean_land_mu(self):
        if self.text("land_mu") in NO_LAND:
            return None
        try:
            return in_unit(
                self.context["table"],
                "land_mu",
                self.cleaned_data["land_mu"],
                into="亩",
                units=LAND_UNITS,
            )
        except ValueError:
            raise forms.ValidationError(_("not a number of 0 or more")) from None

    def clean_high_tech_certificate(self):
        return self.text("high_tech_certificate")

    def clean_high_tech_from(self):
        return self.day("high_tech_from", required=False)

    def clean_high_tech_until(self):
        return self.day("high_tech_until", required=False)

    def clean_listing(self):
        return self.word("listing", LISTING_WORDS, _("未上市, 上市后备 or 已上市"))

    def clean_digital(self):
        return self.word("digital", DIGITAL_WORDS, _("未开展, 已诊断, 项目实施中 or 已完成"))


def import_registry(file, *, actor) -> ImportResult:
    table = read_table(file, REGISTRY_COLUMNS)
    towns = UnitMatcher(
        units_in_scope(actor, "enterprises.add_enterprise").filter(kind__in=TOWN_KINDS)
    )
    existing = {e.credit_code: e for e in Enterprise.objects.all()}
    context = {
        "table": table,
        "towns": towns,
        "existing": existing,
        "changeable": changeable(Enterprise.objects.all(), actor),
    }

    def write(row: dict, _number: int):
        # Matched by credit code; a stored enterprise keeps the columns the sheet lacks.
        current = existing.get(row["code"])
        obj = current or Enterprise(credit_code=row["code"])
        if not apply_row(obj, row, REGISTRY_FIELDS, table):
            return obj, None
        obj.save()
        return obj, current is None

    return run_import(table, RegistryRow, write, context=context)


class AnnualRow(_Row):
    def clean_code(self):
        code = self.credit_code(self.cleaned_data["code"])
        enterprise_id = self.context["by_code"].get(code)
        if enterprise_id is None:
            raise forms.ValidationError(_("no enterprise with this code in your scope"))
        return enterprise_id

    def clean_year(self):
        if self.cleaned_data["year"] is None and "year" not in self.context["table"].headers:
            return self.context["title_year"]
        try:
            year = number(self.cleaned_data["year"], integer=True)
            if year is None or not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            raise forms.ValidationError(_("a year such as 2025")) from None
        return int(year)

    def clean_bonus(self):
        try:
            return signed(self.cleaned_data["bonus"])
        except ValueError:
            raise forms.ValidationError(_("not a number")) from None

    def clean_exempt_reason(self):
        return self.text("exempt_reason")

    def clean_veto_reason(self):
        return self.text("veto_reason")

    def clean(self):
        data = self.cleaned_data
        for name, _header in FIGURES:
            if name in self.errors:
                continue
            try:
                if name in MONEY:
                    table = self.context["table"]
                    v = in_unit(table, name, data.get(name), into="万元", units=MONEY_UNITS)
                else:
                    v = number(data.get(name), integer=name == "employees")
            except ValueError:
                self.add_error(name, _("not a number of 0 or more"))
                continue
            data[name] = int(v) if (v is not None and name == "employees") else v
        if data.get("code") and data.get("year"):
            earlier = self.seen_before((data["code"], data["year"]), "annual")
            if earlier is not None:
                self.add_error("code", _("the same as row %(row)s.") % {"row": earlier})
        return data


def import_annual(file, *, actor) -> ImportResult:
    table = read_table(file, ANNUAL_COLUMNS)
    title_year = table.title_year()
    if "year" not in table.headers and title_year is None:
        # Neither a 年度 column nor one year in the title: the year is missing.
        raise missing_columns([ANNUAL_COLUMNS[1]])
    visible = restrict(Enterprise.objects.all(), actor, "view")
    may_add = actor.has_perm("enterprises.add_annualdata")
    changeable = set(
        restrict(AnnualData.objects.all(), actor, "change").values_list("pk", flat=True)
    )
    stored = {}

    def prepare(rows: list[dict]) -> None:
        for a in AnnualData.objects.select_for_update().filter(
            enterprise_id__in={r["code"] for r in rows}
        ):
            stored[(a.enterprise_id, a.year)] = a

    def write(row: dict, _number: int):
        current = stored.get((row["code"], row["year"]))
        if current is None and not may_add:
            raise RowProblem("year", _("you may not add annual data"))
        if current is not None and current.pk not in changeable:
            raise RowProblem("year", _("a value exists that you may not change"))
        obj = current or AnnualData(enterprise_id=row["code"], year=row["year"])
        if not apply_row(obj, row, ANNUAL_FIELDS, table):
            return obj, None
        obj.save()
        return obj, current is None

    context = {
        "by_code": dict(visible.values_list("credit_code", "pk")),
        "table": table,
        "title_year": title_year,
    }
    return run_import(table, AnnualRow, write, context=context, prepare=prepare)


def registry_rows(enterprises):
    for e in enterprises:
        yield [
            e.credit_code,
            e.name,
            e.town.name,
            e.industry,
            "规上" if e.scale == Scale.ABOVE else "规下",
            e.land_mu,
            e.high_tech_certificate,
            e.high_tech_from,
            e.high_tech_until,
            LISTING_LABELS[e.listing],
            DIGITAL_LABELS[e.digital],
        ]


def annual_rows(annual):
    for a in annual:
        yield [
            a.enterprise.credit_code,
            a.year,
            *[getattr(a, f) for f, _h in FIGURES],
            a.exempt_reason,
            a.veto_reason,
            a.bonus,
        ]


def registry_template(actor):
    """The registry sheet's template: towns and the choice words in drop-downs."""
    towns = units_in_scope(actor, "enterprises.add_enterprise").filter(kind__in=TOWN_KINDS)
    return from_columns(
        _("Registry"),
        REGISTRY_COLUMNS,
        meanings={
            "code": _(
                "The 18-character unified social credit code; it identifies the "
                "enterprise: a code already registered updates it."
            ),
            "name": _("The enterprise's registered name."),
            "town": _("The town, street or zone it belongs to: its name, short name or code."),
            "industry": _("The GB/T 4754 industry code, such as C38."),
            "scale": _("规上 (above the designated size) or 规下."),
            "land_mu": _("Land used, in mu (a number of 0 or more)."),
            "high_tech_certificate": _("The high-tech enterprise certificate number, if any."),
            "high_tech_from": _("The certificate's first day, such as 2024-01-01."),
            "high_tech_until": _("The certificate's last day, such as 2026-12-31."),
            "listing": _("未上市 (default), 上市后备 or 已上市."),
            "digital": _("The digital transformation (智改数转) stage; empty is 未开展."),
        },
        choices={
            "town": [t.name for t in towns.order_by("path")],
            "scale": ["规上", "规下"],
            "listing": ["未上市", "上市后备", "已上市"],
            "digital": ["未开展", "已诊断", "项目实施中", "已完成"],
        },
        example=["示例"],
    )


def annual_template(actor=None):
    """The annual data sheet's template (the same for every user)."""
    return from_columns(
        _("Annual data"),
        ANNUAL_COLUMNS,
        meanings={
            "code": _("The enterprise's credit code."),
            "year": _(
                "A year such as 2025; an enterprise's figures of a year already "
                "entered are updated."
            ),
            "sales": _("Taxable sales, in 10k yuan."),
            "tax": _("Tax paid, in 10k yuan."),
            "value_added": _("Industrial value added, in 10k yuan."),
            "energy_tce": _("Energy use, in tonnes of standard coal (tce)."),
            "electricity": _("Electricity use, in 10k kWh."),
            "emissions": _("Main pollutant emissions, in tonnes."),
            "rd_expense": _("R&D expense, in 10k yuan."),
            "employees": _("Average number of employees (a whole number)."),
            "exempt_reason": _(
                "Why the enterprise is evaluated but not ranked (class T), if it is: a "
                "utility, in production under 2 years …"
            ),
            "veto_reason": _(
                "Why the enterprise is class D without ranking, if it is: a major accident, "
                "capacity ordered eliminated …"
            ),
            "bonus": _("Bonus (positive) or penalty (negative) points."),
            "revenue": _("Main business revenue in 10k yuan (for R&D share and revenue per mu)."),
            "cod": _("Tonnes; with 氨氮, 二氧化硫 and 氮氧化物 it gives the emission equivalents."),
            "ammonia": _("Ammonia nitrogen discharged, in tonnes."),
            "so2": _("Sulphur dioxide emitted, in tonnes."),
            "nox": _("Nitrogen oxides emitted, in tonnes."),
        },
        example=["示例"],
    )
