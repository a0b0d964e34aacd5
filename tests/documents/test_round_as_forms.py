"""Forms met in held-out set AS (a 任务分解表 printed with spaces, a progress table of
milestones, a covering notice cut after its points, 民生实事 counts, a plan's goals):
composed examples with invented names and figures."""

from mingzhu.documents.decompose import decompose


def _rows(text):
    return [i.title for i in decompose(text).items]


def _leads(text):
    return {i.title: (i.named_lead, list(i.named_co)) for i in decompose(text).items}


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


SPACED = (
    "青石区2031年政府工作报告重点工作任务分解表\n"
    "发布时间:2031-03-20 信息来源:青石区委督查考核办\n"
    "序号 重点工作任务 主要责任单位 协同配合单位\n"
    "一、2031年经济社会发展的主要预期目标\n"
    "1 地区生产总值增长6%左右。 区发改委 区政府各部门,各乡镇人民政府。\n"
    "2 一般公共预算收入增长4%左右。 区财政局\n"
    "区税务局\n"
    "区政府有关部门,各乡镇人民政府。\n"
    "3 社会消费品零售总额增长7%左右。 区商务局 区市场监管局。\n"
    "二、聚力产业发展\n"
    "4 建成标准厂房10万平方米。 区工信局 青石经开区管委会。\n"
    "5 城乡居民人均可支配收入分别增长5%、7%左右。 区人社局\n"
    "区农业农村局\n"
    "区发改委,各乡镇人民政府、青石经开\n"
)


def test_a_table_printed_with_spaces_gives_its_rows_and_units():
    leads = _leads(SPACED)
    assert leads["地区生产总值增长6%左右"] == (
        "区发改委",
        ["区政府各部门", "各乡镇人民政府"],
    )
    assert leads["社会消费品零售总额增长7%左右"] == ("区商务局", ["区市场监管局"])
    assert leads["建成标准厂房10万平方米"] == ("区工信局", ["青石经开区管委会"])


def test_units_the_page_set_a_line_each_stay_with_their_row():
    # ("区财政局" "区税务局" on lines of their own: the first leads, the second co-operates)
    lead, co = _leads(SPACED)["一般公共预算收入增长4%左右"]
    assert lead == "区财政局"
    assert co[0] == "区税务局" and "区政府有关部门" in co


def test_group_headings_between_spaced_rows_are_sections():
    sections = [s.title for s in decompose(SPACED).sections]
    assert "聚力产业发展" in sections[-1]


def test_the_last_spaced_row_cut_inside_its_units_is_left_out():
    # (the rows above close their units with "。"; the last stops in a name: cut there)
    assert not any("城乡居民" in r for r in _rows(SPACED))
    assert ("城镇居民人均可支配收入增幅", "=", "5", "%", "2031-12-31") not in _targets(SPACED)


def test_a_spaced_row_whose_units_end_the_text_closed_is_kept():
    text = SPACED.replace("区发改委,各乡镇人民政府、青石经开\n", "区发改委,各乡镇人民政府。\n")
    assert "城乡居民人均可支配收入分别增长5%、7%左右" in _rows(text)


MILESTONES = (
    "白溪县2031年度重点工作清单(一季度执行落实情况)\n"
    "序号 | 工作事项 | 进度安排 | 进展情况 | 完成情况 |\n"
    "1 | 启动城东综合体建设。 | ①2月上旬前,完成设计招标。②4月底前,开工建设。 |"
    " ①已完成。2月8日,完成设计招标。 | 达序推进 |\n"
    "2 | 壮大金融服务业。 | ①3月底前,召开金融联席会议。②6月底前,出台贴息政策。 |"
    " ①已完成。3月2日召开联席会议。 | 达序推进 |\n"
    "3 | 空气优良率和地表水达标率均保持在95%以上。 | ①每月上报空气质量情况。"
    "②每季度完成水质监测。 | ①一季度,空气优良天数88天,优良率为97.8%。②一季度,完成3次地\n"
)


def test_a_table_of_milestones_gives_its_works_due_by_the_last():
    items = {i.title: i for i in decompose(MILESTONES).items}
    assert set(items) == {
        "启动城东综合体建设",
        "壮大金融服务业",
        "空气优良率和地表水达标率均保持在95%以上",
    }
    assert str(items["启动城东综合体建设"].deadline) == "2031-04-30"
    assert str(items["壮大金融服务业"].deadline) == "2031-06-30"


