"""The social security bureau's coverage sheet (全民参保): one row per village and scheme,
for the year the importer names.

Sheets as towns and the bureau keep them are read too: a village named without its code
(村（社区）), told apart from another of its name by a 乡镇 column or by the one town the
title names (河口镇2026年全民参保情况表); the schemes as offices write them (城乡居民基本
养老保险); and the schemes side by side, a column of insured persons each (基本养老保险参保
人数 | 基本医疗保险参保人数) beside the one 户籍人口, which makes a record per scheme.

A row's natural key is its village (or community), the year and the scheme: a row naming
a record already stored updates its counts, a row repeating it writes nothing, and the
record's 示例 flag and follow-up task are kept. All rows or none (``valid_only`` writes
the good ones); errors name the row and the column."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.scope import units_in_scope
from mingzhu.core.tabular import (
    PERSON_UNITS,
    TOWN_HEADINGS,
    Column,
    ImportResult,
    RawRowForm,
    RowProblem,
    changeable,
    quantity,
    read_table,
    run_import,
)
from mingzhu.core.templates_xlsx import Template, from_columns
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit

from .actions import VILLAGE_KINDS
from .choices import Scheme
from .models import CoverageRecord

PERMISSIONS = ("livelihood.add_coveragerecord", "livelihood.change_coveragerecord")
H_CODE, H_NAME, H_SCHEME, H_REGISTERED, H_INSURED = (
    "村（社区）编码",
    "村（社区）",
    "险种",
    "户籍人口",
    "参保人数",
)
HEADERS = [H_CODE, H_NAME, H_SCHEME, H_REGISTERED, H_INSURED]
COLUMNS = [
    # Without a code column the name identifies the village (see _stands_in).
    Column("code", H_CODE, ("村居编码", "社区编码", "编码")),
    Column("scheme", H_SCHEME, ("参保险种",)),
    Column("registered", H_REGISTERED, ("户籍人数", "户籍人口数")),
    Column("insured", H_INSURED, ("已参保人数",)),
    Column(
        "name",
        H_NAME,
        ("村居", "村（社区）名称", "村名", "村", "村（居）", "行政村"),
        required=False,
    ),
    Column("town", "乡镇（街道）", TOWN_HEADINGS, required=False),
    # The schemes side by side: insured persons per scheme, for the one 户籍人口.
    Column(
        "pension_insured",
        "基本养老保险参保人数",
        ("养老保险参保人数", "城乡居民基本养老保险参保人数", "参加基本养老保险人数"),
        required=False,
    ),
    Column(
        "medical_insured",
        "基本医疗保险参保人数",
        ("医疗保险参保人数", "城乡居民基本医疗保险参保人数", "参加基本医疗保险人数"),
        required=False,
    ),
]
WIDE = {"pension_insured": Scheme.PENSION, "medical_insured": Scheme.MEDICAL}
SCHEME_NAMES = {
    "城乡居民基本养老保险": Scheme.PENSION,
    "城乡居民养老保险": Scheme.PENSION,
    "居民养老保险": Scheme.PENSION,
    "城乡居民基本医疗保险": Scheme.MEDICAL,
    "城乡居民医疗保险": Scheme.MEDICAL,
    "居民医疗保险": Scheme.MEDICAL,
    "居民医保": Scheme.MEDICAL,
    "医保": Scheme.MEDICAL,
    "基本养老保险": Scheme.PENSION,
    "养老保险": Scheme.PENSION,
    "养老": Scheme.PENSION,
    "pension": Scheme.PENSION,
    "基本医疗保险": Scheme.MEDICAL,
    "医疗保险": Scheme.MEDICAL,
    "医疗": Scheme.MEDICAL,
    "medical": Scheme.MEDICAL,
}
MIN_YEAR, MAX_YEAR = 2000, 2100


def _count(value, unit: str | None = None) -> int:
    """A whole number of persons: in the cell's own unit (3.2万人), else the column's
    (参保人数（万人）, a 单位：万人 line), else in 人."""
    if isinstance(value, bool):
        value = None
    try:
        number = quantity(value, unit=unit, into="人", units=PERSON_UNITS)
    except ValueError:
        number = None
    if number is None or number < 0 or number != number.to_integral_value():
        raise forms.ValidationError(_("a whole number of people is expected"))
    return int(number)


class CoverageRow(RawRowForm):
    def clean_code(self):
        # The code identifies the village; a sheet without codes may give the name, told
        # apart from another village of that name by the row's town or the title's.
        code = str(self.cleaned_data["code"] or "").strip()
        name = str(self.data.get("name") or "").strip()
        village = self.context["villages"].find(code) if code else None
        if village is None and not code and name:
            village = self._by_name(name)
        if village is None:
            raise forms.ValidationError(
                _("no village or community %(code)s in your scope") % {"code": code or name}
            )
        return village

    def _by_name(self, name: str):
        town_name = str(self.data.get("town") or "").strip()
        town = self.context["title_town"]
        if town_name:
            found = self.context["towns"].candidates(town_name)
            if len(found) != 1:
                raise forms.ValidationError(_("no town named %(name)s") % {"name": town_name})
            town = found[0]
        found = self.context["villages"].candidates(name)
        if town is not None:
            found = [v for v in found if v.path.startswith(town.path)]
        if len(found) > 1:
            raise forms.ValidationError(
                _("%(name)s names villages of several towns; give the town in 所属镇（街道）")
                % {"name": name}
            )
        return found[0] if found else None

    def clean_town(self):
        return None  # read with the village (clean_code)

    def clean_scheme(self):
        if self.cleaned_data["scheme"] in WIDE.values():  # a column of its own
            return self.cleaned_data["scheme"]
        return self.word("scheme", SCHEME_NAMES, _("expected 基本养老保险 or 基本医疗保险"))

    def clean_registered(self):
        return _count(self.cleaned_data["registered"], self.context["count_units"]["registered"])

    def clean_insured(self):
        return _count(self.cleaned_data["insured"], self.context["count_units"]["insured"])

    def clean(self):
        data = self.cleaned_data
        registered, insured = data.get("registered"), data.get("insured")
        if registered is not None and insured is not None and insured > registered:
            self.add_error("insured", _("more insured persons than registered residents"))
        village, scheme = data.get("code"), data.get("scheme")
        duplicate = village and scheme and not self.errors
        if duplicate and self.seen_before((village.pk, scheme), "coverage") is not None:
            self.add_error("scheme", _("this village and scheme appear twice"))
        return data


def _villages(actor):
    return units_in_scope(actor, PERMISSIONS[0]).filter(kind__in=VILLAGE_KINDS)


def _stands_in(titles: list[str], found: set[str]) -> set[str]:
    """For ``read_table``: a village's name stands in for its code, and insured persons
    per scheme (the schemes side by side) for the 险种 and 参保人数 columns."""
    keys = {"code"} if "name" in found else set()
    if "scheme" not in found and "insured" not in found and found & set(WIDE):
        keys |= {"scheme", "insured"}
    return keys


def _title_town(titles: list[str], towns):
    """The one town a title line names (河口镇2026年全民参保情况表), else None."""
    text = "".join(titles)
    named = set()
    for town in towns:
        bare = re.sub(r"(?:人民政府|办事处)$", "", town.name)
        if town.parent is not None:
            bare = bare.removeprefix(town.parent.name)
        if any(len(n) >= 2 and n in text for n in {town.name, town.short_name or "", bare}):
            named.add(town)
    return named.pop() if len(named) == 1 else None


def _one_scheme_a_row(table) -> None:
    """The schemes side by side become a row per scheme (the same row number), each with
    its column's insured persons."""
    wide = [key for key in WIDE if key in table.headers]
    if "scheme" in table.headers or not wide:
        return
    rows = []
    for number, record in table.rows:
        for key in wide:
            rows.append((number, {**record, "scheme": WIDE[key], "insured": record[key]}))
    table.rows = rows
    table.headers["scheme"] = table.headers[wide[0]]
    table.headers["insured"] = "、".join(table.headers[key] for key in wide)


