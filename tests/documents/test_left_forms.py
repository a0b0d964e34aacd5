"""Forms the held-out rounds found and left: a notice of its own setting up meetings, a
纪要's topic line that decides nothing, a point of a part of instructions that names its
unit, a 督查通报's long quoted item. Composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _rows(text):
    return [(i.title, i.named_lead, tuple(i.named_co)) for i in decompose(text).items]


def _targets(text):
    return [(t.indicator, t.comparator, str(t.value), t.unit) for t in decompose(text).targets]


def test_the_points_of_a_notice_setting_up_meetings_are_no_tasks():
    text = (
        "临溪县人民政府办公室关于建立重点项目调度机制的通知\n"
        "各乡镇人民政府,县直各部门:\n"
        "为加快推进全县重点项目建设,经县政府同意,现将有关事项通知如下:\n"
        "一、将全县重大项目纳入月调度机制,每月召开一次调度会议,由县长主持。\n"
        "二、为抓好重点项目建设,县政府每周召开周调度会,听取项目推进情况。\n"
        "三、建立重点项目联席会议制度,协调解决项目推进中的问题。\n"
        "四、各项目责任单位每月25日前报送项目进展情况。\n"
        "五、对调度中发现的问题,县政府督查室跟踪督办。\n"
        "临溪县人民政府办公室\n2028年3月6日\n"
    )
    assert _rows(text) == []


def test_the_points_of_a_notice_that_are_work_stay_rows():
    # a notice of its own too, its points work without units: rows
    text = (
        "临溪县人民政府办公室关于做好春季植树造林工作的通知\n"
        "各乡镇人民政府,县直各部门:\n"
        "为做好今年春季植树造林工作,现将有关事项通知如下:\n"
        "一、完成人工造林1.2万亩,新建村庄绿化示范点10个。\n"
        "二、实施国道沿线绿化提升工程,补植行道树3000株。\n"
        "三、开展森林防火隐患排查,建立隐患整改台账。\n"
        "临溪县人民政府办公室\n2028年2月20日\n"
    )
    assert [r[0] for r in _rows(text)] == [
        "完成人工造林1.2万亩,新建村庄绿化示范点10个",
        "实施国道沿线绿化提升工程,补植行道树3000株",
        "开展森林防火隐患排查,建立隐患整改台账",
    ]
    # and the points of a notice that name their units are rows however they begin
    text = (
        "临溪县人民政府督查室关于开展重点工作专项督查的通知\n"
        "各乡镇人民政府,县直有关部门:\n现将有关事宜通知如下:\n"
        "一、重点督办事项\n"
        "1.将集镇污水管网改造纳入月调度,完善收集处理设施。(责任单位:县住建局)\n"
        "2.实施农贸市场提升工程,规范周边摊点。(责任单位:县市场监管局)\n"
        "3.建立城区停车场建设周调度机制,新增停车位500个。(责任单位:县城管局)\n"
        "二、几点要求\n请各单位高度重视,按时报送进展情况。\n"
    )
    assert [r[1] for r in _rows(text)] == ["县住建局", "县市场监管局", "县城管局"]


def test_a_topic_a_summary_of_a_meeting_only_names_is_no_row():
    text = (
        "临溪县人民政府第9次常务会议纪要\n"
        "2028年5月9日,县长主持召开县人民政府第9次常务会议。现将会议议定事项纪要如下:\n"
        "一、会议听取了县住建局关于老旧小区改造工作情况的汇报。"
        "会议同意县住建局提出的改造计划,要求年底前完成12个小区改造。\n"
        "二、会议研究了县城环境综合整治五个专项行动方案。\n"
        "三、会议审议了《临溪县城乡供水一体化实施方案》。\n"
    )
    rows = _rows(text)
    assert len(rows) == 1 and rows[0][0].startswith("会议听取了县住建局")
    assert [t[:2] for t in _targets(text)] == [("小区改造", ">=")]


def test_a_topic_cut_after_the_meeting_s_view_is_no_row():
    text = (
        "临溪县人民政府第9次常务会议纪要\n"
        "县长主持召开县人民政府第9次常务会议,现将会议形成的一致意见纪要如下:\n"
        "一、研究创建省级卫生县城工作\n"
        "会议就有关具体事项明确如下:\n"
        "1.关于创建工作经费问题。县财政安排县卫健局创建工作经费50万元。\n"
        "二、研究县城环境综合整治五个专项行动方案会议认为,五个方案符合实际。会议原则同意县\n"
        "三、研究县城污水处理厂提标改造工作\n"
        "会议同意县住建局提出的提标改造方案,要求10月底前完成设备安装。\n"
    )
    rows = [r[0] for r in _rows(text)]
    assert rows[0] == "关于创建工作经费问题"
    assert not any("五个专项行动方案" in r for r in rows)
    # a topic the meeting decides on stays a row
    assert rows[1:] == ["研究县城污水处理厂提标改造工作"]
    assert not any("方案" in t[0] for t in _targets(text))


def test_a_point_of_a_part_of_instructions_that_names_its_unit_is_a_row():
    text = (
        "临溪县2028年重点工作推进方案\n"
        "一、重点任务\n"
        "(一)推进集镇污水管网改造,完善收集处理设施。(责任单位:县住建局)\n"
        "二、保障措施\n"
        "(一)强化责任落实。各责任单位要明确分管领导,压实工作责任。\n"
        "(二)加强协调配合。各有关部门要加强沟通,形成工作合力。\n"
        "(三)严格督办。县政府督查室每季度对重点工作开展专项督查。(责任单位:县政府督查室)\n"
        "(四)强化考核。将重点工作纳入年度综合考核。(县考核办牵头)\n"
        "(五)严格考核。各单位要把重点工作纳入年度考核。\n"
    )
    assert _rows(text) == [
        ("推进集镇污水管网改造,完善收集处理设施", "县住建局", ()),
        ("严格督办", "县政府督查室", ()),
        ("强化考核", "县考核办", ()),
    ]


def test_a_numbered_row_run_into_a_units_note_left_open_starts_a_row():
    for sep in (" ", ""):
        text = (
            "临溪区促进民营经济发展若干举措\n一、优化民营经济发展环境\n"
            "1、持续优化营商环境,推动涉企事项全流程网上办理。(责任单位:区发改局、区行政服务中心"
            f"{sep}2、加大民营企业融资支持力度,扩大首贷规模。(责任单位:区金融办)"
            "3、支持民营企业参与重大项目建设。(责任单位:区发改局)\n"
        )
        assert _rows(text) == [
            ("持续优化营商环境,推动涉企事项全流程网上办理", "区发改局", ("区行政服务中心",)),
            ("加大民营企业融资支持力度,扩大首贷规模", "区金融办", ()),
            ("支持民营企业参与重大项目建设", "区发改局", ()),
        ], sep
    # a number inside the note, or not the next row's, is no row
    text = (
        "临溪区促进民营经济发展若干举措\n一、优化民营经济发展环境\n"
        "1、建设创业孵化基地。(责任单位:区人社局、区科技局等3个部门)\n"
    )
    assert [r[:2] for r in _rows(text)] == [("建设创业孵化基地", "区人社局")]


def test_a_long_quoted_item_of_an_inspection_report_is_its_title_whole():
    text = (
        "2028年第四次县政府常务会议确定事项落实情况的通报\n"
        "一、总体情况\n第四次县政府常务会议确定事项30件,截止2028年5月20日,已完成12件。\n"
        "二、工作要求\n"
        "在督查中发现,需要加快推进落实事项2件,如县交通局负责的“加快农村公路提档升级,"
        "实施窄路面拓宽改造,确保10月底前完成路面硬化。”截至目前,已完成路面硬化40公里;"
        "县卫健局、县医保局负责的“推进紧密型医共体建设,提升基层服务能力。”"
        "截至目前,已建成分院6家。\n"
    )
    assert [r[:2] for r in _rows(text)] == [
        ("加快农村公路提档升级,实施窄路面拓宽改造,确保10月底前完成路面硬化", "县交通局"),
        ("推进紧密型医共体建设,提升基层服务能力", "县卫健局"),
    ]
