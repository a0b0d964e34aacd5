"""Forms met on a sixteenth held-out set (set P), each on a short example written for the
test (names, figures and dates invented), and the deadline a target takes from the period
its document plans for: a year's report, plan or work by the year's end, a plan for a span
of years by the span's end, when the text says which; a date of the target's own wins."""

from decimal import Decimal

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- the period a document plans for --------------------------------------------------------


def test_a_year_s_report_dates_its_targets_by_the_year_s_end():
    text = (
        "2031年青川县政府工作报告重点工作责任分工\n"
        "1.地区生产总值增长6%。（牵头单位：县发展和改革局）\n"
        "2.新增城镇就业1500人以上。（牵头单位：县人力资源和社会保障局）\n"
    )
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [
        ("地区生产总值增幅", "2031-12-31"),
        ("新增城镇就业", "2031-12-31"),
    ]


def test_a_date_of_the_target_s_own_wins_over_the_year_s_end():
    text = (
        "2031年青川县重点工作任务清单\n"
        "1.建成农贸市场3个，2031年6月底前完成。（牵头单位：县商务局）\n"
        "2.改造老旧小区12个。（牵头单位：县住房和城乡建设局）\n"
    )
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [
        ("农贸市场", "2031-06-30"),
        ("改造老旧小区", "2031-12-31"),
    ]


def test_a_plan_for_a_span_of_years_dates_its_targets_by_the_span_s_end():
    text = (
        "青川县数字乡村建设三年行动方案（2031—2033年）\n"
        "一、主要目标\n"
        "建成数字乡村示范村30个，培育农村电商主体200家。\n"
        "二、重点任务\n"
        "1.到2031年底，新建5G基站120个。（牵头单位：县工业和信息化局）\n"
    )
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [
        ("数字乡村示范村", "2033-12-31"),
        ("农村电商主体", "2033-12-31"),
        ("5G基站", "2031-12-31"),
    ]


def test_a_text_naming_the_year_whose_work_it_plans_dates_by_that_year():
    # A news item with no title: the year of the work it plans, not the year it looks
    # back on (named more often).
    text = (
        "报告分为三个部分：一、2030年工作回顾；二、2031年工作安排。\n"
        "今年全县发展主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业1800人以上。\n"
        "2030年是极不平凡的一年。2030年全县地区生产总值增长5.2%。\n"
    )
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [
        ("地区生产总值增幅", "2031-12-31"),
        ("城镇新增就业", "2031-12-31"),
    ]


def test_a_text_whose_period_is_unknown_keeps_its_targets_undated():
    text = (
        "青川县促进消费若干措施\n"
        "1.新建社区便民商业网点20个。（牵头单位：县商务局）\n"
        "2.培育夜间消费集聚区3个。（牵头单位：县文化和旅游局）\n"
    )
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [
        ("社区便民商业网点", None),
        ("夜间消费集聚区", None),
    ]


def test_a_figure_for_every_year_takes_no_year_s_end():
    text = (
        "2031年青川县重点工作任务清单\n1.每年盘活低效用地不少于800亩。（牵头单位：县自然资源局）\n"
    )
    assert [d for _n, _c, _v, _u, d in _targets(text)] == [None]


def test_the_shishi_of_the_year_a_notice_dated_the_december_before_names():
    text = (
        "青川县第五届人民代表大会第三次会议依法票决产生了青川县人民政府2032年民生实事项目，"
        "现公告如下：\n"
        "青川县人民政府2032年民生实事项目：\n"
        "1.城区供水管网改造；\n"
        "2.县中医院门诊楼建设；\n"
        "3.农村客运站提档升级。\n"
        "青川县第五届人民代表大会\n"
        "第三次会议主席团\n"
        "2031年12月20日\n"
    )
    assert [d for _t, _l, d in _rows(text)] == ["2032-12-31"] * 3
    # and a date line left with a web page's cell mark is still the date line
    assert [d for _t, _l, d in _rows(text.replace("12月20日\n", "12月20日 |\n"))] == [
        "2032-12-31"
    ] * 3


# --- ranges -----------------------------------------------------------------------------------


def test_a_range_of_change_with_a_full_width_dash_is_one_target_at_its_floor():
    text = "2031年青川县政府工作报告\n今年发展主要预期目标是：地区生产总值增长4.5%－5%。\n"
    assert [(n, c, v, u) for n, c, v, u, _d in _targets(text)] == [
        ("地区生产总值增幅", ">=", Decimal("4.5"), "%"),
    ]


