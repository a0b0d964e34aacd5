"""Debt instruments and capacity from a spreadsheet (.xlsx, .xls or .csv): one reader
for the planner's input (``read_instruments``, ``read_capacity``) and for the import into
the ledger (``import_instruments``, used by the import page and ``mingzhu debt import``).

All rows are checked before anything is used; every problem is reported as a RowError
naming the row (as the spreadsheet numbers it) and the column. The import writes every
row or none; an instrument's natural key is its code (编号): a code already in the ledger
updates that instrument (the columns the sheet carries; its 示例 flag and instalments are
kept), a row that repeats it writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.tabular import (
    MONEY_UNITS,
    Column,
    ImportResult,
    RawRowForm,
    RowError,
    RowProblem,
    Table,
    WorkbookError,
    apply_row,
    changeable,
    missing_columns,
    quantity,
    read_table,
    run_import,
    validate_rows,
)
from mingzhu.core.templates_xlsx import Template, from_columns
from mingzhu.org.matching import UnitMatcher, clean

from .choices import KIND_ALIASES, Budget, InstrumentKind
from .services import InstrumentRow

# The headings the ledger's export writes (编码, 本金（万元）, 年利率（%）, 到期日 …) are
# among the accepted ones, so that an exported list imports again.
INSTRUMENT_COLUMNS = [
    Column(
        "id",
        "编号",
        (
            "编码",
            "债务编号",
            "合同编号",
            "借款合同编号",
            "债券代码",
            "债券编码",
            "债务编码",
            "id",
            "code",
        ),
    ),
    Column(
        "entity",
        "主体",
        ("债务主体", "借款主体", "融资主体", "债务单位", "借款单位", "举借单位", "entity"),
    ),
    # Optional when the 债务类型 column names the kinds (银行贷款, 融资租赁 …): see _kinds.
    Column(
        "kind", "类型", ("债务品种", "融资方式", "融资类型", "借款类型", "kind"), required=False
    ),
    # A bond's amount issued is its principal (repaid at maturity).
    Column(
        "principal",
        "本金",
        (
            "本金余额",
            "债务余额",
            "借款余额",
            "余额",
            "发行金额",
            "发行额",
            "发行规模",
            "债券规模",
            "principal",
        ),
    ),
    Column("rate", "利率", ("年利率", "票面利率", "借款利率", "合同利率", "债券利率", "rate")),
    # Without it, a start and a term (债券期限 3年) give the maturity: see _stands_in.
    Column("maturity", "到期月份", ("到期日", "到期日期", "到期时间", "maturity")),
    # Without these columns an instrument may not be refinanced (否, 0 months).
    Column(
        "refinanceable",
        "可展期",
        ("可再融资或展期", "可否展期", "refinanceable"),
        required=False,
    ),
    Column("max_defer_months", "最长展期月数", ("最长展期", "max_defer_months"), required=False),
    Column(
        "start",
        "起始日",
        ("起息日", "借款日期", "开始日期", "放款日期", "发行日期", "发行时间", "start"),
        required=False,
    ),
    # 一般/专项 (a bond list's 债券类型 names the budget), or the kinds when there is no
    # 类型 column (see _kind_column).
    Column("budget", "债务类型", ("预算", "债券类型", "budget"), required=False),
    Column("lender", "债权人", ("贷款机构", "出借人", "lender"), required=False),
    Column("term", "期限", ("债券期限", "借款期限", "融资期限"), required=False),
]
PERMISSIONS = ("risks.add_debtinstrument", "risks.change_debtinstrument")
# The model's fields, by the column that carries them.
FIELDS = {
    "kind": "kind",
    "principal": "principal",
    "rate": "rate",
    "maturity": "maturity",
    "refinanceable": "refinanceable",
    "max_defer_months": "max_defer_months",
    "start": "start",
    "budget": "budget",
    "lender": "lender",
}
CAPACITY_COLUMNS = [
    Column("month", "月份", ("month",)),
    Column("capacity", "可用资金", ("capacity",)),
]
YES = {"yes", "y", "true", "1", "是"}
NO = {"no", "n", "false", "0", "否", ""}
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


class InputError(ValueError):
    """The file cannot be read at all (missing, wrong type, wrong headers)."""


def _table(file, columns: list[Column]) -> Table:
    """The table of a path or an open (uploaded) file."""
    if isinstance(file, str | Path):
        file = Path(file)
        if not file.is_file():
            raise InputError(_("%(path)s: no such file.") % {"path": file})
    try:
        return read_table(file, columns)
    except WorkbookError as exc:
        raise InputError(f"{file}: {exc}" if isinstance(file, Path) else str(exc)) from exc


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _decimal(value) -> Decimal:
    text = _text(value).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("expected a number, got %(value)r") % {"value": text}) from None
    if not number.is_finite():
        raise ValueError(_("expected a number, got %(value)r") % {"value": text})
    return number


def _in_wan(value, unit: str | None) -> Decimal:
    """An amount in 万元, read in the unit the cell, its column or the table gives."""
    try:
        number = quantity(value, unit=unit, into="万元")
    except ValueError:
        number = None
    if number is None:
        raise ValueError(_("expected a number, got %(value)r") % {"value": _text(value)})
    return number


def parse_month(value) -> int:
    """A month as YYYY-MM (a date cell of a workbook is accepted too)."""
    from .planner import month_index

    if isinstance(value, dt.date):
        return month_index(value.year, value.month)
    text = _text(value)
    match = MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("expected a month as YYYY-MM, got %(value)r") % {"value": text})
    return month_index(int(match.group(1)), int(match.group(2)))


def _month_date(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _check(check, value):
    try:
        return check(value)
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from None


class InstrumentForm(RawRowForm):
    def _money(self, value) -> Decimal:
        return _in_wan(value, self.context.get("principal_unit"))

    def clean_id(self):
        ident = _text(self.cleaned_data["id"])
        if not ident:
            raise forms.ValidationError(_("required"))
        earlier = self.seen_before(ident, "id")
        if earlier is not None:
            raise forms.ValidationError(
                _("%(id)s also appears in row %(row)s") % {"id": ident, "row": earlier}
            )
        return ident

    def clean_entity(self):
        entity = _text(self.cleaned_data["entity"])
        if self.context.get("sheet_entity") is not None:
            # No 主体 column: the borrower chosen on the page, or named in the title.
            return self.context["sheet_entity"]
        if not entity:
            raise forms.ValidationError(_("required"))
        entities = self.context.get("entities")
        if entities is None:  # the planner's input: the entity is a name
            return entity
        found = entities.find(entity)
        if found is None:
            raise forms.ValidationError(
                _("no debt entity %(name)s that you may enter instruments for") % {"name": entity}
            )
        return found

    def clean_kind(self):
        if not self.context.get("kind_column", True):
            return None  # read from the 债务类型 column (clean_budget)
        kind = _kind(self.cleaned_data["kind"])
        if kind is None:
            raise forms.ValidationError(
                _("expected one of %(kinds)s")
                % {"kinds": "、".join([*KIND_ALIASES, *InstrumentKind.values])}
            )
        return kind

    def clean_principal(self):
        # Kept in 万元: a cell's own unit (1.59亿元), the heading's (本金（元）) or the table's
        # (单位：亿元 above it) says how the number is written.
        principal = _check(self._money, self.cleaned_data["principal"])
        if principal <= 0:
            raise forms.ValidationError(_("must be greater than 0"))
        return principal.quantize(Decimal("0.01"), ROUND_HALF_UP)

    def clean_rate(self):
        rate = _check(_decimal, _text(self.cleaned_data["rate"]).rstrip("%％"))
        if not 0 <= rate <= 30:
            raise forms.ValidationError(_("expected an annual rate in percent between 0 and 30"))
        return rate.quantize(Decimal("0.001"), ROUND_HALF_UP)

    def clean_maturity(self):
        if self.context.get("maturity_from_term"):
            return None  # the start and the term give it (clean)
        # A day as written (a date cell, 2027-06-15), else the first of the month (2027-06).
        return _day(self.cleaned_data["maturity"]) or _month_date(
            _check(parse_month, self.cleaned_data["maturity"])
        )

    def clean_start(self):
        value = self.cleaned_data["start"]
        if not _text(value):
            return None
        day = _day(value)
        if day is None:
            raise forms.ValidationError(
                _("expected a date such as 2024-06-30, got %(value)r") % {"value": _text(value)}
            )
        return day

    def clean_budget(self):
        text = _text(self.cleaned_data["budget"])
        kind_column = self.context.get("kind_column", True)
        if not text:
            if not kind_column:
                raise forms.ValidationError(_("required"))
            return None
        budgets = {str(b.label): b.value for b in Budget} | {b.value: b.value for b in Budget}
        budgets |= BUDGET_WORDS
        if not kind_column:
            # A ledger's 债务类型 names the instrument's kind (银行贷款, 信托贷款 …); a bond
            # list's 债券类型 the budget (一般, 专项: the kind is the list's, see clean).
            kind = _kind(text)
            if kind is None and not (self.context.get("bond_list") and text in budgets):
                raise forms.ValidationError(
                    _("expected one of %(kinds)s") % {"kinds": "、".join(KIND_ALIASES)}
                )
            self.cleaned_data["kind"] = kind
            return budgets.get(text)
        if text not in budgets:
            raise forms.ValidationError(_("expected 一般债务 or 专项债务"))
        return budgets[text]

    def clean_lender(self):
        return _text(self.cleaned_data["lender"])[:100]

    def clean(self):
        data = self.cleaned_data
        if self.context.get("maturity_from_term") and "start" not in self.errors:
            data["maturity"] = self._maturity_from_term(data.get("start"))
        if data.get("kind") is None and self.context.get("bond_list") and not self.errors:
            data["kind"] = _bond_kind(self.context["bond_list"], data.get("entity"))
        start, maturity = data.get("start"), data.get("maturity")
        if start and maturity and maturity <= start:
            self.add_error("maturity", _("The maturity must be after the start."))
        return data

    def _maturity_from_term(self, start):
        """The start plus the term (3年, 10年, 36个月; a bare number is years)."""
        term = _text(self.cleaned_data.get("term"))
        found = TERM.match(term.replace(" ", ""))
        if start is None or not found:
            self.add_error(
                "term" if start is not None else "start",
                _("without a maturity column the start and a term such as 3年 give it")
                if start is not None
                else _("required"),
            )
            return None
        months = int(found.group(1)) * (1 if found.group(2) in ("个月", "月") else 12)
        return _add_months(start, months)

    def clean_refinanceable(self):
        flag = self.cleaned_data["refinanceable"]
        if isinstance(flag, bool):
            return flag
        flag = _text(flag).lower()
        if flag not in YES | NO:
            raise forms.ValidationError(_("expected 是 or 否"))
        return flag in YES

    def clean_max_defer_months(self):
        defer = _text(self.cleaned_data["max_defer_months"])
        if not defer:
            return 0
        try:
            months = int(defer)
            if not 0 <= months <= 120:
                raise ValueError
        except ValueError:
            raise forms.ValidationError(
                _("expected a whole number of months from 0 to 120")
            ) from None
        return months


# A term as lists write it: 3年, 10年期, 36个月, 5 (years).
TERM = re.compile(r"^(\d{1,3})(年期|年|个月|月)?$")
BUDGET_WORDS = {
    "一般债务": Budget.GENERAL,
    "专项债务": Budget.SPECIAL,
    "一般债券": Budget.GENERAL,
    "专项债券": Budget.SPECIAL,
    "一般": Budget.GENERAL,
    "专项": Budget.SPECIAL,
}
# A list of bonds by its title: the government's (新增地方政府债券情况表, 政府一般债券) or a
# company's (企业债券, 公司债券).
GOVERNMENT_BONDS = re.compile(r"政府[^，,。；;]{0,8}债券")
COMPANY_BONDS = re.compile(r"企业债券|公司债券")


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _bond_list(table: Table) -> str:
    """What kind of bonds a list without a 类型 column holds: "government" when its title
    names government bonds, "enterprise" for a company's, "borrower" when only its code
    column says bonds (债券代码, 债券编码: the borrower's kind decides), else ""."""
    titles = " ".join(table.titles)
    if GOVERNMENT_BONDS.search(titles):
        return "government"
    if COMPANY_BONDS.search(titles):
        return "enterprise"
    return "borrower" if "债券" in table.header("id") else ""


def _bond_kind(bond_list: str, entity) -> str:
    if bond_list == "government":
        return InstrumentKind.GOVERNMENT_BOND
    if bond_list == "enterprise":
        return InstrumentKind.ENTERPRISE_BOND
    government = getattr(entity, "kind", "") == "government"
    return InstrumentKind.GOVERNMENT_BOND if government else InstrumentKind.ENTERPRISE_BOND


def _kind(value) -> str | None:
    """The instrument kind a cell names (its code, label or a word of ``KIND_ALIASES``)."""
    text = _text(value)
    labels = {str(k.label): k.value for k in InstrumentKind}
    kind = KIND_ALIASES.get(text) or labels.get(text, text)
    return kind if kind in InstrumentKind.values else None


def _day(value) -> dt.date | None:
    """A date cell, or text as 2027-06-15, 2027/6/15 or 2027年6月15日; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DAY.match(_text(value))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def read_instruments(file) -> tuple[list[InstrumentRow], list[RowError]]:
    """The planner's input: the instruments of a spreadsheet (a path or an open file),
    each entity a name."""
    table = _table(file, INSTRUMENT_COLUMNS)
    try:
        context = {
            "kind_column": _kind_column(table),
            "bond_list": "" if "kind" in table.headers else _bond_list(table),
            "principal_unit": table.unit("principal", MONEY_UNITS),
        }
    except WorkbookError as exc:
        raise InputError(str(exc)) from exc
    good, errors = validate_rows(table, InstrumentForm, context=context)
    return [
        InstrumentRow(
            id=row["id"],
            entity=row["entity"],
            kind=row["kind"],
            principal=float(row["principal"]),
            rate=float(row["rate"]),
            maturity=row["maturity"],
            start=row["start"],
            refinanceable=row["refinanceable"],
            max_defer_months=row["max_defer_months"],
            budget=row["budget"] or Budget.GENERAL,
        )
        for _number, row in good
    ], errors


# Companies as ledgers write them: 县城投公司 is 某某县城市建设投资有限公司.
COMPANY_WORDS = {
    "城投": "城市建设投资",
    "城建投": "城市建设投资",
    "交投": "交通投资",
    "水投": "水务投资",
    "产投": "产业投资",
    "国投": "国有资产投资",
    "文旅投": "文化旅游投资",
}
_COMPANY_FORM = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$|集团公司$|集团$")
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2}(?:市|县|区)|县|市|区)")


def company_key(name: str) -> str:
    """A company's name without its region and legal form, short words spelled out
    (临溪县城市建设投资有限公司, 县城投公司 and 城投集团 give 城市建设投资)."""
    text = _REGION.sub("", clean(name))
    text = _COMPANY_FORM.sub("", text).removesuffix("公司")
    for short in sorted(COMPANY_WORDS, key=len, reverse=True):
        if text.startswith(short):
            text = COMPANY_WORDS[short] + text[len(short) :]
            break
    return text


class EntityMatcher:
    """The debt entities by their name or short name, else by the unit that answers for
    them (a platform company is a unit; 市财政局 finds the government's entity)."""

    def __init__(self, entities):
        self.entities = list(entities)
        self.by_name: dict[str, set] = {}
        self.by_company: dict[str, set] = {}
        for entity in self.entities:
            for name in {entity.name, entity.short_name} - {""}:
                self.by_name.setdefault(clean(name), set()).add(entity)
                self.by_company.setdefault(company_key(name), set()).add(entity)
        self.units = UnitMatcher({e.unit for e in self.entities})

    def find(self, name: str):
        found = self.by_name.get(clean(name)) or self.by_company.get(company_key(name))
        if found is None:
            found = {e for u in self.units.candidates(name) for e in self.entities if e.unit == u}
        return next(iter(found)) if len(found) == 1 else None


def _may_import(actor) -> bool:
    return actor.has_perms(PERMISSIONS)


def entities_for(actor):
    """The entities whose instruments the actor may add (their unit in the add scope)."""
    from ..models import DebtEntity

    units = units_in_scope(actor, PERMISSIONS[0])
    return restrict(DebtEntity.objects.all(), actor, "view").filter(unit__in=units)


def _column(key: str) -> Column:
    return next(c for c in INSTRUMENT_COLUMNS if c.key == key)


def _kind_column(table: Table) -> bool:
    """Whether the sheet has a 类型 column; without one its 债务类型 column must name the
    kinds, or the sheet be a list of bonds (``_bond_list``), and without either the
    column is missing."""
    if "kind" in table.headers:
        return True
    if "budget" not in table.headers and not _bond_list(table):
        raise missing_columns([_column("kind")])
    return False


def title_entity(titles, entities) -> object | None:
    """The one debt entity a sheet's title names: its name or short name written in a
    title line (临溪县城市建设投资有限公司债务明细表), else, for a title of government bonds
    or debt (…地方政府债券情况表, 政府债务明细表), the one government entity; else None."""
    text = clean(" ".join(titles))
    if not text:
        return None
    named = {e for e in entities for name in {e.name, e.short_name} - {""} if clean(name) in text}
    if not named and re.search(r"政府[^，,。；;]{0,8}(?:债券|债务)", text):
        named = {e for e in entities if e.kind == "government"}
        # Several governments' entities (a city and its county): the one whose region
        # (青禾县 of 青禾县人民政府) the title names.
        regional = {e for e in named if (r := _REGION.match(clean(e.name))) and r.group() in text}
        named = regional or named
    return named.pop() if len(named) == 1 else None


def _stands_in(entity_given: bool, entities):
    """For ``read_table``: the 主体 column stands in when a borrower is chosen for the
    sheet or its title names one; the 到期 column when the sheet has a start and a term."""

    def covered(titles: list[str], found: set[str]) -> set[str]:
        keys = set()
        if "entity" not in found and (entity_given or title_entity(titles, entities)):
            keys.add("entity")
        if "maturity" not in found and {"start", "term"} <= found:
            keys.add("maturity")
        return keys

    return covered


def _sheet_context(table: Table, entities, entity=None) -> dict:
    """What every row of ``table`` shares: the borrower when the sheet has no 主体 column
    (``entity`` chosen for the sheet, else the one its title names), how the kind and the
    maturity are read, the principal's unit."""
    context = {
        "kind_column": _kind_column(table),
        "bond_list": "" if "kind" in table.headers else _bond_list(table),
        "principal_unit": table.unit("principal", MONEY_UNITS),
        "maturity_from_term": "maturity" not in table.headers,
    }
    if "entity" not in table.headers:
        context["sheet_entity"] = entity or title_entity(table.titles, entities)
    return context


def import_instruments(file, *, actor, valid_only: bool = False, entity=None) -> ImportResult:
    """Create or update the ledger's instruments from a spreadsheet (a path or an open
    file): all rows or none (``valid_only`` writes the good ones). A sheet without a 主体
    column is the borrower's ``entity`` (a debt entity the actor may add instruments
    for, chosen on the import page), else the one its title names; with neither, 主体 is
    named missing."""
    from ..models import DebtInstrument

    if not _may_import(actor):
        raise PermissionDenied(_("You may not import debt instruments."))
    entities = list(entities_for(actor).select_related("unit"))
    if entity is not None and entity not in entities:
        raise WorkbookError(
            _("no debt entity %(name)s that you may enter instruments for") % {"name": entity}
        )
    # A WorkbookError for an unreadable file or missing columns.
    table = read_table(file, INSTRUMENT_COLUMNS, stands_in=_stands_in(entity is not None, entities))
    context = {"entities": EntityMatcher(entities), **_sheet_context(table, entities, entity)}
    may_change = changeable(DebtInstrument.objects.all(), actor)
    stored: dict[str, DebtInstrument] = {}
    # A maturity given by the start and the term is the term column's.
    column_of = FIELDS | ({"maturity": "term"} if context["maturity_from_term"] else {})

    def prepare(rows: list[dict]) -> None:
        codes = [r["id"] for r in rows]
        for instrument in DebtInstrument.objects.select_for_update().filter(code__in=codes):
            stored[instrument.code] = instrument

    def write(row: dict, _number: int):
        current = stored.get(row["id"])
        if current is not None and current.pk not in may_change:
            raise RowProblem("id", _("an instrument with this code exists that you may not change"))
        values = {field: row[key] for field, key in FIELDS.items()}
        if current is None:
            if row["start"] is None:
                raise RowProblem("start", _("a new instrument needs its start date (起始日)"))
            values["budget"] = values["budget"] or Budget.GENERAL
            instrument = DebtInstrument(code=row["id"], entity=row["entity"], is_illustrative=False)
        else:
            instrument = current
            # Columns left empty keep what is stored.
            for name in ("start", "budget"):
                if values[name] is None:
                    values[name] = getattr(current, name)
        changed = apply_row(instrument, values, list(FIELDS), table, column_of=column_of)
        if instrument.entity_id != row["entity"].pk:
            instrument.entity = row["entity"]
            changed = True
        if not changed:
            return instrument, None
        if instrument.start and instrument.maturity <= instrument.start:
            raise RowProblem("maturity", _("The maturity must be after the start."))
        instrument.save()  # one by one: each change goes into the audit trail
        return instrument, current is None

    with acting_as(actor):
        return run_import(
            table,
            InstrumentForm,
            write,
            context=context,
            valid_only=valid_only,
            prepare=prepare,
        )


def instrument_template(actor) -> Template:
    """The instrument sheet's template: the entities and kinds in drop-downs."""
    entities = entities_for(actor).order_by("kind", "name")
    return from_columns(
        _("Debt instruments"),
        INSTRUMENT_COLUMNS,
        meanings={
            "id": _(
                "The instrument's code (contract or bond number); it identifies the "
                "instrument: a code already in the ledger updates it."
            ),
            "entity": _(
                "The borrower: a debt entity's name or short name, or the name of the unit "
                "that answers for it (a platform company)."
            ),
            "kind": _("The kind of borrowing."),
            "principal": _("Principal outstanding, in 10k yuan."),
            "rate": _("Annual rate in percent, from 0 to 30 (such as 4.35)."),
            "maturity": _("The maturity date (2027-06-30), or a month (2027-06: its first day)."),
            "refinanceable": _("是 if the instrument may be refinanced or extended, else 否."),
            "max_defer_months": _("The longest extension in months (0 to 120); empty is 0."),
            "start": _("The start date; required for an instrument not yet in the ledger."),
            "budget": _("For government debt: 一般债务 (default) or 专项债务."),
            "lender": _("The bank or other lender."),
        },
        choices={
            "entity": [e.name for e in entities],
            "kind": ["政府债券", "银行贷款", "企业债券", "非标融资", "融资租赁", "其他"],
            "refinanceable": ["是", "否"],
            "budget": ["一般债务", "专项债务"],
        },
        example=[
            "示例",
            "",
            "银行贷款",
            5000,
            4.35,
            "2027-06-30",
            "是",
            12,
            "2024-06-30",
            "",
            "某银行",
        ],
    )


class CapacityForm(RawRowForm):
    def clean_month(self):
        return _check(parse_month, self.cleaned_data["month"])

    def clean_capacity(self):
        unit = self.context.get("capacity_unit")
        value = float(_check(lambda v: _in_wan(v, unit), self.cleaned_data["capacity"]))
        if value < 0:
            raise forms.ValidationError(_("must not be negative"))
        return value

    def clean(self):
        data = self.cleaned_data
        if "month" not in self.errors:
            earlier = self.seen_before(data["month"], "month")
            if earlier is not None:
                self.add_error("month", _("also appears in row %(row)s") % {"row": earlier})
        return data


def read_capacity(file) -> tuple[dict[int, float], list[RowError]]:
    table = _table(file, CAPACITY_COLUMNS)
    context = {"capacity_unit": table.unit("capacity", MONEY_UNITS)}
    good, errors = validate_rows(table, CapacityForm, context=context)
    return {row["month"]: row["capacity"] for _number, row in good}, errors
