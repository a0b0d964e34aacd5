"""Forms of published task lists met on a fifteenth held-out set (set O), each on a short
example written for the test (names, figures and dates invented): a passage cut in the
prose of its last row however few the rows, or in the label of its units line; works
listed one a line after the line that introduces them, unnumbered; rows numbered inside a
sentence after its colon; works counted out as 之一/之二; and the figures such rows hold."""

from decimal import Decimal

from .found import dated_rows as _rows
from .found import dated_targets as _targets
from .found import undated_targets as _undated

# --- passages cut in their last row -------------------------------------------------------


_CUT_IN_PROSE = (
    "青川区人民政府2031年工作要点\n"
    "一、坚持扩投促消，稳住经济大盘\n"
    "1.持续扩大有效投资。统筹各类投资，谋划一批带动力强的项目，力争完成固定资产投资"
    "25亿元以上。\n"
    "2.持续释放消费潜力。大力发展文旅经济、夜间经济，探索发展首发经济\n"
)


def test_a_last_row_cut_in_mid_sentence_is_left_out_however_few_the_rows():
    assert [title for title, _l, _d in _rows(_CUT_IN_PROSE)] == ["持续扩大有效投资"]


def test_a_last_line_ending_its_sentence_cuts_nothing():
    whole = _CUT_IN_PROSE.replace("探索发展首发经济\n", "探索发展首发经济。\n")
    assert [title for title, _l, _d in _rows(whole)] == ["持续扩大有效投资", "持续释放消费潜力"]


_CUT_IN_LABEL = (
    "一、确保完成全年主要预期目标\n"
    "1. 地区生产总值增长6%以上。\n"
    "牵头负责领导：张明。\n"
    "牵头责任单位：市发展改革委。\n"
    "协同责任单位：市经信局、市商务局，各县、区政府。\n"
    "2. 财政收入增长5%左右。\n"
    "牵头负责领导：张明。\n"
    "牵头责任单位：市财政局。\n"
    "协同责任单位：市税务局，各县、区政府。\n"
    "3. 社会消费品零售总额增长7%以上。\n"
    "牵头负责领导：李华。\n"
    "牵头责任\n"
)


def test_a_row_cut_in_the_label_of_its_units_line_is_left_out_with_its_figures():
    assert _rows(_CUT_IN_LABEL) == [
        ("地区生产总值增长6%以上", "市发展改革委", None),
        ("财政收入增长5%左右", "市财政局", None),
    ]
    assert [name for name, *_rest in _undated(_CUT_IN_LABEL)] == [
        "地区生产总值增幅",
        "财政收入增幅",
    ]


_PROGRESS_CUT = (
    "青川市2031年民生实事完成情况\n"
    "（一）开展职业技能培训\n"
    "1.全年开展职业技能培训2万人次以上。\n"
    "责任单位：市人力资源和社会保障局\n"
    "完成情况：全市开展各类职业技能培训2.6万人次。\n"
    "（二）改善学校办学条件\n"
    "2.改造3所学校运动场，提升办学条件。\n"
    "责任单位：市教育局\n"
    "完成情况：三所学校运动场均已完工投用，其中青川一中运动场于9月开学前交付，其余两所\n"
)


def test_a_progress_line_cut_at_the_end_cuts_no_task():
    assert [title for title, _l, _d in _rows(_PROGRESS_CUT)] == [
        "全年开展职业技能培训2万人次以上",
        "改造3所学校运动场，提升办学条件",
    ]


# --- works listed in forms the levels do not read -----------------------------------------


_LISTED = (
    "日前，青川县人大代表票决产生2031年民生实事项目。\n"
    "这六件民生实事项目是：\n"
    "完成城东老旧小区改造项目（二期）；\n"
    "启动青溪引水渠更新改造项目；\n"
    "实施32.5公里农村公路提档升级；\n"
    "实施农村生活污水改造提升工程。\n"
)


def test_unnumbered_lines_listed_after_their_introduction_are_rows_of_the_year():
    assert _rows(_LISTED) == [
        ("完成城东老旧小区改造项目（二期）", "", "2031-12-31"),
        ("启动青溪引水渠更新改造项目", "", "2031-12-31"),
        ("实施32.5公里农村公路提档升级", "", "2031-12-31"),
        ("实施农村生活污水改造提升工程", "", "2031-12-31"),
    ]
    assert ("农村公路提档升级", ">=", Decimal("32.5"), "公里", "2031-12-31") in _targets(_LISTED)


def test_the_points_under_a_goals_line_are_not_listed_as_rows():
    goals = (
        "2031年主要预期目标是：\n"
        "地区生产总值增长6%左右；\n"
        "一般公共预算收入增长5%以上；\n"
        "城镇新增就业8000人以上。\n"
    )
    assert _rows(goals) == []


_IN_A_SENTENCE = (
    "青川街道2031年重点工作\n"
    "年初，街道党工委作出四项承诺：1.完成东关路综合改造；2.建成南门农贸市场；"
    "3.提升网格化服务水平；4.确保新村社区服务中心建成。\n"
)


