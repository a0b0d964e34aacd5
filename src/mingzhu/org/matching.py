"""Org units found by the names offices write.

A 台账 or a 公文 names a unit as its author knows it: the full name (发展和改革委员会), the
short one (发改委), with the city in front (扬中市生态环境局, 市发改委), or in the form of
another county (县发展和改革局, 发展改革委). ``UnitMatcher`` finds the unit of the org tree
that such a name means, or says that none or several do; it never guesses from a keyword.
Spreadsheet imports and the decomposition of policy documents share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext as _

from .choices import TOWN_KINDS
from .models import OrgUnit, city_units

# Abbreviations in unit names and what they stand for.
ABBREVIATIONS = {
    "发改": "发展和改革",
    "发展改革": "发展和改革",
    "工信": "工业和信息化",
    "经信": "工业和信息化",
    "人社": "人力资源和社会保障",
    "住建": "住房和城乡建设",
    "资规": "自然资源和规划",
    "自规": "自然资源和规划",
    "卫健": "卫生健康",
    "市场监管": "市场监督管理",
    "城管": "城市管理",
    "应急": "应急管理",
    "文广旅": "文化广电和旅游",
    "文旅": "文化广电和旅游",
    "医保": "医疗保障",
    "退役军人": "退役军人事务",
    "交通": "交通运输",
    "科技": "科学技术",
    "农业": "农业农村",
    "农委": "农业农村委",
    "生态": "生态环境",
    "环保": "生态环境",
    "审批": "行政审批",
    "数据": "大数据管理",
    "残联": "残疾人联合会",
    "文体广新": "文化体育广电新闻出版",
    "文体旅": "文化体育和旅游",
    "文旅广电": "文化和旅游广电",
    "教科": "教育科技",
}
# Shortened words inside or at the end of a name: 园区管委会 is 园区管理委员会, 县经开区 the
# county's 经济开发区.
SHORT_WORDS = {"管委会": "管理委员会", "经开区": "经济开发区"}
# A zone's committee under the zone's own name: 某某经济开发区管理委员会 is 经济开发区.
_ZONE_BODY = re.compile(r"(?<=[区园])管理委员会$")
# The party's bodies carry 中共 in their full names (中共某某县委党校) and seldom in a sheet.
_PARTY = re.compile(r"^中共")
# Words for "the unit" that vary between counties: 发改委 here is 发展和改革局 there.
_ORGAN = re.compile(r"(?:委员会|委|局)$")
# A region in front of the name: the city's own (扬中市, 扬中), 市, 县, or another's (丹徒区).
_REGION = re.compile(r"^(?:全市|本市|市|县|区|[\u4e00-\u9fff]{2}(?:市|县|区))")
_SPACE = re.compile(r"\s+")
# The seat of a town or street as letters name it: 新坝镇人民政府, 三茅街道办事处.
_SEAT = re.compile(r"(?:人民政府|政府|办事处|办)$")
# A village or community under its committee's name: 红旗村民委员会 (红旗村村民委员会,
# 红旗村委会) is 红旗村, 东关社区居民委员会 (东关社区居委会) is 东关社区.
_COMMITTEE = re.compile(r"(?:村民委员会|村委会|村委)$")
_RESIDENTS = re.compile(r"(?:社区)?(?:居民委员会|居委会)$")
# "All towns" in the forms texts use: 各镇（街道）, 各镇街, 各镇（街道、园区）, 各板块. Which
# kinds of unit they mean: 各乡镇 and 各镇 the towns, with 街道 the streets, with 园区,
# 开发区, 镇区, 板块 or 辖市区 the zones as well.
ALL_TOWNS = re.compile(r"^各(?:镇|乡镇|镇街|镇区|板块|辖市区)(?:[（(][^）)]*[）)])?$")
_WITH_STREETS = re.compile(r"街")
_WITH_ZONES = re.compile(r"园|开发区|镇区|板块|辖市区|管委会")
# "All streets": 各街道, 各街道办事处 (the towns and zones are not meant).
ALL_STREETS = re.compile(r"^各街道(?:办事处|办)?$")
# A city bureau's branch in the county (云州市生态环境局桐溪分局): the county's sheets write it
# 生态环境分局, 县生态环境分局 or 桐溪生态环境分局.
_BRANCH = re.compile(r"^(?P<body>.+?)局(?P<seat>[\u4e00-\u9fff]{1,4})分局$")
# A name with another in brackets: 高新园（某某镇）, the body and the unit that hosts it.
_BRACKETED = re.compile(r"^(.+?)\(([^()]+)\)$")


def clean(name: str) -> str:
    """The name as written, without spaces and with full-width forms folded."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(name or "")))


