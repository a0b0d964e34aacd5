"""Forms met on a thirty-first held-out set (set AE), each on a short example written for
the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a progress table of pipes starting mid-table, its unit cell labelled -----------------


def test_a_row_under_a_pipe_header_is_no_header_of_its_own_and_its_labelled_units_lead():
    text = (
        "序号 | 工作任务 | 进展情况 | 存在问题和下步计划 | 责任单位 |\n"
        "38 | 加快建设城西图书馆新馆,办好青石戏曲节等文化活动。 | 1.在建项目3个,新馆主体完工。 "
        "2.完成建设12个城市书房。 | 下步计划:推进布展。 | "
        "牵头单位:市文旅局 责任单位:各县(市、区)政府、青石新区管委会 |\n"
        "39 | 加强文物保护利用。 | 1.完成3处文保单位修缮。 2.举办遗产日活动。 | 下步计划:"
        "推进申遗。 | 牵头单位:市文物局 责任单位:市财政局 |\n"
    )
    d = decompose(text)
    rows = [(i.title, i.named_lead, i.named_co) for i in d.items]
    assert rows == [
        (
            "加快建设城西图书馆新馆,办好青石戏曲节等文化活动",
            "市文旅局",
            ["各县(市、区)政府", "青石新区管委会"],
        ),
        ("加强文物保护利用", "市文物局", ["市财政局"]),
    ]


# --- units listed apart by commas, the first leading ---------------------------------------


def test_units_apart_by_commas_answering_for_a_row_name_the_first_its_lead():
    text = (
        "青川市促进民营经济发展实施细则\n"
        "一、主要任务\n"
        "(一)激发创业活力\n"
        "1.搭建创意平台。市县两级定期举办创意会。(市商务局,各县区、开发园区按职责分工负责)\n"
        "2.推动创意落地。组织专家论证创意方案。(市发展改革委牵头,市科技局配合)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("搭建创意平台", "市商务局", ["各县区", "开发园区"]),
        ("推动创意落地", "市发展改革委", ["市科技局"]),
    ]


def test_a_note_saying_the_first_listed_leads_names_it_the_lead():
    text = (
        "青川市贯彻落实促进民营经济若干措施实施方案\n"
        "一、加强要素支持\n"
        "(一)强化财税保障。落实减税降费政策,延续执行至2030年底。"
        "(市税务局、市财政局、市科技局,各县(市、区)政府,列第一位的为牵头单位,下同。"
        "以下均需各县(市、区)政府落实,不再列出)\n"
        "(二)加强基金支持。发挥产业基金引领作用。(市金融办、市财政局)\n"
    )
    d = decompose(text)
    first = d.items[0]
    assert (first.title, first.named_lead) == ("强化财税保障", "市税务局")
    assert first.named_co[:2] == ["市财政局", "市科技局"]


def test_a_bracket_of_words_with_commas_and_fu_ze_names_no_lead():
    text = "青川市2031年工作要点\n1.完善城东道路。实施路面改造(包括人行道,由施工单位负责养护)。\n"
    assert decompose(text).items[0].named_lead == ""


# --- a goals heading in both forms of the characters mixed ----------------------------------


def test_a_goals_heading_in_mixed_characters_is_no_task():
    text = (
        "青川市實施細則\n"
        "一、總體目标\n"
        "到“十四五”末,民營經濟實體數量達到8萬戶,規模以上工業企業達到600家以上。\n"
        "二、主要任務\n"
        "1.搭建平台。定期舉辦創意會。(市商務局牽頭)\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["搭建平台"]
    assert {(t.value, t.unit) for t in d.targets} == {(Decimal(8), "萬戶"), (Decimal(600), "家")}


# --- a flattened plan: a long part heading run into (一), (二) right after a units note ----

# The opening of a plan a page flattened onto one line (the line is over 300 characters).
_WHY = "为深入贯彻落实上级决策部署,激发市场主体活力,提振发展信心,推动经济高质量发展," * 3


def test_a_flattened_plan_splits_a_long_part_heading_and_a_heading_after_a_units_note():
    text = (
        f"青川市贯彻落实促进民营经济若干措施实施方案{_WHY}结合实际,制定本实施方案。"
        "一、加强民营经济资源要素支持(一)强化财税政策保障。落实减税降费政策,对小微企业减按25%"
        "计入应纳税所得额,依规加大减税降费力度,降低企业经营成本,稳定市场主体预期。"
        "(市税务局、市财政局,各县(市、区)政府,列第一位的为牵头单位,下同)(二)加强产业基金支持。"
        "发挥产业基金引领作用,争取省级基金投向我市民间投资项目,撬动社会资本参与产业培育"
        "和科技创新,形成多元投入格局,服务实体经济发展。(市金融办、市财政局按职责分工负责)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("强化财税政策保障", "市税务局"),
        ("加强产业基金支持", "市金融办"),
    ]


def test_a_bracket_closing_an_aside_before_a_numbered_bracket_splits_nothing():
    text = (
        f"青川市2031年工作要点{_WHY}{_WHY}结合实际,制定本要点。一、推进城市更新,"
        "实施老旧小区改造(含加装电梯)(一期)工程,完善配套设施,提升居住品质,改善群众生活条件,"
        "建设宜居城市,推动城市有机更新,打造城市更新样板,形成可复制可推广的经验做法,"
        "持续推进城市品质提升,满足群众美好生活需要。(市住建局牵头)\n"
    )
    d = decompose(text)
    assert "(一期)工程" in d.items[0].text


# --- the term a policy runs is no deadline -----------------------------------------------


def test_the_term_a_policy_runs_is_no_deadline_of_its_row():
    text = (
        "青川市2030年助企纾困工作方案\n"
        "1.落实税费优惠。对小微企业减半征收“六税两费”,政策延续执行至2032年底。(市税务局牵头)\n"
        "2.加快审批服务。2030年9月底前实现企业开办一日办结。(市政务服务局牵头)\n"
    )
    d = decompose(text)
    assert [(i.title, i.deadline) for i in d.items] == [
        ("落实税费优惠", None),
        ("加快审批服务", dt.date(2030, 9, 30)),
    ]


# --- a flattened plan whose page lost some numbers' marks ---------------------------------


_FLAT_PLAN = (
    "青石镇文教办2031年工作方案 围绕全镇教育工作重点,按照上级部门部署,认真谋划全年工作,"
    "改进工作方式和运行机制,"
    "树立质量意识、责任意识、大局意识和服务意识,根据全镇校舍建设及校园规划情况,"
    "2031年计划完成以下三项工作: 一、抓好校舍安全工程 "
    "1落实2030年校舍改造项目的扫尾工作,确保项目于明年6月底全部竣工,8月份投入使用。 "
    "2落实2031年校舍改造计划,改造校舍12栋。 3、积极争取上级补助资金。 4收集完善全镇中小学校舍"
    "档案。 5、迎接县校安办检查验收。 二、做好校舍安全管理 认真抓好校舍维修及附属工程的审批工作,"
    "监督建设质量。 三、抓好校园绿化 利用春季抓好校园绿化工作,做到绿化一处,美化一校。 7"
)


def test_a_number_before_a_work_among_marked_ones_is_a_row_of_the_run():
    d = decompose(_FLAT_PLAN)
    assert [i.title for i in d.items] == [
        "落实2030年校舍改造项目的扫尾工作",
        "落实2031年校舍改造计划,改造校舍12栋",
        "积极争取上级补助资金",
        "收集完善全镇中小学校舍档案",
        "迎接县校安办检查验收",
        "做好校舍安全管理",
        "抓好校园绿化",
    ]


def test_a_flattened_office_plan_names_its_year_in_its_run_on_title():
    d = decompose(_FLAT_PLAN)
    assert d.title == "青石镇文教办2031年工作方案"
    assert [(t.value, t.unit, t.deadline) for t in d.targets] == [
        (Decimal(12), "栋", dt.date(2031, 12, 31))
    ]


def test_next_year_and_the_month_after_it_date_a_row_and_spring_greening_is_no_term():
    deadlines = [i.deadline for i in decompose(_FLAT_PLAN).items]
    assert deadlines[0] == dt.date(2032, 8, 31)  # 明年6月底全部竣工,8月份投入使用
    assert deadlines[-1] == dt.date(2031, 5, 31)  # 利用春季抓好校园绿化: the season


def test_a_count_of_months_is_no_row_number():
    text = (
        f"青石镇2031年工作方案 {_WHY}{_WHY}结合全镇实际,制定本方案: 一、抓好安全工程 "
        "1.落实校舍改造项目。 2.用 3个月完成校舍排查。 3.迎接检查验收。 "
        "二、做好安全管理 认真抓好校舍维修,监督建设质量。\n"
    )
    titles = [i.title.replace(" ", "") for i in decompose(text).items]
    assert titles == ["落实校舍改造项目", "用3个月完成校舍排查", "迎接检查验收", "做好安全管理"]


# --- a count standing right after a list's last name; a count opening a measured name -----


def _counted(text: str) -> list[tuple[str, str, Decimal, str]]:
    return [(t.indicator, t.comparator, t.value, t.unit) for t in decompose(text).targets]


def test_a_count_right_after_a_listed_name_counts_the_list():
    assert _counted("2031年工作要点\n1、开工建设东关至石桥段、西岭至白沙段两条一级公路。\n") == [
        ("一级公路", ">=", Decimal(2), "条")
    ]


def test_a_count_of_each_after_a_list_is_no_count_of_the_list():
    assert _counted("2031年工作要点\n1、新建城东、城西各2所小学。\n") == []


def test_a_length_said_of_a_count_of_roads_gives_both():
    assert _counted("2031年工作要点\n1、完成约12.5公里的三条县道修复任务。\n") == [
        ("县道修复任务", "=", Decimal("12.5"), "公里"),
        ("县道修复任务", ">=", Decimal(3), "条"),
    ]


# --- a routine work ---------------------------------------------------------------------


def test_a_row_whose_work_is_done_routinely_is_long_running():
    text = (
        "青川市文旅局2031年重点工作计划\n"
        "(一)旗帜鲜明讲政治。健全理论学习机制,常态开展廉政教育、作风整治。\n"
        "(二)专注定力抓发展。全年新储备项目不少于30个。\n"
    )
    d = decompose(text)
    assert [(i.title, i.long_running) for i in d.items] == [
        ("旗帜鲜明讲政治", True),
        ("专注定力抓发展", False),
    ]


# --- a level after the change of the same figure ------------------------------------------


def test_a_level_after_the_change_of_a_figure_is_that_figures():
    assert _counted("青川市措施\n力争到2035年,全市数字经济增加值增长40%以上、达到3200亿元。\n") == [
        ("数字经济增加值增幅", ">=", Decimal(40), "%"),
        ("数字经济增加值", ">=", Decimal(3200), "亿元"),
    ]


def test_a_sum_said_to_be_about_so_much_is_exact():
    assert _counted("2031年工作方案\n1、落实校舍改造。全年改造校舍12栋,约需资金860万元。\n") == [
        ("改造校舍", ">=", Decimal(12), "栋"),
        ("资金", "=", Decimal(860), "万元"),
    ]


# --- the floor area a work clears or builds ----------------------------------------------


def test_the_floor_area_a_clause_opening_on_its_work_clears_or_builds_is_a_target():
    text = (
        "2031年工作方案\n"
        "1、落实改造方案。全年撤除校舍建筑面积5800平方米,新建校舍建筑面积7100平方米。\n"
    )
    assert _counted(text) == [
        ("撤除校舍建筑面积", ">=", Decimal(5800), "平方米"),
        ("校舍建筑面积", ">=", Decimal(7100), "平方米"),
    ]


def test_the_floor_area_of_a_building_counted_before_it_is_its_size():
    text = "2031年工作方案\n1、新建教学楼1栋,建筑面积5000平方米。\n"
    assert _counted(text) == [("教学楼", ">=", Decimal(1), "栋")]


# --- a news item on a province's goals and works ------------------------------------------


_NEWS = (
    "青川省明确数字经济发展目标\n"
    "记者从新闻发布会上获悉,青川省明确了数字经济发展目标,即2030年数字经济核心产业增加值占"
    "地区生产总值比重达到15%左右。\n"
    "未来,青川还将从三方面着手推进,一是着力推进产业数字化,鼓励平台企业输出服务。"
    "二是着力加快数字产业化。制定实施数字政府建设18条意见,打造一批科创平台。"
    "三是着力强化数字基础设施支撑。今年6月底,全省5G基站达9.2万座,已实现城镇全覆盖。\n"
)


def test_the_first_of_the_works_may_follow_a_comma():
    titles = [i.title for i in decompose(_NEWS).items]
    assert len(titles) == 3
    assert titles[0].startswith("着力推进产业数字化")
    assert titles[1:] == ["着力加快数字产业化", "着力强化数字基础设施支撑"]


def test_a_year_opening_a_goal_clause_dates_it_and_a_named_set_of_measures_is_no_count():
    assert [(t.indicator, t.comparator, t.value, t.deadline) for t in decompose(_NEWS).targets] == [
        ("数字经济核心产业增加值占地区生产总值比重", "=", Decimal(15), dt.date(2030, 12, 31))
    ]


# --- a year's plan in a news item: 万公里, a sum named before it, two works joined by 和 -----


def test_a_news_items_year_plan_counts_each_work_and_names_each_sum_by_what_precedes_it():
    text = (
        "记者从省交通运输厅了解到,2031年全年计划完成农村公路固定资产投资120亿元,"
        "新建改建农村公路1.2万公里。\n"
        "厅有关负责人说:“全年计划实施安全生命防护工程3000公里和危桥改造200座。”\n"
    )
    assert [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in decompose(text).targets
    ] == [
        ("农村公路固定资产投资", "=", Decimal(120), "亿元", dt.date(2031, 12, 31)),
        ("改建农村公路", ">=", Decimal("1.2"), "万公里", dt.date(2031, 12, 31)),
        ("安全生命防护工程", ">=", Decimal(3000), "公里", dt.date(2031, 12, 31)),
        ("危桥改造", ">=", Decimal(200), "座", dt.date(2031, 12, 31)),
    ]


def test_a_sum_then_the_work_it_pays_for_is_still_named_by_the_work():
    assert _counted("2031年工作要点\n1、计划投资760万元,实施城南农村饮水管网延伸工程。\n") == [
        ("城南农村饮水管网延伸工程投资", "=", Decimal(760), "万元")
    ]
