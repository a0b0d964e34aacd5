"""Forms of published task lists met on a twelfth held-out set (set L), each on a short
example written for the test (names, figures and dates invented): the 实事 of a year listed
after 即 between semicolons, a sum then the work it pays for, a progress notice whose
opening names the 民生工程 of a year, rows as labelled lines naming their unit in the run
of the sentence, a table in traditional characters with a second header line, and a
progress report whose rows open with their work and the years it spans."""

from decimal import Decimal

from mingzhu.core.periods import item_deadline
from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- the 实事 of a year listed after 即 ------------------------------------------------------


_LISTED = (
    "东坝县今年将为群众办好八件民生实事\n"
    "记者从县人代会上获悉，这八件实事涉及教育、交通、饮水等领域，即投资820万元，"
    "实施3个村的饮水管网延伸工程；投资1500万元，建设城东大桥；投资640万元，"
    "在南岭等6村实施河道综合治理工程。投资900万元，建成县第三小学教学楼。\n"
)


def test_the_works_of_a_shishi_list_after_ji_are_tasks():
    rows = _rows(_LISTED)
    assert [title for title, _lead, _date in rows] == [
        "投资820万元，实施3个村的饮水管网延伸工程",
        "投资1500万元，建设城东大桥",
        "投资640万元，在南岭等6村实施河道综合治理工程",
        "投资900万元，建成县第三小学教学楼",
    ]
    assert {date for _t, _l, date in rows} == {None}  # the text names no year


def test_a_sum_then_the_work_it_pays_for_is_named_by_the_work():
    sums = [
        (n, comp, value, unit) for n, comp, value, unit, _d in _targets(_LISTED) if unit == "万元"
    ]
    assert sums == [
        ("饮水管网延伸工程投资", "=", 820, "万元"),
        ("城东大桥投资", "=", 1500, "万元"),
        ("河道综合治理工程投资", "=", 640, "万元"),
        ("县第三小学教学楼投资", "=", 900, "万元"),
    ]


def test_a_shishi_list_of_a_named_year_is_due_by_its_end():
    text = _LISTED.replace("今年", "2028年")
    assert {date for _t, _l, date in _rows(text)} == {"2028-12-31"}


# --- a progress notice on the 民生工程 of a year ---------------------------------------------


def test_the_rows_of_a_notice_on_the_minsheng_gongcheng_of_a_year_are_due_by_its_end():
    text = (
        "为扎实推进我市2028年民生工程实施工作，现将1至5月实施进度通报如下：\n"
        "一、各县区民生工程实施进度综合排名\n"
        "第一名东坝县；第二名南岭县。\n"
        "二、部分项目进展情况\n"
        "1、城乡道路畅通工程，牵头部门：市交通运输局。进度较慢的为南岭县。\n"
        "2、农村供水保障工程，牵头部门：市水务局。未开工的为西河区。\n"
    )
    assert _rows(text) == [
        ("城乡道路畅通工程", "市交通运输局", "2028-12-31"),
        ("农村供水保障工程", "市水务局", "2028-12-31"),
    ]


# --- rows as labelled lines -------------------------------------------------------------------


def test_labelled_lines_naming_their_unit_are_rows_and_the_label_names_the_figure():
    text = (
        "2028年度考核指标目标设定情况汇报\n"
        "一、区人代会考核指标设置情况\n"
        "地区生产总值：增长6.5%左右（依据全市7%平均水平设置），责任单位为区发展改革局；\n"
        "规模以上工业增加值：增长8%（高于全省平均水平），责任单位为区工信局；\n"
        "高新技术企业数：新增12家以上（居全市前列），责任单位为区科技局；\n"
        "固定资产投资：增长9%，责任单位为区发展改革局；"
        "技改投资占工业投资比重35%（依据全市目标设置），责任单位为区工信局；\n"
    )
    assert _rows(text) == [
        ("地区生产总值", "区发展改革局", None),
        ("规模以上工业增加值", "区工信局", None),
        ("高新技术企业数", "区科技局", None),
        ("固定资产投资", "区发展改革局", None),
        ("技改投资占工业投资比重", "区工信局", None),  # a second row on the line
    ]
    named = [(name, comp, value, unit) for name, comp, value, unit, _d in _targets(text)]
    assert named[:3] == [
        ("地区生产总值增幅", "=", Decimal("6.5"), "%"),
        ("规模以上工业增加值增幅", ">=", 8, "%"),
        ("高新技术企业数", ">=", 12, "家"),
    ]


