"""The sixth round of published 台账: task lists and project ledgers as offices keep
them — a 责任单位 column beside 牵头单位 (the units that co-operate), 重点工作 and 子项目
headings, 办理时限, 县直各有关部门, a lead cell naming a collective after its first unit,
各乡镇 meaning the towns only, 县经开区 for the zone's committee, and the project ledgers'
own headings (项目业主, 建设地点, 所属产业链, 计划投资额, 拟落地镇（街道）, 首次洽谈时间 as a
month). The county, its units and every sheet are invented; each sheet is built here
with ``core.testing.xlsx``."""

import datetime as dt
from decimal import Decimal

import pytest

from mingzhu.core.tabular import Column, read_table
from mingzhu.core.testing import xlsx
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.importer import import_tasks
from mingzhu.tasks.models import TaskList

pytestmark = [pytest.mark.django_db, pytest.mark.tree]

COUNTY = "松川县"
UNITS = [
    ("松川县发展和改革局", "department"),
    ("松川县财政局", "department"),
    ("松川县住房和城乡建设局", "department"),
    ("松川县自然资源局", "department"),
    ("松川县市场监督管理局", "department"),
    ("松川县教育局", "department"),
    ("松川经济开发区管理委员会", "zone"),
    ("松川县东坪镇人民政府", "town"),
    ("松川县西岭镇人民政府", "town"),
    ("松川县城南街道办事处", "street"),
]


@pytest.fixture
def county():
    OrgUnit.objects.update(is_active=False)
    city = OrgUnit.objects.create(name=COUNTY, short_name="松川", kind="city", code="SC")
    units = {"city": city}
    for i, (name, kind) in enumerate(UNITS, start=1):
        units[name] = OrgUnit.objects.create(name=name, kind=kind, code=f"SC-{i}", parent=city)
    return units


@pytest.fixture
def actor(county):
    return User.objects.create_superuser("sc-admin-f", "", "x", unit=county["city"])


@pytest.fixture
def task_list(county):
    return TaskList.objects.create(name="重点工作", kind="other", issuer=county["city"], year=2099)


def _names(units) -> set[str]:
    return {u.name for u in units}


TOWNS = {"松川县东坪镇人民政府", "松川县西岭镇人民政府"}
STREET = "松川县城南街道办事处"
ZONE = "松川经济开发区管理委员会"


# -- the shared reader ------------------------------------------------------------------

WANTED = [
    Column("content", "任务内容", ("项目名称", "子项目"), prefer=("子项目",)),
    Column("lead", "牵头单位", ("责任单位",), prefer=("牵头单位",)),
    Column("co_units", "配合单位", required=False, besides=("责任单位",)),
]


@pytest.mark.parametrize(
    "header",
    [["牵头单位", "责任单位", "任务内容"], ["责任单位", "任务内容", "牵头单位"]],
)
def test_a_责任单位_column_beside_牵头单位_is_the_co_units_in_either_order(header):
    row = {"牵头单位": "县发改局", "责任单位": "县财政局", "任务内容": "编制年度投资计划"}
    table = read_table(xlsx([header, [row[h] for h in header]]), WANTED)
    assert table.rows[0][1] == {
        "content": "编制年度投资计划",
        "lead": "县发改局",
        "co_units": "县财政局",
    }
    assert table.headers["co_units"] == "责任单位"


def test_a_责任单位_column_alone_still_leads():
    table = read_table(xlsx([["任务内容", "责任单位"], ["编制年度投资计划", "县发改局"]]), WANTED)
    assert table.rows[0][1]["lead"] == "县发改局"
    assert "co_units" not in table.headers


def test_a_子项目_column_is_the_task_over_the_项目名称_merged_above_it():
    sheet = xlsx(
        [
            ["序号", "项目名称", "子项目", "责任单位"],
            [1, "一、教育提升工程", "新建东坪镇中心幼儿园", "县教育局"],
            [2, None, "改造城南小学操场", "县教育局"],
        ],
        merges=["B2:B3"],
    )
    table = read_table(sheet, WANTED)
    assert [r["content"] for _n, r in table.rows] == ["新建东坪镇中心幼儿园", "改造城南小学操场"]


