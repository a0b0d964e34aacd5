"""Forms of published task lists met on a fourteenth held-out set (set N) and left over
from set M, each on a short example written for the test (names, figures and dates
invented): rows numbered with a space after the number, a row whose number runs into the
figure it opens with, page fields listed with bullets, a heading naming the 实事 of a year
above the rows, figures written before what they count, a share of those a work reaches,
and rows cut off at the end of a passage."""

from decimal import Decimal

from .found import dated_rows as _rows
from .found import dated_targets as _targets
from .found import undated_targets as _undated

# --- rows numbered in forms the levels do not read ----------------------------------------


_SPACED = (
    "2031年青川市八件民生实事确定\n"
    "经代表投票，确定以下8项为市政府2031年度民生实事项目：\n"
    "\n"
    "  1 实施12条城市背街小巷改造工程；\n"
    "\n"
    "  2 建设15所普惠性托育园；\n"
    "\n"
    "  3 开展社区助餐服务提质工程；\n"
    "\n"
    "记者 李明\n"
)


def test_rows_numbered_with_a_space_after_the_number_are_rows_of_the_year():
    assert _rows(_SPACED) == [
        ("实施12条城市背街小巷改造工程", "", "2031-12-31"),
        ("建设15所普惠性托育园", "", "2031-12-31"),
        ("开展社区助餐服务提质工程", "", "2031-12-31"),
    ]


def test_two_spaced_numbers_are_no_run():
    text = "青川镇简报\n1 月份工作安排如下。\n2 名干部参加培训。\n"
    assert not any(title.startswith(("月份", "名干部")) for title, _l, _d in _rows(text))


_NUMBER_INTO_FIGURE = (
    "2031年区政府要完成的与群众生活\n"
    "密切相关的实事\n"
    "1.老旧住宅加装电梯新增300台、完工150台。\n"
    "2.40个小区新增充电设施;为6栋高层住宅实施消防设施改造。\n"
    "3.开设30个暑期托管班办班点。\n"
    "4.380个村居文化活动室提供不少于1900场文化活动。\n"
)


def test_a_row_whose_number_runs_into_its_figure_is_the_next_row():
    assert [title for title, _l, _d in _rows(_NUMBER_INTO_FIGURE)] == [
        "老旧住宅加装电梯新增300台、完工150台",
        "40个小区新增充电设施",
        "开设30个暑期托管班办班点",
        "380个村居文化活动室提供不少于1900场文化活动",
    ]


def test_a_heading_naming_the_year_s_shishi_over_two_lines_dates_the_rows():
    assert {date for _t, _l, date in _rows(_NUMBER_INTO_FIGURE)} == {"2031-12-31"}


def test_a_month_after_the_row_number_is_no_figure_of_a_next_row():
    text = "1.新建青川路。\n5.6月开工,年内完工。\n"
    assert [title for title, _l, _d in _rows(text)] == ["新建青川路"]


def test_page_fields_listed_with_bullets_are_no_tasks():
    text = (
        "青川区人民政府门户网站\n"
        "  • 所属类目: 区政府办公室文件\n"
        "  • 主题分类: 政务公开\n"
        "  • 体       裁: 通知\n"
        "  • 发文字号: 青府办〔2031〕2号\n"
        "1.新建社区食堂20家。\n"
        "2.改造农贸市场6个。\n"
    )
    assert [title for title, _l, _d in _rows(text)] == ["新建社区食堂20家", "改造农贸市场6个"]


# --- figures written before what they count ----------------------------------------------


def test_counts_written_before_what_they_count():
    assert set(_undated(_NUMBER_INTO_FIGURE)) >= {
        ("小区新增充电设施", ">=", 40, "个"),
        ("高层住宅消防设施改造", ">=", 6, "栋"),
        ("村居文化活动室", ">=", 380, "个"),
        ("文化活动", ">=", 1900, "场"),
    }


def test_a_point_opening_with_its_bound_and_figure():
    text = (
        "青川市2031年十大行动\n"
        "一、产业空间拓展行动\n"
        "-每个镇街至少2个300亩以上连片产业园区\n"
        "-不少于800万平方米高标准厂房空间\n"
    )
    assert _undated(text) == [
        ("连片产业园区", ">=", 2, "个"),
        ("高标准厂房空间", ">=", 800, "万平方米"),
    ]