# --- a table in traditional characters with a second header line ----------------------------


def test_a_pipe_table_with_a_second_header_line_and_dropped_cells():
    text = (
        "序號 | 項目名稱 | 建設規模及內容 | 總投資 | 建設起止年限 | 2028年工作計劃 | "
        "責任單位 | 備註 |\n"
        "投資 | 形象進度 |\n"
        "1 | 城南幼兒園新建工程 | 在城南片區新建公辦幼兒園1所，設12個班，可提供學位360個 | "
        "2600 | 2028 | 2600 | 建成 | 縣教育局 | |\n"
        "2 | 老年食堂提升工程 | 對城區8處老年食堂進行適老化改造，增設助餐點5個 | "
        "400 | 2028-2029 | 200 | 完成 | 縣民政局 | |\n"
    )
    assert _rows(text) == [
        ("城南幼兒園新建工程", "縣教育局", "2028-12-31"),
        ("老年食堂提升工程", "縣民政局", "2029-12-31"),
    ]


def test_a_time_limit_of_years_is_the_end_of_the_last():
    day, words, _long = item_deadline("完成时限：2028-2029", 2028)
    assert day.isoformat() == "2029-12-31" and words == "2028-2029"


# --- a progress report whose rows open with their work and the years it spans --------------


def test_rows_opening_with_their_work_and_years_report_after_it():
    text = (
        "按照全市部署，各区县落实责任，2028年重点民生实事主要进度如下：\n"
        "1200个村通客车（2027—2029年）。上半年已开通线路86条，累计解决了1015个村通客车，"
        "占总计划的84.6%。\n"
        "30万人农村供水提质（2028—2029年）。上半年已建成工程120处，惠及群众8.6万人。\n"
    )
    assert _rows(text) == [
        ("1200个村通客车", "", "2029-12-31"),
        ("30万人农村供水提质", "", "2029-12-31"),
    ]
    assert _targets(text) == [
        ("村通客车", ">=", 1200, "个", "2029-12-31"),
        ("农村供水提质", ">=", 300000, "人", "2029-12-31"),
    ]


# --- a table of scored indicators one cell a line ---------------------------------------------


_SCORED = (
    "附件\n"
    "东坝区2028年度目标任务分解表\n"
    "项 目\n分值\n目标任务\n考核单位\n"
    "经济发展\n"
    "地区生产总值增长率\n3\n年终按全市平均水平考核\n区发展改革局区统计局\n"
    "消费品零售总额增长率\n2\n"
    "固定资产投资额\n3\n210\n区发展改革局\n"
    "重点项目投资\n2\n36.5\n"
    "经济发展\n"
    "城镇调查失业率\n1\n低于 5.5\n区人社局\n"
)


def test_a_scored_table_one_cell_a_line_gives_rows_sharing_merged_cells():
    assert _rows(_SCORED) == [
        ("地区生产总值增长率", "区发展改革局", None),
        ("消费品零售总额增长率", "区发展改革局", None),
        ("固定资产投资额", "区发展改革局", None),
        ("重点项目投资", "区发展改革局", None),
        ("城镇调查失业率", "区人社局", None),
    ]


def test_the_targets_of_a_scored_table_are_its_figures_without_units():
    assert _targets(_SCORED) == [
        ("固定资产投资额", ">=", 210, "", None),
        ("重点项目投资", ">=", Decimal("36.5"), "", None),
        ("城镇调查失业率", "<", Decimal("5.5"), "", None),
    ]


# --- a document-sharing page in numbered chunks, and a level, its increase and its growth --


_CHUNKS = (
    "1、东岭乡2028年工作要点 2028年是推进乡村全面振兴的关键之年。乡党委政府将在县委、县政府的"
    "领导下，围绕“强产业、美环境、优服务”的工作思路，扎实做好各项工作，力争各项工作走在全县前列，"
    "为全乡经济社会高质量发展打下坚实基础。 全年经济社会发展预期目标：全乡生产总值达3.15亿元，"
    "比上年增加0.28亿元，增长9.5%；农民人均可支配收入达16800元，增加1200元，增长7.7%。 "
    "一、强产业 1.做优茶叶产业。依托东岭茶业合作社，建设茶叶标准化基地，坚决杜绝使用高毒\n"
    "2、高残留农药，完成茶园提质改造2000亩；推进茶叶加工标准化，提高茶叶附加值，增加茶农收入，"
    "扩大东岭茶叶品牌影响，推动茶产业与乡村旅游融合发展，带动更多农户参与茶叶种植加工。 "
    "2.实施高标准农田建设项目5600亩，改善群众生产条件。 二、美环境 3.加大绿化投入。"
    "完成村庄绿化美化12个。\n"
)


