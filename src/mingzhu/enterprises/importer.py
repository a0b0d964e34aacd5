"""Excel import and export of the registry and of annual data, with Chinese headers.
One transaction each: every row or none, with an error per row and field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from mingzhu.core.excel import RowError, read_xlsx
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.org.choices import TOWN_KINDS

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

YEAR = "年度"
FIGURES = [
    ("sales", "应税销售"),
    ("tax", "实缴税收"),
    ("value_added", "工业增加值"),
    ("energy_tce", "综合能耗"),
    ("electricity", "用电量"),
    ("emissions", "排放量"),
    ("rd_expense", "研发经费"),
    ("employees", "职工人数"),
]
EXEMPT, VETO, BONUS = "免评原因", "否决原因", "加减分"
ANNUAL_HEADERS = [CODE, YEAR, *[h for _f, h in FIGURES], EXEMPT, VETO, BONUS]

SCALE_WORDS = {"规上": Scale.ABOVE, "规下": Scale.BELOW, "above": Scale.ABOVE, "below": Scale.BELOW}
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


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


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


def date_value(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def _text(row, key) -> str:
    v = row.get(key)
    return "" if v is None else str(v).strip()


def import_registry(file, *, actor) -> ImportResult:
    sheet = read_xlsx(file, required=REGISTRY_HEADERS[:6], optional=REGISTRY_HEADERS[6:])
    result = ImportResult()
    towns = {}
    for u in units_in_scope(actor, "enterprises.add_enterprise").filter(kind__in=TOWN_KINDS):
        towns[u.name] = towns[u.code] = u
        if u.short_name:
            towns[u.short_name] = u
    existing = {e.credit_code: e for e in Enterprise.objects.all()}
    changeable = set(
        restrict(Enterprise.objects.all(), actor, "change").values_list("pk", flat=True)
    )
    seen: dict[str, int] = {}
    ready = []
    for n, row in sheet.rows:
        errors = []
        code = None
        try:
            code = credit.validate(_text(row, CODE))
        except credit.CreditCodeError as exc:
            errors.append(RowError(n, CODE, str(exc)))
        if code and code in seen:
            errors.append(RowError(n, CODE, _("the same as row %(row)s.") % {"row": seen[code]}))
        if code:
            seen[code] = n
        name = _text(row, NAME)
        if not name:
            errors.append(RowError(n, NAME, _("required")))
        town = towns.get(_text(row, TOWN))
        if town is None:
            errors.append(RowError(n, TOWN, _("not a town you may enter enterprises for")))
        industry = _text(row, INDUSTRY).upper()
        if not industry or len(industry) > 5 or not industry[0].isalpha():
            errors.append(RowError(n, INDUSTRY, _("a GB/T 4754 code such as C38")))
        scale = SCALE_WORDS.get(_text(row, SCALE))
        if scale is None:
            errors.append(RowError(n, SCALE, _("规上 or 规下")))
        try:
            land = number(row.get(LAND))
        except ValueError:
            land = None
            errors.append(RowError(n, LAND, _("not a number of 0 or more")))
        listing = LISTING_WORDS.get(_text(row, LISTING))
        if listing is None:
            errors.append(RowError(n, LISTING, _("未上市, 上市后备 or 已上市")))
        digital = DIGITAL_WORDS.get(_text(row, DIGITAL))
        if digital is None:
            errors.append(RowError(n, DIGITAL, _("未开展, 已诊断, 项目实施中 or 已完成")))
        dates = {}
        for key in (HT_FROM, HT_UNTIL):
            try:
                dates[key] = date_value(row.get(key))
            except ValueError:
                errors.append(RowError(n, key, _("Dates must look like 2025-12-31.")))
        current = existing.get(code) if code else None
        if current is not None and current.pk not in changeable:
            errors.append(RowError(n, CODE, _("an enterprise exists that you may not change")))
        if errors:
            result.errors.extend(errors)
            continue
        ready.append(
            (
                current,
                {
                    "credit_code": code,
                    "name": name,
                    "town": town,
                    "industry": industry,
                    "scale": scale,
                    "land_mu": land,
                    "high_tech_certificate": _text(row, HT_CERT),
                    "high_tech_from": dates.get(HT_FROM),
                    "high_tech_until": dates.get(HT_UNTIL),
                    "listing": listing,
                    "digital": digital,
                },
            )
        )
    if result.errors:
        return result
    with transaction.atomic():
        for current, values in ready:
            obj = current or Enterprise()
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            if current is None:
                result.created += 1
            else:
                result.updated += 1
    return result


def import_annual(file, *, actor) -> ImportResult:
    sheet = read_xlsx(file, required=[CODE, YEAR], optional=ANNUAL_HEADERS[2:])
    result = ImportResult()
    visible = restrict(Enterprise.objects.all(), actor, "view")
    by_code = dict(visible.values_list("credit_code", "pk"))
    may_add = actor.has_perm("enterprises.add_annualdata")
    changeable = set(
        restrict(AnnualData.objects.all(), actor, "change").values_list("pk", flat=True)
    )
    seen: dict[tuple, int] = {}
    ready = []
    for n, row in sheet.rows:
        errors = []
        enterprise_id = None
        try:
            code = credit.validate(_text(row, CODE))
            enterprise_id = by_code.get(code)
            if enterprise_id is None:
                errors.append(RowError(n, CODE, _("no enterprise with this code in your scope")))
        except credit.CreditCodeError as exc:
            errors.append(RowError(n, CODE, str(exc)))
        try:
            year = number(row.get(YEAR), integer=True)
            if year is None or not 2000 <= year <= 2100:
                raise ValueError
            year = int(year)
        except ValueError:
            year = None
            errors.append(RowError(n, YEAR, _("a year such as 2025")))
        values = {}
        for name, header in FIGURES:
            try:
                v = number(row.get(header), integer=name == "employees")
                values[name] = int(v) if (v is not None and name == "employees") else v
            except ValueError:
                errors.append(RowError(n, header, _("not a number of 0 or more")))
        try:
            values["bonus"] = signed(row.get(BONUS))
        except ValueError:
            errors.append(RowError(n, BONUS, _("not a number")))
        values["exempt_reason"] = _text(row, EXEMPT)
        values["veto_reason"] = _text(row, VETO)
        if enterprise_id and year:
            key = (enterprise_id, year)
            if key in seen:
                errors.append(RowError(n, CODE, _("the same as row %(row)s.") % {"row": seen[key]}))
            seen[key] = n
        if errors:
            result.errors.extend(errors)
            continue
        ready.append((n, enterprise_id, year, values))
    if result.errors:
        return result
    with transaction.atomic():
        stored = {
            (a.enterprise_id, a.year): a
            for a in AnnualData.objects.select_for_update().filter(
                enterprise_id__in={r[1] for r in ready}
            )
        }
        for n, enterprise_id, year, values in ready:
            current = stored.get((enterprise_id, year))
            if current is None and not may_add:
                result.errors.append(RowError(n, YEAR, _("you may not add annual data")))
                continue
            if current is not None and current.pk not in changeable:
                result.errors.append(RowError(n, YEAR, _("a value exists that you may not change")))
                continue
            obj = current or AnnualData(enterprise_id=enterprise_id, year=year)
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            if current is None:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result


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
