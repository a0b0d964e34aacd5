"""The third round of published 台账: the unit a heading (本金（元）, 总投资（亿元）) or a
title line (单位：万元, 金额单位：元) gives an amount, in every importer, a cell's own unit
(1.59亿元) winning; the statistics bureau's wide monthly report (统计月报) for
observations; a branch's roll naming its branch only in the title. The county, its
units and every sheet are invented; each sheet is built here with openpyxl."""

import datetime as dt
from decimal import Decimal

import pytest
from test_published_sheets_b import actor, county, credit_code, id_number, platform

from mingzhu.core.tabular import LAND_UNITS, MONEY_UNITS, Column, quantity, read_table, title_units
from mingzhu.core.testing import xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.tree]
__all__ = ["actor", "county", "platform"]  # fixtures shared with the second round


# -- the shared reading of units -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "units"),
    [
        ("单位：万元", ["万元"]),
        ("金额单位：元", ["元"]),
        ("填报单位：青禾县财政局  单位: 亿元", ["青禾县财政局", "亿元"]),
        ("计量单位：万元、亩", ["万元", "亩"]),
        ("填报日期：2026年3月1日", []),
    ],
)
def test_the_units_a_title_line_gives(line, units):
    assert title_units(line) == units


@pytest.mark.parametrize(
    ("rows", "unit"),
    [
        ([["债务余额（元）"], [1]], "元"),
        ([["单位：亿元"], ["债务余额"], [1]], "亿元"),
        ([["填报单位：青禾县财政局", "金额单位：元"], ["债务余额"], [1]], "元"),
        # The heading's own unit wins over the table's.
        ([["单位：亿元"], ["债务余额（万元）"], [1]], "万元"),
        ([["填报单位：青禾县财政局"], ["债务余额"], [1]], None),
        ([["债务余额（笔）"], [1]], None),
    ],
)
def test_a_columns_unit_is_its_headings_else_the_title_lines(rows, unit):
    table = read_table(xlsx(rows), [Column("amount", "债务余额")])
    assert table.unit("amount", MONEY_UNITS) == unit


@pytest.mark.parametrize(
    ("value", "unit", "into", "read"),
    [
        (12345, "元", "万元", Decimal("1.2345")),
        (2.5, "亿元", "万元", Decimal(25000)),
        ("1.59亿元", "元", "万元", Decimal(15900)),  # the cell's own unit wins
        ("8,500万元", "亿元", "万元", Decimal(8500)),
        ("9,120元", None, "元", Decimal(9120)),
        ("0.912万元", None, "元", Decimal(9120)),
        (640, None, "万元", Decimal(640)),
        (None, "元", "万元", None),
        ("  ", "元", "万元", None),
    ],
)
def test_a_quantity_is_read_in_the_cells_unit_else_the_columns(value, unit, into, read):
    assert quantity(value, unit=unit, into=into) == read


def test_land_in_平方米_and_公顷_is_kept_in_亩():
    assert quantity(20000, unit="平方米", into="亩", units=LAND_UNITS) == Decimal(30)
    assert quantity("2公顷", unit=None, into="亩", units=LAND_UNITS) == Decimal(30)


@pytest.mark.parametrize("value", ["约500", "500吨", "亿元", True])
def test_no_number_or_another_unit_is_no_quantity(value):
    with pytest.raises(ValueError):
        quantity(value, unit="万元", into="万元")


# -- every importer's amounts ----------------------------------------------------------


def _ledger(unit_line, heading, *values):
    rows = [["青禾县融资平台公司债务明细表"]]
    if unit_line:
        rows.append([None, None, None, None, None, unit_line])
    rows.append(["合同编号", "债务单位", "债务类型", "借款日期", "到期日期", "年利率", heading])
    for i, value in enumerate(values, start=1):
        rows.append([f"QH-U{i}", "县城投公司", "银行贷款", "2022-01-10", "2030-01-09", 4.1, value])
    return xlsx(rows)


