"""The fourth round of published 台账: the observation import's long layout reads the
unit its 数值 heading (数值（万元）) or a title line (单位：万元) gives, a cell's own unit
(8500万元) winning, as the wide monthly report does. The county, its units and every
sheet are invented; each sheet is built here with openpyxl."""

from decimal import Decimal

import pytest
from test_published_sheets_b import actor, county, platform
from test_published_sheets_c import indicators

from mingzhu.core.testing import xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.tree]
__all__ = ["actor", "county", "indicators", "platform"]  # fixtures of the earlier rounds

COUNTY_NAME = "青禾县"


def _stored():
    from mingzhu.targets.models import Observation

    return {
        (o.indicator.code, o.period): o.value
        for o in Observation.objects.filter(
            indicator__code__in=["QH-YBGG", "QH-GDZC", "QH-SYL"], unit__name=COUNTY_NAME
        )
    }


@pytest.mark.parametrize(
    ("above", "header", "value", "kept"),
    [
        # The heading's unit: 18230 万元 kept in the indicator's 亿元.
        ([], ["指标", "单位", "地区", "期间", "数值（万元）"], 18230, Decimal("1.823")),
        # No 单位 column: the heading alone gives it.
        ([], ["指标", "地区", "期间", "数值（万元）"], 18230, Decimal("1.823")),
        # No 单位 column: a 单位：万元 line above the table.
        ([["单位：万元"]], ["指标", "地区", "期间", "数值"], 18230, Decimal("1.823")),
        # The cell's own unit wins over the heading's.
        ([], ["指标", "地区", "期间", "数值（万元）"], "2.5亿元", Decimal("2.5")),
        # A heading in the indicator's own unit is read as it is.
        ([], ["指标", "地区", "期间", "数值（亿元）"], 1.5, Decimal("1.5")),
    ],
)
def test_the_long_layouts_heading_or_title_unit_is_kept_in_the_indicators(
    county, actor, indicators, above, header, value, kept
):
    from mingzhu.targets.importer import import_observations

    row = {"指标": "一般公共预算收入", "单位": "亿元", "地区": COUNTY_NAME, "期间": "2026-02"}
    cells = [value if h.startswith("数值") else row[h] for h in header]
    result = import_observations(xlsx([*above, header, cells]), actor=actor)
    assert result.errors == [] and result.created == 1
    assert _stored() == {("QH-YBGG", "2026-02"): kept}


def test_a_unit_line_does_not_override_the_单位_column(county, actor, indicators):
    from mingzhu.targets.importer import import_observations

    sheet = xlsx(
        [
            ["单位：万元"],
            ["指标", "单位", "地区", "期间", "数值"],
            ["一般公共预算收入", "亿元", COUNTY_NAME, "2026-02", 1.2],
            ["城镇登记失业率", "%", COUNTY_NAME, "2026-02", 2.1],
        ]
    )
    result = import_observations(sheet, actor=actor)
    assert result.errors == [] and result.created == 2
    assert _stored() == {
        ("QH-YBGG", "2026-02"): Decimal("1.2"),
        ("QH-SYL", "2026-02"): Decimal("2.1"),
    }


def test_a_heading_unit_that_is_no_amount_for_an_amount_is_refused(county, actor, indicators):
    from mingzhu.targets.importer import import_observations

    sheet = xlsx(
        [
            ["指标", "地区", "期间", "数值（%）"],
            ["一般公共预算收入", COUNTY_NAME, "2026-02", 3],
        ]
    )
    result = import_observations(sheet, actor=actor)
    assert len(result.errors) == 1 and "%" in str(result.errors[0])
    assert "亿元" in str(result.errors[0]) and _stored() == {}


def test_a_long_layout_with_no_unit_anywhere_is_refused_naming_单位(county, actor, indicators):
    from mingzhu.core.tabular import WorkbookError
    from mingzhu.targets.importer import import_observations

    with pytest.raises(WorkbookError) as caught:
        import_observations(
            xlsx(
                [["指标", "地区", "期间", "数值"], ["一般公共预算收入", COUNTY_NAME, "2026-02", 1]]
            ),
            actor=actor,
        )
    assert "单位" in str(caught.value)


