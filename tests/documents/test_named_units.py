"""Units, deadlines and the document's date as a 责任分工 notice writes them."""

import datetime as dt

import pytest

from mingzhu.core.periods import deadline_in
from mingzhu.documents import actions
from mingzhu.documents.decompose import decompose, item_deadline, named_units, targets_in
from mingzhu.org.models import OrgUnit

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

NOTICE = """扬政办发〔2025〕12号
关于印发政府重要工作事项责任分工的通知
各镇人民政府，各街道办事处，市各有关部门：
现将政府重要工作事项责任分工印发给你们，请认真贯彻落实。
一、经济发展
1.地区生产总值增长6%。（牵头单位：县发展和改革局）
2.力争新招引10亿元以上项目20个，6月底前完成签约。（牵头单位：市商务局；责任单位：各镇（街道）、经开区）
3.修编经济开发区整体规划。（牵头单位：县政府园区发展服务中心；责任单位：新材料产业园、市自然资源和规划局）
二、县示范区管委会牵头工作
1.推进示范区基础设施建设，三季度末前完成主干道。
2.持续推进招商引资，长期坚持。
三、民生保障
1.城镇登记失业率控制在3%以内（人社局牵头，财政局、民政局配合）。
2.年内新建农贸市场3个，推进项目建设。
四、工作要求
（一）责任到人，闭环管理。各牵头单位要细化措施。
（二）节点管控，动态调度。各单位要按月报送进展。
扬中市人民政府办公室
2025年2月28日
"""


@pytest.fixture(scope="module")
def notice():
    return decompose(NOTICE)


def _item(d, title_start):
    return next(i for i in d.items if i.title.startswith(title_start))


def test_the_title_date_line_and_number_are_told_from_the_body(notice):
    assert notice.title == "关于印发政府重要工作事项责任分工的通知"
    assert notice.issued_on == dt.date(2025, 2, 28)
    assert notice.doc_number == "扬政办发〔2025〕12号"
    assert notice.year == 2025  # no year in the body: the date line gives it
    assert not any(i.title.startswith("各镇人民政府") for i in notice.items)


def test_the_units_an_item_names_are_its_own_not_a_keyword_guess(notice):
    gdp = _item(notice, "地区生产总值")
    assert (gdp.named_lead, gdp.named_co) == ("县发展和改革局", [])
    assert gdp.lead_unit == "县发展和改革局" and gdp.keyword == ""
    assert gdp.title == "地区生产总值增长6%"  # the note naming the units is not the title
    projects = _item(notice, "力争新招引")
    # "项目" would suggest 发改委 by keyword; the text names 商务局.
    assert projects.named_lead == "市商务局"
    assert projects.named_co == ["各镇（街道）", "经开区"]
    jobs = _item(notice, "城镇登记失业率")
    assert (jobs.named_lead, jobs.named_co) == ("人社局", ["财政局", "民政局"])


def test_a_heading_names_the_lead_of_its_items(notice):
    for start in ("推进示范区", "持续推进招商引资"):
        assert _item(notice, start).named_lead == "县示范区管委会"


def test_each_item_keeps_its_deadline(notice):
    assert _item(notice, "力争新招引").deadline == dt.date(2025, 6, 30)
    assert _item(notice, "推进示范区").deadline == dt.date(2025, 9, 30)
    market = _item(notice, "年内新建")
    assert (market.deadline, market.deadline_words) == (dt.date(2025, 12, 31), "年内")
    ongoing = _item(notice, "持续推进招商引资")
    assert ongoing.deadline is None and ongoing.long_running


def test_the_notices_instructions_are_no_tasks(notice):
    titles = [i.title for i in notice.items]
    assert not any("责任到人" in t or "节点管控" in t for t in titles)
    assert len(titles) == 7


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        ("（牵头单位：A局；配合单位：B局、C局）", "A局", ["B局", "C局"]),
        ("责任单位：市财政局、市审计局", "市财政局", ["市审计局"]),
        ("（牵头单位：甲委、乙局；责任单位：丙局）", "甲委", ["乙局", "丙局"]),
        ("（A局牵头，B局配合）", "A局", ["B局"]),
        ("（责任单位：市大数据局、各县（市、区）政府）", "市大数据局", ["各县（市、区）政府"]),
        ("(甲办、乙办牵头,各有关部门按职责分工负责)", "甲办", ["乙办", "各有关部门"]),
        ("没有单位的一句话。", "", []),
    ],
)
def test_named_units_in_the_forms_texts_use(text, lead, co):
    found_lead, found_co, _leader, _words = named_units(text)
    assert (found_lead, found_co) == (lead, co)


