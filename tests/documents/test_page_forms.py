"""Forms of texts as web pages print them, each on a short example written for the test
(names, figures and dates invented): rows numbered on one long line, unit labels in the
run of a line, page tables with a plan column and two unit columns, the page's own
date, and the goals of a plan under a heading standing alone on its line."""

import datetime as dt
from decimal import Decimal

from mingzhu.core.periods import item_deadline
from mingzhu.documents.decompose import decompose, join_lines, named_units, separated_tables

from .found import dated_targets as _targets


def _rows(text: str) -> list[tuple[str, str, list[str], str | None]]:
    d = decompose(text)
    return [
        (i.title, i.named_lead, i.named_co, i.deadline and i.deadline.isoformat())
        for s in d.sections
        for i in s.items
    ]


# --- rows numbered on one long line ------------------------------------------------------

FLAT = (
    "2029年县政府民生实事项目共有12项任务，涉及出行、教育、养老等方面，总体进展情况良好。"
    "现将上半年进展公示如下，各承办单位要加快推进，接受群众监督，本期公示到此为止，请各位读者周知，"
    "如有意见请向县政府办公室反映，联系电话略，本公示自发布之日起生效，特此公示，谢谢关注。"
    " 1.城东客运站建成投用。 分管领导:李某 责任单位:县交通运输局 联系人:张某 "
    "进展情况:主体已于2029年5月20日封顶。"
    " 2.新建城市书房6家，改造社区图书室20个。 分管领导:王某 责任单位:县文旅局 联系人:赵某 "
    "配合单位:县财政局、各街道 河东 河西 合计 6 2 8"
    " 3.新增公共充电桩300个。 分管领导:王某 责任单位:县发改局,各乡镇 联系人:钱某"
)


def test_rows_numbered_after_a_space_on_one_long_line_start_lines_again():
    paragraphs = join_lines(FLAT)
    assert [p[:2] for p in paragraphs] == ["20", "1.", "2.", "3."]


def test_a_run_of_one_number_is_no_split():
    line = "全年计划完成投资50亿元，" * 30 + " 1.这一句不是一串编号的开头。"
    assert len(join_lines(line)) == 1


def test_bracketed_numbers_after_a_colon_become_rows():
    text = (
        "县长在报告中指出，今年将为群众办好八件民生实事，继续加大民生投入力度，"
        "把有限的财力更多用于改善群众生活，让发展成果更多更公平惠及全县人民，分别是："
        " (1)完成城南路改造。 (2)新建公办幼儿园3所。 (3)城区新增停车位500个以上。"
        "\n甘溪县政府2029年将为民办好八件实事"
    )
    assert _rows(text) == [
        ("完成城南路改造", "", [], "2029-12-31"),
        ("新建公办幼儿园3所", "", [], "2029-12-31"),
        ("城区新增停车位500个以上", "", [], "2029-12-31"),
    ]


def test_labels_in_the_run_of_a_line_end_at_the_space_after_a_name():
    assert _rows(FLAT) == [
        ("城东客运站建成投用", "县交通运输局", [], "2029-12-31"),
        ("新建城市书房6家，改造社区图书室20个", "县文旅局", ["县财政局", "各街道"], "2029-12-31"),
        ("新增公共充电桩300个", "县发改局", ["各乡镇"], "2029-12-31"),
    ]
    lead, co, _leader, _words = named_units("责任单位:县水利局 联系人:孙某")
    assert (lead, co) == ("县水利局", [])
    lead, co, _leader, _words = named_units("责任单位：县水利局、 县农业农村局")
    assert (lead, co) == ("县水利局", ["县农业农村局"])


def test_the_rows_of_a_paragraph_naming_the_shishi_commit_though_it_reports_progress():
    assert _targets(FLAT) == [
        ("城市书房", ">=", 6, "家", "2029-12-31"),
        ("改造社区图书室", ">=", 20, "个", "2029-12-31"),
        ("新增公共充电桩", ">=", 300, "个", "2029-12-31"),
    ]


def test_a_date_reported_as_done_is_no_deadline():
    day, _words, _long = item_deadline("主体已于2029年5月20日封顶，10月底前投入使用。", 2029)
    assert day == dt.date(2029, 10, 31)
    assert item_deadline("已于2029年3月完成招标。", 2029)[0] is None


# --- page tables -------------------------------------------------------------------------


def test_a_responsible_and_a_cooperating_column_give_the_lead_and_co_units():
    text = (
        "序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
        "1 | 新建成养老服务中心4家。 | 1.3月底前完成选址；2.9月底前主体完工；3.11月底前投入运营。 "
        "| 民政局 | 财政局、各镇(街道) |"
    )
    assert separated_tables(text).splitlines() == [
        "1.新建成养老服务中心4家。（牵头单位：民政局；责任单位：财政局、各镇(街道)；"
        "完成时限：11月底前）"
    ]


