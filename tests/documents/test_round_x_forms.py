"""Forms met on a twenty-fourth held-out set (set X), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import undated_targets as _undated

# --- units named by the rows ------------------------------------------------------------------


def test_a_fen_gong_line_names_the_unit_that_leads_and_those_that_co_operate():
    text = (
        "2031年市《政府工作报告》重点任务分工方案\n"
        "一、主要预期目标\n"
        "1.全市生产总值增长5.5%以上。\n"
        "分管市领导:王某\n"
        "部门分工:市发展改革局牵头,各区、各部门配合。\n"
        "2.城镇新增就业1.2万人。\n"
        "分管市领导:李某\n"
        "部门分工:市人力资源社会保障局牵头。\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.named_co, i.named_leader) for i in d.items] == [
        ("市发展改革局", ["各区", "各部门"], "王某"),
        ("市人力资源社会保障局", [], "李某"),
    ]


def test_a_row_cut_in_its_fen_gong_label_is_left_out():
    text = (
        "一、主要预期目标\n"
        "1.地区生产总值增长6%左右。\n"
        "分管县领导:王某\n"
        "部门分工:县发改局牵头,各乡镇配合。\n"
        "2.一般公共预算收入增长4%以上。\n"
        "分管县领导:王某\n"
        "部门分工:县财政局牵头,县税务局配合。\n"
        "3.外贸进出口实现正增长。\n"
        "分管县领导:李某\n"
        "部门分工:\n"
    )
    assert [t for t, _lead, _d in _rows(text)] == [
        "地区生产总值增长6%左右",
        "一般公共预算收入增长4%以上",
    ]


def test_lead_and_co_units_labelled_as_responsible_units_that_lead_or_work_with_it():
    text = (
        "一、确保完成全年主要预期目标\n"
        "1．全区生产总值增长6%以上。\n"
        "牵头负责领导:张某。\n"
        "牵头责任单位:区发展改革委。\n"
        "协同责任单位:区经济和信息化局、区财政局等。\n"
        "2．社会消费品零售总额增长8%左右。\n"
        "牵头负责领导:赵某。\n"
        "牵头责任单位:区商务局。\n"
        "协同责任单位:区市场监管局等。\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.named_co, i.named_leader) for i in d.items] == [
        ("区发展改革委", ["区经济和信息化局", "区财政局"], "张某"),
        ("区商务局", ["区市场监管局"], "赵某"),
    ]


# --- what is and is not a row -----------------------------------------------------------------


def test_rows_numbered_with_the_small_full_stop():
    text = (
        "一、稳住经济大盘\n"
        "1﹒规模以上工业增加值增长7%以上。\n"
        "牵头责任单位:县工信局。\n"
        "2﹒固定资产投资增长9%左右。\n"
        "牵头责任单位:县发改委。\n"
    )
    assert _rows(text) == [
        ("规模以上工业增加值增长7%以上", "县工信局", None),
        ("固定资产投资增长9%左右", "县发改委", None),
    ]
    assert _undated(text) == [
        ("规模以上工业增加值增幅", ">=", Decimal("7"), "%"),
        ("固定资产投资增幅", "=", Decimal("9"), "%"),
    ]


# --- figures and dates ------------------------------------------------------------------------


def test_a_change_in_a_population_counted_in_ten_thousands_without_its_measure_word():
    text = (
        "2031年工作目标\n"
        "主要预期目标:地区生产总值增长6%左右;农村低收入人口减少3.5万以上;城镇人口新增1万。\n"
    )
    assert ("农村低收入人口", ">=", Decimal("35000"), "人") in _undated(text)
    assert ("城镇人口", ">=", Decimal("10000"), "人") in _undated(text)


def test_a_year_aimed_at_before_the_works_start_or_end_dates_the_row():
    text = (
        "县交通局四项工作促交通发展\n"
        "来源:某某交通网通讯员 县交通局 张某 2031年3月2日10:18\n"
        "县交通局立足实际,落实四项工作力促今年交通工作。\n"
        "一是完成西环线路面改造,年内通车;\n"
        "二是加快北山隧道前期工作,争取2032年开工;\n"
        "三是力争2033年建成城乡公交枢纽;\n"
        "四是做好已建成道路的养护。\n"
    )
    assert [d for _t, _lead, d in _rows(text)] == ["2031-12-31", "2032-12-31", "2033-12-31", None]
