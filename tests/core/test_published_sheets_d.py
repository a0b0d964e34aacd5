"""The fourth round of published 台账: the observation import's long layout reads the
unit its 数值 heading (数值（万元）) or a title line (单位：万元) gives, a cell's own unit
(8500万元) winning, as the wide monthly report does. The county, its units and every
sheet are invented; each sheet is built here with openpyxl."""

from decimal import Decimal

import pytest
from test_published_sheets_b import actor, county, platform, xlsx
from test_published_sheets_c import indicators

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