def test_a_plan_s_goals_with_the_area_before_what_it_measures():
    text = (
        "青川区推进海绵城市建设的实施方案\n"
        "一、工作目标\n"
        "全区到2027年底，40平方公里以上建成区面积达到海绵城市建设要求；到2032年底，"
        "70平方公里以上建成区面积达到海绵城市建设要求。\n"
        "二、主要任务\n"
        "（一）完善排水管网。\n"
    )
    assert [(n, c, v, u, d) for n, c, v, u, d in _targets(text)] == [
        ("建成区面积达到海绵城市建设要求", ">=", 40, "平方公里", "2027-12-31"),
        ("建成区面积达到海绵城市建设要求", ">=", 70, "平方公里", "2032-12-31"),
    ]


def test_a_share_of_those_a_work_reaches():
    text = (
        "青川区2031年民生工程实施方案\n"
        "一是推进社会救助体系建设。将符合条件的低保对象100%纳入救助范围。\n"
        "二是推进养老服务体系建设。新增养老床位300张。\n"
        "三是推进就业服务体系建设。新增就业岗位2000个。\n"
    )
    assert ("低保对象纳入救助范围", "=", 100, "%") in _undated(text)


def test_those_served_counted_in_any_measure_word():
    text = "2031年青川县为民实事\n1.为12所乡村学校开展饮水设施改造。\n2.为800名老人开展免费体检。\n"
    assert _undated(text) == [
        ("乡村学校饮水设施改造", ">=", 12, "所"),
        ("老人免费体检", ">=", 800, "名"),
    ]


# --- rows cut off at the end of a passage ---------------------------------------------------


def test_a_last_row_stopping_short_of_its_sentence_is_cut_off():
    text = (
        "2031年区政府实事\n"
        "1.新建社区食堂20家。\n"
        "2.改造农贸市场6个。\n"
        "3.新增停车泊位800个。\n"
        "4.为两万名老人提供上门"
    )
    assert [title for title, _l, _d in _rows(text)] == [
        "新建社区食堂20家",
        "改造农贸市场6个",
        "新增停车泊位800个",
    ]


def test_a_last_row_without_the_units_the_rows_above_name_is_cut_off():
    text = (
        "青川市2031年重点工作分解\n"
        "1.地区生产总值增长6%。\n"
        "牵头单位:市发改委\n"
        "2.一般公共预算收入增长4%。\n"
        "牵头单位:市财政局\n"
        "3.固定资产投资增长7%。\n"
        "牵头单位:市发改委\n"
        "4.全面落实稳增长政策,统筹"
    )
    rows = _rows(text)
    assert [title for title, _l, _d in rows] == [
        "地区生产总值增长6%",
        "一般公共预算收入增长4%",
        "固定资产投资增长7%",
    ]


def test_a_row_cut_in_its_units_line_is_cut_off_with_its_figures():
    text = (
        "青川市2031年重点工作责任分解\n"
        "1.新建5G基站800个。\n"
        "责任单位:市经信局\n"
        "2.新增城镇就业3万人。\n"
        "责任单位:市人社局\n"
        "3.引进亿元以上项目不少于20个。\n"
        "责任单位:市"
    )
    assert [title for title, _l, _d in _rows(text)] == ["新建5G基站800个", "新增城镇就业3万人"]
    assert [n for n, *_rest in _targets(text)] == ["5G基站", "新增城镇就业"]


def test_the_last_row_of_a_pipe_table_short_of_cells_is_cut_off():
    text = (
        "序号 | 项目内容 | 完成情况 | 责任单位 | 责任人 |\n"
        "1 | 新增托育机构3家 | 已完成。 | 区卫健局 | 王一 |\n"
        "2 | 新增托位900个 | 已完成。 | 区卫健局 | 李二 |\n"
        "3 | 新建幼儿园2所 | 新建成投用城南幼儿园,新"
    )
    assert [(title, lead) for title, lead, _d in _rows(text)] == [
        ("新增托育机构3家", "区卫健局"),
        ("新增托位900个", "区卫健局"),
    ]