def _spelled_out(text: str) -> str:
    for short in sorted(ABBREVIATIONS, key=len, reverse=True):
        if text.startswith(short) and not text.startswith(ABBREVIATIONS[short]):
            text = ABBREVIATIONS[short] + text[len(short) :]
            break
    core = _ORGAN.sub("", text)
    return (core if len(core) >= 2 else text).replace("和", "")


def unit_keys(name: str, prefixes: Iterable[str] = ()) -> set[str]:
    """The comparable forms of a unit name: as written and without a region in front,
    abbreviations spelled out, no 委员会/委/局 at the end and no 和 (发展和改革委员会,
    县发展和改革局, 市发改委 and 发展改革委 all give 发展改革)."""
    text = clean(name)
    for short, full in SHORT_WORDS.items():
        text = text.replace(short, full)
    forms = {text}
    if _PARTY.match(text) and len(text) > 4:
        forms.add(text[2:])
    for prefix in prefixes:
        for form in list(forms):
            if prefix and form.startswith(prefix) and len(form) > len(prefix) + 1:
                forms.add(form[len(prefix) :])
    stripped = _REGION.sub("", text, count=1)
    if len(stripped) >= 2:
        forms.add(stripped)
    if (branch := _BRANCH.match(stripped)) and _is_seat(branch.group("seat"), prefixes):
        forms.add(branch.group("body") + "分局")
    for form in list(forms):
        seat = _SEAT.sub("", form)
        if seat != form and len(seat) >= 2 and seat[-1] in "镇乡街道区":
            forms.add(seat)
        zone = _ZONE_BODY.sub("", form)
        if zone != form and len(zone) >= 3:
            forms.add(zone)
    committees = set()
    for form in forms:
        village = _COMMITTEE.sub("", form)
        if village != form and len(village) >= 1:
            committees.add(village if village.endswith("村") else village + "村")
        community = _RESIDENTS.sub("", form)
        if community != form and community:
            committees.add(community + "社区")
    return {_spelled_out(form) for form in forms | committees if form}


def _is_seat(name: str, prefixes: Iterable[str]) -> bool:
    """``name`` is the county's own (桐溪 of 桐溪县, or its name as a prefix gives it)."""
    return any(p in (name, name + "县", name + "市", name + "区") for p in prefixes)


def city_prefixes() -> tuple[str, ...]:
    """The city's names (its name and short name) that its units' names may carry in
    front (临溪经济开发区管理委员会): for a matcher of some of its units without the city."""
    pairs = OrgUnit.objects.filter(kind="city", parent=None).values_list("name", "short_name")
    return tuple(name for pair in pairs for name in pair if name)


