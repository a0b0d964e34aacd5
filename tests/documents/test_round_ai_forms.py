"""Forms met on the set of health, insurance, employment, science and environment texts (set
AI), each on a short example written for the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose


def _targets(text):
    return [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline and t.deadline.isoformat())
        for t in decompose(text).targets
    ]


# --- a task card of a progress page: labels closed by a bar over their cells ----------------

CARD = (
    "牵头单位:市卫健委、市医保局 任务编号:12\n"
    "重点工作 |\n"
    "推进紧密型医共体建设,乡镇卫生院达标率提高到85%。 |\n"
    "完成时限 |\n"
    "2031年11月底 |\n"
    "本月进展 |\n"
    "截至5月底,全市新建远程会诊中心6个,基金支出320.5万元。 |\n"
)


def test_a_task_card_gives_its_row_with_units_and_time_limit_and_no_report():
    d = decompose(CARD)
    assert [(i.title, i.named_lead, i.named_co, i.deadline) for i in d.items] == [
        (
            "推进紧密型医共体建设,乡镇卫生院达标率提高到85%",
            "市卫健委",
            ["市医保局"],
            dt.date(2031, 11, 30),
        )
    ]
    assert [(t.indicator, t.value, t.deadline) for t in d.targets] == [
        ("乡镇卫生院达标率", Decimal("85"), dt.date(2031, 11, 30))
    ]


def test_labels_following_each_other_are_a_table_header_not_a_card():
    text = (
        "序号 |\n工作内容 |\n牵头部门 |\n完成时限 |\n"
        "1 |\n建设社区健康驿站。 |\n市卫健委 |\n2031年 |\n"
        "2 |\n完善家庭医生签约服务。 |\n市医保局 |\n2032年 |\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.deadline) for i in d.items] == [
        ("市卫健委", dt.date(2031, 12, 31)),
        ("市医保局", dt.date(2032, 12, 31)),
    ]


# --- a paragraph of work over a labelled line of its units -------------------------------------


def test_a_paragraph_over_a_line_of_its_units_is_a_row():
    text = (
        "完善城乡居民基本医疗保险制度。2031年,居民医保参合率稳定在97%以上。\n"
        "承办部门:市医保局 咨询电话:5123456\n"
        "市卫健委 5234567\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("完善城乡居民基本医疗保险制度", "市医保局", ["市卫健委"])
    ]
    assert [(t.indicator, t.comparator, t.value) for t in d.targets] == [
        ("居民医保参合率", ">=", Decimal("97"))
    ]


def test_numbered_rows_over_units_lines_stay_as_they_are():
    text = (
        "1.建设健康驿站。新建健康驿站12个。\n责任单位:县卫健局\n"
        "2.推进医保扩面。参保率稳定在96%以上。\n责任单位:县医保局\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("建设健康驿站", "县卫健局"),
        ("推进医保扩面", "县医保局"),
    ]


def test_wei_chi_zai_is_a_floor_like_wen_ding_zai():
    text = "一、主要目标\n到2031年,城镇居民医保参保率维持在95%以上。\n"
    assert _targets(text) == [("城镇居民医保参保率", ">=", Decimal("95"), "%", "2031-12-31")]


# --- goals headings, dates, measures ----------------------------------------------------------


def test_mu_biao_yao_qiu_and_zhu_yao_mu_biao_zhi_biao_are_goals_not_tasks():
    text = (
        "一、目标要求\n到2031年,全县空气质量优良天数比例达到90%。\n"
        "二、主要任务\n(一)实施健康促进行动。\n1.主要目标指标。\n居民健康素养水平达35%以上。\n"
        "2.重点工作举措。\n(1)建设健康步道20条。(县卫健局牵头)\n"
    )
    d = decompose(text)
    titles = [i.title for i in d.items]
    assert "目标要求" not in titles and "主要目标指标" not in titles
    assert ("空气质量优良天数比例", Decimal("90")) in [(t.indicator, t.value) for t in d.targets]
    assert ("居民健康素养水平", Decimal("35")) in [(t.indicator, t.value) for t in d.targets]


def test_a_goal_year_with_di_qian_dates_the_paragraph():
    text = (
        "一、总体目标\n"
        "到2032年底前,全县医共体运行机制进一步完善。80%的村卫生室达到标准化建设要求,"
        "县域就诊率提高到90%左右。\n"
    )
    assert _targets(text) == [
        ("村卫生室达到标准化建设要求", ">=", Decimal("80"), "%", "2032-12-31"),
        ("县域就诊率", "=", Decimal("90"), "%", "2032-12-31"),
    ]


def test_micrograms_per_cubic_metre_written_out_and_days():
    text = (
        "一、工作目标\n2031年,全县细颗粒物年均浓度控制在31微克每立方米以下,"
        "城市环境空气质量达到《环境空气质量标准》(GB3095—2012)二级标准的优良天数不低于280天。\n"
    )
    assert _targets(text) == [
        ("细颗粒物年均浓度", "<", Decimal("31"), "微克每立方米", "2031-12-31"),
        ("优良天数", ">=", Decimal("280"), "天", "2031-12-31"),
    ]


def test_tian_in_tian_ran_qi_is_no_measure():
    text = "一、工作目标\n2031年,全县新增天然气用户3000户。\n"
    assert _targets(text) == [("新增天然气用户", ">=", Decimal("3000"), "户", "2031-12-31")]


# --- lists of substances, figures striven for --------------------------------------------------


def test_substances_listed_with_their_letters_share_what_is_measured():
    text = (
        "一、主要目标\n到2031年,全市二氧化硫(SO2)、氮氧化物(NOX)和挥发性有机物(VOCs)等"
        "主要污染物排放总量比2025年分别下降12%、9%和18%。\n"
    )
    assert _targets(text) == [
        ("二氧化硫(SO2)排放总量降幅", ">=", Decimal("12"), "%", "2031-12-31"),
        ("氮氧化物(NOX)排放总量降幅", ">=", Decimal("9"), "%", "2031-12-31"),
        ("挥发性有机物(VOCs)排放总量降幅", ">=", Decimal("18"), "%", "2031-12-31"),
    ]


def test_two_substances_share_the_measure_and_the_base_year_is_no_part_of_it():
    text = "一、主要目标\n到2031年,全市化学需氧量、氨氮排放总量比2025年分别下降8%和7%。\n"
    assert _targets(text) == [
        ("化学需氧量排放总量降幅", ">=", Decimal("8"), "%", "2031-12-31"),
        ("氨氮排放总量降幅", ">=", Decimal("7"), "%", "2031-12-31"),
    ]


def test_a_level_striven_for_after_a_comma_in_either_form_of_the_characters():
    text = (
        "一、工作目標\n到2031年底,市區細顆粒物年均濃度不高于45微克/立方米,力爭不高于43微克/立方米;"
        "空氣質量優良天數比例不低于80%,力爭不低于82%。\n"
    )
    assert _targets(text) == [
        ("市區細顆粒物年均濃度", "<=", Decimal("45"), "微克/立方米", "2031-12-31"),
        ("市區細顆粒物年均濃度（力争）", "<=", Decimal("43"), "微克/立方米", "2031-12-31"),
        ("空氣質量優良天數比例", ">=", Decimal("80"), "%", "2031-12-31"),
        ("空氣質量優良天數比例（力争）", ">=", Decimal("82"), "%", "2031-12-31"),
    ]


def test_an_index_reached_with_da_and_no_means_taken_for_a_goal():
    text = (
        "一、主要目标\n2031年,通过实施健康促进行动,全民健康水平继续保持全省前列,"
        "健康发展指数达88,居民健康素养水平达40%以上。\n"
    )
    assert _targets(text) == [
        ("健康发展指数", ">=", Decimal("88"), "", "2031-12-31"),
        ("居民健康素养水平", ">=", Decimal("40"), "%", "2031-12-31"),
    ]


# --- units notes ---------------------------------------------------------------------------------


def test_a_units_note_closed_by_a_sentence_naming_the_levels_of_a_unit():
    text = (
        "二、主要任务\n1.严格环境准入。落实准入清单。(市生态环境局牵头,市发改委、市工信局等参与,"
        "县(市、区)政府负责落实。以下均需县(市、区)政府落实,不再列出)\n"
        "2.淘汰落后产能。整治“散乱污”企业40家。(市工信局牵头,市生态环境局参与)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("严格环境准入", "市生态环境局"),
        ("淘汰落后产能", "市工信局"),
    ]


# --- a place in a ranking ------------------------------------------------------------------------


def test_a_place_in_a_ranking_is_at_most_that_place_named_by_the_ranking():
    text = (
        "一、主要目标\n到2031年,区域创新综合评价位次实现“晋档升位”,跃居全省前25位;"
        "营商环境进入全国前60名。\n"
    )
    assert _targets(text) == [
        ("区域创新综合评价位次", "<=", Decimal("25"), "位", "2031-12-31"),
        ("营商环境排名", "<=", Decimal("60"), "名", "2031-12-31"),
    ]


def test_a_rise_in_a_ranking_by_places_stays_a_floor():
    text = "一、工作目标\n2031年,全县空气质量全省排名上升4位。\n"
    assert _targets(text) == [("空气质量全省排名上升", ">=", Decimal("4"), "位", "2031-12-31")]


# --- a year opening a clause of a row before the change it is to reach ---------------------------


def test_a_year_opening_a_clause_before_a_change_dates_it():
    text = (
        "二、主要任务\n1.控制燃煤总量。实施煤炭消费总量控制,2031年非电煤炭消费总量比2025年削减4%以上。"
        "(市发改委牵头)\n"
    )
    assert _targets(text) == [("非电煤炭消费总量降幅", ">=", Decimal("4"), "%", "2031-12-31")]


def test_a_year_after_bi_is_the_base_of_a_change_no_deadline():
    text = "二、主要任务\n1.减少排放。推动工业企业排放量比2025年下降6%。(市生态环境局牵头)\n"
    assert _targets(text) == [("工业企业排放量降幅", ">=", Decimal("6"), "%", None)]
