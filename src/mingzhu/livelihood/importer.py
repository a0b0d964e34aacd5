"""The social security bureau's coverage sheet (全民参保): one row per village and scheme,
for the year the importer names.

A row's natural key is its village (or community), the year and the scheme: a row naming
a record already stored updates its counts, a row repeating it writes nothing, and the
record's 示例 flag and follow-up task are kept. All rows or none (``valid_only`` writes
the good ones); errors name the row and the column."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.scope import units_in_scope
from mingzhu.core.tabular import (
    PERSON_UNITS,
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
from mingzhu.org.matching import UnitMatcher

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
    Column("code", H_CODE, ("村居编码", "社区编码", "编码")),
    Column("scheme", H_SCHEME, ("参保险种",)),
    Column("registered", H_REGISTERED, ("户籍人数",)),
    Column("insured", H_INSURED, ("已参保人数",)),
    Column("name", H_NAME, ("村居", "村（社区）名称", "村名"), required=False),
]
SCHEME_NAMES = {
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
        # The code identifies the village; a sheet without codes may give the name.
        code = str(self.cleaned_data["code"] or "").strip()
        name = str(self.data.get("name") or "").strip()
        village = self.context["villages"].find(code or name)
        if village is None:
            raise forms.ValidationError(
                _("no village or community %(code)s in your scope") % {"code": code or name}
            )
        return village

    def clean_scheme(self):
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


def import_coverage(file, *, actor, year: int, valid_only: bool = False) -> ImportResult:
    """The figures of ``year``: all rows or none (``valid_only`` keeps the good rows)."""
    if not actor.has_perms(PERMISSIONS):
        raise PermissionDenied(_("You may not import coverage figures."))
    table = read_table(file, COLUMNS)
    villages = list(_villages(actor))
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
        return run_import(
            table,
            CoverageRow,
            write,
            context={
                "villages": UnitMatcher(villages),
                "count_units": {k: table.unit(k, PERSON_UNITS) for k in ("registered", "insured")},
            },
            valid_only=valid_only,
            prepare=prepare,
        )


def coverage_template(actor) -> Template:
    """The coverage sheet's template: the schemes and the villages in scope in drop-downs."""
    villages = _villages(actor).order_by("path")
    return from_columns(
        _("Insurance coverage"),
        COLUMNS,
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