# --- figures left blank, approximate counts -----------------------------------------------


def test_a_figure_left_blank_counts_nothing():
    text = (
        "青川镇2031年工作要点\n"
        "一、工作目标\n"
        "2031年地区生产总值预计实现*亿元，固定资产投资额实现*亿元、增长*%左右。\n"
        "二、主要任务\n"
        "(一)特色产业做大做强。力争引资*亿元以上，新建标准厂房2万平方米。\n"
    )
    assert [(n, v, u) for n, _c, v, u, _d in _targets(text)] == [
        ("标准厂房", Decimal("2"), "万平方米"),
    ]


def test_a_count_after_about_is_exact_and_about_is_no_part_of_its_name():
    text = (
        "青川县2031年民生实事\n"
        "1.充电桩建设工程。计划增设汽车充电桩约60个，增加非机动车充电桩1500个以上。\n"
    )
    assert [(n, c, v) for n, c, v, _u, _d in _targets(text)] == [
        ("汽车充电桩", "=", Decimal("60")),
        ("增加非机动车充电桩", ">=", Decimal("1500")),
    ]


# --- bulleted lists after "以下方面：", decimal headings ------------------------------------


_BULLETED = (
    "青川镇2031年度工作计划解读\n"
    "1.1 发展目标\n"
    "青川镇2031年度工作计划的主要目标是：\n"
    "- 经济平稳增长，力争地区生产总值增长7%以上；\n"
    "- 生态环境持续改善。\n"
    "1.2 工作重点\n"
    "为实现上述目标，青川镇将重点抓好以下方面：\n"
    "- 推进茶产业提质，培育龙头企业；\n"
    "- 完善镇区路网，提升集镇功能；\n"
    "- 深化放管服改革，优化营商环境。\n"
)


def test_bulleted_lines_after_a_line_introducing_them_are_rows():
    assert [t for t, _l, _d in _rows(_BULLETED)] == [
        "推进茶产业提质，培育龙头企业",
        "完善镇区路网，提升集镇功能",
        "深化放管服改革，优化营商环境",
    ]


def test_the_goals_under_a_decimal_heading_are_no_row_and_commit_by_the_year_s_end():
    assert [(n, c, v, d) for n, c, v, _u, d in _targets(_BULLETED)] == [
        ("地区生产总值增幅", ">=", Decimal("7"), "2031-12-31"),
    ]


# --- a table pasted without its header ------------------------------------------------------


def test_rows_of_a_table_pasted_without_its_header_are_read_with_their_unit():
    text = (
        "1 | 完成12所学校食堂改造提升。 | 县教育局 | 已完成8所。 | 按时序推进 |\n"
        "|\n"
        "2 | 新建村级养老服务站6个。 | 县民政局 | 完成选址。 | 按时序推进 |\n"
        "|\n"
        "3 | 为全县150名以上残疾儿童实施康复救助。 | 县残联 | 已救助90名。 | 按时序推进 |\n"
    )
    assert [(t, lead) for t, lead, _d in _rows(text)] == [
        ("完成12所学校食堂改造提升", "县教育局"),
        ("新建村级养老服务站6个", "县民政局"),
        ("为全县150名以上残疾儿童实施康复救助", "县残联"),
    ]
    assert [v for _n, _c, v, _u, _d in _targets(text)] == [
        Decimal("12"),
        Decimal("6"),
        Decimal("150"),
    ]


def test_a_table_grouped_by_a_first_category_column_is_read_without_it():
    text = (
        "类别 | 序号 | 项目名称 | 工作标准 |\n"
        "重点类 | 1 | 滨江路改造工程 | 年内通车，新建污水管网6公里。 |\n"
        "重点类 | 2 | 体育公园建设 | 新建健身步道3公里。 |\n"
        "部门类 | 3 | 城市供气工程 | 新建中压管道20公里。 |\n"
        "部门类 | 4 | 作风建设 | 完善考核评价体系，加强公务员队伍建设和事业单位\n"
    )
    # the fourth row, cut inside its cell where the page ends, is left out
    assert [t for t, _l, _d in _rows(text)] == ["滨江路改造工程", "体育公园建设", "城市供气工程"]
    assert [(v, u) for _n, _c, v, u, _d in _targets(text)] == [
        (Decimal("6"), "公里"),
        (Decimal("3"), "公里"),
        (Decimal("20"), "公里"),
    ]
