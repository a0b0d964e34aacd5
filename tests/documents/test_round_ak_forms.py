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
