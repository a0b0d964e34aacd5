"""Forms met in published 责任分工 texts: web-page tables, other notes naming units,
notices sending their rows below the date line, and the numeric commitments they make."""

import datetime as dt

import pytest

from mingzhu.documents.decompose import decompose, named_units, targets_in, unflatten_tables


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        ("〔责任单位：省交通运输厅〕", "省交通运输厅", []),
        (
            "〔责任单位：省发展改革委、交通运输厅、省数据局按职责分工负责。各项任务下同。〕",
            "省发展改革委",
            ["交通运输厅", "省数据局"],
        ),
        (
            "[牵头单位：县发改局（统计局）；责任单位：各镇人民政府，云溪经济开发区]",
            "县发改局（统计局）",
            ["各镇人民政府", "云溪经济开发区"],
        ),
        (
            "责任单位：市工信局、市科技局、市税务局（列第一位者为牵头单位，下同）",
            "市工信局",
            ["市科技局", "市税务局"],
        ),
        ("（市數據局牽頭，市級各有關部門按職責分工負責）", "市數據局", ["市級各有關部門"]),
        ("（牽頭單位：市商務局）", "市商務局", []),
        # A co-unit holding a bracket of its own.
        (
            "（區住建局牽頭，各縣（市、區）住建部門按職責分工負責）",
            "區住建局",
            ["各縣（市、區）住建部門"],
        ),
    ],
)
def test_units_named_in_the_notes_published_texts_use(text, lead, co):
    found_lead, found_co, _leader, _words = named_units(text)
    assert (found_lead, found_co) == (lead, co)


PAGE_TABLE = """附件
2027年为民办实事项目分解表
序号

实事项目

责任单位

完成时限

1

启动县档案馆新馆建设。

县文旅局

县城投公司

12月底前

2

新建3座公共停车场。

县住建局

10月投入使用

3

开工建设县第二人民医院。

县卫健局

6月底前动工

开工建设县妇幼保健院门诊楼。

12月底前
"""


def test_a_table_copied_from_a_page_one_cell_a_line_is_read_as_rows():
    lines = unflatten_tables(PAGE_TABLE).splitlines()
    assert lines == [
        "附件",
        "2027年为民办实事项目分解表",
        "1.启动县档案馆新馆建设。（责任单位：县文旅局、县城投公司；完成时限：12月底前）",
        "2.新建3座公共停车场。（责任单位：县住建局；完成时限：10月投入使用）",
        "3.开工建设县第二人民医院。（责任单位：县卫健局；完成时限：6月底前动工）",
        # A second task of the same row keeps its units and has its own time limit.
        "4.开工建设县妇幼保健院门诊楼。（责任单位：县卫健局；完成时限：12月底前）",
    ]


def test_the_rows_of_a_page_table_carry_units_deadlines_and_targets():
    d = decompose(
        "云溪县2027年为民办实事\n" + PAGE_TABLE + "\n云溪县人民政府办公室\n2027年2月20日\n"
    )
    rows = {i.title: i for i in d.items}
    assert set(rows) == {"启动县档案馆新馆建设", "新建3座公共停车场", "开工建设县第二人民医院",
                         "开工建设县妇幼保健院门诊楼"}  # fmt: skip
    archive = rows["启动县档案馆新馆建设"]
    assert (archive.named_lead, archive.named_co) == ("县文旅局", ["县城投公司"])
    assert archive.deadline == dt.date(2027, 12, 31)
    # "10月投入使用": a time limit naming a month only.
    assert rows["新建3座公共停车场"].deadline == dt.date(2027, 10, 31)
    assert rows["开工建设县第二人民医院"].deadline == dt.date(2027, 6, 30)
    clinic = rows["开工建设县妇幼保健院门诊楼"]
    # The issuer and date line signing below the table are no unit and no time limit.
    assert (clinic.named_lead, clinic.deadline) == ("县卫健局", dt.date(2027, 12, 31))
    (parking,) = d.targets
    # The row's time limit dates the commitment it holds.
    assert (parking.indicator, parking.comparator, parking.value, parking.unit) == (
        "公共停车场", ">=", 3, "座",
    )  # fmt: skip
    assert parking.deadline == dt.date(2027, 10, 31)


def test_a_text_without_such_a_table_is_left_as_it_is():
    text = "序号\n\n这不是表格，只是一句话。\n"
    assert unflatten_tables(text) == text


