"""Import the facilities register (八位一体运维台账) as villages and towns keep it:
村（社区）, 设施名称, 设施类型, 位置, 运维主体, 是否在用, and optionally 所属镇（街道）.

The sheet is read by ``core.tabular`` (.xlsx, .xls or .csv in UTF-8 or GBK, title rows
above the header, header synonyms, merged cells filled, the template's 示例 row skipped).
Villages are matched by ``org.matching.UnitMatcher`` among the villages the importing
user may add facilities in (a village name two towns share needs the 所属镇（街道）
column); types and maintainers by their names. A name that matches nothing is the row's
error, naming it. Each row is checked by the model's own validation (``full_clean``).

A facility's natural key is its name within its village: a row naming a facility the
village already has updates it (the sheet's columns only; its faults, 示例 flag and the
columns the sheet lacks are kept), never a second one. All rows or none, unless only
the valid rows are asked for; every write is recorded as the importing user's.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mingzhu.core.audit import acting_as
from mingzhu.core.forms import add_errors
from mingzhu.core.scope import units_in_scope
from mingzhu.core.tabular import (
    TOWN_HEADINGS,
    Column,
    ImportResult,
    PlacedRowForm,
    apply_row,
    changeable,
    read_table,
    run_import,
    save_if_changed,
)
from mingzhu.core.templates_xlsx import from_columns
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.matching import Places, clean

from .models import Facility, FacilityType, Maintainer

COLUMNS = [
    Column(
        "village",
        "村（社区）",
        ("村", "行政村", "村居", "所在村", "村名", "村（居）", "所在村（社区）", "村（社区）名称"),
    ),
    Column("name", "设施名称", ("设施", "名称", "设施名")),
    Column("type", "设施类型", ("类型", "设施类别", "类别", "设施种类", "类型名称")),
    Column("town", "所属镇（街道）", TOWN_HEADINGS, required=False),
    Column("location", "位置", ("地点", "设施位置", "具体位置", "地址"), required=False),
    Column("maintainer", "运维主体", ("运维单位", "管护主体", "管护单位"), required=False),
    Column("is_active", "是否在用", ("在用", "使用状态", "状态"), required=False),
]
FIELDS = ["village", "name", "type", "location", "maintainer", "is_active"]
YES = {"是", "在用", "使用", "正常", "yes", "y", "true", "1", "√"}
NO = {"否", "停用", "不在用", "废弃", "no", "n", "false", "0", "×"}


# What offices call the catalogue's default types (农村公路 is the type 农村道路): tried
# when the word names no type of the catalogue itself.
TYPE_WORDS = {
    "农村公路": "农村道路",
    "通村公路": "农村道路",
    "村道": "农村道路",
    "道路": "农村道路",
    "公厕": "公共厕所",
    "厕所": "公共厕所",
    "农村公厕": "公共厕所",
    "饮水工程": "供水",
    "农村饮水工程": "供水",
    "饮水安全工程": "供水",
    "供水工程": "供水",
    "供水设施": "供水",
    "污水处理设施": "污水处理",
    "污水治理": "污水处理",
    "垃圾处理": "垃圾收运",
    "垃圾收集": "垃圾收运",
    "垃圾池": "垃圾收运",
    "垃圾收集点": "垃圾收运",
    "路灯照明": "路灯",
    "太阳能路灯": "路灯",
    "沟渠": "河道沟塘",
    "河道": "河道沟塘",
    "沟塘": "河道沟塘",
    "绿化带": "绿化",
    "垃圾分类": "垃圾收运",
}


class FacilityRow(PlacedRowForm):
    """One facility: every cell arrives raw; its object is built and checked in ``clean``."""

    def clean_name(self):
        name = self.required_text("name")
        return name

    def clean_type(self):
        name = self.required_text("type")
        types = self.context["types"]
        found = (
            types.get(clean(name))
            or types.get(TYPE_WORDS.get(clean(name), ""))
            or _type_within(clean(name), types)
        )
        if found is None:
            raise forms.ValidationError(_("no facility type named %(name)s") % {"name": name})
        return found

    def clean_location(self):
        return self.text("location")

    def clean_maintainer(self):
        name = self.text("maintainer")
        if not name:
            return None
        found = self.context["maintainers"].get(clean(name))
        if found is None:
            raise forms.ValidationError(_("no maintainer named %(name)s") % {"name": name})
        return found

    def clean_is_active(self):
        return self.yes_or_no("is_active", YES, NO)

    def clean_placed(self, data: dict) -> dict:
        key = (data["village"].pk, clean(data["name"]))
        current = self.stored(
            key,
            same=_("the same facility as row %(row)s"),
            locked=_("a facility exists that you may not change"),
            field="name",
        )
        facility = current or Facility()
        data["changed"] = apply_row(facility, data, FIELDS, self.context["table"])
        try:
            facility.full_clean(exclude=["village", "type", "maintainer"])
        except ValidationError as exc:
            add_errors(self, exc)
        data["facility"] = facility
        return data


def _type_within(word: str, types: dict):
    """The one type whose name, or a word for it, the longer word contains (污水处理终端 and
    污水处理站 are 污水处理, 农村饮水安全工程 is 供水, 垃圾分类亭 垃圾收运); None when it
    contains none, or words of two types (村道路灯)."""
    found = {t for name, t in types.items() if name in word}
    found |= {types[t] for w, t in TYPE_WORDS.items() if w in word and t in types}
    return found.pop() if len(found) == 1 else None


def import_facilities(file, *, actor, valid_only: bool = False) -> ImportResult:
    """Create or update the facilities of the sheet, matched by their name within their
    village; ``result.objects`` are the facilities written."""
    table = read_table(file, COLUMNS)
    units = units_in_scope(actor, "rural.add_facility")
    existing = {}
    facilities = Facility.objects.filter(village__in=units).select_related(
        "village", "type", "maintainer"
    )
    for facility in facilities.order_by("pk"):
        existing.setdefault((facility.village_id, clean(facility.name)), facility)
    context = {
        "table": table,
        "places": Places(units),
        "types": {clean(t.name): t for t in FacilityType.objects.filter(is_active=True)},
        "maintainers": {clean(m.name): m for m in Maintainer.objects.all()},
        "existing": existing,
        "changeable": changeable(Facility.objects.all(), actor),
    }

    with acting_as(actor):
        return run_import(
            table, FacilityRow, save_if_changed("facility"), context=context, valid_only=valid_only
        )


def facility_template(actor):
    """The register's template: villages, types and maintainers in drop-downs."""
    units = units_in_scope(actor, "rural.add_facility").filter(is_active=True)
    villages = units.filter(kind=UnitKind.VILLAGE).order_by("path")
    towns = units.filter(kind__in=TOWN_KINDS).order_by("path")
    types = FacilityType.objects.filter(is_active=True).order_by("sort_order", "name")
    maintainers = Maintainer.objects.order_by("name")
    first_village = villages.first()
    first_type = types.first()
    return from_columns(
        _("Facilities"),
        COLUMNS,
        meanings={
            "village": _(
                "The village (行政村) where the facility stands. A facility of the same "
                "name in the same village is updated on a later import."
            ),
            "name": _("The facility's name, unique within its village."),
            "type": _("One of the facility types."),
            "town": _(
                "The village's town or street; needed only when two towns have a "
                "village of that name."
            ),
            "location": _("Where it stands (group, road, house number)."),
            "maintainer": _("The body that maintains it (运维主体); empty when there is none."),
            "is_active": _("是 (in use, the default) or 否."),
        },
        choices={
            "village": [v.name for v in villages],
            "town": [t.name for t in towns],
            "type": [t.name for t in types],
            "maintainer": [m.name for m in maintainers],
            "is_active": ["是", "否"],
        },
        example=[
            "示例",
            "（示例）1号垃圾收集点",
            first_type.name if first_type else "",
            first_village.parent.name if first_village and first_village.parent else "",
            "（示例）3组路口",
            "",
            "是",
        ],
    )
