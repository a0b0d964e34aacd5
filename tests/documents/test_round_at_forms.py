"""Forms met in held-out set AT (a news digest of a year's 实事, one a bulleted point under
short topic headings, its clauses apart by spaces and its sources cited as [n]; the length
or designed area of what is built): composed examples with invented names and figures."""

from mingzhu.documents.decompose import decompose, join_lines
from tests.documents.found import target_set, titles

DIGEST = (
    "青石市2031年市政府民生实事项目概览\n"
    "道路与防洪\n"
    "- 实施沿江堤防加固工程三期 包括挡墙6.2千米 道路4.5千米 [1][2]\n"
    "- 开展易涝片区整治项目 包括东园片区雨污管网整治 以及学府路整治 [2]\n"
    "社区服务\n"
    "- 推进社区嵌入式服务项目 建设4个社区食堂 改造2个农贸市场 [3]\n"
    "- 实施就业扩岗行动 计划开展12场以上招聘会 力争全年扩岗900人以上 [3]\n"
    "文体与消费\n"
)


def test_a_digest_gives_each_bulleted_point_as_a_row_and_its_headings_as_none():
    rows = titles(DIGEST)
    assert [row.split("，")[0] for row in rows] == [
        "实施沿江堤防加固工程三期",
        "开展易涝片区整治项目",
        "推进社区嵌入式服务项目",
        "实施就业扩岗行动",
    ]
    assert not any("服务" in row or "消费" in row for row in rows[:2])


def test_the_headings_between_the_points_stay_out_of_the_points():
    paragraphs = join_lines(DIGEST)
    assert "社区服务" not in "".join(p for p in paragraphs if p.startswith("- 开展"))
    assert all("[" not in p for p in paragraphs)  # the cited sources are taken off


def test_the_clauses_a_point_sets_apart_by_spaces_give_their_figures():
    found = {(v, u): (i, c, d) for i, c, v, u, d in target_set(DIGEST)}
    assert set(found) == {("6.2", "千米"), ("4.5", "千米"), ("4", "个"), ("2", "个"), ("900", "人")}
    for (value, unit), name in {
        ("6.2", "千米"): "挡墙",
        ("4.5", "千米"): "道路",
        ("4", "个"): "社区食堂",
        ("2", "个"): "农贸市场",
        ("900", "人"): "扩岗",
    }.items():
        indicator, comparator, deadline = found[value, unit]
        assert name in indicator and comparator == ">=" and deadline == "2031-12-31"


def test_a_dash_with_a_space_marks_a_point_as_a_dash_alone_does():
    spaced = "2031年重点工作\n- 新建口袋公园5个\n- 改造老旧小区12个\n- 新增停车泊位300个\n"
    tight = spaced.replace("- ", "-")
    assert (
        titles(spaced)
        == titles(tight)
        == ["新建口袋公园5个", "改造老旧小区12个", "新增停车泊位300个"]
    )


def test_the_length_and_designed_area_of_what_is_built_are_notarget_set():
    text = (
        "2031年民生实事项目\n"
        "1.实施青松路改造工程，改造长度约640米，2031年底前完工。\n"
        "2.建设滨河景观绿化工程，设计面积约52000平方米，新建游园3个。\n"
    )
    found = target_set(text)
    assert not any(unit in ("米", "平方米") for _i, _c, _v, unit, _d in found)
    assert ("游园", ">=", "3", "个", "2031-12-31") in found


NEWS_OF_WORKS = (
    "青石镇“我为群众办实事”重点项目\n"
    "累计征集“我为群众办实事”重点项目10项。\n"
    "聚焦“幸福民生”,。由镇交通办负责的村道提档升级项目,,整合交通、一事一议等项目资金,,"
    "建设东湾、南坪等自然村内约8.6公里道路硬化,,预计2031年10月份完成。\n"
    "聚焦“乡村振兴”,。由农业农村办负责的南坪村美丽乡村建设项目,,完善村内道路硬化、绿化,、"
    "美化,、亮化工程,建设污水处理设施,,沟塘清淤及房前屋后环境综合治理,,预计2031年12月份完成。\n"
    "聚焦“绿色转型”,。由镇经济发展办负责的屋顶光伏发电项目,,利用企业厂房屋顶,"
    "新建分布式光伏发电设施,,力争年内并网,预计2031年6月份完成,。\n"
    "聚焦“社会治理”。由镇城建办负责的滨河休闲绿道工程,,设计面积约45000平方米,,"
    "沿滨河路两侧建设长1200米宽30米的休闲绿道,,并配套建设健身步道和公共厕所,,预计2031年12月份完成。\n"
)


