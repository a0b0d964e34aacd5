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


def test_the_part_of_a_reading_naming_what_the_document_holds_is_no_task():
    text = (
        "《临溪县2031年重点工作任务分工方案》政策解读\n"
        "一、起草背景\n"
        "为推动目标任务落实，县政府办公室对报告的目标任务进行了细化分解，形成了《分工方案》。\n"
        "二、主要内容和要求\n"
        "(一)主要内容。《分工方案》将报告分解为四个方面52项重点工作任务，每项工作均列出牵头单位。\n"
        "1.在“聚焦产业升级”方面(分解任务14项)。\n"
        "2.在“聚焦城乡融合”方面(分解任务12项)。\n"
    )
    assert _rows(text) == []
    assert _targets(text) == set()


def test_a_reading_counting_the_parts_and_articles_of_the_document_sets_no_target():
    text = (
        "《临溪县推进集镇建设实施方案》解读\n"
        "一、出台背景\n"
        "我县集镇基础设施短板突出，确保到2033年，集镇建设取得实质性进展。\n"
        "二、主要内容\n"
        "《实施方案》共有四个部分21条。\n"
        "第一部分是“总体要求”。\n"
    )
    assert _rows(text) == []
    assert not any(unit == "条" for _n, _v, unit, _d in _dated(text))


def test_a_years_summary_gives_no_rows_until_its_work_ahead():
    text = (
        "临溪县2031年度创建文明城市工作情况的总结报告\n"
        "2031年，全县持续深化文明城市创建工作。现将全年工作总结报告如下。\n"
        "一、强化思想引领\n"
        "(一)宣传教育实现全域覆盖。在公园、广场设置公益广告，实现了抬头可见的效果。\n"
        "(二)志愿服务不断深化。全县注册志愿者达到3.2万人。\n"
        "二、2032年工作打算\n"
        "(一)推进背街小巷整治。力争整治背街小巷40条以上。\n"
    )
    assert [title for title, _lead, _due in _rows(text)] == ["推进背街小巷整治"]
    assert not any(value == "32000" for _n, value, _u, _d in _dated(text))


def test_areas_in_yi_mu_and_wan_hectares_are_measures():
    dated = _dated("到2035年，临溪湿地保有量达到12万公顷，耕地保有量保持1.25亿亩。")
    assert _has(dated, "湿地保有量", "12", "万公顷", "2035-12-31")
    assert _has(dated, "耕地保有量", "1.25", "亿亩", "2035-12-31")


def test_a_numeral_opening_the_last_of_two_names_shared_out_is_part_of_the_name():
    dated = _dated("到2035年，单位GDP能源消耗和二氧化碳排放分别降低12%以上和16%以上。")
    assert _has(dated, "单位GDP能源消耗降幅", "12", "%", "2035-12-31")
    assert _has(dated, "二氧化碳排放降幅", "16", "%", "2035-12-31")


def test_a_plans_articles_give_each_years_ceiling_and_the_stage_years_floors():
    text = (
        "1、县域人口发展战略第 8 条 县域总人口规划临溪县域总人口 2033 年控制在 52 万人以内,"
        "2036 年在 55 万人以内。第 9 条 城镇化水平规划近期 2033 年临溪县域城镇化水平达到 48%,"
        "城镇人口控制在 25 万人以内。规划远期 2036 年县域城镇化水平争取达到 60%。\n"
    )
    dated = _dated(text)
    assert _has(dated, "县域总人口", "520000", "人", "2033-12-31")
    assert _has(dated, "县域总人口", "550000", "人", "2036-12-31")
    assert _has(dated, "县域城镇化水平", "48", "%", "2033-12-31")
    assert _has(dated, "城镇人口", "250000", "人", "2033-12-31")
    assert _has(dated, "县域城镇化水平", "60", "%", "2036-12-31")
    assert not any(name.endswith(("年", "争取")) or "第 8 条" in name for name, *_ in dated)


def test_a_span_of_years_within_which_money_is_found_is_no_time_limit_of_this_year():
    from mingzhu.core.periods import item_deadline

    assert (
        item_deadline("一般债项目须纳入中期财政规划，确保3年内预算资金可足额安排。", 2031)[0]
        is None
    )
    assert item_deadline("确保三年内完成改造。", 2031)[0] is None
    assert str(item_deadline("确保年内完成改造。", 2031)[0]) == "2031-12-31"
    text = (
        "临溪县防范化解债务风险工作方案(2031)\n"
        "一、重点任务\n"
        "1.严格项目审批。专项债项目需同步提交收益平衡方案，一般债项目须纳入中期财政规划，"
        "确保3年内预算资金可足额安排。\n"
    )
    assert [(title, due) for title, _lead, due in _rows(text)] == [("严格项目审批", "None")]


def test_a_dated_goal_in_quotation_marks_is_named_whole():
    text = "确保2031年底前实现“债务率显著下降、风险预警体系有效运转”两大目标，为发展筑牢底线。"
    assert [t.indicator for t in decompose(text).targets] == [
        "实现“债务率显著下降、风险预警体系有效运转”两大目标"
    ]


def test_the_paragraphs_of_a_news_report_telling_what_was_done_are_no_rows():
    text = (
        "临溪新闻网9月3日电 临溪县12345热线不断提升服务质效。\n"
        "一条热线接诉求。通过整体并入等方式，将42条热线化零为整，实现一号响应。目前，已受理"
        "群众诉求21850件，热线平台整体响应率100%。\n"
        "一张工单管到底。建立一号受理机制，确保诉求处理规范化。1-8月，热线中心电话催办38批次"
        "1260件，保证了工单办结率持续高于92%。\n"
    )
    assert _rows(text) == []
    assert _targets(text) == set()


def test_a_news_report_of_work_ahead_keeps_its_rows():
    text = (
        "临溪新闻网9月3日电 临溪县部署四季度重点工作。\n"
        "一、抓好项目建设。12月底前新开工项目15个。\n"
        "二、抓好民生实事。年底前建成养老服务中心3所。\n"
    )
    assert [title for title, _lead, _due in _rows(text)] == ["抓好项目建设", "抓好民生实事"]