class UnitMatcher:
    """The units among ``units`` by every name they go by; see the module's note."""

    def __init__(
        self,
        units: Iterable[OrgUnit],
        *,
        prefixes: Iterable[str] = (),
        aliases: Iterable[tuple[str, int]] = (),
    ):
        self.units = list(units)
        cities = [u for u in self.units if u.parent_id is None and u.kind == "city"]
        self.prefixes = tuple(prefixes) or tuple(
            p for u in cities for p in (u.name, u.short_name) if p
        )
        self._exact: dict[str, set[OrgUnit]] = {}
        self._keys: dict[str, set[OrgUnit]] = {}
        for unit in self.units:
            for name in {unit.name, unit.short_name, unit.code} - {""}:
                self._exact.setdefault(clean(name), set()).add(unit)
                if name != unit.code:
                    for key in unit_keys(name, self.prefixes):
                        self._keys.setdefault(key, set()).add(unit)
        # Names the administrator taught (org.UnitAlias): matched as written, first.
        by_pk = {unit.pk: unit for unit in self.units}
        self._aliases: dict[str, OrgUnit] = {
            clean(name): by_pk[unit_id] for name, unit_id in aliases if unit_id in by_pk
        }

    @classmethod
    def of_city(cls, queryset=None) -> UnitMatcher:
        """The units of the city's own tree (the peers compared with stay out), with the
        aliases the administrator entered."""
        from .models import UnitAlias

        return cls(
            city_units(queryset).filter(is_active=True),
            aliases=UnitAlias.objects.values_list("name", "unit_id"),
        )

    def candidates(self, name: str) -> list[OrgUnit]:
        """The units the name may mean: by the name as written, else by its key."""
        text = clean(name)
        if not text:
            return []
        if text in self._aliases:
            return [self._aliases[text]]
        found = self._by_name(text)
        if not found and (bracketed := _BRACKETED.match(text)):
            # 高新园（某某镇）: the unit the name before the bracket means, else the one the
            # bracket names.
            found = self._by_name(bracketed.group(1)) or self._by_name(bracketed.group(2))
        return sorted(found, key=lambda u: u.path)

    def _by_name(self, text: str) -> set[OrgUnit]:
        found = self._exact.get(text)
        if not found:
            found = set()
            for key in unit_keys(text, self.prefixes):
                found |= self._keys.get(key, set())
        return found

    def find(self, name: str) -> OrgUnit | None:
        """The one unit the name means, or None (no unit, or more than one)."""
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def towns(self) -> list[OrgUnit]:
        return sorted((u for u in self.units if u.kind in TOWN_KINDS), key=lambda u: u.path)

    def collective(self, name: str) -> list[OrgUnit]:
        """The units a collective name (各镇（街道）, 各街道 and their kin) stands for, in
        the order of the tree; an empty list for any other name."""
        text = clean(name)
        if ALL_TOWNS.match(text):
            if _WITH_ZONES.search(text):
                return self.towns()
            kinds = {"town", "street"} if _WITH_STREETS.search(text) else {"town"}
            return [u for u in self.towns() if u.kind in kinds]
        if ALL_STREETS.match(clean(name)):
            return [u for u in self.towns() if u.kind == "street"]
        return []

    def expand(self, name: str) -> list[OrgUnit]:
        """The units a name stands for: every town-level unit for 各镇（街道） and its
        kin, every street for 各街道, else the one unit found (an empty list when none or
        several)."""
        if ALL_TOWNS.match(clean(name)) or ALL_STREETS.match(clean(name)):
            return self.collective(name)
        unit = self.find(name)
        return [unit] if unit is not None else []


class Places:
    """The villages (or other units of ``kinds``) among ``units`` and their towns, by the
    names offices write, for the imports of village records (facilities, party members,
    households): a village name two towns share is told apart by the town; a name that
    matches none is a ``ValidationError`` naming it."""

    def __init__(self, units, kinds=("village",)):
        units = list(units.filter(is_active=True, kind__in=[*kinds, *TOWN_KINDS]))
        self.villages = UnitMatcher([u for u in units if u.kind in kinds])
        self.towns = UnitMatcher([u for u in units if u.kind in TOWN_KINDS])

    def town(self, name: str):
        found = self.towns.candidates(name)
        if len(found) != 1:
            raise forms.ValidationError(_("no town named %(name)s") % {"name": name})
        return found[0]

    def village(self, name: str, town=None):
        found = self.villages.candidates(name)
        if town is not None:
            found = [v for v in found if v.path.startswith(town.path)]
        if not found:
            raise forms.ValidationError(_("no village named %(name)s") % {"name": name})
        if len(found) > 1:
            raise forms.ValidationError(
                _("%(name)s names villages of several towns; give the town in 所属镇（街道）")
                % {"name": name}
            )
        return found[0]
