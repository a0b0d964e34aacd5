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
    paged = text.replace("仅展示512字,全文共2840字", "共6页,预览3页")
    assert _titles(paged) == ["抓好示范集镇创建"]


def test_a_count_of_places_set_up_with_what_each_is_to_be_listed_before_de():
    text = (
        "一、发展目标\n"
        "托育方面:2028年底前,建立2-4家布局合理、功能齐全的普惠性托育示范机构,"
        "每千人口拥有婴幼儿托位数5个。\n"
    )
    got = _targets(text)
    assert ("普惠性托育示范机构", ">=", "2", "家") in got  # a range at its floor
    assert not any(t[0].startswith(("布局合理", "功能齐全")) for t in got)


def test_a_count_after_who_set_the_work_with_de():
    text = (
        "一、目标任务\n"
        "(二)农村垃圾治理。完成省下达本县的14个村垃圾分类任务,实施3个乡镇中转站建设。\n"
    )
    got = _targets(text)
    assert ("村垃圾分类任务", ">=", "14", "个") in got
    assert ("乡镇中转站建设", ">=", "3", "个") in got


def test_a_share_or_count_of_places_with_levels_or_a_quoted_grade_completed_by_its_verb():
    text = (
        "一、工作目标\n"
        "到2029年,争取25个以上县(市、区)纳入省级农贸市场提升试点。"
        "2028年,60%以上乡镇集市建设“达标以下”达到“达标型”标准,其中,20%以上乡镇集市迈入“示范型”行列。\n"
    )
    got = _targets(text)
    assert ("县(市、区)纳入省级农贸市场提升试点", ">=", "25", "个") in got
    assert ("乡镇集市建设“达标以下”达到“达标型”标准", ">=", "60", "%") in got
    # the part after 其中 stays a breakdown
    assert not any("示范型" in t[0] for t in got)


def test_the_points_of_a_part_of_goals_and_principles_are_no_tasks():
    text = (
        "一、治理目标及原则\n"
        "围绕“降风险、除隐患”目标,力争通过三年治理,有效减少较大事故。\n"
        "坚持属地为主、部门联动。压实属地管理责任和部门监管责任,完善督办机制。\n"
        "坚持源头防范、精准施策。全面排查重点场所风险,2029年底前,重大风险明显减少。\n"
        "二、重点任务\n"
        "(一)开展隐患排查。各乡镇全面排查沿街门店隐患。(牵头单位:县消防救援大队)\n"
    )
    assert _titles(text) == ["开展隐患排查"]


def test_a_campaign_s_goals_point_is_no_task_and_its_figures_commit():
    text = (
        "二、活动目标及范围\n"
        "(一)活动目标。按照“人人植绿”的原则,开展乡村绿化活动,确保全县村庄绿化覆盖率达到35%以上,"
        "70%以上行政村达到绿色村庄标准。\n"
        "(二)活动范围。主要在村庄四旁和空闲地实施。\n"
    )
    assert "活动目标" not in _titles(text)
    got = _targets(text)
    assert ("村庄绿化覆盖率", ">=", "35", "%") in got
    assert ("行政村达到绿色村庄标准", ">=", "70", "%") in got


def test_committing_words_before_an_indicator_in_traditional_characters_are_no_part_of_it():
    got = _targets("2029年,確保全縣村莊綠化覆蓋率達到35%以上。")
    assert ("村莊綠化覆蓋率", ">=", "35", "%") in got


def test_a_headline_restating_a_goal_of_the_body_commits_once():
    text = (
        "您好,欢迎来到江澄商贸资讯!\n"
        "您当前位置: 资讯>>江澄>>深度>>\n"
        "江澄:到2030年培育12个以上县域商业示范县\n"
        "2029-03-02 江澄日报\n"
        "本报讯 近日,省商务厅印发县域商业三年行动方案。到2030年,争取40个以上县纳入省级试点,"
        "培育12个以上县域商业示范县。\n"
    )
    got = [t for t in decompose(text).targets if t.value == 12]
    assert len(got) == 1 and got[0].deadline.isoformat() == "2030-12-31"


def test_a_goal_cited_from_another_body_s_document_is_no_target_of_the_plan():
    text = (
        "为实现省委、省政府关于“全省村庄绿化覆盖率不低于32%,75%以上行政村达到绿色村庄标准”的目标,"
        "结合本县实际,制定本方案。\n"
        "一、工作目标\n"
        "2029年,确保全县村庄绿化覆盖率达到38%以上,85%以上行政村达到绿色村庄标准。\n"
    )
    got = _targets(text)
    assert ("村庄绿化覆盖率", ">=", "38", "%") in got
    assert ("行政村达到绿色村庄标准", ">=", "85", "%") in got
    assert not any(t[2] in ("32", "75") for t in got)


def test_so_many_of_a_thing_in_each_place_is_a_count_for_each():
    got = _targets("到2030年,全省开展共同配送的县域不少于80个,每个行政村原则上有1家农村便利店。")
    assert ("每个行政村农村便利店", ">=", "1", "家") in got
    assert ("共同配送的县域", ">=", "80", "个") in got
    # a fact about each place, in a sentence that commits to nothing, is none
    assert not _targets("每个村有2名网格员。")