NOTICE = """各镇人民政府、街道办事处，市各有关单位：
现将任务清单印发给你们。请各单位对照清单，按期完成。
一、压实责任，逐项销号。各牵头单位要指定专人负责，完成一项、销号一项。
二、上下联动，形成合力。涉及多个单位的任务，牵头单位要主动协调。
三、自第一季度起，每季度报送进展。
扬中市人民政府办公室
2027年3月8日
附件1
一、市高新区管委会牵头工作
1.投资2500万元建设智能电气检测公共服务平台。
2.新建2个标准厂房集中区。推动江洲电器20条自动化产线投产。
"""


def test_a_notices_items_above_its_date_line_are_no_tasks_when_its_rows_follow():
    d = decompose(NOTICE)
    assert [i.title for i in d.items] == [
        "投资2500万元建设智能电气检测公共服务平台",
        "新建2个标准厂房集中区",
    ]
    assert {i.named_lead for i in d.items} == {"市高新区管委会"}
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in d.targets] == [
        ("智能电气检测公共服务平台投资", "=", 2500, "万元"),
        ("标准厂房集中区", ">=", 2, "个"),
        ("江洲电器自动化产线", ">=", 20, "条"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("城区新建2个农贸市场。", [("农贸市场", ">=", "2", "个", None)]),
        ("力争减轻工业企业各类负担30亿元。", [("减轻工业企业各类负担", ">=", "30", "亿元", None)]),
        (
            "区级财政安排3000万元项目前期工作经费。",
            [("项目前期工作经费", "=", "3000", "万元", None)],
        ),
        (
            "排污许可重点管理类10个工作日内、简化管理类5个工作日内完成审批。",
            [
                ("排污许可重点管理类", "<=", "10", "个工作日", None),
                ("简化管理类", "<=", "5", "个工作日", None),
            ],
        ),
        ("居民消费价格指数控制在102.8以内。", [("居民消费价格指数", "<=", "102.8", "", None)]),
        (
            "到2027年底前，全市首批60个社区养老服务示范站点全面建成。",
            [("社区养老服务示范站点全面建成", ">=", "60", "个", dt.date(2027, 12, 31))],
        ),
        (
            "到2029年底前，确保80%的城市社区建成功能完备的嵌入式养老服务站（点）；",
            [("城市社区建成功能完备的嵌入式养老服务站", ">=", "80", "%", dt.date(2029, 12, 31))],
        ),
        # A class of things, not a commitment: "8亩以下（不含8亩）的项目用地".
        ("占地8亩以下（不含8亩）的项目用地手续，由区政府审查后办理。", []),
        # Already done: no commitment.
        ("去年已新建3座公共停车场。", []),
    ],
)
def test_numeric_commitments_published_rows_make(sentence, expected):
    found = targets_in(sentence, committed=True)
    assert [
        (t.indicator, t.comparator, str(t.value), t.unit, t.deadline) for t in found
    ] == expected


GOALS = """江澄市算力基础设施建设三年行动方案
一、主要目标
2027年，全市新建5G基站1800个以上。到2029年，全市累计建成5G基站1.2万个。
二、重点任务
（一）推进算力网络建设。
2027年，全市新建5G基站1800个以上。
"""


def test_the_goals_section_commits_and_a_sentence_opening_with_a_year_is_dated_by_it():
    d = decompose(GOALS)
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets] == [
        ("5G基站", ">=", 1800, "个", dt.date(2027, 12, 31)),
        ("5G基站", ">=", 12000, "个", dt.date(2029, 12, 31)),
        ("5G基站", ">=", 1800, "个", dt.date(2027, 12, 31)),
    ]  # the same sentence in a task of the plan commits too: what an item counts
    # The goals part is no task (since set S): its targets belong to no row.
    assert [t.item_code for t in d.targets] == ["", "", "1.1"]


def test_a_page_table_ends_at_the_next_attachment_or_heading():
    text = PAGE_TABLE + "附件2\n二、保障措施\n"
    lines = unflatten_tables(text).splitlines()
    assert lines[-3:] == [
        "4.开工建设县妇幼保健院门诊楼。（责任单位：县卫健局；完成时限：12月底前）",
        "附件2",
        "二、保障措施",
    ]


def test_a_sum_is_for_something_named_not_for_a_particle():
    assert targets_in("拟投资20亿元的产业项目。", committed=True) == []