def test_the_numbered_chunks_of_a_sharing_page_are_no_items():
    assert [title for title, _lead, _date in _rows(_CHUNKS)] == [
        "做优茶叶产业",
        "实施高标准农田建设项目5600亩，改善群众生产条件",
        "加大绿化投入",
    ]


def test_a_level_its_increase_and_its_growth_are_three_targets_of_the_year():
    assert _targets(_CHUNKS)[:6] == [
        ("全乡生产总值", ">=", Decimal("3.15"), "亿元", "2028-12-31"),
        ("全乡生产总值增加", ">=", Decimal("0.28"), "亿元", "2028-12-31"),
        ("全乡生产总值增幅", ">=", Decimal("9.5"), "%", "2028-12-31"),
        ("农民人均可支配收入", ">=", 16800, "元", "2028-12-31"),
        ("农民人均可支配收入增加", ">=", 1200, "元", "2028-12-31"),
        ("农民人均可支配收入增幅", ">=", Decimal("7.7"), "%", "2028-12-31"),
    ]


# --- a project paragraph with 余 and a total investment -------------------------------------


def test_yu_after_a_figure_is_a_floor_and_a_total_investment_a_sum():
    text = (
        "东岭镇2028年工作计划\n"
        "一是推进产业项目。2028年共谋划项目2个：\n"
        "（一）东岭茶园提升项目：该项目位于东岭村，总投资260万元，占地300余亩，"
        "预计2028年9月竣工。\n"
        "（二）西河冷链仓储项目：冷库库容达8000余立方米，年周转果蔬达到20000余吨，"
        "预计2028年11月竣工。\n"
    )
    assert _targets(text) == [
        ("总投资", "=", 260, "万元", "2028-09-30"),
        ("占地", ">=", 300, "亩", "2028-09-30"),
        ("冷库库容", ">=", 8000, "立方米", "2028-11-30"),
        ("年周转果蔬", ">=", 20000, "吨", "2028-11-30"),
    ]


# --- the households and people a work serves ------------------------------------------------


def test_the_households_and_people_of_a_work_and_those_whose_problem_it_solves():
    text = (
        "2028年东坝县确定八件民生实事分别是：投资2100万元，实施4村318户1260人的易地搬迁工程；"
        "投资560万元，建设县儿童福利院，解决80名孤儿的集中供养问题；投资300万元，建设城北公园。\n"
    )
    assert _targets(text) == [
        ("易地搬迁工程投资", "=", 2100, "万元", "2028-12-31"),
        ("易地搬迁工程", ">=", 318, "户", "2028-12-31"),
        ("易地搬迁工程", ">=", 1260, "人", "2028-12-31"),
        ("县儿童福利院投资", "=", 560, "万元", "2028-12-31"),
        ("孤儿的集中供养问题", ">=", 80, "名", "2028-12-31"),
        ("城北公园投资", "=", 300, "万元", "2028-12-31"),
    ]


def test_what_is_bought_is_counted():
    text = "1.提升基层医疗能力。采購2輛負壓救護車，購置图书1200册。（牵头单位：县卫健局）\n"
    assert [(name, value, unit) for name, _c, value, unit, _d in _targets(text)] == [
        ("負壓救護車", 2, "輛"),
        ("图书", 1200, "册"),
    ]


def test_a_yi_shi_paragraph_announcing_the_projects_below_groups_them():
    text = (
        "东岭镇2028年工作计划\n"
        "一是推进产业项目。2028年共谋划项目2个：\n"
        "（一）东岭茶园提升项目：该项目位于东岭村，总投资260万元，预计2028年9月竣工。\n"
        "（二）西河冷链仓储项目：该项目位于西河村，占地20亩，预计2028年11月竣工。\n"
        "二是全面推进基层党建。\n"
    )
    d = decompose(text)
    assert [(s.title, [(i.title, i.heading) for i in s.items]) for s in d.sections][0] == (
        "推进产业项目",
        [("东岭茶园提升项目", "推进产业项目"), ("西河冷链仓储项目", "推进产业项目")],
    )