def import_coverage(file, *, actor, year: int, valid_only: bool = False) -> ImportResult:
    """The figures of ``year``: all rows or none (``valid_only`` keeps the good rows)."""
    if not actor.has_perms(PERMISSIONS):
        raise PermissionDenied(_("You may not import coverage figures."))
    table = read_table(file, COLUMNS, stands_in=_stands_in)
    _one_scheme_a_row(table)
    if "code" not in table.headers:  # the village by its name: errors name that column
        table.headers["code"] = table.headers["name"]
    villages = list(_villages(actor))
    towns = list(
        OrgUnit.objects.filter(is_active=True, kind__in=TOWN_KINDS).select_related("parent")
    )
    may_change = changeable(CoverageRecord.objects.filter(year=year), actor)
    stored: dict[tuple[int, str], CoverageRecord] = {}

    def prepare(rows: list[dict]) -> None:
        for record in CoverageRecord.objects.select_for_update().filter(
            year=year, village__in={r["code"].pk for r in rows}
        ):
            stored[(record.village_id, record.scheme)] = record

    def write(row: dict, _number: int):
        village = row["code"]
        record = stored.get((village.pk, row["scheme"]))
        if record is not None and record.pk not in may_change:
            raise RowProblem("code", _("a record exists that you may not change"))
        counts = (row["registered"], row["insured"])
        if record is not None and (record.registered, record.insured) == counts:
            return record, None  # matched and unchanged: nothing written
        created = record is None
        if created:
            record = CoverageRecord(village=village, year=year, scheme=row["scheme"])
        record.registered, record.insured = counts
        record.save()
        return record, created

    with acting_as(actor):
        result = run_import(
            table,
            CoverageRow,
            write,
            context={
                "villages": UnitMatcher(villages),
                "towns": UnitMatcher(towns),
                "title_town": None if "town" in table.headers else _title_town(table.titles, towns),
                "count_units": {k: table.unit(k, PERSON_UNITS) for k in ("registered", "insured")},
            },
            valid_only=valid_only,
            prepare=prepare,
        )
    # A row of the schemes side by side is checked once per scheme: its village's error
    # is said once.
    seen = set()
    result.errors = [
        e
        for e in result.errors
        if (e.row, e.field, e.message) not in seen and not seen.add((e.row, e.field, e.message))
    ]
    return result


# The template's columns: one row per village and scheme.
TEMPLATE_COLUMNS = [
    c for c in COLUMNS if c.key in {"code", "name", "scheme", "registered", "insured"}
]


def coverage_template(actor) -> Template:
    """The coverage sheet's template: the schemes and the villages in scope in drop-downs."""
    villages = _villages(actor).order_by("path")
    return from_columns(
        _("Insurance coverage"),
        TEMPLATE_COLUMNS,
        meanings={
            "code": _(
                "The village's or community's code in the org tree (or leave it empty and "
                "give the name). With the year and the scheme it identifies the record: a "
                "record already imported is updated."
            ),
            "name": _("The village's or community's name (read when the code is empty)."),
            "scheme": _("基本养老保险 or 基本医疗保险."),
            "registered": _("Registered residents: a whole number."),
            "insured": _("Insured persons: a whole number, at most the registered residents."),
        },
        choices={
            "code": [v.code for v in villages],
            "name": [v.name for v in villages],
            "scheme": ["基本养老保险", "基本医疗保险"],
        },
        example=["示例", "基本养老保险", 2000, 1900, "某某村"],
    )
