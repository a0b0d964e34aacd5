"""Forms met in published 专项行动, 实施方案 and 工作方案 texts (县域商业, 人居环境, 养老托育,
林长制, 消防): composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {(t.indicator, t.comparator, str(t.value), t.unit) for t in decompose(text).targets}


def _titles(text):
    return [i.title for s in decompose(text).sections for i in s.items]


def test_a_sharing_page_s_counter_under_the_last_row_cuts_nothing():
    text = (
        "全县集镇环境提升工作方案\n"
        "二、重点任务\n"
        "(一)抓好示范集镇创建。结合“百镇千村”行动,建设2个省级示范集镇、6个精品村。\n"
        "仅展示512字,全文共2840字\n"
    )
    assert _titles(text) == ["抓好示范集镇创建"]
    got = _targets(text)
    assert ("省级示范集镇", ">=", "2", "个") in got
    assert ("精品村", ">=", "6", "个") in got
    # the counter alone, or a page count, is no line of the text either
    assert _titles(text.replace("仅展示512字,全文共2840字", "共6页,预览3页")) == ["抓好示范集镇创建"]
