"""Forms met in published 计划, 规划纲要 and 政府工作报告 分工 texts and their progress tables:
composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {(t.indicator, t.comparator, str(t.value), t.unit) for t in decompose(text).targets}


def _rows(text):
    return [(i.title, i.named_lead, tuple(i.named_co)) for i in decompose(text).items]


def test_a_progress_table_one_cell_a_line_cut_before_a_row_s_units():
    text = (
        "2031年政府工作报告重点工作完成情况(上半年)\n\n"
        "  • 发布时间: 2031-07-11 09:20\n"
        "  • 浏览次数:\n\n"
        "序号\n\n主要工作任务\n\n上半年完成情况\n\n责任单位\n\n"
        "1\n\n地区生产总值增长6%左右。\n\n上半年,预计全县地区生产总值增长5.2%。\n\n发改局\n\n"
        "2\n\n一般公共预算收入增长5%。\n\n1-6月,全县一般公共预算收入完成21.3亿元,同比增长4.1%。\n\n"
        "财政局、税务局\n\n"
        "3\n\n城乡居民收入增长与经济增长同步。\n\n上半年,城乡居民收入增长与经济增长基本同步。\n\n"
        "发改局、农业农村局\n\n"
        "4\n\n" + "加快先进制造业集群培育,深入推进数字经济提质工程,巩固壮大装备制造、新材料、"
        "生物医药等主导产业,深化省级智能装备协同区建设,争创国家级中小企业特色产业集群,"
        "打造更多县域制造金名片,推动规上工业增加值增长8%。\n\n"
        "出台全县先进制造业集群工作要点,1-6\n"
    )
    rows = _rows(text)
    assert rows == [
        ("地区生产总值增长6%左右", "发改局", ()),
        ("一般公共预算收入增长5%", "财政局", ("税务局",)),
        ("城乡居民收入增长与经济增长同步", "发改局", ("农业农村局",)),
    ]
    got = _targets(text)
    assert ("地区生产总值增幅", "=", "6", "%") in got
    # what the progress column reports is no target
    assert not any(t[2] in ("5.2", "21.3", "4.1") for t in got)


def test_a_page_s_counter_of_its_readers_is_no_row():
    text = (
        "关于做好2031年春耕工作的通知\n  • 访问次数: 35\n  • 点击量:\n各乡镇:\n请抓好春耕备耕。\n"
    )
    assert not any("次数" in t or "点击" in t for t, _l, _c in _rows(text))


def test_a_bar_table_led_by_the_deputy_mayor_s_column_and_a_starred_lead():
    text = (
        "分管副县长 | 序号 | 主要工作任务 | 一季度完成情况 | 责任单位 |\n"
        "李某某 | 1 | 一般公共预算收入增长4%。 | 1-3月完成9.6亿元,同比增长3.2%。 | "
        "★财政局、税务局 |\n"
        "2 | 严格落实政府系统全面从严治党责任。 | 一季度召开党组会议2次。 | "
        "★县府办、县政府各部门 |\n"
        "张某 | 3 | 新改建农村公路50公里。 | 已完成18公里。 | 交通局、★公路中心 |\n"
    )
    assert _rows(text) == [
        ("一般公共预算收入增长4%", "财政局", ("税务局",)),
        ("严格落实政府系统全面从严治党责任", "县府办", ("县政府各部门",)),
        ("新改建农村公路50公里", "公路中心", ("交通局",)),
    ]
    got = _targets(text)
    assert not any(t[2] in ("9.6", "3.2", "18") for t in got)


def test_a_starred_unit_leads_in_a_row_s_units_note():
    rows = _rows("一、重点工作\n1.建成城东污水处理厂。（责任单位：住建局、★水务局）\n")
    assert rows == [("建成城东污水处理厂", "水务局", ("住建局",))]


def test_同比_under_a_heading_of_expected_targets_compares_the_year_planned():
    text = (
        "云溪县2031年国民经济和社会发展计划\n"
        "二、经济社会发展预期目标\n"
        "地区生产总值同比增长 6%以上,规模以上工业增加值同比增长12%以上,"
        "城乡居民人均可支配收入分别增长5.5%和 7%。\n"
        "三、主要任务\n"
        "1.稳住工业基本盘。一季度规上工业增加值同比增长9.1%。\n"
    )
    got = _targets(text)
    assert ("地区生产总值增幅", ">=", "6", "%") in got
    assert ("规模以上工业增加值增幅", ">=", "12", "%") in got
    assert ("农村居民人均可支配收入增幅", ">=", "7", "%") in got
    # under a heading of tasks, 同比 still reports
    assert not any(t[2] == "9.1" for t in got)


def test_the_points_under_what_a_plan_sets_out_commit():
    text = (
        "“十六五”规划纲要草案提出主要指标\n"
        "3月5日,市长在政府工作报告中介绍了规划纲要草案。\n"
        "关于重大任务,《江澄市“十六五”规划纲要(草案)》提出:\n"
        "推进数字江澄建设,数字经济核心产业增加值占地区生产总值比重达到15%。\n"
        "办好人民满意的教育,劳动年龄人口平均受教育年限提高到12.2年。\n"
    )
    got = _targets(text)
    assert ("数字经济核心产业增加值占地区生产总值比重", ">=", "15", "%") in got
    assert ("劳动年龄人口平均受教育年限", ">=", "12.2", "年") in got


def test_a_sentence_opening_on_其中_that_sets_out_a_figure_of_its_own():
    text = (
        "创新驱动方面,围绕创新投入提出2项指标。其中,综合考虑企业投入能力,"
        "提出全社会研发经费投入年均增长8%以上,确保投入力度不减。\n"
        "2031年,力争新增就业900人以上。其中,高校毕业生就业300人。\n"
    )
    got = _targets(text)
    assert ("全社会研发经费投入增幅", ">=", "8", "%") in got
    # a part of the sentence before stays a breakdown
    assert not any(t[2] == "300" for t in got)


def test_the_points_of_a_part_of_principles_are_no_tasks():
    text = (
        "江澄市关于分解落实“十六五”规划纲要主要目标和任务的通知\n"
        "一、分工原则\n"
        "(一)明确政府职责和市场功能。对政府职责范围内的目标和任务进行分解。\n"
        "(二)落实责任主体。依据各部门的职责,将目标和任务分解到相关部门。\n"
        "二、重点任务\n"
        "(一)建成城东污水处理厂。(牵头单位:市水务局)\n"
    )
    assert _rows(text) == [("建成城东污水处理厂", "市水务局", ())]