def test_a_report_in_a_unit_cell_names_no_unit():
    text = (
        "序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |\n"
        "1 | 培训家政服务人员300人。 | 5月：完成培训60人。 | 县人社局 | 已完成。 |\n"
        "2 | 新增托育托位200个。 | 8月底前完成年度任务。 | 已完成。 完成120个，完成率60%。 | |"
    )
    assert separated_tables(text).splitlines() == [
        "1.培训家政服务人员300人。（牵头单位：县人社局）",
        "2.新增托育托位200个。（完成时限：8月底前）",
    ]


def test_a_page_date_gives_the_year_of_a_text_that_names_none():
    text = (
        "发布单位 | 区政府 | 发文日期 | 2029-03-02 |\n"
        "序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
        "1 | 新建成养老服务中心4家。 | 1.3月底前完成选址；2.11月底前投入运营。 | 民政局 | 财政局 |"
    )
    d = decompose(text)
    assert d.year == 2029
    assert _rows(text) == [("新建成养老服务中心4家", "民政局", ["财政局"], "2029-11-30")]
    assert _targets(text) == [("养老服务中心", ">=", 4, "家", "2029-11-30")]


def test_a_line_of_marks_is_no_title():
    d = decompose("|\n2029年城区道路改造计划\n1.完成解放路改造。\n2.完成滨江路改造。")
    assert d.title == "2029年城区道路改造计划"


# --- goals ---------------------------------------------------------------------------------


def test_a_goals_heading_alone_on_its_line_commits_the_paragraph_under_it():
    text = (
        "县长在会上作政府工作报告。\n"
        "主要目标\n"
        "生产总值增长7%左右，财政总收入和地方财政收入分别增长8%和9%左右，"
        "城乡居民收入分别增长7%和8.5%左右，城镇登记失业率、居民消费价格指数和人口自然增长率"
        "分别控制在4%、3%、3‰以内，城镇化率提高1.5个百分点左右。\n"
        "回顾过去\n"
        "去年生产总值增长6%。"
    )
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in decompose(text).targets] == [
        ("生产总值增幅", "=", 7, "%"),
        ("财政总收入", "=", 8, "%"),
        ("地方财政收入增幅", "=", 9, "%"),
        ("城镇居民收入增幅", "=", 7, "%"),
        ("农村居民收入增幅", "=", Decimal("8.5"), "%"),
        ("城镇登记失业率", "<=", 4, "%"),
        ("居民消费价格指数", "<=", 3, "%"),
        ("人口自然增长率", "<=", 3, "‰"),
        ("城镇化率增幅", "=", Decimal("1.5"), "个百分点"),
    ]


def test_rates_lowered_to_a_value_are_ceilings_and_per_100000_is_a_unit():
    text = (
        "到2030年，重大慢性病过早死亡率明显下降，新生儿死亡率、1岁以下婴儿死亡率、"
        "孕产妇死亡率分别下降到3.5‰、4‰、9/10万。"
    )
    assert [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline.isoformat())
        for t in decompose(text).targets
    ] == [
        ("新生儿死亡率", "<=", Decimal("3.5"), "‰", "2030-12-31"),
        ("1岁以下婴儿死亡率", "<=", 4, "‰", "2030-12-31"),
        ("孕产妇死亡率", "<=", 9, "/10万", "2030-12-31"),
    ]


def test_ten_thousand_cases_is_a_count():
    text = "1.开展结直肠癌筛查2万例以上。（牵头单位：县卫健局）"
    assert [(t.indicator, t.value, t.unit) for t in decompose(text).targets] == [
        ("结直肠癌筛查", 20000, "例")
    ]


def test_a_goals_heading_under_the_title_is_no_author():
    d = decompose("2029年县政府工作报告\n主要目标\n生产总值增长6%左右。")
    assert d.author == ""
    assert [(t.indicator, t.value) for t in d.targets] == [("生产总值增幅", 6)]


def test_a_notice_head_on_working_together_told_to_every_township_is_an_instruction():
    text = (
        "各乡镇人民政府，县直各单位：\n"
        "现将责任分工印发给你们，并提出如下要求：\n"
        "一、以协作促进落实。一项工作涉及多个部门的，牵头单位要履行牵头职责；"
        "各乡镇（街道）要积极配合，形成合力。\n"
        "二、新建农贸市场2个。由县商务局负责推进。"
    )
    assert [i.title for s in decompose(text).sections for i in s.items] == ["新建农贸市场2个"]


# --- a table of goals one cell a line ------------------------------------------------------