@pytest.mark.parametrize(
    ("unit_line", "heading", "values", "principals"),
    [
        (None, "债务余额（元）", [160000000, 1234567], [16000, Decimal("123.46")]),
        ("金额单位：元", "债务余额", [160000000], [16000]),
        ("单位：亿元", "债务余额", [1.6, "8500万元"], [16000, 8500]),
        (None, "债务余额（亿元）", [0.25], [2500]),
        ("单位：万元", "债务余额", [16000], [16000]),
    ],
)
def test_a_debt_ledger_in_元_or_亿元_is_kept_in_万元(
    county, actor, platform, unit_line, heading, values, principals
):
    from mingzhu.risks.debt.io import import_instruments, read_instruments
    from mingzhu.risks.models import DebtInstrument

    result = import_instruments(_ledger(unit_line, heading, *values), actor=actor)
    assert result.errors == []
    stored = DebtInstrument.objects.filter(code__startswith="QH-U").order_by("code")
    assert [i.principal for i in stored] == [Decimal(p) for p in principals]
    rows, errors = read_instruments(_ledger(unit_line, heading, *values))
    assert errors == [] and [r.principal for r in rows] == [float(p) for p in principals]


def test_a_debt_cell_that_is_no_amount_is_refused_naming_it(county, actor, platform):
    from mingzhu.risks.debt.io import import_instruments

    result = import_instruments(_ledger("单位：元", "债务余额", "约1亿"), actor=actor)
    assert [(e.field, "约1亿" in e.message) for e in result.errors] == [("债务余额", True)]


def test_fiscal_capacity_under_a_unit_line_is_kept_in_万元(tmp_path):
    from mingzhu.risks.debt.io import read_capacity

    capacity, errors = read_capacity(
        xlsx([["单位：亿元"], ["月份", "可用资金"], ["2026-01", 1.5], ["2026-02", "3000万元"]])
    )
    assert errors == []
    assert list(capacity.values()) == [15000.0, 3000.0]