def test_works_under_theme_heads_are_rows_led_by_the_unit_answering_for_each():
    items = decompose(NEWS_OF_WORKS).items
    assert [(i.title, i.named_lead, str(i.deadline)) for i in items] == [
        ("村道提档升级项目", "镇交通办", "2031-10-31"),
        ("南坪村美丽乡村建设项目", "农业农村办", "2031-12-31"),
        ("屋顶光伏发电项目", "镇经济发展办", "2031-06-30"),
        ("滨河休闲绿道工程", "镇城建办", "2031-12-31"),
    ]


def test_a_few_long_paragraphs_are_no_page_wrapped_at_their_width():
    # Four paragraphs under a title, each one long line: none is joined to the next.
    assert len([p for p in join_lines(NEWS_OF_WORKS) if p.startswith("聚焦")]) == 4


CALL = (
    "青石县公开征集2032年县级民生实事项目的公告\n"
    "为更好地倾听民声、汇聚民意，决定面向社会公开征集2032年县级民生实事项目。"
    "现就公开征集有关事项公告如下：\n"
    "一、征集时间\n2031年9月1日至10月15日。\n"
    "二、征集内容\n围绕教育、医疗、养老、交通等重点领域。\n"
    "三、征集要求\n1.注重普惠性。建议项目能够让大多数群众得实惠。\n"
    "2.体现可行性。建议项目能够在2032年当年实施、当年完成。\n"
    "四、征集方式\n1.信件征集：填写征集表邮寄至县发展和改革局。\n2.电话征集：拨打电话提出建议。\n"
    "青石县发展和改革局\n2031年9月1日\n"
)


def test_a_call_for_proposals_gives_notitles():
    assert titles(CALL) == []


def test_a_list_of_work_that_names_a_call_keeps_itstitles():
    text = (
        "青石县2032年民生实事项目\n"
        "1.新建城区公办幼儿园2所。\n"
        "2.面向社会征集老旧小区改造意见，完成老旧小区改造12个。\n"
        "3.新增公共停车泊位800个。\n"
    )
    assert len(titles(text)) == 3


PROGRESS = (
    "序号 | 项目名称 | 项目内容 | 当前进展情况 | 进度评价 | 主办单位 |\n"
    "1 | 农村环境提升工程 | 推行积分制管理,示范村达到40个。 | 示范村达到40个; | 已完成 "
    "| 县农村环境整治专班 |\n"
    "新增省级美丽乡村2个。 | 验收材料已上报。 | 已完成 | |||\n"
    "建设农村公路30公里。 | 完工31.2公里。 | 已完成 | |||\n"
    "2 | 城区停车改善工程 | 新增公共停车泊位600个。 | 已建成420个。 | 正常推进 | 县住建局 |\n"
    "3 | 社区养老服务工程 | 新建社区养老服务站8个。 | 已完成选址。 | 正常推进 | 县民政局 |\n"
    "持续开展助餐服务, | 引导老年人到站就餐,开展宣传活动10余次,分发手册3000余份,目\n"
)


def test_rows_under_a_project_whose_name_and_units_span_them_are_rows_of_their_own():
    items = decompose(PROGRESS).items
    assert [(i.title.rstrip("。"), i.named_lead) for i in items] == [
        ("推行积分制管理,示范村达到40个", "县农村环境整治专班"),
        ("新增省级美丽乡村2个", "县农村环境整治专班"),
        ("建设农村公路30公里", "县农村环境整治专班"),
        ("城区停车改善工程", "县住建局"),
        ("新建社区养老服务站8个", "县民政局"),
        ("持续开展助餐服务", "县民政局"),
    ]


def test_what_the_progress_columns_report_is_no_target():
    found = {(v, u) for _i, _c, v, u, _d in target_set(PROGRESS)}
    assert found == {("40", "个"), ("2", "个"), ("30", "公里"), ("600", "个"), ("8", "个")}


POINTS_UNDER_HEADINGS = (
    "青石镇2031年工作计划\n"
    "1.巩固农业基础，建设特色农业强镇\n"
    "一是深化农业结构调整。全镇保持优质水稻种植4000亩，生猪出栏3万头。\n"
    "二是加快科技兴农步伐。一是培育新型经营主体。二是建设农技服务网络。三是加大技术培训力度。\n"
    "2.壮大镇域工业\n"
    "一是加大招商引资力度。全年引进项目4个。\n"
    "二是推动企业技术改造。\n"
)


def test_points_opening_paragraphs_under_a_heading_are_itstitles():
    items = decompose(POINTS_UNDER_HEADINGS).items
    assert [(i.title, i.heading) for i in items] == [
        ("深化农业结构调整", "巩固农业基础，建设特色农业强镇"),
        ("加快科技兴农步伐", "巩固农业基础，建设特色农业强镇"),
        ("加大招商引资力度", "壮大镇域工业"),
        ("推动企业技术改造", "壮大镇域工业"),
    ]


def test_a_points_own_points_stay_in_its_text():
    second = decompose(POINTS_UNDER_HEADINGS).items[1]
    assert "三是加大技术培训力度" in second.text
