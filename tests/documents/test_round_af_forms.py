"""Forms met on the set of safety, welfare, housing, water and investment texts (set AF),
each on a short example written for the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a table one cell a line, grouped in two levels, its time column a bare year -----------

GROUPED_TABLE = (
    "附件\n"
    "消防安全“十五五”规划主要任务分工\n"
    "序号 |\n"
    "工作内容 |\n"
    "牵头部门 |\n"
    "完成时间 |\n"
    "一 |\n"
    "重点任务 |\n"
    "|\n"
    "|\n"
    "(一) |\n"
    "压实消防安全责任 |\n"
    "|\n"
    "|\n"
    "1 |\n"
    "建立消防安全责任清单,推动单位落实主体责任。 |\n"
    "市消防救援支队 |\n"
    "2027年 |\n"
    "2 |\n"
    "完善火灾事故调查处理制度。 |\n"
    "市消防救援支队、市应急局 |\n"
    "2028年 |\n"
    "(二) |\n"
    "夯实基层消防基础 |\n"
    "|\n"
    "|\n"
    "1 |\n"
    "建设乡镇专职消防队,配齐车辆装备。 |\n"
    "市应急局、市财政局 |\n"
    "持续推进 |\n"
    "2 |\n"
    "开展高层住宅消防设施改造。 |\n"
    "市住建局 |\n"
    "2027年 |\n"
)


def test_a_table_grouped_in_two_levels_keeps_its_rows_and_their_units():
    d = decompose(GROUPED_TABLE)
    rows = [(i.title, i.named_lead, i.named_co) for i in d.items]
    assert rows == [
        ("建立消防安全责任清单,推动单位落实主体责任", "市消防救援支队", []),
        ("完善火灾事故调查处理制度", "市消防救援支队", ["市应急局"]),
        ("建设乡镇专职消防队,配齐车辆装备", "市应急局", ["市财政局"]),
        ("开展高层住宅消防设施改造", "市住建局", []),
    ]
    # the groups head their rows: no unit of the rows above them, no row of their own
    assert "（二）夯实基层消防基础" in d.text.split("\n")


def test_a_bare_year_in_the_time_column_is_that_years_end():
    d = decompose(GROUPED_TABLE)
    assert [(i.deadline, i.long_running) for i in d.items] == [
        (dt.date(2027, 12, 31), False),
        (dt.date(2028, 12, 31), False),
        (None, True),
        (dt.date(2027, 12, 31), False),
    ]


# --- a share of the aim done is a report, and so is a sentence dated "截至…" ----------------


def test_a_share_of_the_aim_done_is_no_target_and_commits_nothing():
    text = (
        "全县招商引资工作推进会召开\n"
        "2029年,全县招商引资目标任务是:全年引进60个产业项目,到位资金42.5亿元以上。"
        "一季度到位内资9.8亿元,完成市定目标任务的23.06%,在全市排名第三。\n"
    )
    d = decompose(text)
    assert sorted((t.value, t.unit) for t in d.targets) == [
        (Decimal("42.5"), "亿元"),
        (Decimal("60"), "个"),
    ]


def test_a_progress_row_reports_after_its_plan():
    text = (
        "1-9月保障性安居工程进展情况\n"
        "一、棚户区改造\n"
        "2029年,全市计划开工改造棚户区860套,发放租赁补贴720户。"
        "截至9月底,开工建设棚户区610套,占目标任务的70.93%,发放租赁补贴655户,"
        "占目标任务的90.97%。\n"
        "二、老旧小区改造\n"
        "2029年,全市计划改造老旧小区38个。截至9月底,已开工29个,占任务数的76.32%。\n"
    )
    d = decompose(text)
    assert sorted((t.value, t.unit) for t in d.targets) == [
        (Decimal("38"), "个"),
        (Decimal("720"), "户"),
        (Decimal("860"), "套"),
    ]
    assert all(t.deadline == dt.date(2029, 12, 31) for t in d.targets)


# --- after a breakdown, a clause measuring another thing commits anew ----------------------


def test_a_clause_after_the_parts_measuring_another_thing_is_a_target():
    text = (
        "2029年,全区招商引资目标任务是:全年引进45个产业项目,其中10亿元以上项目3个、"
        "总部企业2家,到位资金31.6亿元以上。\n"
    )
    d = decompose(text)
    assert sorted((t.indicator, t.value, t.unit, t.comparator) for t in d.targets) == [
        ("产业项目", Decimal("45"), "个", ">="),
        ("到位资金", Decimal("31.6"), "亿元", ">="),
    ]


def test_the_parts_of_a_breakdown_in_the_wholes_measure_are_still_no_targets():
    text = "2029年,全县计划新增学位3200个,其中幼儿园600个,小学2600个。\n"
    d = decompose(text)
    assert [(t.value, t.unit) for t in d.targets] == [(Decimal("3200"), "个")]


# --- a month's time limit commits; a count closed by 完工 -----------------------------------


def test_a_months_time_limit_commits_a_count_completed_by_its_verb():
    text = (
        "2029年农村水利工作要点出台\n"
        "要加快水库除险加固,9月底前,56座小型水库除险加固工程主体基本完工;"
        "11月底前,竣工验收率不低于60%。\n"
    )
    d = decompose(text)
    found = {(t.value, t.unit, t.comparator) for t in d.targets}
    assert found == {(Decimal("56"), "座", ">="), (Decimal("60"), "%", ">=")}
    assert any("水库除险加固" in t.indicator for t in d.targets)
    assert any(t.indicator.endswith("验收率") for t in d.targets)


# --- a progress table one cell a line: a name column, reports for several periods ----------

PERIOD_TABLE = (
    "项目\n名称\n内容\n牵头单位\n进展情况\n(4月)\n进展情况\n(8月)\n进展情况\n(12月)\n"
    "助餐服务项目\n"
    "新建12家社区老年食堂,为独居老人送餐4万人次。\n"
    "区民政局\n"
    "已建成5家。\n已建成9家。\n已建成12家,送餐4.3万人次。\n"
    "完成送餐4.3万人次。\n"
    "托育服务项目\n"
    "新增普惠托位300个。\n"
    "区卫健局\n"
    "已新增80个。\n已新增210个。\n已新增315个。\n"
    "分享:\n"
)


def test_a_progress_table_with_a_name_column_and_several_periods_gives_its_rows():
    d = decompose(PERIOD_TABLE)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("新建12家社区老年食堂,为独居老人送餐4万人次", "区民政局"),
        ("新增普惠托位300个", "区卫健局"),
    ]
    # what the rows commit, not what their reports and results say
    assert sorted((t.value, t.unit) for t in d.targets) == [
        (Decimal("4"), "万人次"),
        (Decimal("12"), "家"),
        (Decimal("300"), "个"),
    ]


def test_the_same_table_in_traditional_characters():
    text = (
        "項目\n名稱\n內容\n牽頭單位\n進展情況\n(6月)\n進展情況\n(12月)\n"
        "適老化改造項目\n"
        "實施困難老年人家庭適老化改造180戶。\n"
        "區民政局\n"
        "已完成90戶。\n已完成186戶,超額完成。\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("實施困難老年人家庭適老化改造180戶", "區民政局")
    ]
    assert [(t.value, t.unit) for t in d.targets] == [(Decimal("180"), "戶")]


# --- a span of years before a count on a list; 期间 of a five-year plan ----------------------


def test_a_count_on_a_list_after_a_span_of_years_counts_and_is_due_by_its_end():
    text = "2029年水利工作要点:将加快推进8个大型灌区和2029—2031年15个中型灌区现代化改造。\n"
    d = decompose(text)
    found = {(t.value, t.unit): t for t in d.targets}
    assert set(found) == {(Decimal("8"), "个"), (Decimal("15"), "个")}
    assert "中型灌区" in found[(Decimal("15"), "个")].indicator
    assert found[(Decimal("15"), "个")].deadline == dt.date(2031, 12, 31)


def test_the_years_of_a_five_year_plan_date_what_is_done_within_them():
    text = "“十五五”期间,力争建成12座中型水库。\n"
    d = decompose(text)
    assert [(t.value, t.deadline) for t in d.targets] == [(Decimal("12"), dt.date(2030, 12, 31))]


def test_the_plans_years_between_the_verb_and_the_count_are_no_part_of_the_name():
    text = "2029年工作要点:将加快推进“十五五”期间7个大型灌区和2029—2031年20个中型灌区改造。\n"
    d = decompose(text)
    assert sorted((t.indicator, t.value, t.deadline) for t in d.targets) == [
        ("中型灌区改造", Decimal("20"), dt.date(2031, 12, 31)),
        ("大型灌区", Decimal("7"), dt.date(2030, 12, 31)),
    ]


# --- a progress table whose rows the page ran together, a line a row ----------------------

RUN_TOGETHER = (
    "主题:\n"
    "助残服务\n"
    "实事内容工作任务责任单位进展情况\n"
    "一季度二季度三季度四季度\n"
    "助残服务建成15个残疾人之家。县残联,各乡镇1.完成选址; 2.完成8个。完成12个。建成16个。\n"
    "为800名残疾人提供康复服务。县卫健局,县残联目前已服务300名。累计服务620名。\n"
    "\n"
    "在全县各乡镇为800名残疾人提供康复服务。\n"
)


def test_a_progress_table_run_together_a_line_a_row_gives_its_rows_and_units():
    d = decompose(RUN_TOGETHER)
    assert [(i.named_lead, i.named_co) for i in d.items] == [
        ("县残联", ["各乡镇"]),
        ("县卫健局", ["县残联"]),
    ]
    assert d.items[0].title.endswith("建成15个残疾人之家")
    assert d.items[1].title == "为800名残疾人提供康复服务"


def test_a_row_restating_its_figure_below_it_commits_once():
    d = decompose(RUN_TOGETHER)
    assert sorted((t.value, t.unit) for t in d.targets) == [
        (Decimal("15"), "个"),
        (Decimal("800"), "名"),
    ]


# --- a month's time limit without a year; a year naming a batch of work ---------------------


def test_a_months_limit_dates_the_figure_after_it_in_the_documents_year():
    text = (
        "2029年农村供水工作要点印发\n"
        "要加快水库除险加固,5月底前,2029年度38座小型水库除险加固工程主体基本完工;"
        "10月底前,竣工验收率不低于70%。\n"
    )
    d = decompose(text)
    dates = {t.value: t.deadline for t in d.targets}
    assert dates == {Decimal("38"): dt.date(2029, 5, 31), Decimal("70"): dt.date(2029, 10, 31)}