def test_rows_numbered_inside_a_sentence_after_its_colon_are_rows():
    assert [title for title, _l, _d in _rows(_IN_A_SENTENCE)] == [
        "完成东关路综合改造",
        "建成南门农贸市场",
        "提升网格化服务水平",
        "确保新村社区服务中心建成",
    ]


def test_a_figure_after_a_colon_is_no_run_of_rows():
    text = "青川县2031年工作安排\n全年目标：1.5万人就业；2.3亿元投资；3.8%增速。\n"
    assert not any(title.startswith(("5万人", "3亿元")) for title, _l, _d in _rows(text))


_COUNTED_OUT = (
    "青川街道打造五大民生工程\n"
    "今年，街道结合中心工作，拿出了“五大工程”的盘子——\n"
    "之一：“亮点工程”——东关街改造提升是街道2031年的标杆工作，竭力打造特色街区。\n"
    "之二：“地标工程”——建成南门农贸市场，预期全年可实现营业收入6亿元。\n"
    "之三：“暖心工程”——完善联系服务群众机制，实现便民服务快捷化。\n"
)


def test_works_counted_out_one_a_line_are_rows():
    assert [title[:6] for title, _l, _d in _rows(_COUNTED_OUT)] == [
        "“亮点工程”",
        "“地标工程”",
        "“暖心工程”",
    ]


# --- figures such rows hold ----------------------------------------------------------------


def test_the_expected_targets_compared_with_the_year_before_are_targets():
    text = (
        "2031年工作安排\n"
        "2031年全区经济社会发展的主要预期目标是：预计地区生产总值同比增长5%左右，"
        "固定资产投资同比增长7%，居民收入增长与经济增长基本同步。\n"
    )
    assert _undated(text) == [
        ("地区生产总值增幅", "=", Decimal("5"), "%"),
        ("固定资产投资增幅", ">=", Decimal("7"), "%"),
    ]


def test_a_growth_compared_with_the_year_before_in_a_report_is_no_target():
    text = "2031年上半年经济运行情况\n上半年，全区地区生产总值同比增长6.2%，力争全年保持平稳。\n"
    assert _undated(text) == []


_RESTATED = (
    "青川市2031年民生实事完成情况\n"
    "一、市重点民生实事完成情况\n"
    "（一）开展职业技能培训\n"
    "1.全年开展职业技能培训2万人次以上，新增技能人才1.5万人以上。\n"
    "责任单位：市人力资源和社会保障局\n"
    "完成情况：全市开展各类职业技能培训2.6万人次，新增技能人才1.7万人。\n"
    "（二）提升基层医疗服务能力\n"
    "2.全年培训12个家庭医生服务团队48人以上；提高村卫生室运行经费补助至5000元。\n"
    "责任单位：市卫生健康委\n"
    "完成情况：完成12个团队48人培训。\n"
)


def test_a_row_restated_above_its_labelled_progress_commits_the_progress_does_not():
    assert _undated(_RESTATED) == [
        ("职业技能培训", ">=", Decimal("2"), "万人次"),
        ("新增技能人才", ">=", Decimal("15000"), "人"),
        ("家庭医生服务团队", ">=", Decimal("48"), "人"),
        ("家庭医生服务团队", ">=", Decimal("12"), "个"),
        ("村卫生室运行经费补助", "=", Decimal("5000"), "元"),
    ]


_WORKS = (
    "青川县2031年度十件民生实事项目\n"
    "一、村内道路提升工程\n"
    "在12个乡镇硬化道路8万平方米并安装太阳能路灯600盏，惠及12个乡镇。\n"
    "二、城区排水管网改造工程\n"
    "主要铺设雨水管网420米，铺设污水管网380米及其他附属设施。\n"
    "三、幼儿园提质工程\n"
    "对全县9所乡（镇）中心幼儿园全面提档升级。\n"
    "四、农村饮水工程\n"
    "改善3万人口的饮水安全问题，大幅改善5所学校供水条件。\n"
)


def test_works_joined_by_bing_or_named_in_passing_keep_their_figures():
    found = _targets(_WORKS)
    assert ("太阳能路灯", ">=", Decimal("600"), "盏", "2031-12-31") in found
    assert any(name.endswith("硬化道路") and value == 8 for name, _c, value, _u, _d in found)
    assert ("铺设污水管网", ">=", Decimal("380"), "米", "2031-12-31") in found
    assert ("乡（镇）中心幼儿园提档升级", ">=", Decimal("9"), "所", "2031-12-31") in found
    assert ("学校供水条件", ">=", Decimal("5"), "所", "2031-12-31") in found
    assert ("饮水安全问题", ">=", Decimal("30000"), "人", "2031-12-31") in found


def test_the_places_a_work_reaches_are_no_target():
    assert not any(name == "乡镇" for name, *_rest in _targets(_WORKS))
