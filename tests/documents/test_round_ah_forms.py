"""Forms met on the set of 政府工作报告 分工 opinions and 民生实事 texts (set AH), each on a
short example written for the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a page's time stamp the joining ran into the titles above it -------------------------

STAMP_RUN_IN = (
    "范文站,好文章的家\n"
    "范文站 > 江澄省人民政府关于落实《政府工作报告》重点工作部门分工的意见\n"
    "江澄省人民政府关于落实《政府工作报告》重点工作部门分工的意见\n"
    "时间:2031-01-20 09:12:40\n"
    "省政府各厅委、各直属机构:\n"
    "现就省人大通过的《政府工作报告》确定的重点工作提出部门分工意见如下:\n"
    "一、落实工作总体部署\n"
    "主要预期目标是:地区生产总值增长6%左右,规模工业增加值增长5.5%。\n"
)


def test_a_time_stamp_run_into_the_titles_gives_the_year():
    d = decompose(STAMP_RUN_IN)
    assert sorted((t.value, t.deadline) for t in d.targets) == [
        (Decimal("5.5"), dt.date(2031, 12, 31)),
        (Decimal("6"), dt.date(2031, 12, 31)),
    ]


def test_a_date_in_the_text_is_no_stamp_of_the_page():
    # a day and a time inside a sentence is no page stamp: the figures stay undated
    text = STAMP_RUN_IN.replace("时间:2031-01-20 09:12:40\n", "").replace(
        "主要预期目标是:", "会议于时间:2031-01-20 09:12召开,主要预期目标是:"
    )
    d = decompose(text)
    assert d.targets and all(t.deadline is None for t in d.targets)


# --- a news page's stamp written day first -----------------------------------------------

DOTTED_STAMP = (
    "云溪《政府工作报告》部门分工确定\n"
    "\n"
    "21.03.2031  08:15\n"
    "\n"
    "记者获悉,省政府就落实《政府工作报告》中的重点工作提出分工意见。\n"
    "\n"
    "1、继续实施高标准农田建设工程,全年新建高标准农田120万亩。(省农业厅牵头)\n"
    "\n"
    "2、推进县域商业体系建设。(省商务厅等负责)\n"
)


def test_a_day_first_stamp_dates_a_news_page():
    d = decompose(DOTTED_STAMP)
    assert d.year == 2031
    assert [(t.value, t.deadline) for t in d.targets] == [(Decimal("120"), dt.date(2031, 12, 31))]
    assert [i.named_lead for i in d.items] == ["省农业厅", "省商务厅"]


# --- the main indicators a notice hands down --------------------------------------------

MAIN_INDICATORS = (
    "云溪市政府分解下达2031年全市主要指标和重点工作任务\n"
    "市政府日前下发通知,将2031年全市经济社会发展主要指标分解下达到各县区、市政府各部门。\n"
    "通知指出,今年全市经济社会发展主要指标分别为:地区生产总值增长5.5%左右;"
    "城镇新增就业3.2万人;城镇登记失业率控制在4.5%以内。\n"
)


def test_the_main_indicators_handed_down_commit():
    d = decompose(MAIN_INDICATORS)
    assert sorted((t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets) == [
        ("地区生产总值增幅", "=", Decimal("5.5"), "%", dt.date(2031, 12, 31)),
        ("城镇新增就业", ">=", Decimal("32000"), "人", dt.date(2031, 12, 31)),
        ("城镇登记失业率", "<=", Decimal("4.5"), "%", dt.date(2031, 12, 31)),
    ]


def test_main_indicators_reported_on_commit_nothing():
    # the results of the indicators reported, not the indicators handed down
    text = MAIN_INDICATORS.replace(
        "今年全市经济社会发展主要指标分别为", "去年全市主要指标完成情况为"
    )
    assert decompose(text).targets == []


# --- projects pressed on with are counted ------------------------------------------------

PRESSED_ON = (
    "2031年重点工作分工\n"
    "1. 加快12个物流项目建设,推动城乡配送融合发展。(市商务局负责)\n"
    "2. 继续抓好25个重大产业项目,支持先进制造业加快发展。(市发展改革委负责)\n"
    "3. 加快3个方面改革,深化放管服。(市政务服务局负责)\n"
)


def test_projects_pressed_on_with_are_counted():
    d = decompose(PRESSED_ON)
    assert sorted((t.indicator, t.value, t.unit) for t in d.targets) == [
        ("物流项目建设", Decimal("12"), "个"),
        ("重大产业项目", Decimal("25"), "个"),
    ]


# --- a paragraph of works whose notes name the units of each part ------------------------

NOTED_WORKS = (
    "江澄省人民政府关于落实《政府工作报告》重点工作部门分工的意见\n"
    "一、推动经济平稳健康发展\n"
    "(一)提升科技创新能力。建设江澄科学城,完善创新平台布局(分管副省长、协管副秘书长负责,"
    "省科技厅牵头。明确牵头部门的,其他有关部门配合,下同)。实施一批关键核心技术攻关项目,"
    "落实研发费用加计扣除政策(分管副省长、协管副秘书长负责,省科技厅、省财政厅、省税务局等负责。"
    "列第一位的为牵头部门,下同),建设一批科技企业孵化器(分管副省长、协管副秘书长负责,省工信厅牵头)。\n"
    "(二)扩大有效投资。实施重大项目攻坚行动(分管副省长、协管副秘书长负责,省发改委牵头)。\n"
)


def test_each_note_closes_a_row_of_the_works_before_it():
    d = decompose(NOTED_WORKS)
    rows = [(i.title, i.named_lead, i.named_co) for i in d.items]
    assert rows == [
        ("建设江澄科学城,完善创新平台布局", "省科技厅", []),
        ("实施一批关键核心技术攻关项目", "省科技厅", ["省财政厅", "省税务局"]),
        ("建设一批科技企业孵化器", "省工信厅", []),
        ("扩大有效投资", "省发改委", []),
    ]
    # the leaders a note names first answer for the row, no unit does
    assert all("副秘书长" not in (i.named_lead, *i.named_co) for i in d.items)


# --- a share of places that are to have a thing ------------------------------------------

SHARE_HAVING = (
    "2031年十方面民生实事\n"
    "1、养老服务方面。新建老年食堂20个;85%以上乡镇(街道)建有综合养老服务中心;"
    "培训养老护理员1200人。\n"
)


def test_a_share_of_places_that_are_to_have_a_thing_is_a_floor():
    d = decompose(SHARE_HAVING)
    found = {t.value: (t.indicator, t.comparator, t.unit) for t in d.targets}
    assert found[Decimal("85")] == ("乡镇(街道)建有综合养老服务中心", ">=", "%")
    assert {Decimal("20"), Decimal("1200")} <= set(found)


# --- a 分工方案 run onto one line, each row closed by its record -----------------------------

SHARED_OUT_LINE = (
    "3月2日,江澄省人民政府办公厅印发《2031年省〈政府工作报告〉工作任务分工方案》,就主要预期目标"
    "和十个方面工作任务进行细化分解,明确分工责任。其中明确指出: 实施制造业数字化转型工程,"
    "推动3000家规模以上工业企业数字化转型。支持云溪打造制造业数字化转型示范城市。"
    "加快工业互联网平台建设,培育特定行业平台。 分管领导:副省长张某某 部门分工:省工业和信息化厅牵头,"
    "省发展改革委、科技厅、商务厅等配合。 建设全省一体化算力调度平台,完善数据要素流通体系,"
    "推进政务外网标准化建设。 分管领导:副省长李某某 部门分工:省政务服务数据管理局牵头,"
    "省通信管理局配合。 打造省级智能运营中心。 分管领导:\n"
)


def test_rows_run_onto_one_line_are_read_by_their_records():
    d = decompose(SHARED_OUT_LINE)
    rows = [(i.title, i.named_lead, i.named_co) for i in d.items]
    assert rows == [
        (
            "实施制造业数字化转型工程,推动3000家规模以上工业企业数字化转型",
            "省工业和信息化厅",
            ["省发展改革委", "科技厅", "商务厅"],
        ),
        (
            "建设全省一体化算力调度平台,完善数据要素流通体系,推进政务外网标准化建设",
            "省政务服务数据管理局",
            ["省通信管理局"],
        ),
    ]
    assert [(t.value, t.unit) for t in d.targets] == [(Decimal("3000"), "家")]


# --- those served described before 的 ------------------------------------------------------

SERVED_DESCRIBED = (
    "2031年十大民生实事项目\n"
    "九、开展HPV疫苗接种。\n"
    "为不少于6000名新进入初中一年级、未接种过人乳头瘤病毒(HPV)疫苗的女生提供HPV疫苗免费接种。\n"
)


def test_those_served_described_before_de_are_counted_by_the_service():
    d = decompose(SERVED_DESCRIBED)
    found = {t.value: (t.indicator, t.comparator, t.unit) for t in d.targets}
    assert found[Decimal("6000")] == ("女生HPV疫苗免费接种", ">=", "名")