def test_a_work_done_on_counted_places_and_what_they_hold():
    text = (
        "1.護眼燈光工程。對全縣45所中小學校980間教室照明進行護眼燈光提升。（牵头单位：县教育局）\n"
    )
    assert [(name, value, unit) for name, _c, value, unit, _d in _targets(text)] == [
        ("中小學校護眼燈光提升", 45, "所"),
        ("教室照明護眼燈光提升", 980, "間"),
    ]


# --- a covering notice's instructions --------------------------------------------------------


def test_the_instructions_of_a_notice_told_to_the_main_and_other_units_are_no_tasks():
    text = (
        "2028年县政府重点工作任务（东政发〔2028〕3号）\n"
        "各乡镇人民政府、县直各单位：\n"
        "《2028年县政府重点工作任务分解》已经县人民政府同意，现印发给你们，请认真抓好贯彻落实。\n"
        "一、压实工作责任。重点工作任务实行县领导牵头负责制；主要责任单位要切实履行主体责任；"
        "其他责任单位要积极配合。\n"
        "二、制定推进计划。各主要责任单位要对照目标任务制定推进计划，于2028年3月20日前报县政府"
        "督查室备案。\n"
        "三、加强调度协调。县领导要定期调度；各主要责任单位要主动协调。\n"
        "四、严格督查考核。重点工作任务完成情况纳入年度绩效考核，严格实行\n"
    )
    assert _rows(text) == []


def test_the_expected_targets_of_a_report_in_traditional_characters_commit():
    text = (
        "政府工作報告提出：2028年東壩市經濟社會發展預期目標\n"
        "經濟社會發展的主要預期目標是：地區生產總值增長6%；規模工業增加值增長7%；"
        "城鎮登記失業率控制在4.5%以內。\n"
    )
    assert [(name, comp, value) for name, comp, value, _u, _d in _targets(text)] == [
        ("地區生產總值增幅", ">=", 6),
        ("規模工業增加值增幅", ">=", 7),
        ("城鎮登記失業率", "<=", Decimal("4.5")),
    ]


def test_the_parts_of_a_reading_that_describe_the_document_are_no_tasks():
    text = (
        "东坝市解读2028年市政府工作报告重点工作任务分工方案\n"
        "一、全面推进政府工作的重要意义\n"
        "市政府工作报告确定的各项工作任务是向全市人民作出的庄严承诺，具有重要意义。\n"
        "二、分工方案的主要内容\n"
        "分工方案对8大主题进行了细化分解，共分成120项工作任务。\n"
    )
    assert _rows(text) == []


# --- sums of a news item on the 实事, lamps and metres ----------------------------------------


def test_a_projects_total_investment_and_a_sum_before_the_counted_work():
    text = (
        "东坝县2028年十件民生实事确定\n"
        "今年，东坝县总投资5.2亿元的城南水厂将在年内开工建设；投资2600万元建成公租房320套，"
        "改造农村危房150户。\n"
    )
    assert [(name, comp, value, unit) for name, comp, value, unit, _d in _targets(text)] == [
        ("城南水厂总投资", "=", Decimal("5.2"), "亿元"),
        ("公租房", ">=", 320, "套"),
        ("公租房投资", "=", 2600, "万元"),
        ("改造农村危房", ">=", 150, "户"),
    ]


def test_lamps_and_metres_are_measures_and_a_problem_improved_for_people_counts_them():
    text = (
        "一、2028年村内基础设施提升工程\n"
        "安装太阳能路灯800盏，铺设雨水管网420米。\n"
        "二、2028年农村饮水维修养护工程\n"
        "维修更换机泵、阀门，有效改善6万人口的饮水安全问题。\n"
    )
    assert [(value, unit) for _n, _c, value, unit, _d in _targets(text)] == [
        (800, "盏"),
        (420, "米"),
        (60000, "人"),
    ]


def test_a_quarter_or_half_of_a_named_year_is_its_end_not_the_years():
    assert item_deadline("完成时限：2028年第三季度", None)[0].isoformat() == "2028-09-30"
    assert item_deadline("2029年上半年完成", 2028)[0].isoformat() == "2029-06-30"


def test_a_report_that_looks_ahead_still_commits():
    text = (
        "按照全市部署，2028年重点民生实事主要进度如下：\n"
        "1200个村通客车（2027—2029年）。上半年已开通线路86条；下一步，力争年底前新开通线路40条。\n"
        "300个村环境整治（2027—2028年）。上半年，累计完成了210个村。\n"
    )
    assert [(name, value) for name, _c, value, _u, _d in _targets(text)] == [
        ("村通客车", 1200),
        ("新开通线路", 40),
        ("村环境整治", 300),
    ]