GOALS_TABLE = """文件名称: | |||
索引号: | |||
甘溪县全民健身提升行动主要目标责任清单
序号 |
指标名称 |
单位 |
2026年 |
2028年 |
2030年 |
牵头单位 |
责任单位 |
1 |
经常参加体育锻炼人数比例 |
% |
37.5 |
≥40 |
≥42 |
县体育局 |
县教育局,各乡镇人民政府 |2 |
20-59岁居民肥胖率 |
% |
14.2 |
≤14 |
≤13.5 |
县卫健局 |
各乡镇人民政府 |
序号 |
指标名称 |
单位 |
2026年 |
2028年 |
2030年 |
牵头单位 |
责任单位 |
3 |
学生体质健康优良率 |
% |
52 |
持续改善 |
持续改善 |
县教育局 |
各学校 |
"""


def test_a_goals_table_one_cell_a_line_gives_a_row_and_a_target_a_later_year():
    d = decompose(GOALS_TABLE)
    assert d.title == "甘溪县全民健身提升行动主要目标责任清单"
    assert [
        (i.title, i.named_lead, i.named_co, i.deadline and i.deadline.isoformat(), i.long_running)
        for s in d.sections
        for i in s.items
    ] == [
        (
            "经常参加体育锻炼人数比例",
            "县体育局",
            ["县教育局", "各乡镇人民政府"],
            "2030-12-31",
            False,
        ),
        ("20-59岁居民肥胖率", "县卫健局", ["各乡镇人民政府"], "2030-12-31", False),
        ("学生体质健康优良率", "县教育局", ["各学校"], None, True),
    ]
    assert [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline.isoformat()) for t in d.targets
    ] == [
        ("经常参加体育锻炼人数比例", ">=", 40, "%", "2028-12-31"),
        ("经常参加体育锻炼人数比例", ">=", 42, "%", "2030-12-31"),
        ("20-59岁居民肥胖率", "<=", 14, "%", "2028-12-31"),
        ("20-59岁居民肥胖率", "<=", Decimal("13.5"), "%", "2030-12-31"),
    ]


# --- ratios, this year, services, signs --------------------------------------------------


def test_a_ratio_is_a_target_its_first_term_the_value_and_the_second_the_unit():
    text = "到2030年，城乡居民人均可支配收入比控制在1.9∶1以内，医护比达到1:1.2。"
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in decompose(text).targets] == [
        ("城乡居民人均可支配收入比", "<=", Decimal("1.9"), ":1"),
        ("医护比", ">=", 1, ":1.2"),
    ]


def test_a_time_of_day_is_no_ratio():
    assert decompose("力争9:30前完成全部签到，确保会议按时召开。").targets == []


def test_this_year_dates_the_targets_of_its_sentence_by_the_documents_year():
    text = (
        "甘溪县2029年政府工作报告\n"
        "今年全县发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业3000人以上。\n"
        "今年以来，全县新增市场主体1200户。"
    )
    assert [
        (t.indicator, t.value, t.deadline and t.deadline.isoformat())
        for t in decompose(text).targets
    ] == [("地区生产总值增幅", 6, "2029-12-31"), ("城镇新增就业", 3000, "2029-12-31")]


def test_a_count_of_those_a_service_is_done_for_names_the_service():
    text = "1.为3000名适龄妇女免费进行乳腺癌检查。（牵头单位：县妇联）"
    assert [(t.indicator, t.value, t.unit) for t in decompose(text).targets] == [
        ("适龄妇女免费乳腺癌检查", 3000, "名")
    ]


def test_an_equals_sign_is_the_comparator_as_written():
    text = "1.全县住院费用报销比例=75%。（牵头单位：县医保局）"
    assert [(t.indicator, t.comparator, t.value) for t in decompose(text).targets] == [
        ("住院费用报销比例", "=", 75)
    ]


def test_a_count_of_work_with_its_area_gives_both():
    text = "1.改善居住条件。完成320幢15.6万平方米房屋“平改坡”和60幢8万平方米老旧小区改造。"
    assert [(t.indicator, t.value, t.unit) for t in decompose(text).targets] == [
        ("房屋“平改坡”", 320, "幢"),
        ("房屋“平改坡”", Decimal("15.6"), "万平方米"),
        ("老旧小区改造", 60, "幢"),
        ("老旧小区改造", 8, "万平方米"),
    ]


def test_a_short_subject_of_a_fenbie_list_shares_the_tail_of_the_last():
    text = "力争城镇、农村常住居民人均可支配收入分别达到5.2万元和2.6万元。"
    assert [(t.indicator, t.value, t.unit) for t in decompose(text).targets] == [
        ("城镇常住居民人均可支配收入", Decimal("5.2"), "万元"),
        ("农村常住居民人均可支配收入", Decimal("2.6"), "万元"),
    ]
