"""Forms met on a twenty-seventh held-out set (set AA), and misses carried over from set Z,
each on a short example written for the test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a table one row a line, its cells between bars -------------------------------------------


def test_a_bar_table_whose_task_is_broken_down_with_merged_group_cells():
    text = (
        "某市司法局2031年普法工作任务台账 |\n"
        "序号 | 工作任务 | 细化分工 | 责任科室 | 完成时限 | 备注 |\n"
        "1 | 深化法治宣传 | 组织法律进社区活动,覆盖全部社区 "
        "| 普法科、律管科等按职责分工落实 | 长期推进 |\n"
        "|\n"
        "2 | 开展宪法宣传周活动 | 普法科 | 2031年12月前 |\n"
        "|\n"
        "3 | 公开执法信息 | 整理年度行政执法数据并公开 | 法制科会办公室 "
        "| 2031年3月公布数据,2031年9月公布报告 |\n"
        "|\n"
    )
    d = decompose(text)
    rows = [(i.title, i.named_lead, i.named_co, i.deadline, i.long_running) for i in d.items]
    assert rows == [
        ("组织法律进社区活动,覆盖全部社区", "普法科", ["律管科"], None, True),
        ("开展宪法宣传周活动", "普法科", [], dt.date(2031, 12, 31), False),
        ("整理年度行政执法数据并公开", "法制科", ["办公室"], dt.date(2031, 9, 30), False),
    ]


# --- a page's bullets, a group heading with a short word on how -------------------------------


def test_a_pages_bullets_before_fields_and_a_heading_are_markup():
    text = (
        "  • 文字:\n"
        "    保护视力色:\n"
        "    2031年全县林业工作要点\n"
        "  • 来源:县林业局\n"
        "  • 阅读:\n"
        "  • 一、主要任务\n"
        "    1.推进国土绿化。完成造林面积3000亩。\n"
        "    2.加强森林防火。建成防火瞭望塔2座。\n"
    )
    d = decompose(text)
    assert d.title == "2031年全县林业工作要点"
    assert [i.title for i in d.items] == ["推进国土绿化", "加强森林防火"]


def test_a_group_heading_with_a_short_word_on_how_over_numbered_rows():
    text = (
        "二、主要任务\n"
        "(一)强化项目支撑,加快重点工程建设。坚持“建设一批、储备一批”的思路,提速提效。\n"
        "1.加快续建项目进度。推进20项续建项目,完成年度投资12亿元。\n"
        "2.提高新建项目开工率。确保新开工项目5个以上。\n"
        "(二)强化河湖管护。\n"
        "1.落实河湖长制。开展河湖巡查。\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == [
        "加快续建项目进度",
        "提高新建项目开工率",
        "落实河湖长制",
    ]


# --- a part naming the year's main figures ----------------------------------------------------


def test_the_points_of_a_part_naming_the_years_main_figures_are_goals_dated_by_it():
    text = (
        "法规网--中国政策信息搜索网\n"
        "某县人民政府办公室关于下达促进就业工作目标的通知\n"
        "各乡镇人民政府:\n"
        "  一、2031年全县促进就业主要指标\n"
        "  1、全县城镇登记失业率控制在3.5%以内。\n"
        "  2、全县城镇新增就业人数1.2万人以上。\n"
        "  二、各乡镇要把促进就业作为优先目标,落实积极就业政策。\n"
    )
    d = decompose(text)
    assert d.title == "某县人民政府办公室关于下达促进就业工作目标的通知"
    assert [i.title for i in d.items if "失业率" in i.title or "新增就业" in i.title] == []
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets] == [
        ("城镇登记失业率", "<=", Decimal("3.5"), "%", dt.date(2031, 12, 31)),
        ("城镇新增就业人数", ">=", Decimal("12000"), "人", dt.date(2031, 12, 31)),
    ]


def test_a_goals_point_naming_its_unit_stays_a_row():
    text = (
        "某县2031年工作方案\n"
        "一、主要指标\n"
        "1、城镇新增就业3000人以上。（县人社局负责）\n"
        "2、城镇登记失业率控制在4%以内。\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [("城镇新增就业3000人以上", "县人社局")]


def test_a_volume_in_yi_cubic_metres():
    text = "一、总体目标\n2031年,全县用水总量控制在2.5亿立方米以下。\n"
    d = decompose(text)
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in d.targets] == [
        ("用水总量", "<", Decimal("2.5"), "亿立方米")
    ]


# --- targets -----------------------------------------------------------------------------------


def test_the_share_of_a_whole_the_named_ones_reach():
    text = (
        "一、重点任务\n"
        "1.加大违建整治力度。12 月底前全县无违建村达到全县村总数的 70%。\n"
        "2.发展乡村旅游。星级农家乐数量占全县农家乐总数的30%以上。\n"
    )
    d = decompose(text)
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in d.targets] == [
        ("无违建村", ">=", Decimal("70"), "%"),
        ("星级农家乐", ">=", Decimal("30"), "%"),
    ]


def test_about_so_much_area_after_a_count_of_projects():
    text = (
        "一、重点任务\n"
        "1.加快城中村改造。6月底前开工城中村改造项目 12个,约 48 万平方米,涉及居民 3000 户。\n"
    )
    d = decompose(text)
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in d.targets] == [
        ("城中村改造项目", ">=", Decimal("12"), "个"),
        ("城中村改造项目", "=", Decimal("48"), "万平方米"),
    ]


def test_people_counted_in_renkou_by_the_work_that_serves_them():
    text = "一、工作目标\n2031年,新建集中供水工程8处,共改善32000人口的农村饮用水工程。\n"
    d = decompose(text)
    assert [(t.indicator, t.value, t.unit) for t in d.targets] == [
        ("集中供水工程", Decimal("8"), "处"),
        ("农村饮用水工程", Decimal("32000"), "人"),
    ]


# --- the document's year -----------------------------------------------------------------------


def test_a_year_of_what_is_done_already_is_not_the_years_plan():
    text = (
        "某市文明城市创建行动方案\n"
        "一、开展整治行动\n"
        "1.加大违建整治力度。12月底前完成存量违建整治。"
        "对2030年已达标的街道进行提档升级。\n"
    )
    d = decompose(text)
    assert d.year is None
    assert d.items[0].deadline is None


# --- rows cut at the passage's end, signatures, table cells ------------------------------------


def test_a_row_stopped_after_a_closing_quotation_mark_is_cut():
    text = (
        "三、实施步骤\n"
        "1、前期准备。3月底前完成勘察设计和招标工作,落实建设资金。\n"
        "2、组织施工。6月底前完成主体工程建设,确保工程质量。\n"
        "3、工程验收。工程完工后,由县水利局组织开展“竣工验收、移交管护”\n"
    )
    assert [i.title for i in decompose(text).items] == ["前期准备", "组织施工"]


def test_a_name_signing_the_passage_is_no_rows_units():
    text = (
        "一、主要任务\n"
        "(1)开展危化品企业专项检查,整改隐患。\n"
        "(2)建立企业安全培训考核制度。\n"
        "某县应急管理局\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("开展危化品企业专项检查,整改隐患", ""),
        ("建立企业安全培训考核制度", ""),
    ]


def test_co_unit_cells_closed_by_a_full_stop_in_a_table_one_cell_a_line():
    text = (
        "某区卫健委2031年重点工作任务分解表\n"
        "序号\n"
        "重点工作任务\n"
        "主要责任单位\n"
        "协同配合单位\n"
        "1\n"
        "推进区人民医院新院区建设,年底前主体封顶。\n"
        "区卫健委\n"
        "区住建局。\n"
        "2\n"
        "深化紧密型医共体建设,提升基层服务能力。\n"
        "区卫健委\n"
        "各乡镇卫生院、区医保局。\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.named_co) for i in d.items] == [
        ("区卫健委", ["区住建局"]),
        ("区卫健委", ["各乡镇卫生院", "区医保局"]),
    ]


# --- a sharing site's preview run into one line ------------------------------------------------


def test_a_preview_run_into_one_line_its_title_and_its_aims_part_cut():
    text = (
        "某县安全生产三年行动计划(2031-2033年)(12頁).docx\n"
        "下載文檔\n"
        "1、某县安全生产三年行动计划(2031-2033年)为提高安全生产水平,结合我县实际,"
        "制定如下行动计划。一、总体要求到2033年,安全生产形势持续稳定好转。"
        "亿元GDP生产安全事故死亡率控制在0.02以内,"
        "群体性突发事件有效处置率达100%。2、-建成县级应急指挥平台,形成应急指挥"
    )
    d = decompose(text)
    assert d.items == []
    assert [(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets] == [
        ("亿元GDP生产安全事故死亡率", "<=", Decimal("0.02"), "", dt.date(2033, 12, 31)),
        ("群体性突发事件有效处置率", ">=", Decimal("100"), "%", dt.date(2033, 12, 31)),
    ]


def test_a_set_of_slogans_counted_in_words_is_no_count_of_work():
    text = "一、总体目标\n2031年,加快推进三个“一号工程”,建设5个“美丽河湖”。\n"
    d = decompose(text)
    assert [(t.indicator, t.value, t.unit) for t in d.targets] == [
        ("“美丽河湖”", Decimal("5"), "个")
    ]
