"""Forms met on a twenty-ninth held-out set (set AC), each on a short example written for
the test (names, figures and dates invented)."""

import datetime as dt

from mingzhu.documents.decompose import decompose

# --- a table of pipes with no number column, its rows named by a "…名称" cell --------------


def test_an_unnumbered_pipe_table_named_by_its_first_cell_gives_a_row_a_line():
    text = (
        "各村、各站所:\n"
        "现将《青石镇2029年度消防安全检查工作计划》印发给你们,请遵照执行。\n"
        "二〇二九年三月二日\n"
        "一、检查安排表\n"
        "检查场所名称 | 时间安排 | 责任单位 |\n"
        "沿街商铺 | 4月份 | 消防站 市场所 |\n"
        "出租房屋 | 5月份 | 派出所 |\n"
        "物流仓库 | 6月份 | 应急办 交通站 |\n"
        "二、工作要求\n"
        "(一)各责任单位要按照时间安排,制定本领域检查方案。\n"
    )
    d = decompose(text)
    rows = [(i.title, i.named_lead, i.deadline) for i in d.items]
    assert rows[:3] == [
        ("沿街商铺", "消防站", dt.date(2029, 4, 30)),
        ("出租房屋", "派出所", dt.date(2029, 5, 31)),
        ("物流仓库", "应急办", dt.date(2029, 6, 30)),
    ]


def test_a_pipe_table_with_its_own_number_column_is_read_as_before():
    text = (
        "序号 | 任务名称 | 责任单位 | 完成时限 |\n"
        "1 | 建成城东消防站 | 县消防救援大队 | 2029年9月底前 |\n"
        "2 | 改造老旧消火栓 | 县水务公司 | 2029年6月底前 |\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.deadline) for i in d.items] == [
        ("建成城东消防站", "县消防救援大队", dt.date(2029, 9, 30)),
        ("改造老旧消火栓", "县水务公司", dt.date(2029, 6, 30)),
    ]


def test_a_named_header_without_a_unit_column_is_no_task_table():
    text = (
        "2029年青石镇工作计划\n"
        "一、重点项目\n"
        "项目名称 | 投资额 | 开工时间 |\n"
        "城东道路 | 3000万元 | 4月份 |\n"
        "西河桥 | 800万元 | 5月份 |\n"
    )
    d = decompose(text)
    assert all(i.named_lead == "" for i in d.items)