def test_a_responsible_leader_is_read_too():
    lead, _co, leader, words = named_units("（牵头领导：王某某；牵头单位：A局）")
    assert (lead, leader) == ("A局", "王某某") and "牵头领导：王某某" in words


@pytest.mark.parametrize(
    ("text", "deadline", "long_running"),
    [
        ("2025年6月底前完成", dt.date(2025, 6, 30), False),
        ("2026年底前建成", dt.date(2026, 12, 31), False),
        ("上半年完成招标", dt.date(2025, 6, 30), False),
        ("第一季度末前完成", dt.date(2025, 3, 31), False),
        ("十月底前完成", dt.date(2025, 10, 31), False),
        ("完成时限：2025年11月", dt.date(2025, 11, 30), False),
        ("完成时限：2025年11月15日", dt.date(2025, 11, 15), False),
        ("完成时限：2025-08-20", dt.date(2025, 8, 20), False),
        ("完成时限：2025/8/20", dt.date(2025, 8, 20), False),
        ("完成时限：2025.8.20", dt.date(2025, 8, 20), False),
        ("完成时限：8月20日", dt.date(2025, 8, 20), False),
        ("每年开展一次", None, True),
        ("2025年是关键之年", None, False),
    ],
)
def test_deadline_phrases(text, deadline, long_running):
    found, _words, ongoing = item_deadline(text, 2025)
    assert (found, ongoing) == (deadline, long_running)


def test_loading_matches_the_named_units_and_shows_what_matched_none(supervisor):
    document = actions.load_document(actor=supervisor, text=NOTICE)
    items = {i.title: i for i in document.items.prefetch_related("co_units")}
    gdp = items["地区生产总值增长6%"]
    assert gdp.lead_unit == OrgUnit.objects.get(code="YZ-DEPT-FGW")
    assert gdp.named_units == "牵头单位：县发展和改革局" and gdp.unmatched_units == ""
    plan = items["修编经济开发区整体规划"]
    assert plan.lead_unit is None  # no unit of the tree: left to the office, not guessed
    assert plan.unmatched_units == "县政府园区发展服务中心、新材料产业园"
    assert [u.code for u in plan.co_units.all()] == ["YZ-DEPT-ZRZY"]
    projects = items["力争新招引10亿元以上项目20个，6月底前完成签约"]
    assert projects.lead_unit.code == "YZ-DEPT-SWJ"
    co = {u.code for u in projects.co_units.all()}
    assert "YZ-EDZ" in co and "YZ-XINBA" in co
    assert projects.deadline == dt.date(2025, 6, 30) and projects.deadline_rule == "6月底前"
    ongoing = items["持续推进招商引资，长期坚持"]
    assert ongoing.long_running and ongoing.deadline is None
    assert document.year == 2025


def test_the_page_shows_the_words_and_the_unmatched_names(client, supervisor):
    document = actions.load_document(actor=supervisor, text=NOTICE)
    client.force_login(supervisor)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "牵头单位：县发展和改革局" in page
    assert "县政府园区发展服务中心、新材料产业园" in page and "unmatched-units" in page


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("力争新招引10亿元以上项目20个。", [("10亿元以上项目", ">=", "20", "个")]),
        ("新增省级以上研发机构15家。", [("新增省级以上研发机构", ">=", "15", "家")]),
        ("每年盘活低效用地不少于2000亩。", [("盘活低效用地", ">=", "2000", "亩")]),
        ("城镇登记失业率控制在3%以内。", [("城镇登记失业率", "<=", "3", "%")]),
        ("确保2025年底前新增城镇就业1200人以上。", [("新增城镇就业", ">=", "1200", "人")]),
        ("我们将建成农贸市场3个。", [("农贸市场", ">=", "3", "个")]),
        (
            "城乡居民人均可支配收入分别增长6%、6.5%。",
            [
                ("城镇居民人均可支配收入增幅", ">=", "6", "%"),
                ("农村居民人均可支配收入增幅", ">=", "6.5", "%"),
            ],
        ),
    ],
)
def test_numeric_commitments_of_a_task_row(sentence, expected):
    found = targets_in(sentence, committed=True)
    assert [(t.indicator, t.comparator, str(t.value), t.unit) for t in found] == expected


