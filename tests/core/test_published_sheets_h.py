"""The eighth round of published 台账: rectification, inspection and petition ledgers
(整改/督查/巡察/审计/隐患/信访 台账) read by the task import — the problem as the task
(反馈问题, 存在问题, 隐患描述, 信访事项 …) with its 整改措施 as the detail, 整改责任单位,
承办单位 over 主办单位 | 协办单位, 整改时限/整改期限/化解时限, 包案领导; 立行立改 due by the
end of the month, 持续整改 and 长效管理 long-running; a city bureau's branch in the county
(生态环境分局); and the facilities register's types written longer (污水处理终端). The county,
its units and every sheet are invented; each sheet is built here with ``core.testing.xlsx``."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.core.periods import at_once, deadline_in, month_end
from mingzhu.core.tabular import Column, read_table
from mingzhu.core.testing import xlsx
from mingzhu.org.matching import UnitMatcher
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.importer import import_tasks
from mingzhu.tasks.models import TaskList

COUNTY = "柏川县"
UNITS = [
    ("柏川县发展和改革局", "department", None),
    ("柏川县财政局", "department", None),
    ("柏川县自然资源局", "department", None),
    ("柏川县住房和城乡建设局", "department", None),
    ("柏川县城市管理局", "department", None),
    ("柏川县市场监督管理局", "department", None),
    ("云江市生态环境局柏川分局", "department", None),
    ("柏川县东溪镇人民政府", "town", None),
    ("柏川县南坝镇人民政府", "town", None),
    ("柏川县城关街道办事处", "street", None),
    ("河湾村民委员会", "village", "柏川县东溪镇人民政府"),
    ("河湾村民委员会", "village", "柏川县南坝镇人民政府"),
]
TOWNS = {"柏川县东溪镇人民政府", "柏川县南坝镇人民政府"}
STREET = "柏川县城关街道办事处"


@pytest.fixture
def county():
    OrgUnit.objects.update(is_active=False)
    city = OrgUnit.objects.create(name=COUNTY, short_name="柏川", kind="city", code="BC")
    units = {"city": city}
    for i, (name, kind, parent) in enumerate(UNITS, start=1):
        unit = OrgUnit.objects.create(
            name=name, kind=kind, code=f"BC-{i}", parent=units[parent] if parent else city
        )
        units.setdefault(name, unit)
        units[f"{parent}/{name}"] = unit
    return units


@pytest.fixture
def actor(county):
    return User.objects.create_superuser("bc-admin-h", "", "x", unit=county["city"])


@pytest.fixture
def task_list(county):
    return TaskList.objects.create(name="整改台账", kind="other", issuer=county["city"], year=2099)


def _names(units) -> set[str]:
    return {u.name for u in units}


# -- the shared reader ------------------------------------------------------------------

WANTED = [
    Column("content", "任务内容", ("工作任务",), fallback=("存在问题", "反馈问题")),
    Column("lead", "牵头单位", ("责任单位",)),
]


@pytest.mark.parametrize(
    "header", [["工作任务", "存在问题", "责任单位"], ["存在问题", "责任单位", "工作任务"]]
)
def test_a_fallback_heading_gives_way_to_the_columns_own_in_either_order(header):
    row = {"工作任务": "改造老旧小区8个", "存在问题": "资金未到位", "责任单位": "县住建局"}
    table = read_table(xlsx([header, [row[h] for h in header]]), WANTED)
    assert table.rows[0][1]["content"] == "改造老旧小区8个"
    assert table.headers["content"] == "工作任务"


def test_a_fallback_heading_alone_names_the_column():
    table = read_table(xlsx([["反馈问题", "责任单位"], ["资金拨付不及时", "县财政局"]]), WANTED)
    assert table.rows[0][1]["content"] == "资金拨付不及时"


# -- deadlines as rectification ledgers write them --------------------------------------


@pytest.mark.parametrize("written", ["持续整改", "长效管理", "长效", " 持续整改 "])
def test_work_that_goes_on_written_alone_is_long_running(written):
    assert deadline_in(written, 2099) == (None, True)


def test_a_sentence_naming_a_lasting_mechanism_is_no_long_running_cell():
    assert deadline_in("建立长效管理机制", 2099) == (None, False)


@pytest.mark.parametrize("written", ["立行立改", "立即整改", "即知即改", " 立行立改 "])
def test_at_once(written):
    assert at_once(written)
    assert deadline_in(written, 2099) == (None, False)  # the caller knows the day


@pytest.mark.parametrize("written", ["立行立改，6月底前完成", "2099年6月底前", "长期坚持", None])
def test_not_at_once(written):
    assert not at_once(written)


# -- unit names -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.tree
def test_a_city_bureaus_branch_in_the_county_is_found_as_sheets_write_it(county):
    matcher = UnitMatcher.of_city()
    branch = county["云江市生态环境局柏川分局"]
    for written in ("生态环境分局", "县生态环境分局", "县环保分局", "市生态环境局柏川分局"):
        assert matcher.find(written) == branch, written


@pytest.mark.django_db
@pytest.mark.tree
def test_a_branch_in_another_county_is_not_the_countys_own(county):
    other = OrgUnit.objects.create(
        name="云江市生态环境局白鹭分局", kind="department", code="BC-X", parent=county["city"]
    )
    county["云江市生态环境局柏川分局"].delete()
    matcher = UnitMatcher.of_city()
    assert matcher.find("生态环境分局") is None
    assert matcher.find("市生态环境局白鹭分局") == other


# -- task imports -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.tree
def test_a_巡察_rectification_ledger(actor, task_list):
    sheet = xlsx(
        [
            ["县委第一轮巡察反馈问题整改台账"],
            ["填报单位：县政府办公室", None, None, None, None, "填报时间：2099年3月5日"],
            ["序号", "反馈问题", "整改措施", "责任领导", "整改责任单位", "责任人", "整改时限"],
            ["一、贯彻落实重大决策部署方面"],
            [
                1,
                "专项资金拨付滞后",
                "建立拨付台账，逐月调度",
                "某某",
                "县财政局",
                "甲",
                "2099年6月底前",
            ],
            [2, "项目先建后批", "逐一复核审批手续", "某某", "县发改局", "乙", "立行立改"],
            [3, "“三务”公开不规范", "制定公开目录", "某某", "各镇（街道）", "丙", "持续整改"],
            [4, "窗口服务推绕拖", "开展作风整治", "某某", "县市场监管局（甲某）", "丁", "长效管理"],
            ["注：整改情况填写“已完成”“正在整改”。"],
        ],
        merges=["A1:G1", "A4:G4", "A9:G9"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert result.errors == []
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert tasks["1"].title == "专项资金拨付滞后"
    # The 责任人 (a name, no user) is kept in the text, labelled.
    assert tasks["1"].content == "专项资金拨付滞后\n建立拨付台账，逐月调度\n责任人：甲"
    assert (tasks["1"].lead_unit.name, tasks["1"].deadline) == (
        "柏川县财政局",
        dt.date(2099, 6, 30),
    )
    today = timezone.localdate()
    assert tasks["2"].deadline == month_end(today.year, today.month)
    assert not tasks["2"].long_running
    assert any("立行立改" in n.message for n in result.notes if n.row == 6)
    assert {t.lead_unit.name for n, t in tasks.items() if n.startswith("3-")} == TOWNS | {STREET}
    assert all(t.long_running for n, t in tasks.items() if n.startswith("3-"))
    assert tasks["4"].lead_unit.name == "柏川县市场监督管理局"
    assert tasks["4"].long_running
    assert any("某某" in n.message for n in result.notes)  # no such leader: said


@pytest.mark.django_db
@pytest.mark.tree
def test_a_督查_ledger_with_承办单位_over_主办单位_and_协办单位(actor, task_list):
    sheet = xlsx(
        [
            ["县政府督查室督查事项台账"],
            ["序号", "督查事项", "承办单位", None, "办结时限", "办理进展"],
            [None, None, "主办单位", "协办单位", None, None],
            [1, "加快安置小区交付", "县住建局", "城关街道", "2099年5月31日前", "主体完工"],
            [2, "解决集镇供水不足", "县城管局", "东溪镇、县财政局", "二季度", None],
        ],
        merges=["A1:F1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert result.errors == []
    first, second = task_list.tasks.order_by("list_number")
    assert (first.title, first.lead_unit.name) == ("加快安置小区交付", "柏川县住房和城乡建设局")
    assert _names(first.co_units.all()) == {STREET}
    assert first.deadline == dt.date(2099, 5, 31)
    assert _names(second.co_units.all()) == {"柏川县东溪镇人民政府", "柏川县财政局"}
    assert second.deadline == dt.date(2099, 6, 30)


@pytest.mark.django_db
@pytest.mark.tree
def test_an_environmental_inspection_list_with_a_branch_and_a_two_row_header(actor, task_list):
    sheet = xlsx(
        [
            ["序号", "督察反馈问题", "整改目标", "责任主体", None, None, "完成时限"],
            [None, None, None, "牵头县领导", "牵头单位", "责任单位", None],
            [
                1,
                "畜禽养殖污染治理不到位",
                "配套率100%",
                "某某",
                "县住建局",
                "生态环境分局、各乡镇",
                "9月底前",
            ],
        ],
        merges=["A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:G2"],
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    assert result.errors == []
    task = task_list.tasks.get()
    assert task.title == "畜禽养殖污染治理不到位"
    assert _names(task.co_units.all()) == TOWNS | {"云江市生态环境局柏川分局"}


@pytest.mark.django_db
@pytest.mark.tree
def test_a_petition_ledger_with_包案领导_and_a_case_already_settled(actor, task_list):
    sheet = xlsx(
        [
            ["序号", "信访人", "信访事项", "包案领导", "责任单位", "化解措施", "化解时限"],
            [
                1,
                "王某",
                "反映征地补偿未足额发放",
                "某某",
                "南坝镇、县自然资源局",
                "分期兑付",
                "4月底前",
            ],
            [2, "孙某", "反映宅基地纠纷", "某某", "东溪镇", "组织调解", "已化解"],
        ]
    )
    result = import_tasks(sheet, actor=actor, task_list=task_list)
    # A case the ledger says is settled in its 化解时限 is a done item, left out and named.
    assert result.errors == []
    assert [(e.row, e.field) for e in result.left_out] == [(3, "化解时限")]
    task = task_list.tasks.get()
    assert task.title == "反映征地补偿未足额发放"
    assert task.lead_unit.name == "柏川县南坝镇人民政府"
    assert _names(task.co_units.all()) == {"柏川县自然资源局"}
    assert task.deadline == dt.date(2099, 4, 30)


# -- facilities -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.tree
def test_facility_types_written_longer_are_the_one_type_they_name(county, actor):
    from mingzhu.rural.importer import import_facilities
    from mingzhu.rural.models import Facility

    sheet = xlsx(
        [
            ["序号", "乡镇", "行政村", "设施名称", "设施类型"],
            [1, "东溪镇", "河湾村", "河湾污水终端", "污水处理终端"],
            [2, None, "河湾村", "河湾分类亭", "垃圾分类亭"],
            [3, "南坝镇", "河湾村", "南坝河湾饮水工程", "农村饮水安全工程"],
            [4, None, "河湾村", "河湾村道路灯", "村道路灯"],
            [5, None, "河湾村", "河湾文化礼堂", "文化礼堂"],
        ],
        merges=["B2:B3", "B4:B6"],
    )
    result = import_facilities(sheet, actor=actor, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(5, "设施类型"), (6, "设施类型")]
    facilities = Facility.objects.filter(village__name="河湾村民委员会")
    found = {f.name: (f.type.name, f.village.parent.name) for f in facilities}
    assert found == {
        "河湾污水终端": ("污水处理", "柏川县东溪镇人民政府"),
        "河湾分类亭": ("垃圾收运", "柏川县东溪镇人民政府"),
        "南坝河湾饮水工程": ("供水", "柏川县南坝镇人民政府"),
    }
