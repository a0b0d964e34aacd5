"""Forms met in texts setting numeric targets for the 十五五 period and its first year (a
national report's summaries in the press, a city's report news, a province's goals, county
reports looking back): composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [(i.title, i.named_lead, str(i.deadline)) for i in decompose(text).items]


def _dated(text):
    return [(t.indicator, str(t.value), str(t.deadline)) for t in decompose(text).targets]


def _has(dated, name, value, due):
    return any(name in n and v == value and d == due for n, v, d in dated)


def test_the_goals_under_a_heading_naming_a_five_year_plans_period_are_due_by_its_end():
    text = (
        "临溪县政府工作报告要点\n\n"
        "一、2030年工作回顾\n\n"
        "全县生产总值增长5%\n\n"
        "城镇新增就业2100人\n\n"
        "二、「十六五」时期主要目标和重大任务\n\n"
        "全县研发经费投入年均增长8%以上\n\n"
        "单位生产总值二氧化碳排放累计降低15%\n\n"
        "人均预期寿命提高到81岁\n\n"
        "三、2031年经济社会发展主要预期目标\n\n"
        "地区生产总值增长6%左右\n\n"
        "城镇新增就业2000人以上\n"
    )
    dated = _dated(text)
    assert _has(dated, "研发经费投入", "8", "2035-12-31")
    assert _has(dated, "二氧化碳排放", "15", "2035-12-31")
    assert _has(dated, "人均预期寿命", "81", "2035-12-31")
    assert _has(dated, "地区生产总值", "6", "2031-12-31")


def test_the_paragraphs_a_paragraph_naming_the_plan_opens_are_due_by_its_end():
    text = (
        "临溪县人大会议开幕\n"
        "会议将审议批准临溪县十六五规划纲要草案，创新方面提出城乡居民收入年均增长7%以上。\n"
        "推进共同富裕，劳动年龄人口平均受教育年限提高到12.1年；人均预期寿命提高到81岁。\n"
        "县长指出，今年发展主要预期目标是地区生产总值增长6%以上。\n"
    )
    dated = _dated(text)
    assert _has(dated, "城乡居民收入", "7", "2035-12-31")
    assert _has(dated, "平均受教育年限", "12.1", "2035-12-31")
    assert _has(dated, "人均预期寿命", "81", "2035-12-31")


def test_a_year_a_purpose_clause_names_dates_no_figure_of_the_sentence():
    text = (
        "临溪县“十六五”规划纲要要点\n"
        "草案提出县域生产总值增长保持在合理区间,为到2045年人均生产总值比2030年翻一番打好基础,"
        "提出全社会研发经费投入年均增长7%以上,数字经济核心产业增加值占生产总值比重达到11%\n"
    )
    dated = _dated(text)
    assert _has(dated, "研发经费投入", "7", "2035-12-31")
    assert _has(dated, "数字经济核心产业", "11", "2035-12-31")


def test_the_date_field_a_stored_page_opens_with_gives_its_year():
    text = (
        " date 2031-03-06 临溪县两会昨日开幕。报告回顾,比2030年增加项目12个,较2030年提高3个百分点,"
        "2030年完成投资8亿元。\n"
        "县长指出,今年发展主要预期目标是地区生产总值增长6%以上。\n"
    )
    assert _has(_dated(text), "地区生产总值", "6", "2031-12-31")


def test_what_a_budget_intends_commits_its_sums_arranged_exactly():
    text = (
        "临溪县2031年预算安排要点\n"
        "今年赤字率拟按3%左右安排,拟发行县级专项债券1.2万亿元,拟安排县级国有资本经营预算0.6万亿元。\n"
        "模拟考试拟定方案12个,虚拟课堂开设30个。\n"
    )
    found = _targets(text)
    assert len(found) == 3  # (模拟, 拟定, 虚拟: no intent)
    assert ("赤字率", "=", "3", "%", "2031-12-31") in found
    assert ("发行县级专项债券", "=", "1.2", "万亿元", "2031-12-31") in found
    assert ("安排县级国有资本经营预算", "=", "0.6", "万亿元", "2031-12-31") in found


def test_energy_is_measured_in_tonnes_of_standard_coal():
    text = "临溪县2031年能源工作要点\n力争全县能源综合生产能力达到58万吨标准煤。\n"
    assert ("能源综合生产能力", ">=", "58", "万吨标准煤", "2031-12-31") in _targets(text)


def test_the_parts_of_a_report_looking_back_give_no_rows_and_no_targets():
    text = (
        "临溪县政府工作报告摘要\n"
        "■ 2030年成绩单\n"
        "●全县地区生产总值增长6%左右\n"
        "●粮食总产达到55万吨\n"
        "■ 2031年经济社会发展的主要预期目标\n"
        "●地区生产总值增长6.5%左右\n"
        "●城镇新增就业3000人以上\n"
    )
    assert _rows(text) == []
    assert {(t[0][:4], t[2]) for t in _targets(text)} == {
        ("地区生产", "6.5"),
        ("城镇新增", "3000"),
    }


def test_a_look_back_heading_run_into_its_first_sentence_opens_a_part_of_results():
    text = (
        "临溪县2031年政府工作报告\n"
        "各位代表: 现在,我代表县人民政府向大会报告工作,请予审议。 一、2030年工作回顾 2030年是"
        "“十五五”规划冲刺之年。一是经济持续回升向好。全县生产总值达到256亿元、增长5.4%,"
        "“十五五”时期累计新建学校12所。二是新质生产力加快发展。\n"
    )
    assert _rows(text) == []
    assert _targets(text) == set()


def test_the_counts_of_indicators_a_plan_sets_out_are_no_targets():
    text = (
        "临溪县“十六五”时期主要目标和重大任务\n"
        "核心观点 - 文章阐述了临溪县“十六五”规划纲要草案的核心内容,该规划旨在通过推动高质量发展和"
        "推进共同富裕,实现经济社会的全面进步,并设定了涵盖经济发展、民生福祉和绿色低碳的18项主要指标,"
        "同时规划了36项重大工程项目以保障目标落实 [1][9] 主要目标指标 - 民生福祉:针对性提出就业、"
        "收入、教育等6项指标,以解决群众急难愁盼问题 [6]\n"
    )
    assert not [t for t in _targets(text) if t[3] == "项"]


def test_a_goal_restated_further_on_in_other_words_commits_once():
    text = (
        "临溪县十六五规划纲要草案公布\n"
        "会议将审议临溪县十六五规划纲要草案,推进共同富裕,人均预期寿命提高到81岁。\n"
        "县长介绍十六五主要目标时,冀人均预期寿命提高到81岁。\n"
    )
    assert [t[2] for t in _targets(text)] == ["81"]


_SUMMARY = (
    "临溪县政府工作报告简略版\n\n"
    "一、「十六五」时期主要目标和重大任务\n\n"
    "全县研发经费投入年均增长8%以上\n\n"
    "人均预期寿命提高到81岁\n\n"
    "二、2031年经济社会发展总体要求和政策取向\n\n"
    "地区生产总值增长5%-6%\n\n"
    "城镇新增就业3200人以上\n\n"
    "居民消费价格涨幅2%左右\n\n"
    "三、2031年部分工作任务\n\n"
    "增收：制定实施城乡居民增收计划，推出一批务实举措\n\n"
    "消费：组织开展县域消费季活动，带动县城商圈提质升级\n"
)


def test_a_part_of_a_plans_goals_or_of_figure_points_is_no_task_its_points_commit():
    titles = [r[0] for r in _rows(_SUMMARY)]
    assert not any("主要目标" in t or "政策取向" in t for t in titles)
    dated = _dated(_SUMMARY)
    assert _has(dated, "城镇新增就业", "3200", "2031-12-31")
    assert _has(dated, "人均预期寿命", "81", "2035-12-31")


def test_works_named_by_short_labels_under_a_heading_are_its_rows():
    titles = [r[0] for r in _rows(_SUMMARY)]
    assert [t[:8] for t in titles] == ["制定实施城乡居民", "组织开展县域消费"]