def test_what_a_milestone_table_reports_is_no_target():
    found = _targets(MILESTONES)
    assert not any("优良天数" in t[0] for t in found)
    assert not any(t[2] == "97.8" for t in found)


def test_two_measures_held_to_one_level_are_two_targets():
    found = {(t[0], t[1], t[2], t[3]) for t in _targets(MILESTONES)}
    assert ("空气优良率", ">=", "95", "%") in found
    assert ("地表水达标率", ">=", "95", "%") in found


NOTICE = (
    "2031年县政府重点工作任务(白政发〔2031〕3号)\n"
    "各乡镇人民政府、县直各单位:\n"
    "《2031年县政府重点工作任务分解》已经县人民政府同意,现印发给你们,请认真抓好贯彻落实。\n"
    "一、强化责任落实。县政府领导对领办的重点工作任务要牵头抓总,主要责任单位要切实履行主职主责,"
    "全面完成政府重点工作任务。\n"
    "二、细化工作方案。各主要责任单位要制订具体实施方案,于2031年3月15日前报县政府督查室备案。\n"
    "三、加强调度协调。各主要责任单位要主动协调,其他责任单位要积极配合。\n"
    "四、严格督查考核。县政府重点工作任务完成情况列入政府绩效评估内容,严格实行\n"
)


def test_a_covering_notice_cut_after_its_points_gives_no_rows():
    assert _rows(NOTICE) == []


def test_points_that_name_works_after_a_sending_line_stay_rows():
    # (points whose heads are works, not short heads on how to work, are the document's)
    text = NOTICE.replace(
        "一、强化责任落实。", "一、建成城东污水处理厂二期工程,新增日处理能力2万吨。"
    )
    assert any("城东污水处理厂" in r for r in _rows(text))


def test_counts_of_those_served_keep_their_ages_and_kinds():
    text = (
        "白溪县2031年民生实事项目\n"
        "1. 为800名70~79周岁失能老年人提供居家上门服务;\n"
        "2. 为全县1200名困境、留守儿童提供“暖心守护”服务;\n"
        "3. 增设6处交叉口信号灯。\n"
    )
    found = {(t[1], t[2], t[3]) for t in _targets(text)}
    assert {(">=", "800", "名"), (">=", "1200", "名"), (">=", "6", "处")} <= found


def test_the_width_of_what_is_built_is_no_target():
    text = "白溪县2031年民生实事项目\n1. 实施城南支路东延工程,新建道路全长420米、路基宽度20米。\n"
    assert _targets(text) == set()


def test_a_head_holding_the_readers_to_their_responsibility_is_no_row():
    text = (
        "白溪县召开优化营商环境调度会\n"
        "5月12日,白溪县召开优化营商环境调度会。\n"
        "会议强调,要进一步做好营商环境相关工作。一是正视问题短板,找准症结靶向发力。"
        "各部门要精准施策,力求补齐短板。二是把握关键环节,突出重点抓好提升。"
        "三是压紧压实责任,确保任务落到实处。县政数局发挥统筹协调作用,配合部门积极协作。\n"
    )
    assert _rows(text) == ["正视问题短板,找准症结靶向发力", "把握关键环节,突出重点抓好提升"]


def test_a_notice_point_raising_the_readers_stand_is_no_row_in_traditional_characters():
    text = (
        "青嵐省人民政府關於分解落實2031年《政府工作報告》主要目標和重點工作的通知\n"
        "各市人民政府,省政府各部門:\n"
        "省政府決定,將《政府工作報告》主要目標和重點工作予以分解下達。現將有關事項通知如下。\n"
        "一、提高政治站位,強化實幹擔當。各地各部門要全力推動各項目標任務落地落細落實。\n"
        "二、壓緊壓實責任,健全落實機制。各地各部門要認真對照分解表任務分工,進一步細化分解目標任務。\n"
    )
    assert _rows(text) == []


def test_a_work_of_holding_firms_to_their_duty_stays_a_row():
    # (a plan's work on a duty others bear, "落实企业安全生产主体责任", is work, not an instruction)
    text = (
        "白溪县2031年安全生产工作要点\n"
        "一、落实企业安全生产主体责任,开展隐患排查整治。（牵头单位：县应急管理局）\n"
    )
    assert len(_rows(text)) == 1


