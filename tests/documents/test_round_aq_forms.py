"""Forms met in texts of kinds the earlier rounds covered thinly (a plan's articles with
yearly ceilings, a 化债 方案, county reports' goals and works, a 政策解读 of a 分工方案, a
督查 report and its requirements, a year's 总结, a news report of a hotline's results, a
plan's goals run over dashes): composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [(i.title, i.named_lead, str(i.deadline)) for i in decompose(text).items]


def _dated(text):
    return [(t.indicator, str(t.value), t.unit, str(t.deadline)) for t in decompose(text).targets]


def _has(dated, name, value, unit, due):
    return any(name in n and v == value and u == unit and d == due for n, v, u, d in dated)


def test_the_points_under_a_requirements_line_ending_on_its_colon_are_instructions():
    text = (
        "8月1日至5日，县督查组对2031年重点工作上半年落实情况进行了督查。现将有关情况汇报如下。\n"
        "下一步工作要求:\n"
        "一是紧扣节点抓推进。相关责任单位要紧扣时间节点，压实责任，确保任务如期完成。\n"
        "二是分析原因补短板。对推进缓慢的事项，相关责任单位要认真分析原因，采取有力措施。\n"
    )
    assert _rows(text) == []
