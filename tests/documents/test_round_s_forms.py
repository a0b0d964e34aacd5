"""Forms met on a nineteenth held-out set (set S) and the known misses of set R, each on a
short example written for the test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- a meeting's works between semicolons ----------------------------------------------------


def test_a_meeting_s_works_between_semicolons_are_rows_each_with_its_own_deadline():
    text = (
        "县水利局召开农村供水工程推进会\n"
        "发布时间:2031-04-10 09:00 信息来源:县水利局\n"
        "近日,县水利局召开农村供水工程推进会,各乡镇分管负责人参加。\n"
        "会议要求,要加快工程进度,启动集镇供水管网改造,确保6月底前全面完工;"
        "9月底前建成3座村级水厂,投入运行;饮水安全巩固提升工作8月底前全面完成,"
        "10月底前完成验收及资金拨付。\n"
    )
    assert [(t[:12], d) for t, _l, d in _rows(text)] == [
        ("要加快工程进度,启动集镇", "2031-06-30"),
        ("9月底前建成3座村级水厂", "2031-09-30"),
        ("饮水安全巩固提升工作8月", "2031-10-31"),  # two dates: the later
    ]
    assert _targets(text) == [("村级水厂", ">=", Decimal("3"), "座", "2031-09-30")]


def test_parallel_works_a_speaker_deploys_between_semicolons_are_rows():
    text = (
        "5月20日,全县经济运行调度会召开。\n"
        "县长指出,二季度是关键时期。各部门要围绕目标任务,强化运行调度;围绕转型升级,"
        "深化结构调整;围绕招大引强,全力推进项目建设;围绕平台支撑,推动园区升级。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == [
        "围绕目标任务,强化运行调度",
        "围绕转型升级,深化结构调整",
        "围绕招大引强,全力推进项目建设",
        "围绕平台支撑,推动园区升级",
    ]


def test_a_speech_recalling_history_between_semicolons_is_no_list_of_works():
    text = (
        "总书记指出,要从历史中汲取力量。\n"
        "建国初期,青川人民开垦荒滩,建起万亩良田;改革开放以来,青川人民兴办乡镇企业,"
        "走出一条富民之路;进入新时代,青川人民同心协力,连续三年获评先进县。\n"
    )
    assert _rows(text) == []


# --- long-running: the row as a whole --------------------------------------------------------


def _long_running(text: str) -> list[tuple[str, bool]]:
    return [(i.title, i.long_running) for s in decompose(text).sections for i in s.items]


def test_a_clause_going_on_does_not_make_a_work_long_running():
    text = (
        "一、实施产业提升行动\n"
        "推动农业提质增效。新建高标准农田2万亩,培育家庭农场30家。\n"
        "推动工业转型升级。建材行业,打造绿色建材园;医药行业,持续推进原料药生产线建设。\n"
        "持续推进园区扩容。有序推进园区路网升级,提高水电保障。\n"
    )
    assert _long_running(text) == [
        ("推动农业提质增效", False),
        ("推动工业转型升级", False),  # one clause goes on; the work does not
        ("持续推进园区扩容", True),  # the head says so
    ]


def test_a_time_limit_or_a_cadence_still_makes_a_headed_row_long_running():
    text = (
        "1.做实项目储备。编制三年滚动计划,每年安排2000万元前期工作经费。(区发改局牵头)\n"
        "2.优化营商环境。开展专项整治,持续推进简政放权。(区政务办牵头;完成时限:长期坚持)\n"
        "3.建设数字平台。上线统一受理系统,持续推进数据共享。(区数据局牵头)\n"
    )
    assert _long_running(text) == [
        ("做实项目储备", True),  # 每年: the work recurs
        ("优化营商环境", True),  # its time limit
        ("建设数字平台", False),
    ]


# --- 其中: a breakdown -------------------------------------------------------------------------


def test_a_rate_or_a_count_after_qizhong_is_a_breakdown_no_target():
    text = (
        "青川市促进就业行动方案(2031—2033年)\n"
        "一、总体目标\n"
        "到2033年,全市新增城镇就业3万人以上,其中高校毕业生就业率达95%。\n"
        "二、重点任务\n"
        "(一)扩大学位供给。新增学位2400个,其中幼儿园学位600个。(牵头单位:市教育局)\n"
    )
    assert [(n, c, v) for n, c, v, _u, _d in _targets(text)] == [
        ("新增城镇就业", ">=", Decimal("30000")),
        ("新增学位", ">=", Decimal("2400")),
    ]


# --- a five-year plan's span -------------------------------------------------------------------


def test_a_five_year_plan_in_the_title_dates_its_indicators_by_the_plan_s_end():
    text = (
        "青川市国民经济和社会发展第十四个五年规划和2035年远景目标纲要任务分工方案\n"
        "青政办〔2022〕3号\n"
        "一、主要指标\n"
        "1.常住人口城镇化率达到65%。(牵头单位:市发改委)\n"
        "2.森林覆盖率达到45%。(牵头单位:市林业局)\n"
    )
    assert [d for *_rest, d in _targets(text)] == ["2025-12-31", "2025-12-31"]
    short = text.replace("国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "“十三五”规划")
    assert [d for *_rest, d in _targets(short)] == ["2020-12-31", "2020-12-31"]


def test_a_plan_named_in_the_opening_lines_of_a_text_whose_title_is_hidden_gives_its_span():
    text = (
        "各县(市、区)人民政府,市政府各部门:\n"
        "《青川市國民經濟和社會發展第十四個五年規劃綱要任務分工方案》已經市人民政府同意,"
        "現印發給你們,請認真貫徹執行。\n"
        "青川市人民政府辦公室\n"
        "2022年3月1日\n"
        "一、主要指標\n"
        "1.森林覆蓋率達到45%。(牽頭單位:市林業局)\n"
    )
    assert [d for *_rest, d in _targets(text)] == ["2025-12-31"]


def test_a_year_inside_the_plan_s_span_in_the_title_is_the_year_planned():
    text = (
        "青川市2023年推进“十四五”规划实施重点工作分工\n1.森林覆盖率达到45%。(牵头单位:市林业局)\n"
    )
    assert [d for *_rest, d in _targets(text)] == ["2023-12-31"]


# --- a plan's goals part ----------------------------------------------------------------------


def test_a_goals_part_of_its_own_is_no_task_and_keeps_its_targets():
    text = (
        "青川市养老服务提升方案\n"
        "一、工作目标\n"
        "到2031年底,全市新建社区养老服务站50个,护理型床位占比达到55%。\n"
        "二、重点任务\n"
        "1.建设社区食堂。新建社区食堂20个。(牵头单位:市民政局)\n"
    )
    assert _rows(text) == [("建设社区食堂", "市民政局", None)]
    assert [(n, v, d) for n, _c, v, _u, d in _targets(text)][:2] == [
        ("社区养老服务站", Decimal("50"), "2031-12-31"),
        ("护理型床位占比", Decimal("55"), "2031-12-31"),
    ]


def test_rows_under_a_goals_part_that_name_their_lead_stay_rows():
    text = (
        "一、主要目标\n"
        "1.地区生产总值增长6%。(牵头单位:市发改委)\n"
        "2.城镇新增就业1.2万人。(牵头单位:市人社局)\n"
    )
    assert [(t, lead) for t, lead, _d in _rows(text)] == [
        ("地区生产总值增长6%", "市发改委"),
        ("城镇新增就业1.2万人", "市人社局"),
    ]


# --- set S's forms ------------------------------------------------------------------------------


def test_the_unit_marked_as_leading_in_a_list_of_responsible_units_leads():
    text = (
        "一、巩固脱贫成果\n"
        "1.保持帮扶政策稳定。落实过渡期各项政策。(责任单位:县乡村振兴局牵头,"
        "县教育局、县民政局等有关部门参加,各镇街落实)\n"
    )
    [item] = [i for s in decompose(text).sections for i in s.items]
    assert item.named_lead == "县乡村振兴局"
    assert item.named_co[:2] == ["县教育局", "县民政局"]


def test_one_ordinal_lost_between_two_does_not_end_the_items():
    text = (
        "今年街道的“五项工程”分别为:一是道路畅通工程。打通断头路。二是环境提升工程。"
        "整治背街小巷。四是平安建设工程。加强治安巡防。五是文化惠民工程。建设文化礼堂。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == [
        "道路畅通工程",
        "环境提升工程",
        "平安建设工程",
        "文化惠民工程",
    ]


def test_heads_ordering_how_to_work_in_one_respect_are_instructions():
    text = (
        "12月20日,青川镇召开工作部署会议。会议强调,一是思想上要再重视。全镇上下要提高认识。"
        "二是统筹上要再加强。要明确任务、各司其职。三是工作上要再盘点。要对照目标查漏补缺。\n"
    )
    assert _rows(text) == []


def test_this_year_s_task_to_complete_is_due_by_its_end_and_counts():
    text = (
        "青川乡:奋战四季度\n"
        "阅读次数: 信息来源:青川乡人民政府 发布时间: 2031-10-12 09:30\n"
        "加快产业发展。对照年度任务,确保按时完成今年的120万棒香菇种植任务。\n"
        "抓实项目建设。成立工作专班,加快项目进度。\n"
        "做实民生保障。梳理滞后事项,抓紧补缺补差。\n"
    )
    assert _rows(text) == [
        ("加快产业发展", "", "2031-12-31"),
        ("抓实项目建设", "", None),
        ("做实民生保障", "", None),
    ]
    assert _targets(text) == [("香菇种植任务", ">=", Decimal("120"), "万棒", "2031-12-31")]


def test_households_and_people_of_one_work_and_a_measure_alone_after_a_count():
    text = (
        "1.打赢脱贫攻坚战。确保全面完成剩余40户96人的贫困人口脱贫任务。\n"
        "2.整治河道水系。计划拆除20亩违章厂房,完成清淤9条河道,12万立方米,并整治坑塘。\n"
    )
    assert [(n, v, u) for n, _c, v, u, _d in _targets(text)] == [
        ("贫困人口脱贫任务", Decimal("40"), "户"),
        ("贫困人口脱贫任务", Decimal("96"), "人"),
        ("违章厂房", Decimal("20"), "亩"),
        ("清淤河道", Decimal("9"), "条"),
        ("清淤河道", Decimal("12"), "万立方米"),
    ]


def test_a_forum_s_stamp_of_a_post_gives_the_page_s_year():
    text = (
        "本帖最后由 青川网友 于 2031-2-12 16:07 编辑\n"
        "一是推进交通建设会战。新建2处街头停车场。\n"
        "二是推进生态优化会战。力争年底前消除黑臭水体,新建污水管网8公里。\n"
    )
    assert [d for *_rest, d in _targets(text)] == ["2031-12-31", "2031-12-31"]