def test_a_project_list_under_单位_亿元_and_a_cell_in_万元(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    sheet = xlsx(
        [
            ["2026年二季度签约项目表"],
            [None, None, None, None, None, "单位：亿元"],
            ["项目名称", "投资主体", "产业链", "总投资", "所在乡镇", "洽谈日期", "其中外资"],
            ["冷链项目", "北岸物流有限公司", "其他", 2.5, "柳塘镇", "2026-04-05", 0.5],
            ["包装项目", "禾光包装有限公司", "其他", "8500万元", "柳塘镇", "2026-04-06", None],
        ]
    )
    assert import_projects(sheet, actor=actor).errors == []
    stored = {
        p.name: (p.total_investment, p.foreign_investment)
        for p in Project.objects.filter(name__in=["冷链项目", "包装项目"])
    }
    assert stored == {"冷链项目": (25000, 5000), "包装项目": (8500, 0)}


def test_a_project_total_in_元_is_kept_in_万元(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    sheet = xlsx(
        [
            ["项目名称", "投资主体", "产业链", "计划总投资（元）", "所在乡镇", "洽谈日期"],
            ["冷链项目", "北岸物流有限公司", "其他", 250000000, "柳塘镇", dt.date(2026, 1, 5)],
        ]
    )
    assert import_projects(sheet, actor=actor).errors == []
    assert Project.objects.get(name="冷链项目").total_investment == Decimal(25000)


def test_annual_enterprise_data_under_金额单位_元_and_a_cell_in_万元(county, actor):
    from mingzhu.enterprises.importer import import_annual, import_registry
    from mingzhu.enterprises.models import AnnualData, Enterprise

    code = credit_code(31)
    sheet = xlsx(
        [
            ["统一社会信用代码", "企业名称", "所属乡镇", "行业代码", "规模", "用地面积"],
            [code, "青禾示例轴承有限公司", "柳塘镇", "C3451", "规上", "2公顷"],
        ]
    )
    assert import_registry(sheet, actor=actor).errors == []
    assert Enterprise.objects.get(credit_code=code).land_mu == Decimal(30)
    sheet = xlsx(
        [
            ["2025年度亩均效益评价数据表", None, "金额单位：元"],
            ["统一社会信用代码", "评价税收", "营业收入", "工业增加值（万元）"],
            [code, 3125000, "1.2亿元", 640],
        ]
    )
    assert import_annual(sheet, actor=actor).errors == []
    data = AnnualData.objects.get(enterprise__credit_code=code)
    assert (data.year, data.tax, data.revenue, data.value_added) == (2025, 312.5, 12000, 640)


def _household_sheet(heading, income, unit_line=None):
    rows = [["防止返贫监测对象信息台账"]]
    if unit_line:
        rows.append([unit_line])
    rows.append(
        [
            "乡镇",
            "村",
            "户主姓名",
            "身份证号码",
            "家庭人口数",
            "监测对象类别",
            "收入年度",
            heading,
            "风险类型",
            "纳入监测时间",
            "帮扶责任人",
        ]
    )
    rows.append(
        [
            "柳塘镇",
            "长林村",
            "丙三",
            id_number("32112219580301003"),
            3,
            "脱贫不稳定户",
            2025,
            income,
            "因病",
            "2025.04.12",
            "丁三",
        ]
    )
    return xlsx(rows)


@pytest.mark.parametrize(
    ("heading", "income", "unit_line"),
    [
        ("家庭人均纯收入（万元）", 0.912, None),
        ("家庭人均纯收入", 0.912, "单位：万元"),
        ("家庭人均纯收入（万元）", "9120元", None),
        ("家庭人均纯收入（元）", "9,120", None),
    ],
)
def test_a_households_income_in_万元_is_kept_in_元(county, actor, heading, income, unit_line):
    from mingzhu.livelihood.models import MonitoredHousehold
    from mingzhu.livelihood.monitoring_import import import_households

    result = import_households(_household_sheet(heading, income, unit_line), actor=actor)
    assert result.errors == [] and result.created == 1
    assert MonitoredHousehold.objects.get(head_name="丙三").income_per_capita == Decimal(9120)


# -- the statistics bureau's wide monthly report ------------------------------------


@pytest.fixture
def indicators(county):
    from mingzhu.targets.models import Indicator

    # Some databases hold indicators of these names already: they are taken over.
    def make(code, name, unit, frequency="month", accumulates=True):
        indicator, _created = Indicator.objects.update_or_create(
            name=name,
            defaults={
                "code": code,
                "unit": unit,
                "dimension": "total",
                "frequency": frequency,
                "accumulates": accumulates,
                "may_be_negative": False,
            },
        )
        return indicator

    return {
        "value_added": make("QH-GYZJ", "规模以上工业增加值", "亿元"),
        "investment": make("QH-GDZC", "固定资产投资", "亿元"),
        "revenue": make("QH-YBGG", "一般公共预算收入", "亿元"),
        "jobless": make("QH-SYL", "城镇登记失业率", "%", accumulates=False),
        "yearly": make("QH-NDZB", "社会消费品零售总额", "亿元", frequency="year"),
        "quarterly": make("QH-JDZB", "地区生产总值", "亿元", frequency="quarter"),
    }


def _report(title, *rows, header=("指标名称", "计量单位", "本月", "1-本月累计", "同比增长（%）")):
    return xlsx([[title], list(header), *[list(r) for r in rows]])


def test_a_monthly_report_takes_the_cumulative_figure_for_the_titles_month(
    county, actor, indicators
):
    from mingzhu.targets.importer import import_observations
    from mingzhu.targets.models import Observation

    sheet = _report(
        "青禾县主要经济指标（2026年1-2月）",
        ["规模以上工业增加值", "亿元", None, 12.6, 7.8],
        ["其中：固定资产投资", "亿元", None, 20.4, 5.2],
        ["一般公共预算收入", "万元", 8650, 18230, 3.1],
        ["城镇登记失业率", "%", 2.1, None, None],
    )
    result = import_observations(sheet, actor=actor)
    assert result.errors == [] and result.created == 4
    stored = {
        o.indicator.code: (o.unit.name, o.period, o.value)
        for o in Observation.objects.filter(
            indicator__code__startswith="QH-", unit__name__startswith="青禾"
        )
    }
    assert stored == {
        "QH-GYZJ": (COUNTY_NAME, "2026-02", Decimal("12.6")),
        "QH-GDZC": (COUNTY_NAME, "2026-02", Decimal("20.4")),
        # 18230 万元 kept in the indicator's 亿元.
        "QH-YBGG": (COUNTY_NAME, "2026-02", Decimal("1.823")),
        # A rate does not accumulate: the month's figure.
        "QH-SYL": (COUNTY_NAME, "2026-02", Decimal("2.1")),
    }


COUNTY_NAME = "青禾县"


def test_a_town_report_with_the_unit_line_and_1_n月累计_heading(county, actor, indicators):
    from mingzhu.targets.importer import import_observations
    from mingzhu.targets.models import Observation

    sheet = xlsx(
        [
            ["柳塘镇2025年1-12月主要经济指标完成情况"],
            [None, None, "单位：亿元"],
            ["指标", "本月", "1-12月累计", "上年同期", "同比增长（%）"],
            ["固定资产投资", 1.1, 14.2, 13.0, 9.2],
            ["社会消费品零售总额", 0.9, 10.5, 10.0, 5.0],
            ["地区生产总值", None, 31.0, 29.5, 5.1],
        ]
    )
    result = import_observations(sheet, actor=actor)
    assert result.errors == [] and result.created == 3
    stored = {
        o.indicator.code: (o.unit.name, o.period, o.value)
        for o in Observation.objects.filter(
            indicator__code__startswith="QH-", unit__name__startswith="青禾"
        )
    }
    assert stored == {
        "QH-GDZC": ("青禾县柳塘镇人民政府", "2025-12", Decimal("14.2")),
        "QH-NDZB": ("青禾县柳塘镇人民政府", "2025", Decimal("10.5")),
        "QH-JDZB": ("青禾县柳塘镇人民政府", "2025Q4", Decimal("31.0")),
    }


def test_a_report_with_a_地区_column_places_each_row(county, actor, indicators):
    from mingzhu.targets.importer import import_observations
    from mingzhu.targets.models import Observation

    sheet = _report(
        "各镇（街道）固定资产投资（2026年1-3月）",
        ["固定资产投资", "柳塘镇", 3.2],
        ["固定资产投资", "石桥镇", "5000万元"],
        header=("指标名称", "地区", "1-3月累计（亿元）"),
    )
    result = import_observations(sheet, actor=actor)
    assert result.errors == []
    values = dict(
        Observation.objects.filter(
            indicator__code="QH-GDZC", unit__name__startswith="青禾"
        ).values_list("unit__name", "value")
    )
    assert values == {
        "青禾县柳塘镇人民政府": Decimal("3.2"),
        "青禾县石桥镇人民政府": Decimal("0.5"),
    }


def test_a_report_refuses_what_it_cannot_place(county, actor, indicators):
    from mingzhu.targets.importer import import_observations

    sheet = _report(
        "青禾县主要经济指标（2026年1-2月）",
        ["规模以上工业增加值", "亿元", None, 12.6, 7.8],
        ["进出口总额", "亿元", None, 3.0, 1.0],  # no such indicator: left out, noted
        ["社会消费品零售总额", "亿元", None, 1.6, 2.0],  # yearly: 1-2月 is no year
        ["固定资产投资", "亿元", None, None, 5.2],  # no figure
        ["一般公共预算收入", "家", None, 5, 1.0],  # another measure
    )
    result = import_observations(sheet, actor=actor)
    assert result.created == 0
    assert [(e.row, e.field) for e in result.errors] == [
        (5, "指标名称"),
        (6, "1-本月累计"),
        (7, "计量单位"),
    ]
    assert result.errors[0].message.startswith("报表期间为2026年1-2月")
    assert "没有" in result.errors[1].message
    assert [(n.row, n.field) for n in result.notes] == [(4, "指标名称")]


def test_a_report_imports_the_indicators_tracked_and_names_the_others(county, actor, indicators):
    from mingzhu.targets.importer import import_observations
    from mingzhu.targets.models import Observation

    sheet = _report(
        "青禾县主要经济指标（2026年1-2月）",
        ["规模以上工业增加值", "亿元", None, 12.6, 7.8],
        ["进出口总额", "亿元", None, 3.0, 1.0],
        ["  其中：出口额", "亿元", None, 2.0, 1.0],
        ["固定资产投资", "亿元", None, 20.4, 5.2],
    )
    result = import_observations(sheet, actor=actor)
    assert result.errors == [] and result.created == 2
    assert [(n.row, n.message) for n in result.notes] == [
        (4, "进出口总额 不是平台的指标，未导入"),
        (5, "出口额 不是平台的指标，未导入"),
    ]
    stored = Observation.objects.filter(
        indicator__code__startswith="QH-", unit__name__startswith="青禾"
    ).values_list("indicator__code", flat=True)
    assert set(stored) == {"QH-GYZJ", "QH-GDZC"}


@pytest.mark.parametrize(
    ("title", "missing"),
    [
        ("青禾县主要经济指标", "期间"),  # no period
        ("2026年1-2月主要经济指标", "地区"),  # no place
    ],
)
def test_a_report_without_its_period_or_place_is_refused_naming_it(
    county, actor, indicators, title, missing
):
    from mingzhu.core.tabular import WorkbookError
    from mingzhu.targets.importer import import_observations

    with pytest.raises(WorkbookError) as caught:
        import_observations(_report(title, ["固定资产投资", "亿元", None, 1, 1]), actor=actor)
    assert missing in str(caught.value) and str(caught.value).startswith("报表标题没有写明")


def test_a_sheet_that_is_neither_layout_names_the_long_layouts_columns(county, actor):
    from mingzhu.core.tabular import WorkbookError
    from mingzhu.targets.importer import import_observations

    with pytest.raises(WorkbookError) as caught:
        import_observations(xlsx([["指标名称", "同比增长（%）"], ["固定资产投资", 1]]), actor=actor)
    assert "期间" in str(caught.value) and "数值" in str(caught.value)


# -- a branch's roll naming its branch only in the title ------------------------------


@pytest.fixture
def branches(county):
    from mingzhu.party.models import PartyOrganisation

    return {
        "长林": PartyOrganisation.objects.create(
            name="中共青禾县柳塘镇长林村支部委员会", unit=county["长林村民委员会"]
        ),
        "白水": PartyOrganisation.objects.create(
            name="中共青禾县柳塘镇白水村总支部委员会", unit=county["白水村民委员会"]
        ),
        "机关": PartyOrganisation.objects.create(
            name="中共青禾县财政局机关支部委员会", unit=county["青禾县财政局"]
        ),
    }


def _roll(title, *, header=("序号", "姓名", "性别", "入党时间", "家庭住址")):
    return xlsx(
        [
            [title],
            ["填报日期：2026年1月"],
            list(header),
            [1, "甲三", "男", "1990.07", "柳塘镇长林村三组"],
            [2, "乙三", "女", "2001.06", None][: len(header)],
        ]
    )


@pytest.mark.parametrize(
    "title",
    [
        "长林村党支部党员花名册",
        "中共青禾县柳塘镇长林村支部委员会党员花名册",
        "2026年长林村支部党员名册",
    ],
)
def test_a_branch_roll_takes_its_branch_and_village_from_the_title(county, actor, branches, title):
    from mingzhu.party.importer import import_members
    from mingzhu.party.models import PartyMember

    result = import_members(_roll(title), actor=actor)
    assert result.errors == [] and result.created == 2
    members = PartyMember.objects.filter(name__in=["甲三", "乙三"])
    assert {(m.organisation, m.village.name) for m in members} == {
        (branches["长林"], "长林村民委员会")
    }


def test_a_branch_roll_with_a_村_column_keeps_its_villages(county, actor, branches):
    from mingzhu.party.importer import import_members
    from mingzhu.party.models import PartyMember

    sheet = _roll("白水村党总支党员花名册", header=("序号", "姓名", "性别", "入党时间", "村"))
    # 柳塘镇长林村三组 is no village; the second row's village is empty.
    result = import_members(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(4, "村"), (5, "村")]
    assert not PartyMember.objects.filter(name="甲三").exists()


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("党员花名册", ["所属党组织", "村（社区）"]),  # no branch in the title
        ("石桥村党支部党员花名册", ["所属党组织", "村（社区）"]),  # no such branch
        ("党支部党员花名册", ["所属党组织", "村（社区）"]),  # too short to tell
        # An office's branch: its members' villages are not its own.
        ("财政局机关党支部党员花名册", ["村（社区）"]),
    ],
)
def test_a_roll_whose_title_names_no_one_village_branch_names_the_missing_columns(
    county, actor, branches, title, named
):
    from mingzhu.core.tabular import WorkbookError
    from mingzhu.party.importer import import_members

    with pytest.raises(WorkbookError) as raised:
        import_members(_roll(title), actor=actor)
    message = str(raised.value)
    assert all(name in message for name in named)
    assert ("所属党组织" in message) is ("所属党组织" in named)
