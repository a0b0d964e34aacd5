"""Forms met in held-out set AR (a town's and departments' 2026 plans, a 卫健委 分解, news of
deployment meetings): composed examples with invented names and figures."""

from mingzhu.documents.decompose import decompose


def _rows(text):
    return [i.title for i in decompose(text).items]


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def test_a_line_announcing_the_points_run_into_the_first_starts_them():
    text = (
        "青岚省农业农村厅部署2031年重点工作\n"
        "据青岚省农业农村厅消息,1月9日,全省农业农村工作会议在青岚召开。\n"
        "会议要求,锚定“稳产量、强产业、美乡村”工作要求,重点抓好以下四项任务:"
        "一是稳定粮食播种面积,抓好春耕备耕。\n"
        "二是推进高标准农田建设,提升灌排能力。\n"
        "三是培育乡村特色产业,延长产业链条。\n"
        "四是整治农村人居环境,建设和美乡村。\n"
    )
    assert _rows(text) == [
        "稳定粮食播种面积,抓好春耕备耕",
        "推进高标准农田建设,提升灌排能力",
        "培育乡村特色产业,延长产业链条",
        "整治农村人居环境,建设和美乡村",
    ]


def test_a_lone_first_point_after_a_plain_sentence_starts_nothing():
    # (a "一是" after a sentence that announces no points, with no second point, stays text)
    text = "白溪镇2031年工作安排\n镇党委高度重视,一是抓好春耕备耕工作。\n"
    assert "抓好春耕备耕工作" not in _rows(text)


def test_orders_numbered_by_yao_in_a_meeting_paragraph_are_rows():
    text = (
        "白溪县教育系统召开2031年工作部署大会\n"
        "2031年1月20日,白溪县教育系统召开2030年工作总结和2031年工作部署大会。\n"
        "会议要求,做好今年工作,总体要求是:以立德树人为根本,实现良好开局。"
        "一要坚定政治方向,抓好党建工作。二要聚焦提质增效,抓好课堂教学。"
        "三要补齐办学短板,抓好校舍建设。四要守住安全底线,抓好校园安全。\n"
    )
    assert _rows(text) == [
        "坚定政治方向,抓好党建工作",
        "聚焦提质增效,抓好课堂教学",
        "补齐办学短板,抓好校舍建设",
        "守住安全底线,抓好校园安全",
    ]


def test_yi_yao_inside_a_word_is_no_order():
    # ("统一要求", "唯一要务": 一要 inside words, not after a stop)
    text = "白溪县2031年工作要点\n一、抓好项目建设\n按照全县统一要求推进项目,把发展作为唯一要务。\n"
    assert _rows(text) == ["抓好项目建设"]


def test_a_guiding_part_named_with_its_verb_is_no_row():
    text = (
        "白溪区市场监管局2031年工作计划\n"
        "一、坚定指导思想\n"
        "坚持以人民为中心的发展思想,统筹发展和安全,为建设现代化白溪提供保障。\n"
        "二、强化食品安全监管\n"
        "开展校园食品安全专项检查,抽检食品批次达到1200批次以上。\n"
    )
    assert _rows(text) == ["强化食品安全监管"]


def test_a_goals_part_named_with_the_verb_that_sets_them_is_no_row():
    text = (
        "白溪区市场监管局2031年工作计划\n"
        "一、确定总体奋斗目标\n"
        "到2031年底,力争实现以下目标:监管效能持续提高,群众满意度稳步提升。\n"
        "二、强化食品安全监管\n"
        "开展校园食品安全专项检查。\n"
    )
    assert _rows(text) == ["强化食品安全监管"]


def test_a_work_toward_the_goals_stays_a_row():
    # (a heading doing the work the goals ask, "确保实现年度目标任务", is no goals part)
    text = (
        "白溪区市场监管局2031年工作计划\n"
        "一、狠抓落实确保实现年度目标任务\n"
        "逐月调度各项工作,年底前完成全部任务。\n"
    )
    assert _rows(text) == ["狠抓落实确保实现年度目标任务"]


def test_a_second_figure_after_a_comma_mark_measures_the_same_works():
    text = (
        "白溪县水务局2031年工作要点\n"
        "一、筑牢水安全屏障\n"
        "计划整治河道及沟渠36条、84.5公里,增强抵御内涝灾害的能力。\n"
    )
    assert _targets(text) == {
        ("整治河道及沟渠", ">=", "36", "条", "2031-12-31"),
        ("整治河道及沟渠", ">=", "84.5", "公里", "2031-12-31"),
    }


def test_figures_of_two_works_after_a_comma_mark_keep_their_names():
    text = "白溪县水务局2031年工作要点\n一、完善排水设施\n建设污水管网12公里、泵站3座。\n"
    assert {(t[0], t[2], t[3]) for t in _targets(text)} == {
        ("污水管网", "12", "公里"),
        ("泵站", "3", "座"),
    }
