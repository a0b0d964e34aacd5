"""Demo targets: the four targets of the seed essay, exactly as it states them, with the
sentence they come from; Yangzhong's observations (real figures with their source where
known, the rest illustrative) and illustrative figures for the peer counties.

Idempotent: indicators are matched by code, targets by indicator, unit and deadline,
observations by indicator, unit and period.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from mingzhu.demo.kit import unaudited
from mingzhu.org.models import OrgUnit

from .choices import Comparator, Dimension, Direction
from .models import Indicator, Observation, Target

CITY = "321182000000"
PEERS = {"江阴市": "320281000000", "张家港市": "320582000000", "昆山市": "320583000000"}
PEERS["丹阳市"] = "321181000000"

DOCUMENT = "《奋力创造“江中明珠”新的更大荣光》（张德军，中共扬中市委）"
SENTENCE = (
    "力争到“十四五”末，GDP 突破 800 亿元，一般公共预算收入超过 50 亿元，"
    "工业应税销售突破 1500 亿元，百亿企业 5家以上，以高质量发展硬实力和竞争力检验现代化建设成果。"
)
DEADLINE = dt.date(2025, 12, 31)
STATS_2022 = "扬中市2022年国民经济和社会发展统计公报"
STATS_2023 = "扬中市2023年国民经济和社会发展统计公报"
REVENUE_2021 = "扬中市2022年政府工作报告（2021年预计数，初步统计）"
ILLUSTRATIVE = "示例数据"

# code, name, unit, dimension, direction, is_population, per capita of
INDICATORS = [
    ("GDP", "地区生产总值", "亿元", Dimension.TOTAL, Direction.HIGHER, False, None),
    ("GPBR", "一般公共预算收入", "亿元", Dimension.TOTAL, Direction.HIGHER, False, None),
    ("ITS", "工业应税销售", "亿元", Dimension.TOTAL, Direction.HIGHER, False, None),
    ("ENT100", "百亿企业数", "家", Dimension.QUALITY, Direction.HIGHER, False, None),
    ("POP", "常住人口", "万人", Dimension.TOTAL, Direction.HIGHER, True, None),
    ("GDPPC", "人均地区生产总值", "元", Dimension.PER_CAPITA, Direction.HIGHER, False, "GDP"),
    (
        "ENERGY",
        "单位地区生产总值能耗",
        "吨标准煤/万元",
        Dimension.QUALITY,
        Direction.LOWER,
        False,
        None,
    ),
]

# The seed's targets: 突破/超过 → ">", 以上 → ">=".
TARGETS = [
    ("GDP", Comparator.GT, "800"),
    ("GPBR", Comparator.GT, "50"),
    ("ITS", Comparator.GT, "1500"),
    ("ENT100", Comparator.GE, "5"),
]

# (indicator, unit code, period, value, source or None for illustrative)
OBSERVATIONS = [
    ("GDP", CITY, "2021", "560", None),
    ("GDP", CITY, "2022", "585.99", STATS_2022),
    ("GDP", CITY, "2023", "608", None),
    ("GPBR", CITY, "2021", "38", REVENUE_2021),
    ("GPBR", CITY, "2022", "36.5", None),
    ("GPBR", CITY, "2023", "39.2", None),
    ("ITS", CITY, "2021", "1020", None),
    ("ITS", CITY, "2022", "1085", None),
    ("ITS", CITY, "2023", "1160", None),
    ("ENT100", CITY, "2021", "2", None),
    ("ENT100", CITY, "2022", "3", None),
    ("ENT100", CITY, "2023", "3", None),
    ("POP", CITY, "2022", "31.61", STATS_2022),
    ("POP", CITY, "2023", "31.65", STATS_2023),
    ("ENERGY", CITY, "2023", "0.36", None),
]
# Peers, all illustrative: GDP, revenue, population, energy intensity for 2022 and 2023.
PEER_FIGURES = {
    "江阴市": {"GDP": ("4750", "4950"), "GPBR": ("265", "275"), "POP": ("178", "179")},
    "张家港市": {"GDP": ("3300", "3450"), "GPBR": ("235", "245"), "POP": ("144", "145")},
    "昆山市": {"GDP": ("5000", "5150"), "GPBR": ("430", "440"), "POP": ("210", "211")},
    "丹阳市": {"GDP": ("1350", "1420"), "GPBR": ("75", "80"), "POP": ("98", "98")},
}
PEER_ENERGY = {"江阴市": "0.42", "张家港市": "0.48", "昆山市": "0.28", "丹阳市": "0.33"}


def _observations():
    yield from OBSERVATIONS
    for name, figures in PEER_FIGURES.items():
        for code, (v2022, v2023) in figures.items():
            yield code, PEERS[name], "2022", v2022, None
            yield code, PEERS[name], "2023", v2023, None
        yield "ENERGY", PEERS[name], "2023", PEER_ENERGY[name], None


def _upsert(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    if any(getattr(obj, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save()
    return obj


@transaction.atomic
def load_targets(audit: bool = False) -> dict[str, int]:
    with unaudited(audit):
        indicators = {}
        for order, (code, name, unit, dimension, direction, is_pop, base) in enumerate(
            INDICATORS, start=1
        ):
            values = {
                "name": name,
                "unit": unit,
                "dimension": dimension,
                "direction": direction,
                "frequency": "year",
                "accumulates": False,
                "is_population": is_pop,
                "per_capita_of": indicators.get(base),
                "source": "统计部门年度统计" if code != "ENT100" else "工业和信息化部门统计",
                "sort_order": order * 10,
            }
            indicators[code] = _upsert(Indicator, {"code": code}, values)
        city = OrgUnit.objects.get(code=CITY)
        for code, comparator, value in TARGETS:
            _upsert(
                Target,
                {"indicator": indicators[code], "unit": city, "deadline": DEADLINE},
                {
                    "comparator": comparator,
                    "value": Decimal(value),
                    "source_document": DOCUMENT,
                    "source_sentence": SENTENCE,
                    "is_illustrative": False,
                },
            )
        units = {u.code: u for u in OrgUnit.objects.filter(code__in=[CITY, *PEERS.values()])}
        for code, unit_code, period, value, source in _observations():
            _upsert(
                Observation,
                {"indicator": indicators[code], "unit": units[unit_code], "period": period},
                {
                    "value": Decimal(value),
                    "source": source or ILLUSTRATIVE,
                    "is_illustrative": source is None,
                },
            )
    return {"indicators": len(indicators), "targets": len(TARGETS)}