def test_works_listed_a_line_each_under_an_announcing_line_are_rows():
    text = (
        "2031年青岚市将办好12件重点民生实事\n"
        "1月18日,青岚市第三届人民代表大会第二次会议开幕。\n"
        "今年,青岚将聚焦“急难愁盼”,办好12件重点民生实事。具体包括:\n"
        "新开工改造城镇老旧小区120万平方米。\n"
        "建设30个口袋公园、4座体育公园。\n"
        "加装农村公路安全护栏800公里。\n"
        "责任编辑:白云\n"
    )
    assert _rows(text) == [
        "新开工改造城镇老旧小区120万平方米",
        "建设30个口袋公园、4座体育公园",
        "加装农村公路安全护栏800公里",
    ]
    found = {(t[0], t[2], t[3]) for t in _targets(text)}
    assert {("口袋公园", "30", "个"), ("体育公园", "4", "座")} <= found


def test_two_lines_under_an_announcing_line_stay_text():
    # (fewer than three lines: no list of its own)
    text = (
        "2031年青岚市工作动态\n"
        "会议听取了两项汇报。具体包括:\n"
        "听取了财政局的汇报。\n"
        "听取了审计局的汇报。\n"
    )
    assert _rows(text) == []


def test_works_summed_up_in_pairs_are_rows_with_their_counts():
    text = (
        "记者从白溪区2031年重点民生实事新闻发布会上获悉,白溪区票决产生了6件重点民生实事,"
        "可以概括为“两个实施”“两个开展”“两个提升”。\n"
        "“两个实施”,即实施城镇老旧小区改造,新开工6个老旧小区改造项目,改造住宅老旧电梯30部;"
        "实施城市“增绿添园”工程,建设4个口袋公园。\n"
        "“两个开展”,即开展残疾人服务提升行动,新增残疾人就业50人;开展未成年人假期公益托管,"
        "开设未成年人公益托管营10个以上。\n"
        "“两个提升”,即提升农村饮水质量,实施2个城乡供水一体化工程;提升公众急救能力,对3所\n"
    )
    rows = _rows(text)
    assert rows[:2] == [
        "实施城镇老旧小区改造,新开工6个老旧小区改造项目,改造住宅老旧电梯30部",
        "实施城市“增绿添园”工程,建设4个口袋公园",
    ]
    assert len(rows) == 5  # the last work, cut by the passage, is left out
    found = {(t[2], t[3]) for t in _targets(text)}
    assert {("6", "个"), ("30", "部"), ("50", "人"), ("10", "个"), ("2", "个")} <= found
    assert ("3", "所") not in found


def test_works_finished_are_counted_without_the_year_they_started_in():
    text = (
        "白溪区2031年重点民生实事\n"
        "1.实施城镇老旧小区改造,完工2030年7个续建老旧小区改造项目,竣工3个安置房项目。\n"
    )
    found = {(t[0], t[2], t[3]) for t in _targets(text)}
    assert ("续建老旧小区改造项目", "7", "个") in found
    assert ("安置房项目", "3", "个") in found


def test_more_than_a_myriad_served_and_how_often_are_read():
    text = (
        "白溪区2031年重点民生实事\n"
        "1.持续关爱青少年心理健康,每学年为3万余名中小学生开展1次心理健康测评。\n"
        "2.开展技能培训,为2000余名农民开展实用技术培训。\n"
    )
    found = {(t[1], t[2], t[3]) for t in _targets(text)}
    assert (">=", "30000", "名") in found
    assert (">=", "2000", "名") in found


def test_people_served_counted_in_myriads_without_a_measure_word_are_people():
    text = (
        "2031年青岚市将办好10件重点民生实事。具体包括:\n"
        "为120万中小学生开展心理健康测评。\n"
        "为5万亩农田提供灌溉服务。\n"
        "为3万余老年人提供免费体检。\n"
    )
    found = {(t[1], t[2], t[3]) for t in _targets(text)}
    assert (">=", "1200000", "人") in found
    assert (">=", "30000", "人") in found
    assert not any(t[3] == "人" and t[2] == "50000" for t in _targets(text))