def test_the_last_row_of_a_table_one_cell_a_line_short_of_cells_is_cut_off():
    text = (
        "序号\n主要工作任务\n责任单位\n"
        "1\n地区生产总值突破2000亿元。\n市发改委\n"
        "2\n规上工业总产值突破3000亿元。\n市经信局\n"
        "3\n一般公共预算收入突破200亿元。\n市财政局\n"
        "4\n累计实际利用外资超过30亿美元"
    )
    assert [lead for _t, lead, _d in _rows(text)] == ["市发改委", "市经信局", "市财政局"]


def test_rows_ending_alike_without_full_stops_are_not_cut():
    text = "2031年工作要点\n1.新建社区食堂20家\n2.改造农贸市场6个\n3.新增停车泊位800个\n"
    assert len(_rows(text)) == 3


def test_the_count_of_the_shishi_is_no_target():
    text = (
        "2031年度民生实事共计86项,均全部完成年度目标任务。\n"
        "序号 | 项目内容 | 责任单位 |\n"
        "1 | 新增托位900个 | 区卫健局 |\n"
        "2 | 新建幼儿园2所 | 区教育局 |\n"
    )
    assert [n for n, *_rest in _targets(text)] == ["新增托位", "幼儿园"]


def test_the_figures_of_the_next_five_years_are_due_by_the_fifth_year_s_end():
    text = (
        "2031年政府工作报告重点工作责任分解\n"
        "一、未来五年主要工作任务\n"
        "1.地区生产总值突破3000亿元。（责任单位：市发改委）\n"
        "2.规上工业总产值突破5000亿元。（责任单位：市经信局）\n"
        "二、2031年主要工作任务\n"
        "1.地区生产总值增长6%。（责任单位：市发改委）\n"
    )
    assert [(n, d) for n, _c, _v, _u, d in _targets(text)] == [
        ("地区生产总值", "2035-12-31"),
        ("规上工业总产值", "2035-12-31"),
        ("地区生产总值增幅", "2031-12-31"),  # the year's own: by its end (round P)
    ]


# --- progress under a row, two measures of one work, a goal paragraph ---------------------


def test_the_progress_under_a_row_is_no_target():
    text = (
        "青川州2031年度八件民生實事1-3月推進情況\n"
        "(一)已完成任務共2項\n"
        "1.城鎮公益性崗位安置就業困難人員3200人。(責任單位:州人社局)\n"
        "推進情況:目前累計完成安置3350人,完成年度任務的104.7%。\n"
        "2.新開工棚戶區改造900套。(責任單位:州住建局)\n"
        "推進情況:已完成新開工棚戶區改造900套,完成年度任務的100%。\n"
        "3.完成2000畝礦山生態修復。(責任單位:州自然資源局)\n"
        "推進情況:目前累計完成850畝,完成年度任務的42.5%。\n"
    )
    assert [(v, u) for _n, _c, v, u, _d in _targets(text)] == [
        (3200, "人"),
        (900, "套"),
        (2000, "畝"),
    ]


def test_one_work_counted_in_two_measures():
    text = "2031年青川县民生实事\n1.新开工老旧小区改造120个1.5万户。\n2.新建公厕30座。\n"
    assert [(n, v, u) for n, _c, v, u, _d in _targets(text)][:2] == [
        ("新开工老旧小区改造", 120, "个"),
        ("新开工老旧小区改造", 15000, "户"),
    ]


def test_a_paragraph_going_on_from_the_year_of_its_goal_commits_by_then():
    text = (
        "青川:到2033年基本建成健康城市\n"
        "本报讯,市政府办公厅印发健康青川三年行动计划的通知,通知指出,到2033年,基本建成"
        "健康治理体系。推进老旧供水管道改造。农村自来水普及率99.5%以上、城乡供水工程人口"
        "覆盖率达95%。\n"
    )
    assert [(n, c, v, u, d) for n, c, v, u, d in _targets(text) if v is not None] == [
        ("农村自来水普及率", ">=", Decimal("99.5"), "%", "2033-12-31"),
        ("城乡供水工程人口覆盖率", ">=", 95, "%", "2033-12-31"),
    ]


def test_those_served_named_in_a_title_of_the_shishi():
    text = (
        "青川县2031年为民实事实施方案解读\n"
        "《方案》主要包括《城镇新增就业1500人以上》《为800名妇女开展免费健康检查》"
        "《建成幼儿园2所》等十件实事。\n"
    )
    assert ("妇女免费健康检查", ">=", 800, "名") in _undated(text)


