"""Forms met on a seventeenth held-out set (set Q), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose, without_jammer

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- the 实事 of a year ----------------------------------------------------------------------


def test_shishi_listed_inside_one_sentence_after_baokuo_are_rows():
    text = (
        "青川县确定2031年民生实事项目6项\n"
        "县人大会议票决产生2031年民生实事项目6项。\n"
        "6项民生实事项目包括:新建城东小学;开设15个爱心暑托班;新增停车泊位200个;"
        "改造农村公路提档升级工程;完成约3000户农户生活污水治理;新建2处门球场。\n"
    )
    assert _rows(text) == [
        ("新建城东小学", "", "2031-12-31"),
        ("开设15个爱心暑托班", "", "2031-12-31"),
        ("新增停车泊位200个", "", "2031-12-31"),
        ("改造农村公路提档升级工程", "", "2031-12-31"),
        ("完成约3000户农户生活污水治理", "", "2031-12-31"),
        ("新建2处门球场", "", "2031-12-31"),
    ]


def test_a_shishi_worded_as_continuing_work_is_still_due_by_the_year_s_end():
    text = (
        "青川县2031年十件民生实事\n"
        "1.持续开展适龄妇女“两癌”免费筛查。\n"
        "2.全面实施长期护理保险制度。\n"
        "3.新建城西农贸市场1个。\n"
    )
    assert [d for _t, _l, d in _rows(text)] == ["2031-12-31"] * 3


# --- the page around the text -----------------------------------------------------------------


def test_a_page_s_controls_and_record_fields_are_neither_title_nor_rows():
    text = (
        "进入老年版\n"
        "索引号 11330000/2031-000123 组配分类 民生实事 主题分类 政务公开\n"
        "公开方式 主动公开 公开范围 面向全社会\n"
        "2031年十大民生实事项目出炉\n"
        "字体:【大】 【小】\n"
        "1.教育提升工程。新建城东小学1所。(牵头领导:王明,责任单位:县教育局)\n"
        "2.健康服务工程。新增村卫生室8家。(牵头领导:王明,责任单位:县卫生健康局)\n"
    )
    assert _rows(text) == [
        ("教育提升工程", "县教育局", "2031-12-31"),
        ("健康服务工程", "县卫生健康局", "2031-12-31"),
    ]


def test_a_sharing_site_s_counters_are_no_rows():
    text = (
        "镇年度工作计划.docxVIP\n"
        "  • 0\n"
        "  • 约5.1千字\n"
        "  • 约 9页\n"
        "  • 2031-01-20 发布于四川\n"
        "  • 举报\n"
        "一、产业发展\n"
        "1.特色农业提升\n"
        "建设蔬菜基地2个,培训农民不少于300人次。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["特色农业提升"]


def test_a_forum_s_anti_copying_jammer_is_no_part_of_the_text():
    text = (
        "青川县2031年民生实事项目具体如下\n"
        "* q/ {) b& x! R8 r( k 一、教育设施提升项目$ N3 {7 w- a G\n"
        "新建城东小学教学楼1栋;- s: f1 o, X* g% z* L\n"
        "购置课桌椅800套。* `9 h3 s& ^7 X* b( ^\n"
        "二、健康守护项目% F; h0 J9 u1 P6 Q a5 Z\n"
        "为老年人免费体检,受益人群达2.5万人以上。/ T0 ~% }' m, L0 Y$ p\n"
    )
    assert _rows(text) == [
        ("教育设施提升项目", "", "2031-12-31"),
        ("健康守护项目", "", "2031-12-31"),
    ]
    assert [(n, v, u) for n, _c, v, u, _d in _targets(text)] == [
        ("城东小学教学楼", Decimal(1), "栋"),
        ("课桌椅", Decimal(800), "套"),
        ("受益人群", Decimal(25000), "人"),
    ]


def test_a_bar_table_s_marks_and_a_line_s_latin_words_are_no_jammer():
    for line in (
        "1 | 新建农贸市场2个 | 县商务局 | 2 | 3 | 4 |",
        "建成5G + AI + IoT 应用场景10个",
        "| 序号 | 工作任务 | 责任单位 |",
    ):
        assert without_jammer(line) == line


def test_a_figure_before_a_name_opening_with_kou_counts_it():
    # (人口 is no measure; 个口袋公园 counts 口袋公园.)
    text = (
        "青川县2031年民生实事\n"
        "1.新建3处口袋公园,建设面积7600平方米。\n"
        "2.开发500个青年就业见习岗位,建好2个示范点。\n"
        "3.新建城北道路工程,全长470米、宽30米。\n"
    )
    assert [(n, v, u) for n, _c, v, u, _d in _targets(text)] == [
        ("口袋公园", Decimal(3), "处"),
        ("青年就业见习岗位", Decimal(500), "个"),
        ("示范点", Decimal(2), "个"),
    ]


def test_short_lines_naming_the_shishi_above_a_heading_of_the_rows_date_them():
    text = (
        "市政府2031年工作报告确定今年将筹措资金20亿元以上,实施为民办实事十大工程。\n"
        "下面一起来看看\n"
        "今年市本级为民办实事十大工程\n"
        "计划项目主要实施内容\n"
        "一、科教惠民工程。主要是新建幼儿园12所、普通高中2所。\n"
        "二、健康惠民工程。主要是新建健康驿站3个。\n"
        "三、文体惠民工程。主要是完成农村电影公益放映3000场。\n"
    )
    assert [d for _t, _l, d in _rows(text)] == ["2031-12-31"] * 3


# --- passages cut at their end ----------------------------------------------------------------


def test_a_short_last_line_stopped_after_a_comma_cuts_its_row():
    text = (
        "一、经济发展目标与计划\n"
        "1.农业现代化推进\n"
        "建立农业科技示范基地,全年培训农民不少于500人次。\n"
        "2.工业转型升级\n"
        "加大招商引资力度,制定优惠政策,吸引优质企业入驻工业园区。\n"
        "加强园区基础设施建设,完善\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["农业现代化推进"]


def test_a_short_units_line_ending_the_text_cuts_nothing():
    text = (
        "青川区2031年重点工作任务分解\n"
        "1.地区生产总值增长6%左右。\n"
        "牵头单位：区发改局\n"
        "2.城乡居民收入增长快于经济增长。\n"
        "牵头单位：区人社局\n"
        "责任单位：区农业农村局，各街道\n"
    )
    assert [t for t, _l, _d in _rows(text)] == [
        "地区生产总值增长6%左右",
        "城乡居民收入增长快于经济增长",
    ]


def test_a_table_ending_in_a_figure_cut_at_its_decimal_point_cuts_its_last_row():
    text = (
        "2031年政府工作报告重点工作责任分解\n"
        "序号\n主要工作任务\n责任单位\n"
        "1\n地区生产总值增长6%左右。\n市发展改革委\n"
        "2\n研发投入强度达到3.\n"
    )
    assert _rows(text) == [("地区生产总值增长6%左右", "市发展改革委", None)]


# --- what a figure counts -------------------------------------------------------------------


def _named(sentence: str) -> list[tuple[str, str | None, Decimal, str]]:
    return [(n, c, v, u) for n, c, v, u, _d in _targets(f"青川县2031年民生实事\n1.{sentence}\n")]


def test_a_count_about_so_much_after_its_verb_is_exact():
    assert _named("完成约3000户农户生活污水治理。") == [
        ("农户生活污水治理", "=", Decimal(3000), "户"),
    ]


def test_an_aside_after_the_verb_is_no_part_of_the_name():
    assert _named("新建(改建)8家标准化老年食堂。") == [
        ("标准化老年食堂", ">=", Decimal(8), "家"),
    ]


def test_a_count_named_by_its_measure_with_the_figure_in_wan():
    assert _named("新建老年食堂8家,全年助餐服务人次达120万以上。") == [
        ("老年食堂", ">=", Decimal(8), "家"),
        ("助餐服务人次", ">=", Decimal(1200000), "人次"),
    ]


def test_a_count_of_places_and_of_homes_before_a_task_of_work():
    assert _named("年底前完成4个小区96户改造任务。") == [
        ("小区", ">=", Decimal(96), "户"),
        ("小区", ">=", Decimal(4), "个"),
    ]


def test_those_served_after_dui_or_wei_and_an_aside_name_the_service():
    assert _named("对全县义务教育阶段3200名学生实施“营养改善计划”。") == [
        ("学生“营养改善计划”", ">=", Decimal(3200), "名"),
    ]
    assert _named("为20个村(社区)居家养老服务站配备智能终端。") == [
        ("村(社区)居家养老服务站智能终端", ">=", Decimal(20), "个"),
    ]


def test_a_check_of_so_many_people_of_an_age_range():
    assert _named("开展3万名40-74周岁居民结直肠癌筛查。") == [
        ("居民结直肠癌筛查", ">=", Decimal(30000), "名"),
    ]


def test_a_share_of_the_means_spent_on_something():
    assert _named("继续把85%以上的财力投向民生领域。") == [
        ("财力投向民生领域", ">=", Decimal(85), "%"),
    ]


def test_applying_for_a_range_of_labels_counts_its_floor():
    assert _named("申请2-3个农产品地理标志认证。") == [
        ("农产品地理标志认证", ">=", Decimal(2), "个"),
    ]


def test_a_total_after_gong_names_the_people_of_the_one_count_before_it():
    assert _named("举办培训5个班次,共计300人次。") == [
        ("培训班次", ">=", Decimal(5), "个"),
        ("培训班次", ">=", Decimal(300), "人次"),
    ]
    # A total of what the sentence lists, or of a set it names, is no target of its own.
    assert _named("新建公园3个、绿道5条,共8处。") == [
        ("公园", ">=", Decimal(3), "个"),
        ("绿道", ">=", Decimal(5), "条"),
    ]
    assert _named("第一批项目为县本级项目,共21个。") == []


def test_a_share_of_the_work_done_before_de_and_the_work():
    assert _named("年内完成80%以上的确权登记。") == [("确权登记", ">=", Decimal(80), "%")]


def test_a_sum_in_yi_or_wan_without_its_yuan():
    assert _named("安排资金1.25亿,全年完成投资6亿以上。") == [
        ("安排资金", "=", Decimal("1.25"), "亿元"),
        ("完成投资", ">=", Decimal(6), "亿元"),
    ]


def test_those_served_after_a_participle_and_de():
    assert _named("对新建的6个托育机构进行补助。") == [("托育机构补助", ">=", Decimal(6), "个")]


# --- known misses of set P -------------------------------------------------------------------


def test_shishi_written_as_paragraphs_opened_by_their_work_are_rows():
    text = (
        "青川县民生实事\n"
        "建设农村饮水工程。新建供水站3处，改造供水管网20公里。\n"
        "实施城区道路改造。改造城区道路5条，新增停车泊位300个。\n"
        "持续推进老旧小区改造。改造老旧小区12个。\n"
        "新建城东幼儿园。新增学位360个。\n"
    )
    # (The text names no year: nothing dated, and a 实事 is no long-running task.)
    assert _rows(text) == [
        ("建设农村饮水工程", "", None),
        ("实施城区道路改造", "", None),
        ("持续推进老旧小区改造", "", None),
        ("新建城东幼儿园", "", None),
    ]
    assert not any(i.long_running for s in decompose(text).sections for i in s.items)


def test_a_notice_s_reporting_instruction_is_no_task():
    text = (
        "关于做好2031年民生实事进展报送工作的通知\n"
        "各乡镇人民政府，县直各单位：\n"
        "为及时掌握民生实事推进情况，现就有关事项通知如下：\n"
        "一、明确报送内容。各责任单位要对照年度目标，如实填写进展情况表。\n"
        "二、按时报告情况。请于每月25日前将进展情况报县发改局。\n"
    )
    assert _rows(text) == []


def test_a_year_followed_by_the_will_to_do_dates_what_the_sentence_counts():
    text = "市政府工作报告确定了2031年将筹措资金20亿元以上,实施为民办实事十大工程。\n"
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [("筹措资金", "2031-12-31")]


def test_a_year_s_investment_plan_is_a_sum():
    assert _named("年度投资计划8.5亿元。") == [("年度投资计划", "=", Decimal("8.5"), "亿元")]
