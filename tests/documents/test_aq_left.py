"""Forms a plan's pages take when pasted from a PDF or a justified web page (words split
by a space, Latin full stops, goals run together over ―― dashes), and figures in 万 or 亿
with no measure word: composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose, pdf_spacing


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [i.title for i in decompose(text).items]


def test_a_space_inside_a_word_the_figures_are_read_by_does_not_break_it():
    text = (
        "青岚县生态保护规划\n"
        "主要目标\n"
        "到2031年，林地保有量达 到640 万亩，草原综合植被盖度提 高到 58%以上，"
        "水土流失面积控制 在 12 万亩以 内。\n"
    )
    assert _targets(text) == {
        ("林地保有量", ">=", "640", "万亩", "2031-12-31"),
        ("草原综合植被盖度", ">=", "58", "%", "2031-12-31"),
        ("水土流失面积", "<=", "12", "万亩", "2031-12-31"),
    }


def test_a_space_between_other_characters_is_kept():
    # (a space may set real items apart: only the words figures are read by are joined)
    text = "二、做好校舍建设工作 认真抓好安全管理，确保 2031 年完成。"
    assert pdf_spacing(text) == text
    assert pdf_spacing("产量达 到 30 万吨") == "产量达到 30 万吨"


def test_latin_full_stops_of_a_pdf_end_sentences():
    text = (
        "青岚县农业发展规划\n"
        "主要目标\n"
        "农业基础更加稳固.蔬菜产量稳定在 45 万吨左右,农民收入稳步增长."
        "耕地保有量保持 38 万亩.\n"
    )
    assert _targets(text) == {
        ("蔬菜产量", "=", "45", "万吨", "None"),
        ("耕地保有量保持", ">=", "38", "万亩", "None"),
    }


def test_a_latin_stop_after_a_numeral_heading_is_left_alone():
    assert pdf_spacing("一.总体要求\n二.主要任务") == "一.总体要求\n二.主要任务"
    # (one stop on a line is no sign of a PDF's full stops)
    assert pdf_spacing("见附件.共三页。") == "见附件.共三页。"


def test_goals_run_together_over_dashes_commit_without_a_commitment_word():
    text = (
        "编辑: 青岚 2031-05-12\n"
        "6 ――现代农业走在全省前列.粮食产量稳定在全省总产量的 12%左右,农产 品供给质量"
        "显著提高. ――生态环境质量总体改善.湿地保有量达 到86 万亩,森林覆盖率达到 41%以上. "
        "――人民生活水平普遍提高.城乡居民收入稳步增 长.\n"
    )
    assert _targets(text) == {
        ("粮食产量稳定在全省总产量", "=", "12", "%", "None"),
        ("湿地保有量", ">=", "86", "万亩", "None"),
        ("森林覆盖率", ">=", "41", "%", "None"),
    }
    assert _rows(text) == []  # the plan's goals, no tasks


def test_one_dash_paragraph_alone_commits_to_nothing():
    text = (
        "青岚县情简介\n"
        "——生态环境质量总体改善。湿地面积达到86万亩，森林覆盖率达到41%。\n"
        "全县辖8个乡镇。\n"
    )
    assert _targets(text) == set()


def test_dash_paragraphs_naming_their_units_stay_rows():
    text = (
        "青岚县2031年重点工作分工方案\n"
        "总体要求\n"
        "——产业能级提升。新建标准化厂房20万平方米，由县工信局牵头负责。\n"
        "——城乡面貌改善。改造老旧小区12个，由县住建局牵头负责。\n"
    )
    assert _rows(text) == ["——产业能级提升", "——城乡面貌改善"]


def test_a_population_in_wan_without_its_measure_is_counted_in_people():
    text = (
        "青岚市城镇体系规划\n"
        "规划远期 2035 年市域城镇化水平达到 70%，城镇人口控制在 96 万以内，"
        "城镇户数达到 30 万。\n"
    )
    targets = _targets(text)
    assert ("城镇人口", "<=", "960000", "人", "2035-12-31") in targets
    assert ("城镇户数", ">=", "300000", "户", "2035-12-31") in targets


def test_a_figure_in_wan_whose_object_implies_no_measure_stays_a_plain_number():
    text = "青岚县文旅发展规划\n主要目标\n到2031年，游客接待量突破300万，项目投资达到3亿。\n"
    assert _targets(text) == {
        ("游客接待量", ">", "3000000", "", "2031-12-31"),
        ("项目投资", "=", "3", "亿元", "2031-12-31"),  # (a sum: its 元 left out)
    }