def test_jobs_created_are_counted():
    text = (
        "2031年青川市十大民生实事\n"
        "1 发展数据服务产业,创造3000个就业岗位;\n"
        "2 建设10所幼儿园;\n"
        "3 改造20条街巷;\n"
    )
    assert ("就业岗位", ">=", 3000, "个") in _undated(text)


def test_what_the_whole_year_is_to_complete_is_due_by_its_end():
    text = (
        "青川市2031年政府工作报告十大行动\n"
        "一、投资提速行动\n"
        "-全年完成工业投资800亿元\n"
        "-新开工项目120个\n"
    )
    rows = _rows(text)
    assert rows[0] == ("全年完成工业投资800亿元", "", "2031-12-31")


# --- one numbered work on a flattened line; a fact before a semicolon ----------------------


_LONE_WORK_TEXT = (
    "青川镇年度工作计划\n"
    "2031年,我镇要坚持“规划引领、项目带动、产业提升”的基本思路,在产业发展、项目引进、"
    "城镇建管、向上争资、队伍建设等方面提质提效,推动全镇经济社会高质量发展再上新台阶,"
    "努力建设产业兴旺、生态宜居、乡风文明、治理有效、生活富裕的现代化强镇。"
    " 1、突出特色,优化结构,做强富民产业 坚持发展是第一要务,突出重点,推动产业结构调整。"
    "一产要在特色农业上求突破,我镇稻米种植面积已占全县三成以上,扩面有难度;此外要与合作社"
    "合作,试验建设120公顷稻虾共养基地,增加单位面积产值,带动农户增收,把特色农业做成镇域"
    "经济的支柱产业。二产要在农产品加工上求突破,支持现有加工企业扩能改造,延长产业链条,"
    "提高产品附加值,带动更多群众在家门口就业。\n"
)


def test_the_one_numbered_work_of_a_flattened_plan_is_a_row():
    assert [title for title, _l, _d in _rows(_LONE_WORK_TEXT)] == ["突出特色,优化结构,做强富民产业"]


def test_a_fact_before_a_semicolon_does_not_hold_back_the_work_after_it():
    assert [(n, v, u) for n, _c, v, u, _d in _targets(_LONE_WORK_TEXT)] == [
        ("稻虾共养基地", 120, "公顷")
    ]


# --- a table of projects with sub-rows, one cell a line ------------------------------------


_PROJECTS = (
    "2031年区政府民生实事项目目标任务与责任分解表\n"
    "序号\n项目\n责任单位\n建设内容\n总投资\n(万元)\n2031年\n目标进度\n"
    "1\n完善城区路网\n区城市\n建设中心\n实施青川路、白沙路提升改造工程。\n32000\n"
    "二季度开工,青川路年内完成工程量的60%,\n白沙路年内完成工程量的40%。\n"
    "区住建局\n实施滨河路路面提升工程。\n900\n5月开工,年内完工。\n"
    "2\n提升防洪能力\n区水利局\n实施城东河道整治工程。\n15000\n6月开工\n"
    "青川镇\n实施3座泵站改造。\n2600\n9月底完工。\n"
)


def test_the_sub_rows_of_a_project_are_rows_with_their_own_units():
    assert [(title, lead) for title, lead, _d in _rows(_PROJECTS)] == [
        ("实施青川路、白沙路提升改造工程", "区城市建设中心"),
        ("实施滨河路路面提升工程", "区住建局"),
        ("实施城东河道整治工程", "区水利局"),
        ("实施3座泵站改造", "青川镇"),
    ]


def test_the_progress_of_a_project_gives_its_latest_time_and_its_figures():
    rows = _rows(_PROJECTS)
    assert [date for _t, _l, date in rows][1:] == ["2031-12-31", "2031-06-30", "2031-09-30"]
    assert ("工程量", ">=", 60, "%") in _undated(_PROJECTS)


def test_a_fact_in_a_clause_before_does_not_hold_back_the_count_after_it():
    text = (
        "青川镇2031年工作要点\n"
        "1.优化园区管理。完成园区已征用地块整体规划,加快推进5公顷工业用地报批。\n"
        "2.新建村级文化广场4个。\n"
        "3.改造农村公路12公里。\n"
    )
    assert ("工业用地报批", ">=", 5, "公顷") in _undated(text)
