"""Forms of published task lists met on a ninth held-out set, each on a short example
written for the test (names, figures and dates invented): one figure for two works (各),
counts on a list after verbs of their own, counts of people placed or helped, 稳定在 as a
floor, a heading of a few words between a group heading and its rows, a plan flattened
without spaces, a bar table numbering its rows in the task cell, the 实事 of a year told
in a news report, what is done for a number of schools, a year's investment to complete,
and a sum put in."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose, join_lines, numbered_tables

from .found import dated_rows as _rows


def _targets(text: str) -> list[tuple[str, str | None, Decimal, str]]:
    return [(t.indicator, t.comparator, t.value, t.unit) for t in decompose(text).targets]


# --- counts ------------------------------------------------------------------------------


def test_one_figure_for_two_works_with_ge_gives_a_target_for_each():
    text = "1.推进安居工程。新开工、竣工安置住房各3万平方米。（牵头单位：县住建局）"
    assert _targets(text) == [
        ("安置住房新开工", ">=", 3, "万平方米"),
        ("安置住房竣工", ">=", 3, "万平方米"),
    ]


def test_kaijungong_is_both_works():
    text = "1.推进安居工程。开竣工人才公寓各1200套。（牵头单位：县住建局）"
    assert _targets(text) == [
        ("人才公寓开工", ">=", 1200, "套"),
        ("人才公寓竣工", ">=", 1200, "套"),
    ]


def test_a_count_on_the_list_after_another_verb_of_its_own_counts_too():
    text = "1.完善城市设施。新建4个街头游园、扩容6个社区充电站点。（牵头单位：县城管局）"
    assert _targets(text) == [
        ("街头游园", ">=", 4, "个"),
        ("扩容社区充电站点", ">=", 6, "个"),
    ]


def test_a_count_of_people_after_a_verb_that_places_them_is_a_target():
    text = (
        "1.稳定重点群体就业。引导800名以上高校毕业生到基层就业，吸纳300人就业。"
        "（牵头单位：县人社局）"
    )
    assert _targets(text) == [
        ("高校毕业生到基层就业", ">=", 800, "名"),
        ("吸纳就业", ">=", 300, "人"),
    ]


def test_an_aside_between_the_verb_and_the_count_of_people_is_passed_over():
    text = "今年争取招聘(招收)40名全科医生到乡镇卫生院工作。"
    assert _targets(text) == [("全科医生到乡镇卫生院工作", ">=", 40, "名")]


def test_places_added_for_a_purpose_are_named_by_what_is_added():
    text = "1.补充乡村教师。增加60个名额用于定向培养乡村教师。（牵头单位：县教育局）"
    assert _targets(text) == [("名额", ">=", 60, "个")]


def test_wending_zai_is_a_floor():
    assert _targets("力争粮食产量稳定在8万吨。") == [("粮食产量", ">=", 8, "万吨")]
    assert _targets("力争城镇登记失业率稳定在4%以内。") == [("城镇登记失业率", "<=", 4, "%")]


def test_what_is_done_for_a_number_of_schools_counts_them():
    text = "1.推进课后服务。对全县26所义务教育学校实行课后服务全覆盖。（责任单位：县教育局）"
    assert _targets(text) == [("义务教育学校课后服务全覆盖", ">=", 26, "所")]


def test_the_years_investment_to_complete_is_a_target():
    assert _targets("确保完成今年8.5亿元投资任务。") == [("投资", ">=", Decimal("8.5"), "亿元")]


def test_a_sum_put_in_is_a_sum_not_a_floor():
    text = "1.改善办学条件。新建教师周转宿舍300套，投入资金6000万元。（牵头单位：县教育局）"
    assert _targets(text) == [
        ("教师周转宿舍", ">=", 300, "套"),
        ("投入资金", "=", 6000, "万元"),
    ]


# --- structure ---------------------------------------------------------------------------


def test_a_heading_of_a_few_words_between_a_group_heading_and_its_rows_is_no_text():
    text = (
        "二、2029年主要工作安排\n"
        "（一）做强县域经济\n"
        "推进园区建设\n"
        "12.启动城西产业园标准厂房建设。（牵头单位：县发改局）\n"
        "13.新建2条园区道路。（牵头单位：县住建局）"
    )
    assert _rows(text) == [
        ("启动城西产业园标准厂房建设", "县发改局", None),
        ("新建2条园区道路", "县住建局", None),
    ]


FLAT_NO_SPACES = (
    "城区更新攻坚实施方案为加快城区更新，改善群众居住环境，提升城市品质，根据全县城市更新工作"
    "总体部署和年度重点工作安排，结合本县实际，制定本方案。具体方案如下："
    "一、组织领导成立县城区更新攻坚领导组，县政府副县长任组长，县住建局、县财政局、各街道主要负责人"
    "为成员，领导组下设办公室，由县住建局局长任办公室主任，负责日常调度、督促检查和情况通报等工作。"
    "二、目标任务以老城片区为主战场，奋力攻坚8个月，确保完成今年6.2亿元投资任务。"
    "（一）老城片区更新任务1、加快背街小巷改造按照片区改造方案的要求，统筹推进管网、路面和立面改造，"
    "年内完成改造任务。2、加快口袋公园建设按照见缝插绿的要求，精心组织，确保今年新建口袋公园12个。"
)


def test_a_plan_flattened_without_spaces_is_split_at_its_headings_and_rows():
    paragraphs = join_lines(FLAT_NO_SPACES)
    assert [p[:2] for p in paragraphs[1:]] == ["一、", "二、", "（一", "1、", "2、"]
    assert [title for title, _lead, _deadline in _rows(FLAT_NO_SPACES)] == [
        "加快背街小巷改造",
        "加快口袋公园建设",
    ]
    assert ("口袋公园", ">=", 12, "个") in _targets(FLAT_NO_SPACES)
    assert ("投资", ">=", Decimal("6.2"), "亿元") in _targets(FLAT_NO_SPACES)


BAR_TABLE = (
    "类别 | 实事名称 | 2029年度任务目标 | 责任单位 | 分管县领导 | 1-6月完成情况 | 监督电话 |\n"
    "三、教育 | 7.改扩建城东小学 | 完成城东小学2幢教学楼建设。 | 县教育局 | 李某 | "
    "完成主体施工60%。 | 电话略 |\n"
    "8.推进课后服务 | 对全县26所义务教育学校实行课后服务全覆盖。 | 县教育局 | 李某 | "
    "参与学生5200人。 | 电话略 | |\n"
    "发布日期：2029-07-08"
)


def test_a_bar_table_numbering_its_rows_in_the_task_cell_is_read_by_its_header():
    lines = numbered_tables(BAR_TABLE).split("\n")
    assert lines[0] == "三、教育"
    assert lines[1].startswith("1.改扩建城东小学。完成城东小学2幢教学楼建设。（责任单位：县教育局")
    assert "5200" not in "\n".join(lines)  # a report of what is done is no part of a row
    assert _rows(BAR_TABLE) == [
        ("改扩建城东小学", "县教育局", "2029-12-31"),
        ("推进课后服务", "县教育局", "2029-12-31"),
    ]
    assert [(t.indicator, t.value) for t in decompose(BAR_TABLE).targets] == [
        ("城东小学教学楼建设", 2),
        ("义务教育学校课后服务全覆盖", 26),
    ]


def test_a_news_report_of_the_years_shishi_commits_to_what_it_counts_by_the_years_end():
    text = (
        "县教育局部署2029年三项教育民生实事\n"
        "县教育局近日介绍了今年教育民生实事的安排。"
        "在全县8个乡镇新建、改扩建学校食堂15个，投入资金3000万元。\n"
        "去年全县已建成学校食堂10个。"
    )
    assert [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline.isoformat())
        for t in decompose(text).targets
    ] == [
        ("学校食堂", ">=", 15, "个", "2029-12-31"),
        ("投入资金", "=", 3000, "万元", "2029-12-31"),
    ]
