"""Forms met on a twenty-eighth held-out set (set AB), and misses carried over from set AA,
each on a short example written for the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a row whose line of figures under it is cut --------------------------------------------


def test_a_row_whose_figures_line_is_cut_keeps_the_row_and_its_whole_clauses():
    text = (
        "各部门要依据全年工作任务分解,进一步细化各自全年工作目标任务,明确每季度的节点目标。\n"
        "一、推动经济平稳运行。\n"
        "1、加强经济运行监测,确保完成主要指标。(牵头单位:县发改委、县统计局)\n"
        "▲全县生产总值增长6%左右,其中,服务业"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("加强经济运行监测,确保完成主要指标", "县发改委")
    ]
    assert [(t.comparator, t.value, t.unit) for t in d.targets] == [("=", Decimal(6), "%")]


def test_a_row_cut_in_its_own_sentence_is_still_left_out():
    text = (
        "各部门要依据全年工作任务分解,进一步细化各自全年工作目标任务,明确每季度的节点目标。\n"
        "一、推动经济平稳运行。\n"
        "1、加强经济运行监测,确保完成主要指标。(牵头单位:县发改委)\n"
        "2、扩大有效投资,推进重大项目开工建设,确保"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["加强经济运行监测,确保完成主要指标"]


# --- lifts counted in 部, a year's plan said with 要 -----------------------------------------


def test_lifts_counted_in_bu_and_a_years_plan_said_with_yao():
    text = (
        "2031年,各区要加快推进老旧小区改造,2031年要实现新开工30个小区以上,"
        "老楼加装电梯实现开工150部以上,完成90部以上。\n"
    )
    d = decompose(text)
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets] == [
        ("新开工小区", ">=", Decimal(30), "个", dt.date(2031, 12, 31)),
        ("开工", ">=", Decimal(150), "部", dt.date(2031, 12, 31)),
        ("老楼加装电梯实现开工完成", ">=", Decimal(90), "部", dt.date(2031, 12, 31)),
    ]


def test_bu_is_never_read_from_a_department_or_a_deployment():
    text = "今年要由12部门联合开展专项整治,确保完成3部署要求。力争全年完成加装电梯20部。\n"
    d = decompose(text)
    assert [(t.value, t.unit) for t in d.targets if t.unit == "部"] == [(Decimal(20), "部")]


def test_a_year_said_with_yaoqiu_is_no_plan():
    text = "按照2031年要求,完成农村公路建设30公里。\n"
    d = decompose(text)
    assert all(t.deadline is None for t in d.targets)


def test_work_reported_as_done_beyond_its_aim_is_no_target():
    text = (
        "2030年,老楼增设电梯新开工120部,完工95部,超额完成任务目标。"
        "2031年,力争超额完成新开工电梯150部的目标。\n"
    )
    d = decompose(text)
    assert [(t.value, t.deadline) for t in d.targets] == [(Decimal(150), dt.date(2031, 12, 31))]


# --- a page's comment form --------------------------------------------------------------------


def test_a_comment_form_under_an_article_is_page_chrome():
    text = (
        "某县2031年为民办实事项目\n"
        "1.新建农贸市场2个。\n"
        "2.改造农村公路20公里。\n"
        "网友评论\n"
        "  • 验证码:\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["新建农贸市场2个", "改造农村公路20公里"]


# --- goals ------------------------------------------------------------------------------------


def test_the_points_of_a_goals_part_opening_on_its_year_are_goals_dated_by_it():
    text = (
        "某市人民政府办公厅关于印发某市文旅发展重点任务分工的通知\n"
        "各区县人民政府:\n"
        "现将重点任务分工印发给你们,请认真贯彻执行。\n"
        "某市人民政府办公厅\n"
        "2029年6月1日\n"
        "一、发展目标\n"
        "到2031年,把文旅产业培育成为全市战略性支柱产业。\n"
        "(一)文旅经济总量。旅游总收入达到800亿元。旅游直接就业人数达到12万人。\n"
        "(二)文旅吸引能力。国家4A级以上旅游景区数量达到40个。精品旅游线路数量达到"
    )
    d = decompose(text)
    assert d.items == []
    assert [(t.indicator, t.value, t.unit, t.deadline) for t in d.targets] == [
        ("旅游总收入", Decimal(800), "亿元", dt.date(2031, 12, 31)),
        ("旅游直接就业人数", Decimal(120000), "人", dt.date(2031, 12, 31)),
        ("国家4A级以上旅游景区数量", Decimal(40), "个", dt.date(2031, 12, 31)),
    ]


def test_two_growths_severally_in_traditional_characters_over_a_span_of_years():
    text = "(二)發展目標。2027—2031年,旅游人數和旅游綜合收入年均分別增長12%和15%以上。\n"
    d = decompose(text)
    assert [(t.indicator, t.comparator, t.value, t.deadline) for t in d.targets] == [
        ("旅游人數", ">=", Decimal(12), dt.date(2031, 12, 31)),
        ("旅游綜合收入增幅", ">=", Decimal(15), dt.date(2031, 12, 31)),
    ]


def test_a_count_of_things_each_of_a_size_said_before_them():
    text = "——到2031年,建成8个年接待游客200万人次以上的精品景区和12个特色小镇。\n"
    d = decompose(text)
    assert [(t.indicator, t.value, t.unit) for t in d.targets] == [
        ("年接待游客200万人次以上的精品景区", Decimal(8), "个"),
        ("特色小镇", Decimal(12), "个"),
    ]


def test_a_text_of_goals_cut_in_its_last_clause_keeps_its_whole_clauses():
    text = (
        "一、总体要求\n"
        "(一)指导思想。坚持以人民为中心的发展思想,推动文旅产业高质量发展。\n"
        "(二)发展目标。到2031年,全县接待游客达到900万人以上,旅游综合收入达到60亿元。\n"
        "——到2031年,建成3个省级旅游度假区,培育10个年营业收入过千万元的综"
    )
    d = decompose(text)
    assert [(t.value, t.unit) for t in d.targets] == [
        (Decimal(9000000), "人"),
        (Decimal(60), "亿元"),
        (Decimal(3), "个"),
    ]


# --- a sharing page's summary repeating the text ----------------------------------------------


def test_a_summary_repeating_the_text_shown_above_it_is_not_read_twice():
    text = (
        "某县农业农村局2031年工作计划\n"
        "VIP专享\n"
        "某县农业农村局2031年工作计划\n"
        "(一)目标任务\n"
        "计划完成高标准农田建设5000亩。\n"
        "(二)主要工作措施。\n"
        "1.推进农田水利建设。完善灌排设施。\n"
        "2.加强耕地保护。落实田长制。\n"
        "摘要:\n"
        "\n"
        "某县农业农村局2031年工作计划  (一)目标任务  计划完成高标准农田建设5000亩。"
        "  (二)主要工作措施。  1.推进农田水利建设。完善灌排设施。  2.加强耕地保护。落...\n"
        "展开>> 收起<<\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["推进农田水利建设", "加强耕地保护"]
    assert [(t.value, t.unit) for t in d.targets] == [(Decimal(5000), "亩")]


# --- titles a page hid --------------------------------------------------------------------------


def test_a_title_behind_a_date_line_in_chinese_numerals():
    text = (
        "(二O三一年二月十日)\n"
        "某区府办〔2031〕5号\n"
        "各街道办事处,区政府各委、办、局:\n"
        "现将《2031年政府工作目标任务分解》印发给你们。\n"
        "特此通知\n"
        "2031年政府工作目标任务分解\n"
        "一、促进经济发展。\n"
        "1、加强经济运行分析。(牵头单位:区发改委)\n"
    )
    assert decompose(text).title == "2031年政府工作目标任务分解"


def test_a_title_behind_a_bulleted_field_and_one_broken_over_two_lines():
    bulleted = (
        "  • 年度工作目标\n"
        "    2031年全县水利工作思路\n"
        "  • 来源:县水利局\n"
        "  • 一、总体目标\n"
        "    2031年,全县完成水利投资12亿元以上。\n"
    )
    assert decompose(bulleted).title == "2031年全县水利工作思路"
    broken = (
        "某府办发〔2031〕8号《某市人民政府办公厅关于印发某市贯彻落实文旅发展规划重点任务分工的通知》\n"
        "浏览量:          时间:2031-03-01 09:10:11\n"
        "某市人民政府办公厅\n"
        "关于印发某市贯彻落实“十五五”\n"
        "文旅发展规划重点任务分工的通知\n"
        "各区县人民政府:\n"
        "现将重点任务分工印发给你们,请认真贯彻执行。\n"
    )
    assert decompose(broken).title == "关于印发某市贯彻落实“十五五”文旅发展规划重点任务分工的通知"


def test_the_issuers_alone_are_no_title():
    text = (
        "中共某省委 某省人民政府\n"
        "關于促進文旅產業發展的意見\n"
        "(二)發展目標。到2031年,全省接待游客達到2億人次。\n"
    )
    assert decompose(text).title == "關于促進文旅產業發展的意見"
