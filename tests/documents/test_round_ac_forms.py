"""Forms met on a twenty-ninth held-out set (set AC), each on a short example written for
the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a table of pipes with no number column, its rows named by a "…名称" cell --------------


def test_an_unnumbered_pipe_table_named_by_its_first_cell_gives_a_row_a_line():
    text = (
        "各村、各站所:\n"
        "现将《青石镇2029年度消防安全检查工作计划》印发给你们,请遵照执行。\n"
        "二〇二九年三月二日\n"
        "一、检查安排表\n"
        "检查场所名称 | 时间安排 | 责任单位 |\n"
        "沿街商铺 | 4月份 | 消防站 市场所 |\n"
        "出租房屋 | 5月份 | 派出所 |\n"
        "物流仓库 | 6月份 | 应急办 交通站 |\n"
        "二、工作要求\n"
        "(一)各责任单位要按照时间安排,制定本领域检查方案。\n"
    )
    d = decompose(text)
    rows = [(i.title, i.named_lead, i.deadline) for i in d.items]
    assert rows[:3] == [
        ("沿街商铺", "消防站", dt.date(2029, 4, 30)),
        ("出租房屋", "派出所", dt.date(2029, 5, 31)),
        ("物流仓库", "应急办", dt.date(2029, 6, 30)),
    ]


def test_a_pipe_table_with_its_own_number_column_is_read_as_before():
    text = (
        "序号 | 任务名称 | 责任单位 | 完成时限 |\n"
        "1 | 建成城东消防站 | 县消防救援大队 | 2029年9月底前 |\n"
        "2 | 改造老旧消火栓 | 县水务公司 | 2029年6月底前 |\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.deadline) for i in d.items] == [
        ("建成城东消防站", "县消防救援大队", dt.date(2029, 9, 30)),
        ("改造老旧消火栓", "县水务公司", dt.date(2029, 6, 30)),
    ]


def test_a_named_header_without_a_unit_column_is_no_task_table():
    text = (
        "2029年青石镇工作计划\n"
        "一、重点项目\n"
        "项目名称 | 投资额 | 开工时间 |\n"
        "城东道路 | 3000万元 | 4月份 |\n"
        "西河桥 | 800万元 | 5月份 |\n"
    )
    d = decompose(text)
    assert all(i.named_lead == "" for i in d.items)


# --- scores in points ---------------------------------------------------------------------


def test_a_score_in_points_is_a_target_but_minutes_and_shares_are_not():
    text = (
        "2029年青石县食品安全工作要点\n"
        "1.完成年度指标任务。居民食品安全知识知晓度评分90分以上,学生满意度评分92分。"
        "抽检结果10分钟内上传,三分之一以上乡镇建成快检室。\n"
    )
    d = decompose(text)
    got = [(t.indicator, t.comparator, t.value, t.unit) for t in d.targets]
    assert ("居民食品安全知识知晓度评分", ">=", Decimal(90), "分") in got
    assert any(t.value == Decimal(92) and t.unit == "分" for t in d.targets)
    assert not any(t.unit.startswith("分") and t.value in (10, 3) for t in d.targets)


# --- 由X承办,Y协办 / 由X负责,Y配合 at a row's head ------------------------------------------


def test_a_row_giving_its_work_to_a_unit_and_its_helpers_names_lead_and_co():
    text = (
        "青石县2029年食品放心工程实施方案\n"
        "一、治理农产品污染\n"
        "(一)由县农业农村局负责,县市场监管局、县生态环境局配合,加快无公害基地建设。"
        "确定一批县级示范基地。\n"
        "(二)由县市场监管局承办,县商务局协办,推进农贸市场快检全覆盖。\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("加快无公害基地建设", "县农业农村局", ["县市场监管局", "县生态环境局"]),
        ("推进农贸市场快检全覆盖", "县市场监管局", ["县商务局"]),
    ]


# --- a table's column of detailed measures carries the row's figures -------------------------


def test_a_detailed_measures_column_after_the_task_carries_its_targets():
    text = (
        "青石县全面推行河长制主要任务分解表\n"
        "序号 主要任务 细化措施 牵头单位 参与单位\n"
        "1 严守用水总量红线 到2030年,全县用水总量控制在1.2亿立方米以内。 县水利局 县发改委\n"
        "2 抓好农业节水 到2030年,节水灌溉面积占比达到60%以上。 县农业农村局 县水利局\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("严守用水总量红线", "县水利局"),
        ("抓好农业节水", "县农业农村局"),
    ]
    assert [(t.comparator, t.value, t.deadline) for t in d.targets] == [
        ("<=", Decimal("1.2"), dt.date(2030, 12, 31)),
        (">=", Decimal(60), dt.date(2030, 12, 31)),
    ]


# --- a disclosure page's bulleted fields, some empty or with spaced labels ------------------


def test_bulleted_record_fields_empty_or_spaced_are_no_rows():
    text = (
        "政府信息公开\n"
        "  • 索 引 号: QS00101-2029-00012\n"
        "  • 主题分类:\n"
        "  • 发文机关: 青石县人民政府办公室\n"
        "  • 标    题: 青石县人民政府办公室关于下达2029年就业目标任务的通知\n"
        "青石县人民政府办公室关于下达2029年就业目标任务的通知\n"
        "各乡镇人民政府,县直各单位:\n"
        "  一、明确目标。2029年全县就业目标责任制主要指标:城镇新增就业5000人,"
        "城镇登记失业率控制在3.5%以内。\n"
    )
    d = decompose(text)
    assert not any("主题分类" in i.title or "发文机关" in i.title for i in d.items)
    assert not any(i.title.replace(" ", "") == "标题" for i in d.items)
    assert [t.value for t in d.targets] == [5000, Decimal("3.5")]


# --- a year asked for (要求2029年…) and a breakdown in brackets -------------------------------


def test_a_year_asked_for_dates_its_figures_and_stays_out_of_their_names():
    text = (
        "日前,县政府办公室下达就业目标责任制任务,要求2029年城镇新增就业人数1.2万人;"
        "失业人员再就业300人(其中就业困难人员再就业90人),城镇登记失业率控制在3%以内。\n"
    )
    d = decompose(text)
    assert [(t.indicator, t.comparator, t.value, t.deadline) for t in d.targets] == [
        ("城镇新增就业人数", ">=", 12000, dt.date(2029, 12, 31)),
        ("失业人员再就业", ">=", 300, dt.date(2029, 12, 31)),
        ("城镇登记失业率", "<=", 3, dt.date(2029, 12, 31)),
    ]


def test_a_breakdown_after_qizhong_outside_brackets_still_ends_the_sentence():
    text = "2029年计划新增学位5000个,其中幼儿园学位420个,中小学学位4580个。\n"
    d = decompose(text)
    assert [t.value for t in d.targets] == [5000]
