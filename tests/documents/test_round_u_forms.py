"""Forms met on a twenty-first held-out set (set U), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- units named by the rows ------------------------------------------------------------------


def test_zhuban_and_xieban_name_the_lead_and_the_co_units():
    text = (
        "2031年区政府主要工作目标任务分解落实方案\n"
        "一、扩大有效需求\n"
        "1.地区生产总值增长6%以上。(区发改委、区统计局主办)\n"
        "2.加快城东商业综合体建设,推动滨江商业街开业运营。(区商务局主办,相关街道协办)\n"
        "3.办好春季消费节。(区商务局主辦)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("地区生产总值增长6%以上", "区发改委", ["区统计局"]),
        ("加快城东商业综合体建设,推动滨江商业街开业运营", "区商务局", ["相关街道"]),
        ("办好春季消费节", "区商务局", []),
    ]


# --- parts of a plan --------------------------------------------------------------------------


def test_parts_named_with_what_they_frame_are_no_rows_and_a_heading_cut_ends_the_passage():
    text = (
        "青川县2031年国民经济和社会发展计划\n"
        "一、经济社会发展总体要求\n"
        "2031年是规划实施的关键一年,做好全年工作意义重大。\n"
        "二、经济社会发展预期目标\n"
        "地区生产总值增长 6%,固定资产投资增长 5%;城乡居民人均可支配收入分别增长 6%和 7%。\n"
        "三、经济社会发展主要任务\n"
        "(\n"
    )
    assert _rows(text) == []
    assert _targets(text) == [
        ("地区生产总值增幅", ">=", Decimal("6"), "%", "2031-12-31"),
        ("固定资产投资增幅", ">=", Decimal("5"), "%", "2031-12-31"),
        ("城镇居民人均可支配收入增幅", ">=", Decimal("6"), "%", "2031-12-31"),
        ("农村居民人均可支配收入增幅", ">=", Decimal("7"), "%", "2031-12-31"),
    ]


# --- tables -------------------------------------------------------------------------------------


def test_a_table_reporting_on_its_works_gives_each_work_and_its_count_a_row():
    text = (
        "2031年青川县为民办实事项目完成情况\n"
        "序号 | 实事项目名称 | 完成情况 | 占全年计划 |\n"
        "1 | 新增200张养老床位 | 215 | 108% |\n"
        "改建60张失能照护床位 | 61 | 102% | |\n"
        "2 | 开办12个小学生暑期托管班 | 14 | 117% |\n"
        "3 | 新建8个社区食堂 | 9 | 113% |\n"
        "4 | 为40户困难家庭进行居室改造 | 38 |\n"
    )
    assert _rows(text) == [
        ("新增200张养老床位", "", "2031-12-31"),
        ("改建60张失能照护床位", "", "2031-12-31"),
        ("开办12个小学生暑期托管班", "", "2031-12-31"),
        ("新建8个社区食堂", "", "2031-12-31"),
    ]  # (the last row, short of a cell, is the passage cut in it)
    assert _targets(text) == [
        ("养老床位", ">=", Decimal("200"), "张", "2031-12-31"),
        ("失能照护床位", ">=", Decimal("60"), "张", "2031-12-31"),
        ("小学生暑期托管班", ">=", Decimal("12"), "个", "2031-12-31"),
        ("社区食堂", ">=", Decimal("8"), "个", "2031-12-31"),
    ]  # what was done, and its share of the plan, no targets
    # A look back on a year's results, in short rows, commits to nothing.
    back = (
        "青川县2031年政府工作报告\n一、2030年工作回顾\n1.新增城镇就业1.2万人。\n2.新建农村公路80公里。\n"
        "二、2031年工作安排\n1.建设农村公路。新建农村公路100公里。\n"
    )
    assert _targets(back) == [("农村公路", ">=", Decimal("100"), "公里", "2031-12-31")]


# --- reports on the works -----------------------------------------------------------------------


def test_records_of_bracketed_fields_give_a_row_per_work_and_leave_out_what_they_report():
    text = (
        "老年食堂\n"
        "【目标要求】新建4个老年食堂,续建600平方米的日间照料中心。\n"
        "【实事剪影】连日来,城东社区的老人在新食堂用餐。\n"
        "社区书记说,食堂每天供餐两次。\n"
        "【完成情况】已建成老年食堂5个,完成实事任务的125%。\n"
        "城乡公交\n"
        "【目标要求】新开通城乡公交线路6条。\n"
        "【完成情况】已开通线路7条,惠及群众3万人。\n"
    )
    assert [(i.title, i.text) for i in decompose(text).items] == [
        ("老年食堂", "老年食堂。新建4个老年食堂,续建600平方米的日间照料中心。"),
        ("城乡公交", "城乡公交。新开通城乡公交线路6条。"),
    ]
    assert _targets(text) == [
        ("老年食堂", ">=", Decimal("4"), "个", None),
        ("日间照料中心", ">=", Decimal("600"), "平方米", None),
        ("新开通城乡公交线路", ">=", Decimal("6"), "条", None),
    ]


def test_a_report_on_each_work_under_numbered_fields_gives_its_row_its_goal_and_time_limit():
    text = (
        "各位代表:\n"
        "2031年2月,镇人代会票决确定了《城东供水提升项目》《河道清淤项目》"
        "《村道硬化项目》三件民生实事。\n"
        "一是始终高度重视。镇政府把实事项目作为重要工作。二是强化组织保障。"
        "每件实事由分管领导牵头负责。三是加强工作监督。坚持定期督查。\n"
        "现将具体情况报告如下:\n"
        "一、关于《城东供水提升项目》进展情况\n"
        "(一)责任领导:王某某\n"
        "(二)年度目标:完成8个供水站改造提升,总投资约300万元,计划于2031年9月完工。\n"
        "(三)完成情况:8个供水站已于2031年7月全部完工。\n"
        "二、关于《河道清淤项目》进展情况\n"
        "(一)责任领导:李某某\n"
        "(二)年度目标:清淤河道12公里,计划于2031年11月完工。\n"
        "(三)完成情况:已清淤河道12公里,完成验收。\n"
        "三、关于《村道硬化项目》进展情况\n"
        "(一)责任领导:张某某\n"
        "(二)年度目标:硬化村道20公里,计划于2031年10月完工。\n"
        "(三)完成情况:已完成硬化村道15公里,剩余路段正在\n"
    )
    # The list of the works above, the heads on how they were run, the leader (a person),
    # the budget and what was done are no rows nor targets; the last record, cut in the
    # passage's last line, is left out.
    assert _rows(text) == [
        ("城东供水提升项目", "", "2031-09-30"),
        ("河道清淤项目", "", "2031-11-30"),
    ]
    assert _targets(text) == [
        ("供水站改造提升", ">=", Decimal("8"), "个", "2031-09-30"),
        ("清淤河道", ">=", Decimal("12"), "公里", "2031-11-30"),
    ]


def test_a_year_whose_new_work_a_sentence_counts_dates_the_plan():
    text = (
        "一是粮食安全行动。\n"
        "全年扩种大豆2万亩,确保粮食播种面积在25万亩以上。\n"
        "二是产业提升行动。\n"
        "2031年新创产业园区2个,确保蔬菜面积稳定在18万亩以上。\n"
    )
    assert [t[-1] for t in _targets(text)] == ["2031-12-31"] * 4
    # A year whose work is reported as done names no plan.
    done = (
        "一是粮食安全行动。\n2030年新建高标准农田2万亩,已全部完工。\n"
        "二是产业提升行动。\n确保蔬菜面积18万亩。\n"
    )
    assert {t[-1] for t in _targets(done)} == {None}


# --- set T's forms ------------------------------------------------------------------------------


def test_a_figure_set_apart_from_its_scale_by_a_space_is_read_and_the_text_kept():
    text = "2031年主要预期目标是:城镇新增就业 1200 万人以上,居民消费价格涨幅 2% 左右。\n"
    d = decompose(text)
    assert "城镇新增就业 1200 万人以上" in d.text  # as written
    assert _targets(text) == [
        ("城镇新增就业", ">=", Decimal("12000000"), "人", "2031-12-31"),
        ("居民消费价格涨幅", "=", Decimal("2"), "%", "2031-12-31"),
    ]


def test_the_numbers_of_villages_listed_are_no_count_of_them():
    text = (
        "2031年工作计划\n"
        "（二）抓好基础设施建设。一是完成9、10、15村的道路硬化工程；"
        "二是实施6、7村安全饮水工程，新建蓄水池3座。\n"
    )
    assert _targets(text) == [("蓄水池", ">=", Decimal("3"), "座", "2031-12-31")]


def test_a_count_of_villages_reaching_a_threshold_counts_the_villages():
    text = (
        "2031年工作计划\n"
        "一、加强队伍建设。集中公推40名优秀青年作为村级后备干部,发展20名党员,"
        "创办10家以上的合作社。\n"
        "二、壮大集体经济。新增3个村集体收入超过10万元。\n"
    )
    assert _targets(text) == [
        ("优秀青年作为村级后备干部", ">=", Decimal("40"), "名", "2031-12-31"),
        ("发展党员", ">=", Decimal("20"), "名", "2031-12-31"),
        ("合作社", ">=", Decimal("10"), "家", "2031-12-31"),
        ("集体收入超过10万元的村", ">=", Decimal("3"), "个", "2031-12-31"),
    ]  # (10万元 is the threshold, no target)


def test_a_title_naming_its_year_without_nian_dates_the_text():
    text = (
        "镇原县2031工作报告\n"
        "今年,我们将努力实现以下目标:\n"
        "经济高质量发展,确保地区生产总值增长7%。\n"
        "基础设施建设提速,投资15亿元,实施一批重点基础设施项目。\n"
    )
    d = decompose(text)
    assert d.year == 2031
    # (a sum put in stays the sum it is, as 投资…建设 reads since set L)
    assert _targets(text) == [
        ("地区生产总值增幅", ">=", Decimal("7"), "%", "2031-12-31"),
        ("一批重点基础设施项目投资", "=", Decimal("15"), "亿元", "2031-12-31"),
    ]


# --- the page around a text ---------------------------------------------------------------------


def test_the_record_s_fields_above_a_notice_are_passed_over_and_may_name_its_title():
    text = (
        "索 引 号: | 000012345/2031-00001 | 主题分类: | 综合政务 |\n"
        "生效日期: | 废止日期: | ||\n"
        "文件名称 | 青川县人民政府关于印发2031年工作要点的通知 | ||\n"
        "内容概览: | |||\n"
        "青川县人民政府\n"
        "2031年2月3日\n"
        "一、建设农村公路\n"
        "新建农村公路100公里。\n"
    )
    d = decompose(text)
    assert d.title == "青川县人民政府关于印发2031年工作要点的通知"  # (the signer is no title)
    shared = (
        "- 0\n- 0\n- 约4.4千字\n- 约 9页\n- 2031-02-27 发布于四川\n- 举报\n2031年街道工作计划\n"
    )
    assert (
        decompose(shared + "一、建设农村公路\n新建农村公路100公里。\n").title
        == "2031年街道工作计划"
    )


def test_the_places_a_work_is_done_in_are_counted_and_a_budget_after_counted_work_is_none():
    text = (
        "2031年工作要点\n"
        "（一）要抓好质量安全。在6个主产乡镇新建农残快检室。\n"
        "（二）实施产业调整优化工程。新建标准化厂房2万平方米，总投资8000万元。\n"
    )
    assert _targets(text) == [
        ("主产乡镇新建农残快检室", ">=", Decimal("6"), "个", "2031-12-31"),
        ("标准化厂房", ">=", Decimal("2"), "万平方米", "2031-12-31"),
    ]


def test_a_rate_of_samples_in_pi_ci_per_thousand_people_is_a_target():
    text = (
        "2031年工作要点\n（二）要抓好质量安全。确保农产品抽检量达到2批次/千人，完成抽检1200批次。\n"
    )
    assert _targets(text) == [
        ("农产品抽检量", ">=", Decimal("2"), "批次/千人", "2031-12-31"),
        ("抽检", ">=", Decimal("1200"), "批次", "2031-12-31"),
    ]