def test_a_row_of_a_document_that_assigns_work_commits_without_a_commitment_word(notice):
    gdp = next(t for t in notice.targets if t.indicator == "地区生产总值增幅")
    assert (gdp.comparator, gdp.value, gdp.item_code) == (">=", 6, "1.1")
    jobless = next(t for t in notice.targets if t.indicator == "城镇登记失业率")
    assert (jobless.comparator, str(jobless.value)) == ("<=", "3")
    # An essay's sentence without one still needs it.
    assert targets_in("地区生产总值增长6%。") == []


GROUPED = """2025年重点任务分工方案
一、产业发展
（一）招商引资
1.新招引亿元以上项目30个。（牵头单位：商务局）
2.举办招商推介活动10场。（牵头单位：商务局）
3.新增规上工业企业20家。（牵头单位：工信局）
（二）新坝镇牵头工作
1.完成老旧小区改造5个，12月底前完成。
2.建成口袋公园2个。
（三）营商环境
持续优化营商环境，年内完成政务服务事项全程网办。（牵头单位：行政审批局）
二、社会民生
1.城镇新增就业1200人。（牵头单位：人社局）
"""


def test_numbered_rows_under_a_heading_are_tasks_each():
    d = decompose(GROUPED)
    rows = [(i.code, i.title, i.heading, i.named_lead) for i in d.items]
    assert rows == [
        ("1.1", "新招引亿元以上项目30个", "招商引资", "商务局"),
        ("1.2", "举办招商推介活动10场", "招商引资", "商务局"),
        ("1.3", "新增规上工业企业20家", "招商引资", "工信局"),
        ("1.4", "完成老旧小区改造5个，12月底前完成", "新坝镇牵头工作", "新坝镇"),
        ("1.5", "建成口袋公园2个", "新坝镇牵头工作", "新坝镇"),
        ("1.6", "营商环境", "", "行政审批局"),
        ("2.1", "城镇新增就业1200人", "", "人社局"),
    ]
    assert d.year == 2025 and d.items[3].deadline == dt.date(2025, 12, 31)
    assert [(t.indicator, str(t.value), t.unit) for t in d.targets][:2] == [
        ("亿元以上项目", "30", "个"),
        ("招商推介活动", "10", "场"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成时限：全年", dt.date(2025, 12, 31)),
        ("完成时限：2024", dt.date(2024, 12, 31)),
        ("完成时限：2024年底", dt.date(2024, 12, 31)),
        ("完成时限：9月", dt.date(2025, 9, 30)),
        ("完成时限：2026年3月份", dt.date(2026, 3, 31)),
        ("时间节点：十一月底", dt.date(2025, 11, 30)),
        ("完成时限：10月投入使用", dt.date(2025, 10, 31)),
        ("完成时限：10月15日前投入使用", None),
        ("推进老旧小区改造，9月份完成", dt.date(2025, 9, 30)),
    ],
)
def test_time_limit_naming_a_period_alone(text, expected):
    assert item_deadline(text, 2025)[0] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("全年", dt.date(2025, 12, 31)),
        ("2026", dt.date(2026, 12, 31)),
        ("6月份", dt.date(2025, 6, 30)),
    ],
)
def test_sheet_cell_naming_a_period_alone(cell, expected):
    assert deadline_in(cell, 2025) == (expected, False)


def test_period_alone_needs_a_year_when_it_names_none():
    assert item_deadline("完成时限：全年", None)[0] is None
    assert deadline_in("全年", None) == (None, False)
