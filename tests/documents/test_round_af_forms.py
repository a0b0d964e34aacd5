"""Forms met on the set of safety, welfare, housing, water and investment texts (set AF),
each on a short example written for the test (names, figures and dates invented)."""

import datetime as dt

from mingzhu.documents.decompose import decompose

# --- a table one cell a line, grouped in two levels, its time column a bare year -----------

GROUPED_TABLE = (
    "附件\n"
    "消防安全“十五五”规划主要任务分工\n"
    "序号 |\n"
    "工作内容 |\n"
    "牵头部门 |\n"
    "完成时间 |\n"
    "一 |\n"
    "重点任务 |\n"
    "|\n"
    "|\n"
    "(一) |\n"
    "压实消防安全责任 |\n"
    "|\n"
    "|\n"
    "1 |\n"
    "建立消防安全责任清单,推动单位落实主体责任。 |\n"
    "市消防救援支队 |\n"
    "2027年 |\n"
    "2 |\n"
    "完善火灾事故调查处理制度。 |\n"
    "市消防救援支队、市应急局 |\n"
    "2028年 |\n"
    "(二) |\n"
    "夯实基层消防基础 |\n"
    "|\n"
    "|\n"
    "1 |\n"
    "建设乡镇专职消防队,配齐车辆装备。 |\n"
    "市应急局、市财政局 |\n"
    "持续推进 |\n"
    "2 |\n"
    "开展高层住宅消防设施改造。 |\n"
    "市住建局 |\n"
    "2027年 |\n"
)


def test_a_table_grouped_in_two_levels_keeps_its_rows_and_their_units():
    d = decompose(GROUPED_TABLE)
    rows = [(i.title, i.named_lead, i.named_co) for i in d.items]
    assert rows == [
        ("建立消防安全责任清单,推动单位落实主体责任", "市消防救援支队", []),
        ("完善火灾事故调查处理制度", "市消防救援支队", ["市应急局"]),
        ("建设乡镇专职消防队,配齐车辆装备", "市应急局", ["市财政局"]),
        ("开展高层住宅消防设施改造", "市住建局", []),
    ]
    # the groups head their rows: no unit of the rows above them, no row of their own
    assert "（二）夯实基层消防基础" in d.text.split("\n")


def test_a_bare_year_in_the_time_column_is_that_years_end():
    d = decompose(GROUPED_TABLE)
    assert [(i.deadline, i.long_running) for i in d.items] == [
        (dt.date(2027, 12, 31), False),
        (dt.date(2028, 12, 31), False),
        (None, True),
        (dt.date(2027, 12, 31), False),
    ]
