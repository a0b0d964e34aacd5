"""Forms met on a thirtieth held-out set (set AD), each on a short example written for
the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose


def _targets(d):
    return [(t.indicator, t.comparator, t.value, t.unit) for t in d.targets]


# --- a table of indicators one cell a line: 单位, 年度目标, 责任部门, 评分部门 -------------------

INDICATORS = "\n".join(
    [
        "2029年青石县农业农村工作任务清单",
        "考核项目",
        "序号",
        "考核指标",
        "考核内容",
        "单位",
        "年度目标",
        "责任部门",
        "评分部门",
        "农业发展",
        "1",
        "稳定粮食生产",
        "粮食播种面积",
        "万亩",
        "12.5",
        "县农业农村局",
        "县水利局",
        "市农业农村局",
        "2",
        "农产品加工产值增幅",
        "%",
        "≥6%",
        "县工业和信息化局",
        "市经济和信息化局",
        "3",
        "油菜面积",
        "万亩",
        "0",
        "县农业农村局",
        "市农业农村局",
        "4",
        "耕地保护责任制",
        "-",
        "优秀",
        "县自然资源局",
        "市自然资源局",
        "5",
        "推广农机新机具",
        "台",
        "由市统筹",
        "县",
    ]
)


def test_an_indicator_table_gives_each_row_its_units_and_its_years_target():
    # (the scoring units, "市…", answer for no row; a target of 0 and one in words set none;
    # the last row, cut in its units, is left out)
    d = decompose(INDICATORS)
    rows = [(i.title, i.named_lead, i.named_co, i.deadline) for i in d.items]
    assert rows == [
        ("粮食播种面积达到12.5万亩", "县农业农村局", ["县水利局"], dt.date(2029, 12, 31)),
        ("农产品加工产值增幅不低于6%", "县工业和信息化局", [], dt.date(2029, 12, 31)),
        ("油菜面积", "县农业农村局", [], dt.date(2029, 12, 31)),
        ("耕地保护责任制", "县自然资源局", [], dt.date(2029, 12, 31)),
    ]
    assert _targets(d) == [
        ("粮食播种面积", ">=", Decimal("12.5"), "万亩"),
        ("农产品加工产值增幅", ">=", Decimal("6"), "%"),
    ]


# --- a progress table one cell a line: its report column after the time limit -------------


def test_a_report_cell_after_the_time_limit_is_no_row_and_no_table_end():
    text = "\n".join(
        [
            "县农业农村局2029年承担政府重点工作推进情况",
            "序号",
            "目标任务",
            "牵头责任单位",
            "计划完成时间",
            "目前完成情况",
            "是否达到序时进度",
            "12",
            "新建高标准农田5万亩。",
            "农田建设股",
            "2029年底",
            "已完成3万亩,正在施工的2万亩进度60%,预计11月底全部完工,"
            + "全县累计建成高标准农田86万亩,占耕地面积的72%,"
            + "其余地块正在开展前期设计和招标工作,各乡镇配合做好施工环境保障。",
            "13",
            "完成土地流转8万亩。",
            "经管站",
            "2029年底",
            "已流转6.5万亩。",
            "14",
            "开展农资",
        ]
    )
    d = decompose(text)
    rows = [(i.title, i.named_lead, i.deadline) for i in d.items]
    assert rows == [
        ("新建高标准农田5万亩", "农田建设股", dt.date(2029, 12, 31)),
        ("完成土地流转8万亩", "经管站", dt.date(2029, 12, 31)),
    ]
    assert [t.value for t in d.targets] == [Decimal("5"), Decimal("8")]


# --- a pipe table whose first column names the leader of a group of rows -------------------


def test_a_leader_column_before_the_number_leaves_the_rows_to_their_units():
    text = (
        "分管领导 | 序号 | 重点工作 | 目标要求 | 牵头部门 | 责任部门 | 完成情况 |\n"
        "王某某 | 3 | 河湖长制工作 | 完成4条河道清淤。 | 县水利局 | 各乡镇 | 已完成2条。 |\n"
        "4 | 农村供水保障 | 新建2座水厂。 | 县水务公司 | 县水利局 | 正在施工。 |\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_leader) for i in d.items] == [
        ("河湖长制工作", "县水利局", "王某某"),
        ("农村供水保障", "县水务公司", "王某某"),
    ]


# --- figures set apart by spaces; shares of a work; the task of a year named ----------------


def test_figures_set_apart_by_spaces_are_read_as_the_others():
    text = (
        "青石县 2029 年河湖长制工作要点\n"
        "要确保完成 85%入河排污口整治工作,完成 60%重点河段清淤任务。\n"
        "同时,完成 2029 年县级民生实事污水治理任务,新增完成 120 个以上自然村污水治理,"
        "新建城镇污水管网超 30 公里。\n"
    )
    d = decompose(text)
    got = {(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets}
    end = dt.date(2029, 12, 31)
    assert ("入河排污口整治", ">=", Decimal("85"), "%", end) in got
    assert ("重点河段清淤", ">=", Decimal("60"), "%", end) in got
    assert any(t[2] == Decimal("120") and t[3] == "个" and t[4] == end for t in got)
    assert any(t[2] == Decimal("30") and t[1] == ">" and t[3] == "公里" for t in got)
    assert "完成 2029 年县级民生实事" in d.text  # (the text as written)


def test_a_table_row_of_cells_apart_by_spaces_keeps_its_spaces():
    text = (
        "2029年青石县河长制任务分解表\n"
        "序号 主要任务 指标要求 牵头单位\n"
        "1 河道清淤 完成 12 条 县水利局\n"
        "2 污水管网 新建 8 公里 县住建局\n"
    )
    d = decompose(text)
    assert [i.named_lead for i in d.items] == ["县水利局", "县住建局"]


# --- the goals of a field, a part of its own ------------------------------------------------


def test_a_part_naming_the_goals_of_a_field_holds_goals_not_tasks():
    text = (
        "一、森林资源保护目标\n"
        "1.完成封山育林2万亩,防治率达到90%以上。\n"
        "2.森林火灾受害率控制在0.8‰以内。\n"
        "二、确保实现年度目标\n"
        "3.开展林业执法专项行动。\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["开展林业执法专项行动"]
    assert {(t.indicator, t.value) for t in d.targets} >= {
        ("封山育林", Decimal("2")),
        ("森林火灾受害率", Decimal("0.8")),
    }


# --- levels in square brackets inside a note of units ---------------------------------------


def test_levels_in_square_brackets_do_not_hide_the_lead():
    text = (
        "一、强化河长制\n"
        "1.完善河长组织体系。实行河长动态调整。"
        "(责任单位:市河长办、市级责任单位,各县〔市、区〕人民政府)\n"
        "2.召开年度河长会议。(责任单位:市河长办)\n"
    )
    d = decompose(text)
    assert d.items[0].named_lead == "市河长办"
    assert len(d.items[0].named_co) == 2


# --- goals between semicolons in traditional characters, told by a news page ----------------


def test_goals_between_semicolons_in_traditional_characters_are_no_rows():
    text = (
        "青石省近日印發鄉村建設行動方案。\n"
        "方案要求,2029年年底前,累計新改造農村衛生廁所30萬戶;"
        "農村生活污水治理率達到40%以上;農村供水保障率達到95%以上。\n"
    )
    d = decompose(text)
    assert d.items == []
    assert {t.value for t in d.targets} == {Decimal("30"), Decimal("40"), Decimal("95")}


# --- a report's part on the year's goals and work, cut in its last paragraph ----------------


def test_a_part_on_the_years_goals_and_work_cut_at_the_end_keeps_its_goals():
    text = (
        "二、2029年目标任务和重点工作\n"
        "2029年是“十五五”开局之年,也是青石县加快建设幸福县城的关键之年。"
        "干好今年政府工作,我们要在县委的坚强领导下,继续突出实干导向。\n"
        "今年政府工作的总体要求是:坚持稳中求进,聚焦“一个中心、两个主攻方向”,加快建设幸福县城。\n"
        "建议2029年全县经济社会发展的努力目标为:全县生产总值增长6%;"
        "一般公共预算收入增长5%以上;城镇调查失业率控制在5.5%以内。\n"
        "具体工作中,要重点把握好3方面:一要以更强韧劲抓好项目。始终把项目建设作为\n"
    )
    d = decompose(text)
    assert d.items == []
    assert [(t.value, t.comparator, t.deadline) for t in d.targets] == [
        (Decimal("6"), ">=", dt.date(2029, 12, 31)),
        (Decimal("5"), ">=", dt.date(2029, 12, 31)),
        (Decimal("5.5"), "<=", dt.date(2029, 12, 31)),
    ]


# --- shares on a list, the levels of a name in brackets -------------------------------------


def test_each_share_of_a_list_reaching_a_standard_is_a_target():
    text = (
        "到2029年,全县25%以上的行政村达到“美丽乡村”建设标准、40%以上的集镇达到"
        "“美丽集镇”建设标准、60%以上的农户庭院达到“美丽庭院”建设标准。\n"
    )
    got = [(t.indicator, t.value) for t in decompose(text).targets]
    assert got == [
        ("行政村达到“美丽乡村”建设标准", Decimal("25")),
        ("集镇达到“美丽集镇”建设标准", Decimal("40")),
        ("农户庭院达到“美丽庭院”建设标准", Decimal("60")),
    ]


def test_the_levels_of_a_name_in_brackets_stay_in_what_is_counted():
    text = "到2029年,力争完成12个县(市、区)水源置换工作。\n"
    got = [(t.indicator, t.value, t.unit) for t in decompose(text).targets]
    assert got == [("县(市、区)水源置换工作", Decimal("12"), "个")]


# --- a year a sharing page masked -----------------------------------------------------------


def test_the_end_of_a_masked_year_is_no_deadline():
    text = (
        "2029年青石县城市品质提升工作计划\n"
        "一、开展清洁行动\n"
        "(一)街道保洁。提高城区道路机扫率,xxxx年底达到xx%以上。(责任单位:县城管局)\n"
        "(二)公厕保洁。年底前完成公厕提升改造。(责任单位:县城管局)\n"
    )
    d = decompose(text)
    assert [(i.title, i.deadline) for i in d.items] == [
        ("街道保洁", None),
        ("公厕保洁", dt.date(2029, 12, 31)),
    ]
