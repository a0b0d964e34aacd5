"""Forms of published task lists met on a tenth held-out set (set J), each on a short
example written for the test (names, figures and dates invented): the 实事 of a year
listed in one paragraph after 分别是 (in either form of the characters, under any title),
those served before a free service, a number of people whose problem is solved, villages
counted in 村, and 设置 as a verb of work."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose


def _targets(text: str) -> list[tuple[str, str | None, Decimal, str, str | None]]:
    return [
        (t.indicator, t.comparator, t.value, t.unit, t.deadline and t.deadline.isoformat())
        for t in decompose(text).targets
    ]


# --- the 实事 of a year listed in a paragraph ----------------------------------------------


def test_a_paragraph_listing_the_shishi_commits_by_the_years_end():
    text = (
        "3月2日，记者从云溪县第九届人民代表大会第二次会议上获悉，2029年云溪县将办好八件民生实事。\n"
        "这八件民生实事分别是：新增公共停车位600个以上；改造提升老旧小区12个；"
        "建设城区公园2处。\n"
    )
    assert _targets(text) == [
        ("新增公共停车位", ">=", 600, "个", "2029-12-31"),
        ("改造提升老旧小区", ">=", 12, "个", "2029-12-31"),
        ("城区公园", ">=", 2, "处", "2029-12-31"),
    ]


def test_the_traditional_form_of_shishi_in_the_title_commits_the_text():
    text = (
        "雲溪縣今年將辦好十件民生實事\n"
        "2月3日，記者在雲溪縣人民代表大會上獲悉，2029年雲溪縣將實施停車場建設，"
        "全縣新增充電樁80個以上。\n"
    )
    found = _targets(text)
    assert [(v, u, d) for _i, _c, v, u, d in found] == [(80, "個", "2029-12-31")]
    assert "充電樁" in found[0][0]


def test_a_paragraph_reporting_the_progress_of_shishi_does_not_commit():
    text = (
        "2029年县政府民生实事进展情况\n"
        "截至6月底，民生实事完成情况分别是：已建成公共停车位300个，已改造老旧小区5个。\n"
    )
    assert _targets(text) == []


# --- counts ----------------------------------------------------------------------------------


def test_those_served_before_a_free_service_name_it():
    text = "2029年民生实事分别是：为3000名中小学生免费筛查视力。\n"
    found = _targets(text)
    assert [(c, v, u) for _i, c, v, u, _d in found] == [(">=", 3000, "名")]
    assert found[0][0] == "中小学生免费筛查视力"


def test_people_whose_problem_is_solved_are_counted_by_the_problem():
    text = "2029年十件民生实事分别是：解决东坝、西岭等乡镇2万人的饮水不安全问题。\n"
    assert _targets(text) == [("饮水不安全问题", ">=", 20000, "人", "2029-12-31")]


def test_villages_counted_in_cun_are_a_count_of_work():
    text = "2029年民生实事分别是：完成东坝等18村整村推进项目建设。\n"
    found = _targets(text)
    assert [(c, v, u) for _i, c, v, u, _d in found] == [(">=", 18, "村")]
    assert "整村推进" in found[0][0]


def test_shezhi_is_a_verb_of_work():
    text = "1.做好避灾工作。至2029年底，全县设置120个避灾安置点。（牵头单位：县应急管理局）"
    assert _targets(text) == [("避灾安置点", ">=", 120, "个", "2029-12-31")]


def test_a_shishi_list_in_a_text_without_a_year_is_dated_by_nothing():
    text = "这三件实事分别是：新增公共停车位600个以上。\n"
    assert all(d is None for *_rest, d in _targets(text))


# --- a table one cell a line whose co-units go one a line --------------------------------


_GROUPED_TABLE = """2029年江洲区民生实事任务分解方案
序号
事项分类
事项名称
项目内容
牵头单位
协同单位
1
教育提质工程
新建一批幼儿园
新建公办幼儿园3所。
区教育局
东坝街道
西岭镇
区财政局
2
校园食堂改造
对12所学校食堂进行改造。
区教育局
/
3
健康守护工程
新建村卫生室
新建村卫生室20家。
区卫健局
各乡镇(街道)
"""


def _rows(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (i.title, i.named_lead, tuple(i.named_co))
        for s in decompose(text).sections
        for i in s.items
    ]


def test_a_merged_group_column_heads_its_rows_and_co_units_go_one_a_line():
    assert _rows(_GROUPED_TABLE) == [
        ("新建一批幼儿园", "区教育局", ("东坝街道", "西岭镇", "区财政局")),
        ("校园食堂改造", "区教育局", ()),
        ("新建村卫生室", "区卫健局", ("各乡镇(街道)",)),
    ]
    d = decompose(_GROUPED_TABLE)
    assert [s.title for s in d.sections] == ["教育提质工程", "健康守护工程"]


def test_a_content_column_after_the_task_column_is_read_with_it():
    found = [
        (t.value, t.unit, t.deadline and t.deadline.isoformat())
        for t in decompose(_GROUPED_TABLE).targets
    ]
    assert (3, "所", "2029-12-31") in found and (20, "家", "2029-12-31") in found


# --- a progress report restating its targets ----------------------------------------------


_PROGRESS = """一、主要指标任务完成情况
（一）全县主要预期目标完成情况
上半年，全县完成地区生产总值120.5亿元，同比增长6.1%。
（二）报告确定的其他指标任务完成情况
1.引进亿元以上项目不少于20个；新开工亿元以上项目15个。上半年，引进亿元以上项目12个，新开工8个。
"""


def test_a_progress_row_commits_what_it_restates_and_not_what_it_reports():
    d = decompose(_PROGRESS)
    assert [(t.value, t.unit, t.comparator) for t in d.targets] == [
        (20, "个", ">="),
        (15, "个", ">="),
    ]
    rows = [i for s in d.sections for i in s.items]
    assert [i.title for i in rows] == ["引进亿元以上项目不少于20个"]
    assert rows[0].deadline is None  # 上半年 is when the report looks, no time limit


def test_what_is_installed_for_a_number_of_places_counts_them():
    text = "1.推进智慧食堂建设。对15所中小学校食堂安装智能监管设备。（牵头单位：县教育局）"
    found = [(t.value, t.unit, t.comparator) for t in decompose(text).targets]
    assert found == [(15, "所", ">=")]
    assert "中小学校食堂" in decompose(text).targets[0].indicator


# --- a bar table naming no unit, its project merged over the rows of its parts ------------


_PARTS_TABLE = """2029年县十大民生实事项目进展表（截至6月底）
序号 | 项目名称 | 起止 年限 | 子项目 | 具体内容 | 2029年进展情况 | ||
截至6月底进展 | 7月工作计划 | ||||
1 | 一、教育提升工程 | 2028- 2029 | 建成城东小学教学楼 | 用地面积为5200平方米 | 主体施工 | 装修 | |
2 | 2029 | 实施12所学校饮水提升工程 | 为学校安装直饮水设备120台 | 已完成招标 | 开工 | ||
3 | 二、健康服务工程 | 2029 | 新建村卫生室8家 | 按标准建设村卫生室 | 选址 | 开工 | |
"""


def test_a_bar_table_naming_no_unit_reads_its_parts_as_rows_under_their_project():
    d = decompose(_PARTS_TABLE)
    assert [
        (s.title, [(i.title, i.deadline and i.deadline.isoformat()) for i in s.items])
        for s in d.sections
    ] == [
        (
            "教育提升工程",
            [("建成城东小学教学楼", "2029-12-31"), ("实施12所学校饮水提升工程", "2029-12-31")],
        ),
        ("健康服务工程", [("新建村卫生室8家", "2029-12-31")]),
    ]
    found = [(t.value, t.unit) for t in d.targets]
    assert (120, "台") in found and (8, "家") in found and (12, "所") in found
    assert (5200, "平方米") not in found  # 用地面积为… is the size of what is built
