"""Forms met on a twenty-sixth held-out set (set Z), each on a short example written for the
test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- units on a line of their own -------------------------------------------------------------


def test_a_rows_units_on_a_line_of_their_own_without_a_label():
    text = (
        "一、主要任务\n"
        "(一)开展企业负责人培训行动。\n"
        "1.组织集中培训。\n"
        "(1)联合各级党校开展危化品企业负责人专题培训,推动培训全覆盖。\n"
        "县应急管理局、县消防救援大队、县卫生健康局\n"
        "(2)建立培训考核制度,考核结果纳入企业信用记录。\n"
        "县应急管理局\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        (
            "联合各级党校开展危化品企业负责人专题培训,推动培训全覆盖",
            "县应急管理局",
            ["县消防救援大队", "县卫生健康局"],
        ),
        ("建立培训考核制度,考核结果纳入企业信用记录", "县应急管理局", []),
    ]


def test_a_single_row_followed_by_its_units_line_is_not_taken_for_a_cut_row():
    text = (
        "一、重点任务\n"
        "(1)开展校园周边交通安全隐患排查,整改一处销号一处。\n"
        "市公安局交警支队、市教育局\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("开展校园周边交通安全隐患排查,整改一处销号一处", "市公安局交警支队")
    ]


# --- a passage of a table's rows, its empty groups ---------------------------------------------


def test_a_passage_of_a_tables_rows_numbered_apart_with_empty_groups_between():
    text = (
        "某区卫健委2031年重点工作任务分解表\n"
        "序号\n"
        "重点工作任务\n"
        "主要责任单位\n"
        "协同配合单位\n"
        "一、主要预期目标\n"
        "5\n"
        "城镇新增就业3000人以上。\n"
        "区人社局\n"
        "各乡镇人民政府、街道办事处。\n"
        "二、扩大有效投资\n"
        "三、建设现代产业体系\n"
        "四、增进民生福祉\n"
        "41\n"
        "推进区人民医院新院区建设,年底前主体封顶。\n"
        "区卫健委\n"
        "区住建局。\n"
        "42\n"
        "深化紧密型医共体建设,提升基层服务能力。\n"
        "区卫健委\n"
        "各乡镇卫生院。\n"
        "47\n"
        "新增托位200个,全区托位数提高至\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("城镇新增就业3000人以上", "区人社局"),
        ("推进区人民医院新院区建设,年底前主体封顶", "区卫健委"),
        ("深化紧密型医共体建设,提升基层服务能力", "区卫健委"),
    ]
    assert d.items[1].deadline == dt.date(2031, 12, 31)


# --- a covering notice's points, announced in other words --------------------------------------


def test_points_announced_as_the_notices_related_work_are_no_tasks():
    text = (
        "某县人民政府办公室关于印发2032年民生实事工作方案的通知\n"
        "各乡镇人民政府,县级各部门:\n"
        "《2032年民生实事工作方案》已经县政府同意,现印发给你们,请认真贯彻落实,并就相关工作通知如下:\n"
        "一、提高思想认识,压实工作责任。各单位要把民生实事作为民心工程抓紧抓实。\n"
        "二、加强统筹调度,严格督促检查。县发展改革委要发挥牵头作用,定期开展检查评估。\n"
        "某县人民政府办公室\n"
        "2032年3月1日\n"
    )
    assert decompose(text).items == []


# --- lead notes -------------------------------------------------------------------------------


def test_a_lead_note_whose_co_units_carry_out_and_which_closes_with_a_sentence():
    text = (
        "一、健全服务制度\n"
        "1.健全基本服务清单制度。发布服务清单,明确服务对象和内容。"
        "(市民政局牵头,各区、市政府负责落实。以下各项工作均需各区、市政府负责落实,不再一一列出。)\n"
        "2.健全兜底保障制度。完善特困人员供养制度。(市民政局牵头,市财政局配合)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("健全基本服务清单制度", "市民政局", ["各区", "市政府"]),
        ("健全兜底保障制度", "市民政局", ["市财政局"]),
    ]


def test_a_lead_named_with_a_bracket_of_its_own_before_the_second_lead():
    text = (
        "一、提升基础能力\n"
        "(一)统筹推进项目建设。建设全市统一的政务云平台,年底前完成迁移。"
        "(市政务服务数据管理局、各县(市、区)政府牵头)\n"
        "(二)强化数据共享。推动部门数据按需共享。(市政务服务数据管理局牵头)\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.named_co) for i in d.items] == [
        ("市政务服务数据管理局", ["各县(市、区)政府"]),
        ("市政务服务数据管理局", []),
    ]


# --- headings a page decoded one byte off ------------------------------------------------------


def test_headings_a_page_decoded_one_byte_off_are_read_back():
    text = (
        "某市2031年工作要点\n"
        "一、提升基础能力\n"
        " ?。ㄒ唬┚o扣年度任務,統籌推進平臺建設。2031年底前完成平臺遷移。"
        "(市政務服務數據管理局牽頭)\n"
        " ?。ǘ┚劢沽笾骶€,強化數據共享。推動部門數據按需共享。(市大數據中心牽頭)\n"
    )
    d = decompose(text)
    # The second heading's first words were lost with the byte: its mark is given back, its
    # row kept with its lead.
    assert [i.named_lead for i in d.items] == ["市政務服務數據管理局", "市大數據中心"]
    assert d.items[0].title == "緊扣年度任務,統籌推進平臺建設"
    assert d.items[0].deadline == dt.date(2031, 12, 31)


# --- goals named by a short paragraph -----------------------------------------------------------


def test_goals_a_short_paragraph_names_are_the_years_goals_and_their_points_no_tasks():
    text = (
        "某市2031年水利工作要点\n"
        "今年是规划实施的关键之年。2031年,我们工作的总体要求是:坚持稳中求进,统筹发展和安全。\n"
        "主要目标是:“一保持、两提升”。\n"
        "一保持:保持水利建设投资20亿元以上,努力争取更好成绩。\n"
        "两提升:一是提升供水保障能力,新建农村供水管网120公里,农村自来水普及率提升至95%以上。"
        "二是提升防洪能力,完成病险水库除险加固8座,山洪灾害监测站点覆盖率大于90%。\n"
        "一、加快重点工程建设\n"
        "1.推进引调水工程建设。年内完成主体工程。(牵头单位:市水利局)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [("推进引调水工程建设", "市水利局")]
    got = {(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets}
    end = dt.date(2031, 12, 31)
    assert {
        ("投资", ">=", Decimal("20"), "亿元", end),
        ("农村供水管网", ">=", Decimal("120"), "公里", end),
        ("农村自来水普及率", ">=", Decimal("95"), "%", end),
        ("病险水库除险加固", ">=", Decimal("8"), "座", end),
        ("山洪灾害监测站点覆盖率", ">", Decimal("90"), "%", end),
    } <= got


# --- a share before what reaches or completes ----------------------------------------------------


def test_a_share_with_yishang_before_the_units_that_reach_a_standard_or_the_work_done():
    text = (
        "一、工作目标\n"
        "到2030年,60%以上县级医院达到三级医院服务能力标准,70%以上的乡镇卫生院达到服务能力推荐标准。\n"
        "二、重点任务\n"
        "1.推进平台建设。2029年底完成85%以上区县均衡化发展指标任务。(牵头单位:市数据局)\n"
    )
    d = decompose(text)
    got = {(t.indicator, t.comparator, t.value, t.unit, t.deadline) for t in d.targets}
    assert got == {
        ("县级医院达到三级医院服务能力标准", ">=", Decimal("60"), "%", dt.date(2030, 12, 31)),
        ("乡镇卫生院达到服务能力推荐标准", ">=", Decimal("70"), "%", dt.date(2030, 12, 31)),
        ("区县均衡化发展指标任务", ">=", Decimal("85"), "%", dt.date(2029, 12, 31)),
    }


# --- a part naming who answers for the plan -------------------------------------------------------


def test_a_part_naming_the_plans_leader_and_units_is_no_task():
    text = (
        "某县农村公路提升工程实施方案\n"
        "一、工作目标\n"
        "年内新改建农村公路60公里。\n"
        "二、分管领导、牵头单位和责任单位\n"
        "分管领导:某某某\n"
        "牵头单位:县交通运输局\n"
        "责任单位:各乡镇政府\n"
        "三、工作措施\n"
        "1.抓好项目前期。6月底前完成施工图设计。(牵头单位:县交通运输局)\n"
    )
    d = decompose(text)
    assert [i.title for i in d.items] == ["抓好项目前期"]


# --- a row's work in yearly stages ---------------------------------------------------------------


def test_a_row_whose_work_is_staged_by_year_is_due_by_the_end_of_the_last():
    text = (
        "一、主要任务\n"
        "(1)分批开展重点行业企业负责人安全培训,其中:2031年,重点开展矿山企业负责人培训;"
        "2032年,重点开展危化企业负责人培训;2033年,重点开展商业综合体负责人培训。\n"
        "市应急管理局、市消防救援支队\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.deadline) for i in d.items] == [
        ("市应急管理局", dt.date(2033, 12, 31))
    ]