# -- unit names -------------------------------------------------------------------------


def test_各乡镇_is_the_towns_and_各镇街道_the_towns_and_streets(county):
    matcher = UnitMatcher.of_city()
    assert _names(matcher.collective("各乡镇")) == TOWNS
    assert _names(matcher.collective("各镇")) == TOWNS
    assert _names(matcher.collective("各乡镇（街道）")) == TOWNS | {STREET}
    assert _names(matcher.collective("各镇街")) == TOWNS | {STREET}
    assert _names(matcher.collective("各镇（街道、园区）")) == TOWNS | {STREET, ZONE}
    assert _names(matcher.collective("各板块")) == TOWNS | {STREET, ZONE}


def test_县经开区_is_the_zones_committee(county):
    matcher = UnitMatcher.of_city()
    for written in ("县经开区管委会", "县经开区", "经开区管委会", "松川经济开发区"):
        assert matcher.find(written) == county[ZONE], written


# -- task lists -------------------------------------------------------------------------


def test_a_分解表_with_牵头单位_and_责任单位(actor, task_list):
    sheet = xlsx(
        [
            ["松川县政府2026年重点工作任务分解表"],
            ["序号", "重点工作", "牵头单位", "责任单位", "完成时限"],
            ["一、主要预期目标"],
            [1, "地区生产总值增长6%左右", "县发改局", "县经开区管委会，各乡镇（街道）", "年内"],
            [2, "开展联合抽查", "县市场监管局", "县直各有关部门", "持续推进"],
            [3, "改造老旧小区9个", "县住建局", "各乡镇", "10月底前"],
        ],
        merges=["A1:E1", "A3:E3"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert result.errors == []
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert tasks["1"].lead_unit.name == "松川县发展和改革局"
    assert _names(tasks["1"].co_units.all()) == TOWNS | {STREET, ZONE}
    assert (tasks["1"].deadline, tasks["1"].long_running) == (dt.date(2099, 12, 31), False)
    assert tasks["2"].long_running and not tasks["2"].co_units.exists()
    assert _names(tasks["3"].co_units.all()) == TOWNS
    assert tasks["3"].deadline == dt.date(2099, 10, 31)


def test_a_meetings_items_with_办理时限_and_a_collective_after_the_lead(actor, task_list):
    sheet = xlsx(
        [
            ["县政府2026年第2次常务会议确定事项清单"],
            ["序号", "确定事项", "责任领导", "责任单位", "办理时限", "办理情况"],
            [1, "完成春季植树造林", "林某某", "县自然资源局，各乡镇（街道）", "4月15日前", None],
            [2, "调度重点项目进展", "林某某", "县发改局", "每月", None],
        ],
        merges=["A1:F1"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert result.errors == []
    first, second = task_list.tasks.order_by("list_number")
    assert first.lead_unit.name == "松川县自然资源局"
    assert _names(first.co_units.all()) == TOWNS | {STREET}
    assert first.deadline == dt.date(2099, 4, 15)
    assert second.long_running


def test_民生实事_progress_sheet_imports_each_子项目(actor, task_list):
    sheet = xlsx(
        [
            ["2026年县民生实事项目进展表（截至6月底）"],
            ["序号", "项目名称", "起止年限", "子项目", "具体内容", "进展情况", None, "责任单位"],
            [None, None, None, None, None, "截至6月底进展", "7月工作计划", None],
            [
                1,
                "一、教育提升工程",
                "2026",
                "新建东坪镇中心幼儿园",
                "12个班",
                "主体施工",
                "封顶",
                "县教育局",
            ],
            [
                2,
                None,
                "2025-2026",
                "改造城南小学操场",
                "塑胶跑道",
                "完成招标",
                "开工",
                "县教育局、县财政局",
            ],
        ],
        merges=["A1:H1", "F2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "H2:H3", "B4:B5"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert result.errors == []
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert tasks["1"].title == "新建东坪镇中心幼儿园"
    assert tasks["1"].content == "新建东坪镇中心幼儿园\n12个班"
    assert tasks["2"].title == "改造城南小学操场"
    assert _names(tasks["2"].co_units.all()) == {"松川县财政局"}


def test_an_unknown_co_unit_in_责任单位_refuses_the_list_naming_row_and_column(actor, task_list):
    sheet = xlsx(
        [
            ["序号", "重点工作", "牵头单位", "责任单位", "完成时限"],
            [1, "一般公共预算收入增长5%", "县财政局", "县税务局", "年内"],
            [2, "固定资产投资增长8%", "县发改局", "县财政局", "年内"],
        ]
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert [(e.row, e.field) for e in result.errors] == [(2, "责任单位")]
    assert "县税务局" in result.errors[0].message
    assert not task_list.tasks.exists()  # all or nothing


# -- project ledgers --------------------------------------------------------------------


def test_a_key_project_plan_without_产业链_or_洽谈日期_imports(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    sheet = xlsx(
        [
            ["松川县2026年重点项目计划完成表"],
            ["单位：万元"],
            [
                "序号",
                "项目名称",
                "建设内容及规模",
                "总投资",
                "2026年计划投资",
                "项目业主",
                "建设地点",
            ],
            [1, "城北管网改造工程", "管网8公里", 12600, 5000, "松川城投有限公司", "城南街道"],
        ]
    )
    assert import_projects(sheet, actor=actor).errors == []
    project = Project.objects.get(name="城北管网改造工程")
    assert (project.chain, project.negotiating_on, project.stage) == ("", None, "negotiating")
    assert (project.investor, project.total_investment) == ("松川城投有限公司", Decimal(12600))
    assert project.description == "管网8公里"


def _in_talks(town="县经开区"):
    return xlsx(
        [
            ["松川县招商引资在谈项目台账"],
            ["填报单位：松川县商务局", None, None, None, None, "截至2026年6月30日"],
            ["单位：万元"],
            [
                "序号",
                "项目名称",
                "投资方",
                "所属产业链",
                "计划投资额",
                "拟落地镇（街道）",
                "首次洽谈时间",
            ],
            [1, "电机壳体项目", "宁川汽配有限公司", "汽车核心零部件", 26000, "东坪镇", "2026年3月"],
            [2, "储能集成项目", "晟阳储能有限公司", "光伏新能源", "1.2亿元", town, "2026.4.12"],
            ["合计", None, None, None, 38000, None, None],
        ],
        merges=["A1:G1"],
    )


def test_an_in_talks_ledger_in_its_own_words(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    result = import_projects(_in_talks(), actor=actor)
    assert result.errors == []
    projects = {p.name: p for p in Project.objects.filter(town__parent=county["city"])}
    motor, storage = projects["电机壳体项目"], projects["储能集成项目"]
    assert (motor.town.name, motor.chain, motor.total_investment) == (
        "松川县东坪镇人民政府",
        "auto_parts",
        Decimal(26000),
    )
    assert motor.negotiating_on == dt.date(2026, 3, 1)
    assert (storage.town.name, storage.total_investment) == (ZONE, Decimal(12000))
    assert storage.negotiating_on == dt.date(2026, 4, 12)


def test_an_in_talks_ledger_with_an_unknown_town_writes_nothing(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    result = import_projects(_in_talks(town="白鹭镇"), actor=actor)
    assert [(e.row, e.field) for e in result.errors] == [(6, "拟落地镇（街道）")]
    assert "白鹭镇" in result.errors[0].message
    assert not Project.objects.filter(town__parent=county["city"]).exists()
