"""Forms met on a twenty-second held-out set (set V), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- units named by the rows ------------------------------------------------------------------


def test_a_bureaus_sections_named_in_a_note_lead_and_co_operate():
    text = (
        "青川县教育局2031年工作要点\n"
        "一、加强党的建设\n"
        "1.加强理论学习。制定并落实局党组理论学习中心组年度学习计划。(责任科室:办公室、人事科)\n"
        "2.抓好安全工作。每季度开展一次校园安全检查。(牵头科室:安全科;配合科室:基教科)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_co) for i in d.items] == [
        ("加强理论学习", "办公室", ["人事科"]),
        ("抓好安全工作", "安全科", ["基教科"]),
    ]


# --- tables -------------------------------------------------------------------------------------


def test_a_progress_table_without_numbers_gives_each_task_a_row_led_by_its_first_unit():
    text = (
        "2031第二季度政府工作报告重点任务执行情况\n"
        "项目名称\n\n项目内容\n\n责任单位\n\n进展情况\n\n"
        "(一)\n\n主要预期目标\n\n"
        "地区生产总值增长6%以上\n\n区发改局、区统计局、各街道\n\n正常推进中\n\n"
        "研发经费支出增长12%\n\n区科技局、各街道\n\n"
        "上半年走访企业180家,单位能耗下降4.5%\n\n"
        "(二)\n\n扶持实体经济\n\n"
        "落实减税降费政策\n\n区财政局、区税务"
    )
    assert _rows(text) == [
        ("地区生产总值增长6%以上", "区发改局", None),
        ("研发经费支出增长12%", "区科技局", None),
    ]
    # What the progress column reports is no target; the row cut in its units is left out.
    assert _targets(text) == [
        ("地区生产总值增幅", ">=", Decimal("6"), "%", "2031-12-31"),
        ("研发经费支出增幅", ">=", Decimal("12"), "%", "2031-12-31"),
    ]


def test_a_table_of_projects_under_the_unit_that_leads_them_gives_each_project_its_lead():
    text = (
        "2031年度区政府民生实事项目进度表\n"
        "2031年,区政府民生实事项目共5个,共2个牵头单位。其中,区建设局民生实事项目2个;"
        "区教育局民生实事项目3个。具体如下:\n"
        "序号 |\n牵头单位 |\n项目数量 |\n项目名称 |\n业主单位 |\n本月进展情况 |\n||\n"
        "一 |\n区建设局 |\n区民生实事项目(2个) |\n"
        "(一)“畅通小巷”改造行动(4条路) |\n1.城南路 |\n区城投 |\n已完工 |\n|\n"
        "2.河西路 |\n城南街道 |\n在建 |\n|||\n"
        "(二)口袋公园建设项目 |\n区建设局 |\n已完工 |\n||\n"
        "二 |\n区教育局 |\n区民生实事项目(3个) |\n"
        "(一)校园食堂改造项目 |\n区教育局 |\n在建 |\n||\n"
        "(二)城东幼儿园新建项目\n"
    )
    # The owners and the progress neither lead nor set tasks; the numbered parts are the
    # places of a project; the project cut before its cells is left out; how many 实事 the
    # list holds (and each unit leads) is no target.
    assert _rows(text) == [
        ("“畅通小巷”改造行动(4条路)", "区建设局", "2031-12-31"),
        ("口袋公园建设项目", "区建设局", "2031-12-31"),
        ("校园食堂改造项目", "区教育局", "2031-12-31"),
    ]
    assert _targets(text) == [("“畅通小巷”改造行动", ">=", Decimal("4"), "条", "2031-12-31")]


# --- passages cut ------------------------------------------------------------------------------


def test_a_row_cut_at_the_end_of_a_passage_is_left_out_though_its_heading_ends_without_a_mark():
    text = (
        "青川区落实街道工作意见的任务分解方案\n"
        "为落实街道工作会议精神,结合本区实际,制定如下任务分解方案。\n"
        "一、加强基层党建,提高街道治理水平\n"
        "1.完善街道党工委的领导机制,优化决策程序,提升街道抓党建、抓治理的能力。\n"
        "牵头单位:区委组织部\n"
        "协办单位:区民政局、园区党工委、各街道党工委\n"
        "2.以区域化党建为重点,构建上下贯通、多方联动的基层党建工作体系。做实街\n"
    )
    assert _rows(text) == [
        ("完善街道党工委的领导机制,优化决策程序,提升街道抓党建、抓治理的能力", "区委组织部", None)
    ]


def test_a_wrapped_page_under_a_sharing_sites_counters_is_joined_and_its_cut_row_left_out():
    body = (
        "一、办好人民满意教育\n"
        "1.全面完成年度工作任务。围绕建设教育强县目标,加快推进教\n"
        "育事业发展。学前三年毛入园率达到 95%以上,普惠性幼儿园覆\n"
        "盖率达到 90%,公办幼儿园在园幼儿占比达到 60%。义务教育\n"
        "阶段巩固率达到 99%,特色学校达到 30 所,农村优质学校达\n"
        "到 20 所。高中阶段教育毛入学率达到 95%,普通高中招生人数\n"
        "达到 1.2 万人。全县新增特殊教育资源教室 8 个。课后服务\n"
    )
    text = (
        "县2031年教育工作要点\nVIP专免\n2031-03-20\n999+\n21.5KB\n12 页\n海报\n侵权投诉\n"
        "县2031 年教育工作要点\n"
        "2031 年,全县教育系统坚持立德树人根本任务,深入推进教育\n"
        "现代化,围绕“一个目标、两项重点”,强力推进“党建领航工程、\n"
        "立德树人工程、学前教育扩容提质工程、义务教育优质均衡工\n"
        "程、职业教育提质培优工程、教师队伍素质提升工程”六项工\n"
        "程;持续深化“教育评价改革、集团化办学改革、课堂教学改\n"
        "革”三项改革;努力办好一批教育民生实事,凝心聚力、务实笃\n"
        "行,奋力开创教育高质量发展新局面。\n" + body
    )
    # The row is cut in its last sentence: it is left out with its figures.
    assert _rows(text) == []
    assert _targets(text) == []
    # Whole, the row is one paragraph: its names are not broken where the page wrapped.
    whole = text.replace("课后服务\n", "")
    names = [t[0] for t in _targets(whole)]
    assert "普惠性幼儿园覆盖率" in names
    assert "农村优质学校" in names


# --- the page above the title -------------------------------------------------------------------


def test_record_fields_set_apart_by_spaces_and_an_attachment_line_are_passed_over():
    text = (
        "信息索引号 K0000001-1/2031-00001 公开方式 主动公开\n"
        "发布机构 区府办 公开范围 面向全社会\n"
        "生成日期 2031-07-20 发布日期 2031-07-20\n"
        "附件\n"
        "2031第二季度政府工作报告重点任务执行情况\n"
        "1.地区生产总值增长6%以上。(责任单位:区发改局)\n"
    )
    assert decompose(text).title == "2031第二季度政府工作报告重点任务执行情况"


def test_a_document_number_in_traditional_characters_above_the_title_is_no_title():
    text = (
        "青府辦〔2031〕7號\n"
        "關于印發2031年政府工作報告要求重點做好的工作事項的通知\n"
        "(一)加快建設城東物流園區。(牽頭單位:市交委;配合單位:市規劃局)\n"
    )
    d = decompose(text)
    assert d.title == "關于印發2031年政府工作報告要求重點做好的工作事項的通知"
    assert [(i.named_lead, i.named_co) for i in d.items] == [("市交委", ["市規劃局"])]
