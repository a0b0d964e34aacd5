"""Forms met in published 实施方案 and 专项行动 texts carrying national policies out (以旧换新,
提振消费, 人工智能+, 银发经济, 就业, 低空经济, 民营经济): composed examples (invented names and
figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [(i.title, i.named_lead, str(i.deadline), i.long_running) for i in decompose(text).items]


def test_a_level_held_to_about_a_figure_is_exact():
    text = (
        "江澄县稳就业工作方案\n一、工作目标\n"
        "到2029年,城镇登记失业率控制在4.5%左右,零就业家庭下降到3户左右,"
        "城镇调查失业率不超过5.8%左右。\n"
    )
    got = _targets(text)
    assert ("城镇登记失业率", "=", "4.5", "%", "2029-12-31") in got
    assert ("零就业家庭", "=", "3", "户", "2029-12-31") in got
    # 不超过 keeps its bound, whatever follows the figure
    assert ("城镇调查失业率", "<=", "5.8", "%", "2029-12-31") in got


def test_a_dash_paragraph_s_year_after_its_head_dates_the_paragraph():
    text = (
        "云溪县促进就业三年行动方案\n"
        "各乡镇人民政府:\n现将方案印发给你们。\n云溪县人民政府办公室\n2028年3月2日\n"
        "一、总体目标\n"
        "——技能人才队伍持续壮大。到2030年,累计培训技能人才3600人以上。"
        "职业院校毕业生本地就业率达45%以上。扶持返乡创业900人以上。\n"
        "——社保覆盖稳步扩大。全县参保人数稳定增长。\n"
    )
    got = _targets(text)
    assert ("职业院校毕业生本地就业率", ">=", "45", "%", "2030-12-31") in got
    assert ("扶持返乡创业", ">=", "900", "人", "2030-12-31") in got


def test_a_row_is_due_when_the_figures_it_dates_in_its_own_words_are():
    text = (
        "江洲市扩大消费专项行动实施方案\n"
        "一、居民增收行动\n"
        "(一)稳定就业岗位。开展“春风送岗”招聘活动,落实见习补贴。2029年,新增城镇就业"
        "超3万人,开发见习岗位1200个以上。(责任单位:市人社局、市财政局)\n"
        "(二)支持自主创业。完善创业孵化服务,推广创业担保贷款。(责任单位:市人社局)\n"
        "(三)拓展增收渠道。常态化开展欠薪治理,2029年发放技能补贴2000万元。"
        "(责任单位:市人社局)\n"
    )
    rows = _rows(text)
    assert rows[0] == ("稳定就业岗位", "市人社局", "2029-12-31", False)
    # a row with no dated figure stays undated; a row on a cadence stays long-running
    assert rows[1] == ("支持自主创业", "市人社局", "None", False)
    assert rows[2][2:] == ("None", True)


def test_a_row_s_figure_without_a_date_takes_the_row_s_from_its_dated_ones():
    text = (
        "江澄市银发经济发展实施方案\n"
        "二、主要任务\n(一)实施居家养老提升行动\n"
        "1.优化上门服务。独居老年人月探访率达到100%。到2029年,建成家庭养老床位800张。\n"
        "2.完善社区服务。推进嵌入式养老服务设施建设。\n"
    )
    got = _targets(text)
    assert ("独居老年人月探访率", ">=", "100", "%", "2029-12-31") in got
    assert ("家庭养老床位", ">=", "800", "张", "2029-12-31") in got


def test_teams_formed_are_counted_in_zhi():
    text = (
        "云溪县志愿服务行动方案\n一、工作目标\n"
        "到2030年,组建12支应急志愿者队伍,每个村(社区)至少发展1支为老服务志愿者队伍,"
        "加大对志愿服务的支持力度。\n"
    )
    got = _targets(text)
    assert ("应急志愿者队伍", ">=", "12", "支", "2030-12-31") in got
    assert ("为老服务志愿者队伍", ">=", "1", "支", "2030-12-31") in got
    # 支持, 支出, 支付 are no measure
    assert len(got) == 2
