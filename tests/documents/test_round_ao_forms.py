"""Forms met in 2025–2026 texts of the kinds a county receives every year (防汛抗旱 工作要点,
安全生产 治本攻坚 方案, 党建工作要点, 招商引资 目标任务, 优化营商环境 方案, the covering notice of a
2026 任务清单, a department office's plan): composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [(i.title, i.named_lead, str(i.deadline)) for i in decompose(text).items]


def test_a_plans_work_that_comes_to_what_the_towns_do_late_in_its_body_is_a_row():
    text = (
        "2027年临溪县防汛抗旱工作要点\n"
        "一、落实防汛责任\n"
        "1. 强化防汛主体责任。严格落实行政首长负责制。要按照县里做法保留防汛指挥部工作体系。"
        "各乡镇要在汛前调整防指成员名单。在主汛期间,县防汛办配备人员不少于4名。\n"
    )
    assert [r[0] for r in _rows(text)] == ["强化防汛主体责任"]
    assert ("人员", ">=", "4", "名", "2027-12-31") in _targets(text)


def test_the_points_of_a_notice_sending_a_list_named_as_its_attachment_are_instructions():
    text = (
        "江澄市人民政府办公室关于印发2029年市政府工作报告重点目标任务清单的通知\n"
        "各县、区人民政府,市直各有关单位:\n"
        "经市政府同意,现将《2029年市政府工作报告重点目标任务清单》印发给你们。"
        "《清单》共计96项具体任务,涉及31个牵头部门。请各单位认真对照,抓好落实。\n"
        "一、完善工作机制,压实落实责任\n"
        "各县区、各部门要构建清单化管理、专班化推进的落实机制,推动各项任务落地见效。\n"
        "二、加强协同配合,凝聚工作合力\n"
        "牵头部门要发挥牵头抓总作用,明确职责分工;协同部门要主动担当、全力配合。\n"
        "三、强化运行调度,确保目标达成\n"
        "市政府办公室将对重点目标任务落实情况全程跟踪督办,逐月盘点、按季通报。\n"
        "附件:2029年市政府工作报告重点目标任务清单\n"
        "江澄市人民政府办公室\n2029年2月9日\n"
    )
    assert _rows(text) == []
    assert _targets(text) == set()


_QUOTAS = (
    "临溪县2028年招商引资目标任务\n"
    "3、县直部门目标:\n"
    "①一组单位完成合同资金为1600万元,实际进资800万元;当年纳税总额为12万元。\n"
    "②二组单位完成合同资金为1300万元,实际进资650万元;当年纳税总额为8万元。\n"
    "一、二、三组单位的实际进资中,工业项目分别为600万元、450万元、300万元;"
    "整体工业项目中实际进资一组为350万元,二、三组为250万元。\n"
)


def test_a_line_opening_on_the_numbers_of_groups_is_no_heading():
    assert [r[0][:6] for r in _rows(_QUOTAS)] == ["一组单位完成", "二组单位完成"]


def test_the_numbers_of_groups_after_a_value_are_no_values_of_it():
    values = {(t[2], t[3]) for t in _targets(_QUOTAS)}
    assert ("350", "万元") in values and ("250", "万元") in values
    assert ("2", "万元") not in values and ("3", "万元") not in values


def test_values_shared_out_are_named_by_what_is_measured_before_the_word_sharing_them():
    names = {t[0] for t in _targets(_QUOTAS) if t[3] == "万元" and t[2] in ("600", "450", "300")}
    assert names == {"工业项目（1）", "工业项目（2）", "工业项目（3）"}


def test_a_change_its_own_clause_commits_to_is_a_target_though_said_against_last_year():
    text = (
        "临溪县教育局办公室2028年工作计划\n一、规范运转\n"
        "1.规范会议活动管理。压缩非必要会议,确保全局年度会议数量同比减少15%。\n"
    )
    assert ("全局年度会议数量降幅", ">=", "15", "%", "2028-12-31") in _targets(text)
    reported = text.replace(
        "确保全局年度会议数量同比减少15%", "全年会议数量同比减少15%,确保会议质量"
    )
    assert not any(t[2] == "15" for t in _targets(reported))  # a look back stays one


def test_the_size_of_a_class_of_departments_is_no_target_of_its_quotas():
    text = (
        "临溪县2028年县直部门招商引资任务安排意见\n二、明确招商任务\n"
        "招商考核一类部门21个,当年开工项目21项,洽谈项目63项;"
        "二类部门12个,洽谈项目24项,引进域外资金3.5亿元。\n"
    )
    found = _targets(text)
    assert not any(t[3] == "个" for t in found)
    assert ("洽谈项目", ">=", "63", "项", "2028-12-31") in found


def test_a_figure_right_after_a_circled_rows_mark_and_its_noun_is_a_target():
    text = (
        "临溪县2028年招商引资目标任务\n一、部门目标\n①二组单位合同资金1400万元,实际进资700万元。\n"
    )
    found = _targets(text)
    assert ("二组单位合同资金", ">=", "1400", "万元", "2028-12-31") in found
    assert ("实际进资", ">=", "700", "万元", "2028-12-31") in found


def test_the_parts_a_list_of_works_is_cut_into_are_no_target():
    text = (
        "临溪县环保局办公室2028年工作计划\n一、统筹\n"
        "1.优化推进机制。编制重点工作台账,将大气污染防治、入河排污口整治等20项核心任务"
        "分解为96个子项,按月度跟踪推进,确保年度任务完成率达100%。\n"
    )
    assert _targets(text) == {("年度任务完成率", ">=", "100", "%", "2028-12-31")}


def test_the_years_figure_in_a_sentence_run_on_a_cadence_is_due_by_the_years_end():
    text = (
        "临溪县环保局办公室2028年工作计划\n一、统筹\n"
        "1.优化推进机制。每月5日前汇总各科室任务进展,确保年度任务完成率达100%。\n"
    )
    assert _targets(text) == {("年度任务完成率", ">=", "100", "%", "2028-12-31")}
    monthly = text.replace("确保年度任务完成率达100%", "确保每月办结率达95%")
    assert all(t[4] == "None" for t in _targets(monthly) if t[2] == "95")  # a month's figure


def test_a_figure_after_yu_is_more_than_it():
    text = (
        "临溪县2029年工作要点\n一、主要目标\n"
        "到2029年，全县新增市场主体逾2000户，外贸进出口总额逾50亿元，逾期未办结事项清零。\n"
    )
    targets = [(t.indicator, t.comparator, str(t.value), t.unit) for t in decompose(text).targets]
    assert ("新增市场主体", ">", "2000", "户") in targets
    assert ("外贸进出口总额", ">", "50", "亿元") in targets
    assert not any(t[0].startswith("逾") or t[0].endswith("逾") for t in targets)