# -- head counts in 万人 -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("above", "header", "cells", "kept"),
    [
        # The headings' 万人: 0.32 万人 is 3,200 persons.
        (
            [],
            ["村（社区）", "险种", "户籍人口（万人）", "参保人数（万人）"],
            [0.35, 0.32],
            (3500, 3200),
        ),
        # A 单位：万人 line gives both columns theirs.
        (
            [["单位：万人"]],
            ["村（社区）", "险种", "户籍人口", "参保人数"],
            [0.35, 0.32],
            (3500, 3200),
        ),
        # A cell's own unit wins over the heading's.
        (
            [],
            ["村（社区）", "险种", "户籍人口（人）", "参保人数（人）"],
            ["0.35万人", 3200],
            (3500, 3200),
        ),
        # A heading in 人 is read as it is.
        (
            [],
            ["村（社区）", "险种", "户籍人口（人）", "参保人数（人）"],
            ["3,500", 3200],
            (3500, 3200),
        ),
    ],
)
def test_coverage_counts_in_万人_are_kept_in_persons(county, actor, above, header, cells, kept):
    from mingzhu.livelihood.importer import import_coverage
    from mingzhu.livelihood.models import CoverageRecord

    sheet = xlsx(
        [*above, [*header, "村（社区）编码"], ["白水村民委员会", "基本医疗保险", *cells, ""]]
    )
    result = import_coverage(sheet, actor=actor, year=2026)
    assert result.errors == [] and result.created == 1
    record = CoverageRecord.objects.get(year=2026, village=county["白水村民委员会"])
    assert (record.registered, record.insured) == kept


def test_a_count_in_万人_that_is_no_whole_number_of_persons_is_refused(county, actor):
    from mingzhu.livelihood.importer import import_coverage

    sheet = xlsx(
        [
            ["村（社区）", "险种", "户籍人口（万人）", "参保人数（万人）", "村（社区）编码"],
            ["白水村民委员会", "基本医疗保险", 0.35, 0.320005, ""],
        ]
    )
    result = import_coverage(sheet, actor=actor, year=2026)
    assert len(result.errors) == 1 and "参保人数" in str(result.errors[0])


# -- a per-unit statistics table --------------------------------------------------------


def test_a_per_unit_table_names_its_indicator_in_the_title(county, actor, indicators):
    from mingzhu.targets.importer import import_observations
    from mingzhu.targets.models import Observation

    sheet = xlsx(
        [
            ["2026年1-2月各镇（街道）规上工业增加值完成情况"],
            [None, None, "单位：万元"],
            ["镇（街道）", "本月", "累计", "同比增长（%）"],
            ["柳塘镇", 1200, 2600, 5.1],
            ["石桥镇", 800, 1500, -2.0],
            ["合计", 2000, 4100, 2.3],
        ]
    )
    result = import_observations(sheet, actor=actor)
    assert result.errors == [] and result.created == 2
    stored = {
        (o.unit.name, o.period): o.value
        for o in Observation.objects.filter(indicator=indicators["value_added"])
    }
    # The cumulative figure, 2600 万元 kept in the indicator's 亿元.
    assert stored == {
        ("青禾县柳塘镇人民政府", "2026-02"): Decimal("0.26"),
        ("青禾县石桥镇人民政府", "2026-02"): Decimal("0.15"),
    }


@pytest.mark.parametrize(
    "title",
    [
        "2026年1-2月各镇（街道）主要指标完成情况",
        "2026年1-2月各镇（街道）固定资产投资和一般公共预算收入完成情况",
    ],
)
def test_a_per_unit_table_whose_title_names_no_one_indicator_is_refused(
    county, actor, indicators, title
):
    from mingzhu.core.tabular import WorkbookError
    from mingzhu.targets.importer import import_observations

    sheet = xlsx([[title], ["镇（街道）", "本月", "累计"], ["柳塘镇", 1, 2]])
    with pytest.raises(WorkbookError) as caught:
        import_observations(sheet, actor=actor)
    assert "标题" in str(caught.value) and "指标" in str(caught.value)


def test_a_report_cell_in_万元_for_an_indicator_that_is_no_amount_is_refused(county, actor):
    from mingzhu.targets.importer import import_observations
    from mingzhu.targets.models import Indicator

    Indicator.objects.update_or_create(
        name="新增市场主体",
        defaults={
            "code": "QH-XZZT",
            "unit": "家",
            "dimension": "total",
            "frequency": "month",
            "accumulates": True,
            "may_be_negative": False,
        },
    )
    sheet = xlsx(
        [
            ["青禾县主要经济指标（2026年1-2月）"],
            ["指标名称", "计量单位", "本月", "1-本月累计"],
            ["新增市场主体", "家", 10, "8500万元"],
        ]
    )
    result = import_observations(sheet, actor=actor)
    assert len(result.errors) == 1 and "8500万元" in str(result.errors[0])
