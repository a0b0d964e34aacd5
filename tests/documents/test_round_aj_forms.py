"""Forms met in published 开发区 and 国资 texts: composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {(t.indicator, t.comparator, str(t.value), t.unit) for t in decompose(text).targets}


def test_a_goals_list_goes_on_after_a_breakdown_of_one_of_its_figures():
    text = (
        "二、2031年目标任务\n"
        "今年全区发展的主要预期目标为:地区生产总值增长7%,限上固定资产投资增长15%,"
        "其中限上工业投资增长18%,社会消费品零售总额增长9%,外贸进出口总额增长6%。\n"
    )
    got = _targets(text)
    assert ("社会消费品零售总额增幅", ">=", "9", "%") in got
    assert ("外贸进出口总额增幅", ">=", "6", "%") in got
    assert ("限上固定资产投资增幅", ">=", "15", "%") in got
    # the part of investment after 其中 stays a breakdown
    assert not any(t[0].startswith("限上工业投资") for t in got)


def test_parts_sharing_the_whole_s_head_noun_stay_a_breakdown():
    text = (
        "二、2031年目标任务\n"
        "今年全区发展的主要预期目标为:固定资产投资增长12%,其中工业投资增长15%,民间投资增长10%。\n"
    )
    got = _targets(text)
    assert ("固定资产投资增幅", ">=", "12", "%") in got
    assert not any(t[0].startswith(("工业投资", "民间投资")) for t in got)


def test_sums_in_us_dollars_are_measures():
    text = (
        "2031年经济社会发展主要预期目标为:地区生产总值增长6%,实际使用外资3.4亿美元,"
        "一般公共预算收入增长5%。\n"
    )
    got = _targets(text)
    assert ("实际使用外资", ">=", "3.4", "亿美元") in got
    assert ("一般公共预算收入增幅", ">=", "5", "%") in got
    assert ("外贸出口额", ">=", "2600", "万美元") in _targets(
        "2031年,力争外贸出口额达到2600万美元。"
    )


def test_a_share_of_a_set_of_tasks_to_complete_counts():
    got = _targets("2031年,确保完成集团改革攻坚任务的65%以上。\n")
    assert ("集团改革攻坚任务完成", ">=", "65", "%") in got


def test_the_parts_a_plan_is_written_in_count_no_work():
    text = (
        "圍繞上述目標,王某表示,2031年將圍繞“加強科技創新”“推進提質增效升級版”"
        "“服務支撐國家重大戰略”等6個方面開展工作。\n"
    )
    assert not any(t[0].startswith("方面") for t in _targets(text))


def test_the_points_under_a_report_s_lead_sentence_report():
    text = (
        "新区2030年经济社会发展情况和2031年工作打算汇报\n"
        "今年以来,新区深入贯彻落实各项决策部署,经济社会保持良好发展势头,现将有关重点工作情况报告如下。\n"
        "一是经济运行稳中向好。预计全年实现地区生产总值385亿元,增长7.5%左右;"
        "实现规模以上工业产值1220亿元,增长12.7%。\n"
        "二是重点企业快速成长。甲公司连续9年位居全省第一。\n"
    )
    assert decompose(text).targets == []


def test_the_sentence_right_after_a_list_of_expected_targets_goes_on_with_it():
    text = (
        "会议提出,2031年经济社会发展主要预期目标为:地区生产总值增长6%,一般公共预算收入增长5.5%。"
        "新增城镇就业2.35万人,完成能耗强度降低任务。针对做好全年工作,会议要求,要锚定重点。\n"
    )
    assert ("新增城镇就业", ">=", "23500", "人") in {
        (t.indicator, t.comparator, f"{t.value.normalize():f}", t.unit)
        for t in decompose(text).targets
    }


def test_the_sentence_going_on_with_a_list_is_due_when_the_list_is():
    text = (
        "2030年,新区地区生产总值达到967.3亿元,同比增长7.1%。会议提出,2031年经济社会发展主要预期目标为:"
        "地区生产总值增长6%,一般公共预算收入增长5.5%。新增城镇就业2.35万人。\n"
    )
    due = {t.indicator: str(t.deadline) for t in decompose(text).targets}
    assert due.get("新增城镇就业") == "2031-12-31"
