"""Sheets laid out as offices publish their 台账: a two-row header, 序号 merged over a
task's sub-items, a 责任单位 cell naming a unit per line, no 完成时限 column, the heading
and the detail in two columns (项目名称 | 主要内容), units in their offices' short forms
(县委党校, 县工业园区管委会, 县残联, 各街道, 高新园（某某镇）), amounts written 1.59亿元 or
under 总投资（亿元）. The county, its units and the sheets are invented; each sheet is
built here with openpyxl."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from mingzhu.core.tabular import Column, read_table
from mingzhu.core.testing import xlsx
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.importer import import_tasks
from mingzhu.tasks.models import TaskList

# The county is the only active tree (the test database's own is set aside).
pytestmark = [pytest.mark.django_db, pytest.mark.tree]

COUNTY = "青禾县"


# -- the shared reader ---------------------------------------------------------------

WANTED = [
    Column("content", "任务内容"),
    Column("lead", "牵头单位", ("责任单位",)),
    Column("co_units", "配合单位", required=False),
    Column("deadline", "完成时间", required=False),
    Column("number", "序号", required=False),
]


def test_a_two_row_header_is_read_from_its_lower_row():
    sheet = xlsx(
        [
            ["序号", "任务内容", "责任单位", None, "完成时间"],
            [None, None, "牵头单位", "配合单位", None],
            [1, "新建一所幼儿园", "县住建局", "城东街道", "8月底前"],
        ],
        merges=["A1:A2", "B1:B2", "C1:D1", "E1:E2"],
    )
    table = read_table(sheet, WANTED)
    assert table.header_row == 2
    assert set(table.headers) == {"number", "content", "lead", "co_units", "deadline"}
    assert table.rows == [
        (
            3,
            {
                "content": "新建一所幼儿园",
                "lead": "县住建局",
                "co_units": "城东街道",
                "deadline": "8月底前",
                "number": 1,
            },
        )
    ]


def test_the_table_knows_which_cells_came_from_a_merged_range():
    sheet = xlsx(
        [
            ["序号", "任务内容", "牵头单位"],
            [1, "甲", "县住建局"],
            [None, "乙", None],
            [2, "丙", "县财政局"],
        ],
        merges=["A2:A3", "C2:C3"],
    )
    table = read_table(sheet, WANTED)
    assert table.merged == {(3, "number"), (3, "lead")}
    assert [r["lead"] for _n, r in table.rows] == ["县住建局", "县住建局", "县财政局"]


def test_a_csv_has_no_merged_cells():
    table = read_table(io.BytesIO("序号,任务内容,牵头单位\n1,甲,县住建局\n".encode()), WANTED)
    assert table.merged == set()


# -- the shared matcher --------------------------------------------------------------


def _units(*rows):
    city = OrgUnit(pk=1, name=COUNTY, short_name="青禾", kind="city", path="/1/")
    units = [city]
    for pk, (name, kind) in enumerate(rows, start=2):
        units.append(OrgUnit(pk=pk, name=name, kind=kind, parent=city, path=f"/1/{pk}/"))
    return units


@pytest.mark.parametrize(
    ("written", "name", "kind"),
    [
        ("县委党校", "中共青禾县委党校", "department"),
        ("县委宣传部", "中共青禾县委宣传部", "department"),
        ("县工业园区管委会", "青禾县工业园区管理委员会", "zone"),
        ("县残联", "青禾县残疾人联合会", "department"),
        ("县文体旅局", "青禾县文化体育和旅游局", "department"),
        ("县文旅广电局", "青禾县文化和旅游广电局", "department"),
        ("县文体广新局", "青禾县文化体育广电新闻出版局", "department"),
        ("县教科局", "青禾县教育科技局", "department"),
        ("高新园（柳塘镇）", "青禾县柳塘镇人民政府", "town"),
    ],
)
def test_short_forms_offices_write_find_the_unit(written, name, kind):
    matcher = UnitMatcher(_units((name, kind), ("青禾县财政局", "department")))
    found = matcher.find(written)
    assert found is not None and found.name == name


def test_each_street_is_every_street_and_no_town():
    matcher = UnitMatcher(
        _units(
            ("城东街道办事处", "street"),
            ("城西街道办事处", "street"),
            ("青禾县柳塘镇人民政府", "town"),
            ("青禾经济开发区管理委员会", "zone"),
        )
    )
    assert [u.name for u in matcher.expand("各街道")] == ["城东街道办事处", "城西街道办事处"]
    # 各镇（街道） is the towns and streets; the zone is named on its own (各镇（街道、园区）).
    assert len(matcher.expand("各镇（街道）")) == 3
    assert len(matcher.expand("各镇（街道、园区）")) == 4


def test_a_bracket_naming_no_unit_finds_none():
    matcher = UnitMatcher(_units(("青禾县柳塘镇人民政府", "town")))
    assert matcher.find("高新园（石桥镇）") is None


# -- the task import -----------------------------------------------------------------


@pytest.fixture
def county():
    OrgUnit.objects.update(is_active=False)
    city = OrgUnit.objects.create(name=COUNTY, short_name="青禾", kind="city", code="QH")
    for i, (name, kind) in enumerate(
        [
            ("青禾县住房和城乡建设局", "department"),
            ("青禾县民政局", "department"),
            ("青禾县财政局", "department"),
            ("青禾县残疾人联合会", "department"),
            ("城东街道办事处", "street"),
            ("城西街道办事处", "street"),
            ("青禾县柳塘镇人民政府", "town"),
        ],
        start=1,
    ):
        OrgUnit.objects.create(name=name, kind=kind, code=f"QH-{i}", parent=city)
    return city


@pytest.fixture
def actor(county):
    return User.objects.create_superuser("qh-admin", "", "x", unit=county)


@pytest.fixture
def task_list(county):
    return TaskList.objects.create(name="民生实事", kind="other", issuer=county, year=2099)


def test_a_list_of_民生实事_with_a_unit_per_line_and_a_merged_序号(actor, task_list):
    sheet = xlsx(
        [
            ["附件"],
            ["2099年民生实事目标任务分解表"],
            ["序号", "民生实事", "责任单位", "完成时限"],
            [1, "新建城东幼儿园。", "县住建局\n县财政局\n城东街道", "9月投入使用"],
            [2, "开工建设县养老院。", "县民政局", "5月底前动工"],
            [None, "开工建设老年大学。", None, "12月底前"],
        ],
        merges=["A2:D2", "A5:A6", "C5:C6"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert not result.errors
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert set(tasks) == {"1", "2-1", "2-2"}
    first = tasks["1"]
    assert first.lead_unit.name == "青禾县住房和城乡建设局"
    assert {u.name for u in first.co_units.all()} == {"青禾县财政局", "城东街道办事处"}
    assert first.deadline == dt.date(2099, 9, 30)
    assert tasks["2-1"].deadline == dt.date(2099, 5, 31)
    assert tasks["2-2"].lead_unit.name == "青禾县民政局"
    assert tasks["2-2"].deadline == dt.date(2099, 12, 31)
    assert any("2-1、2-2" in note.message for note in result.notes)


def test_a_序号_written_twice_is_still_refused(actor, task_list):
    sheet = xlsx(
        [
            ["序号", "民生实事", "责任单位", "完成时限"],
            [1, "甲", "县民政局", "年底前"],
            [1, "乙", "县民政局", "年底前"],
        ]
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert [e.row for e in result.errors] == [3]
    assert not task_list.tasks.exists()


def test_a_sheet_without_完成时限_gives_the_year_end_and_says_so(actor, task_list):
    sheet = xlsx(
        [
            ["2099年重大民生实事项目目标任务责任分解表"],
            ["序号", "项目名称", "主要内容", "牵头单位", "配合单位"],
            [1, "优化养老服务", "提升改造8家居家养老服务中心。", "民政局", "柳塘镇\n各街道"],
        ],
        merges=["A1:E1"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert not result.errors
    task = task_list.tasks.get()
    assert task.title == "优化养老服务"
    assert task.content == "优化养老服务\n提升改造8家居家养老服务中心。"
    assert task.deadline == dt.date(2099, 12, 31) and not task.long_running
    assert {u.name for u in task.co_units.all()} == {
        "青禾县柳塘镇人民政府",
        "城东街道办事处",
        "城西街道办事处",
    }
    assert any("完成时限" in note.message and "2099-12-31" in note.message for note in result.notes)


def test_a_sheet_without_完成时限_leaves_the_deadlines_of_the_tasks_it_updates(actor, task_list):
    with_deadline = xlsx(
        [["序号", "民生实事", "责任单位", "完成时限"], [1, "甲", "县民政局", "6月底前"]]
    )
    import_tasks(with_deadline, actor=actor, task_list=task_list)
    without = xlsx([["序号", "民生实事", "责任单位"], [1, "甲", "县残联"]])
    result = import_tasks(without, actor=actor, task_list=task_list)
    assert not result.errors and result.updated == 1
    task = task_list.tasks.get()
    assert task.lead_unit.name == "青禾县残疾人联合会"
    assert task.deadline == dt.date(2099, 6, 30)


# -- the project import --------------------------------------------------------------


def test_a_signing_list_in_its_own_words_and_units_of_amount(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    sheet = xlsx(
        [
            ["2026年一季度集中签约项目表"],
            ["序号", "项目名称", "签约企业", "产业链", "计划总投资", "落户地点", "洽谈日期"],
            ["一、工业项目（2个）"],
            [1, "轴承项目", "青禾精工有限公司", "先进装备制造", "1.59亿元", "柳塘镇", "2026-01-10"],
            [2, "包装项目", "禾光包装有限公司", "其他", "8500万元", "柳塘镇", "2026-01-12"],
        ],
        merges=["A1:G1", "A3:G3"],
    )
    result = import_projects(sheet, actor=actor)
    assert not result.errors
    totals = dict(
        Project.objects.filter(town__parent=county).values_list("name", "total_investment")
    )
    assert totals == {"轴承项目": Decimal(15900), "包装项目": Decimal(8500)}


def test_a_heading_in_亿元_scales_its_numbers(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    sheet = xlsx(
        [
            ["项目名称", "投资主体", "产业链", "总投资（亿元）", "所在乡镇", "洽谈日期"],
            ["冷链项目", "北岸物流有限公司", "其他", 2.5, "柳塘镇", dt.date(2026, 1, 5)],
        ]
    )
    assert not import_projects(sheet, actor=actor).errors
    assert Project.objects.get(town__parent=county).total_investment == Decimal(25000)


def test_a_signing_list_without_产业链_reads_its_signing_day(county, actor):
    from mingzhu.projects.importer import import_projects
    from mingzhu.projects.models import Project

    sheet = xlsx(
        [
            ["序号", "项目名称", "签约企业", "落户地点", "计划总投资", "签约时间"],
            [1, "轴承项目", "青禾精工有限公司", "柳塘镇", "1.59亿元", "2026年3月23日"],
            [2, "齿轮项目", "青禾精工有限公司", "柳塘镇", "8500万元", "3月23日"],
        ]
    )
    # A day without its year is not guessed: the row is refused, naming the column.
    result = import_projects(sheet, actor=actor)
    assert [(e.row, e.field) for e in result.errors] == [(3, "签约时间")]
    assert not Project.objects.filter(name="轴承项目").exists()  # all or nothing
    header = ["序号", "项目名称", "签约企业", "落户地点", "计划总投资", "签约时间"]
    sheet = xlsx([header, [1, "轴承项目", "青禾精工有限公司", "柳塘镇", "1.59亿元", "2026-03-23"]])
    assert import_projects(sheet, actor=actor).errors == []
    project = Project.objects.get(name="轴承项目")
    assert (project.chain, project.negotiating_on) == ("", None)
    assert (project.stage, project.signed_on) == ("signed", dt.date(2026, 3, 23))
