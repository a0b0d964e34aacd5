"""Forms met on a twentieth held-out set (set T), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.core.periods import item_deadline
from mingzhu.documents.decompose import decompose
from mingzhu.documents.reading import decode

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- reading ---------------------------------------------------------------------------------


def test_a_post_with_emoji_after_its_lines_is_read_and_its_sentences_end_where_they_end():
    text = (
        "青川县2031年工作报告📜\n"
        "展望2031年工作目标🎯\n"
        "2031年,我们将努力实现以下目标:\n"
        "经济稳步发展,确保地区生产总值增长6%。📈💪\n"
        "基础设施提速,新建农村公路120公里,全面提升通行条件。🚗🌊\n"
    )
    read, encoding = decode(text.encode("utf-8"))
    assert (read, encoding) == (text, "utf-8")
    assert _rows(read) == []  # the year's goals, no tasks
    assert _targets(read) == [
        ("地区生产总值增幅", ">=", Decimal("6"), "%", "2031-12-31"),
        ("农村公路", ">=", Decimal("120"), "公里", "2031-12-31"),
    ]


def test_a_goals_part_cut_in_its_last_clause_keeps_its_whole_clauses():
    text = (
        "青川县2031年政府工作报告(摘要)\n"
        "一、2030年工作回顾\n"
        "过去一年,地区生产总值增长6%,城镇新增就业1.2万人。\n"
        "二、2031年发展总体要求\n"
        "今年是规划收官之年,主要预期目标是:地区生产总值增长5%左右;城镇新增就业1.1万人以上;"
        "居民收入增长和经济增长同步\n"
    )
    assert _rows(text) == []  # a look back and a goals part: no tasks
    assert _targets(text) == [
        ("地区生产总值增幅", "=", Decimal("5"), "%", "2031-12-31"),
        ("城镇新增就业", ">=", Decimal("11000"), "人", "2031-12-31"),
    ]


# --- parts of a report ------------------------------------------------------------------------


def test_a_part_looking_back_is_no_task_and_its_figures_are_no_targets():
    text = (
        "青川县2031年政府工作报告(摘要)\n"
        "一、2030年工作回顾\n"
        "过去一年,新建农村公路80公里,新增城镇就业3000人。\n"
        "二、2031年工作安排\n"
        "1.建设农村公路。新建农村公路100公里。\n"
        "2.稳定就业。新增城镇就业3500人。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["建设农村公路", "稳定就业"]
    assert [(t[0], t[2]) for t in _targets(text)] == [
        ("农村公路", Decimal("100")),
        ("新增城镇就业", Decimal("3500")),
    ]


def test_a_part_whose_body_opens_on_the_year_s_expected_targets_is_a_goals_part():
    text = (
        "青川县2031年政府工作报告(摘要)\n"
        "一、2031年经济社会发展总体要求\n"
        "今年是关键之年,主要预期目标是:地区生产总值增长6%左右;一般公共预算收入增长5%。\n"
        "二、2031年重点工作\n"
        "1.建设农村公路。新建农村公路100公里。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["建设农村公路"]
    assert [(t[0], t[2]) for t in _targets(text)] == [
        ("地区生产总值增幅", Decimal("6")),
        ("一般公共预算收入增幅", Decimal("5")),
        ("农村公路", Decimal("100")),
    ]


def test_points_a_sentence_introduces_as_goals_are_no_tasks():
    text = (
        "2031年青川镇项目推进工作方案\n"
        "2031年青川镇项目推进工作方案 一、背景与目标 为推进项目建设,制定本方案。 2031年的"
        "项目推进工作目标如下: 1.提升基础设施水平; 2.改善农村人居环境; 3.推动生态环境改善; "
        "4.提升居民生活品质。\n"
        "二、推进措施与计划 1.推进集镇建设 (1)加快集镇道路改造,提高通行"
        "效率。 (2)加强集镇公共设施建设,提升居民幸福感。 (3)加强集镇管理,提升集镇面貌。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == [
        "加快集镇道路改造,提高通行效率",
        "加强集镇公共设施建设,提升居民幸福感",
        "加强集镇管理,提升集镇面貌",
    ]


# --- rows ------------------------------------------------------------------------------------


def test_two_works_alike_at_both_ends_inside_a_paragraph_are_rows():
    text = (
        "青川镇2031年主要工作目标\n"
        "2031年,青川镇将以三大工程为抓手,建设生态旅游镇。实施道路提升工程。新建镇村道路"
        "12公里,完成路灯改造。实施产业培育工程。培育家庭农场20家。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["实施道路提升工程", "实施产业培育工程"]


def test_a_session_number_at_a_line_s_head_is_no_heading():
    text = (
        "青川乡2031年工作计划\n"
        "全乡工作的指导思想是:认真贯彻县委十二届\n"
        "五、六次会议精神,努力实现经济社会又好又快发展。\n"
        "一、发展现代农业\n"
        "发展生猪大户8户。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["发展现代农业"]


def test_a_sharing_site_s_notes_above_the_text_are_no_rows():
    text = (
        "温馨提示:\n"
        "1. 文件预览时可能显示错乱,下载后无此问题。\n"
        "2. 本文档由用户上传,如有争议请联系客服。\n"
        "网站客服:12345678\n"
        "青川镇2031年工作要点\n"
        "一、改善人居环境\n"
        "完成农村改厕300户。\n"
    )
    assert [t for t, _l, _d in _rows(text)] == ["改善人居环境"]


# --- years -----------------------------------------------------------------------------------


def test_a_plan_opening_on_its_year_dates_its_targets():
    text = (
        "乡镇政府工作计划\n"
        "2031年是推进乡村振兴的关键一年。\n"
        "一、发展现代农业\n"
        "确保发展生猪大户8户,规划农家乐10家。\n"
    )
    assert [(t[0], t[4]) for t in _targets(text)] == [
        ("发展生猪大户", "2031-12-31"),
        ("规划农家乐", "2031-12-31"),
    ]


def test_a_year_s_plan_run_into_its_first_line_names_the_year():
    text = (
        "12031年街道2031年工作规划今年是规划的关键之年,全街道要真抓实干。(一)坚持党建引领,"
        "夯实基层基础一是完成换届选举,力争五星级党组织达到50%以上。二是壮大集体经济,力争"
        "培育2个示范合作社。(二)坚持项目引领,推进重点项目\n"
    )
    assert [(t[0], t[4]) for t in _targets(text)] == [
        ("五星级党组织", "2031-12-31"),
        ("示范合作社", "2031-12-31"),
    ]


def test_dang_nian_before_a_count_or_after_yi_is_no_time_limit():
    assert item_deadline("以当年3个示范村工程为抓手,推进人居环境整治", 2031)[0] is None
    assert item_deadline("当年的重点项目全部开工", 2031)[0] is None
    assert str(item_deadline("新建项目当年开工、当年投产", 2031)[0]) == "2031-12-31"


def test_a_grain_output_in_wan_yi_jin_is_a_target():
    text = "2031年主要预期目标是:粮食产量1.4万亿斤左右;单位国内生产总值能耗降低3%左右。\n"
    assert _targets(text) == [
        ("粮食产量", "=", Decimal("1.4"), "万亿斤", "2031-12-31"),
        ("单位国内生产总值能耗降幅", "=", Decimal("3"), "%", "2031-12-31"),
    ]


def test_rows_read_as_decomposed():
    # (The decomposition keeps the text's own characters, emoji aside.)
    text = "青川县2031年工作要点\n一、建设农村公路🚗\n新建农村公路100公里。\n"
    assert "🚗" not in decompose(text).text
