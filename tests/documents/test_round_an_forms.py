"""Forms met in the texts a 督查室 turns into task lists (督查通知 with 重点督办事项,
常务会议确定事项 通报 and 纪要, 建议提案 办理 notices, 督查通报 with 整改要求): composed examples
(invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [
        (i.title, i.named_lead, tuple(i.named_co), str(i.deadline)) for i in decompose(text).items
    ]


def test_a_units_note_whose_role_a_semicolon_follows_names_its_units():
    text = (
        "云溪县人民政府督查室关于开展集镇环境专项督查的通知\n"
        "各乡镇人民政府,县直有关部门:\n一、重点督办事项\n"
        "1.推进集镇污水管网改造,完善收集处理设施。(责任单位:县住建局、各乡镇)\n"
        "2.实施农贸市场提升工程,规范周边摊点。(责任单位;县市场监管局、县商务局、各乡镇)\n"
    )
    rows = _rows(text)
    assert rows[1][1:3] == ("县市场监管局", ("县商务局", "各乡镇"))


def test_the_parts_of_an_inspection_report_that_report_or_require_are_no_tasks():
    text = (
        "关于2028年第三次县政府常务会议确定事项落实情况的通报\n"
        "近期,县政府督查室对确定事项落实情况开展了专项督查,现通报如下。\n"
        "一、总体情况\n"
        "第三次县政府常务会议确定事项18件,已办结7件,正在办理11件。\n"
        "二、存在的问题\n"
        "个别单位推进迟缓,第5件、第9件确定事项进展滞后。\n"
        "三、工作要求\n"
        "请以上责任单位加快工作节奏,全力推动确定事项落实,直至办结销号。\n"
    )
    assert _rows(text) == []
    assert _targets(text) == set()


def test_the_next_steps_a_report_requires_are_instructions():
    text = (
        "关于江洲镇河道保洁专项督查情况的通报\n"
        "各村(社区):\n一、总体情况\n沿线五个村均已组织人员整改。\n"
        "三、下步工作要求\n"
        "一是高度重视。各责任村要落实专人负责,推进问题整改。"
        "二是加快整改。各责任村要分析原因,制定方案,按期完成。\n"
    )
    assert _rows(text) == []


def test_the_points_a_covering_notice_closes_with_its_own_close_are_instructions():
    text = (
        "江澄县人民政府办公室关于印发2028年重点任务责任分工的通知\n"
        "各乡镇人民政府,县政府各部门:\n"
        "经县人民政府同意,现将《2028年重点任务责任分工》印发给你们,请认真贯彻落实。\n"
        "一、各乡镇、各部门要高度重视重点任务落实工作,每月20日前报送进展情况。\n"
        "二、县政府督查室要加强日常调度,建立任务落实台账,及时通报进展。\n"
        "此通知\n附件:2028年重点任务落实推进情况表\n2028年2月16日\n"
    )
    assert _rows(text) == []


def test_a_rate_reaching_a_level_the_goal_names_is_that_rate():
    text = (
        "江洲区2028年建议提案办理工作\n"
        "力争实现办复率达到100%,代表、委员对答复意见的满意率达到98%的办理工作目标。\n"
    )
    got = {(i, c, v, u) for i, c, v, u, _d in _targets(text)}
    assert ("办复率", ">=", "100", "%") in got
    assert any(i.endswith("满意率") and (c, v, u) == (">=", "98", "%") for i, c, v, u in got)
    # no target named by the goal itself
    assert not any("目标" in i for i, *_ in got)


def test_a_sum_the_treasury_puts_in_is_that_sum_and_the_office_s_stamp_dates_it():
    text = (
        "第8次\n云溪县人民政府办公室 2028-5-9\n"
        "县长主持召开县人民政府第8次常务会议,现将会议形成的一致意见纪要如下:\n"
        "一、研究创建省级园林县城工作\n"
        "会议就有关具体事项明确如下:\n"
        "1.关于创建工作经费问题。县财政安排县住建局创建工作经费80万元。\n"
    )
    got = _targets(text)
    assert any(
        i.endswith("经费") and (c, v, u, d) == ("=", "80", "万元", "2028-12-31")
        for i, c, v, u, d in got
    )


def test_the_orders_that_follow_an_order_to_every_unit_are_instructions_too():
    text = (
        "江澄县人民政府第12次常务会议纪要\n"
        "一、研究创建省级文明城市工作\n"
        "会议要求,一是要进一步加强组织领导,成立创建工作领导小组,各责任单位相应成立专门班子,"
        "确保各项工作落到实处。"
        "二是要进一步营造创建工作氛围,每月调度一次。三是要进一步压实工作责任,定期通报情况。\n"
        "会议就有关具体事项明确如下:\n"
        "1.关于创建工作经费问题。县财政安排县文明办创建工作经费60万元。\n"
    )
    assert [r[0] for r in _rows(text)] == ["关于创建工作经费问题"]


def test_the_items_an_inspection_report_quotes_after_their_units_are_rows():
    text = (
        "2028年第四次县政府常务会议确定事项落实情况的通报\n"
        "一、总体情况\n第四次县政府常务会议确定事项30件,截止2028年5月20日,已完成12件。\n"
        "二、工作要求\n"
        "在督查中发现,需要加快推进落实事项2件,如县交通局负责的“加快农村公路提档升级,"
        "确保10月底前完成路面硬化。”截至目前,已完成路面硬化40公里;"
        "县卫健局、县医保局负责的“推进紧密型医共体建设,提升基层服务能力。”"
        "截至目前,已建成分院6家。\n"
    )
    rows = _rows(text)
    assert [(r[0].split(",")[0], r[1], r[2]) for r in rows] == [
        ("加快农村公路提档升级", "县交通局", ()),
        ("推进紧密型医共体建设", "县卫健局", ("县医保局",)),
    ]
    assert rows[0][3] == "2028-10-31"
    # what the report says is done is no target
    assert _targets(text) == set()


def test_the_points_of_a_part_setting_out_procedures_are_instructions():
    text = (
        "关于做好2028年人大代表建议和政协提案办理工作的通知\n"
        "二、明确办理工作的程序和要求\n"
        "(一)交办。各承办单位收到建议、提案后,要逐件登记。\n"
        "(二)办理期限。承办单位须在6月30日前答复完毕。\n"
        "(三)会办。主办单位要做好意见汇总和答复工作。\n"
        "(四)网上办理。建成建议提案网上办理系统。(责任单位:县政府办)\n"
    )
    # a point that names its unit stays a row
    assert [r[:2] for r in _rows(text)] == [("网上办理", "县政府办")]
