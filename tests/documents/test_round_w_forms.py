"""Forms met on a twenty-third held-out set (set W), each on a short example written for the
test (names, figures and dates invented)."""

from decimal import Decimal

from mingzhu.documents.decompose import decompose

from .found import dated_rows as _rows
from .found import dated_targets as _targets

# --- units named by the rows ------------------------------------------------------------------


def test_the_unit_a_sentence_names_before_hui_tong_leads_and_those_after_it_co_operate():
    text = (
        "县政府办公室关于落实县委若干意见有关措施分工的通知\n"
        "一、工作分工\n"
        "（一）关于“稳定蔬菜种植面积”的问题，由县农业农村局会同县财政局、县商务局等部门研究提出落实意见。\n"
        "（二）关于“整治农村人居环境”的问题，由县住建局会同各乡镇负责落实。\n"
        "（三）关于“提升集镇功能”的问题，由县自然资源局牵头负责。\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.named_co) for i in d.items] == [
        ("县农业农村局", ["县财政局", "县商务局"]),
        ("县住建局", ["各乡镇"]),
        ("县自然资源局", []),
    ]


def test_hui_tong_in_traditional_characters():
    text = (
        "一、工作分工\n"
        "（一）關於“建設高標準農田”的問題，由市農業局會同市水利局等部門負責落實。\n"
        "（二）關於“發展特色產業”的問題，由市商務局會同市財政局研究提出意見。\n"
    )
    assert [i.named_lead for i in decompose(text).items] == ["市農業局", "市商務局"]


def test_a_note_closing_on_the_leads_verb_names_the_lead():
    text = (
        "一、扩大有效投资\n"
        "1.梳理年度重点项目清单，定期向社会推介。（市发展改革委牵头落实）\n"
        "2.推动交通、水利领域项目市场化运作。（市发展改革委、市交通局、市水利局等部门按职责分工落实）\n"
    )
    assert [(i.title, i.named_lead) for i in decompose(text).items] == [
        ("梳理年度重点项目清单，定期向社会推介", "市发展改革委"),
        ("推动交通、水利领域项目市场化运作", "市发展改革委"),
    ]


# --- what is and is not a row -----------------------------------------------------------------


def test_a_page_of_work_under_labels_gives_a_row_and_leaves_its_report_out():
    text = (
        "东岭区2031年民生实事:养老服务提升(3项)\n"
        "任务安排\n"
        "新建社区养老服务站8个,新增养老床位260张。\n"
        "落实情况\n"
        "第一季度:2个服务站已完成选址。\n"
        "第三季度:6个服务站已建成运营,新增养老床位180张。\n"
    )
    assert [r[0] for r in _rows(text)] == ["新建社区养老服务站8个,新增养老床位260张"]
    # What the quarters report is no target; the work's counts are due by the year's end.
    assert _targets(text) == [
        ("社区养老服务站", ">=", Decimal("8"), "个", "2031-12-31"),
        ("新增养老床位", ">=", Decimal("260"), "张", "2031-12-31"),
    ]


def test_labels_over_labels_are_a_flattened_tables_header_not_a_page_of_work():
    text = (
        "2031第二季度重点任务执行情况\n"
        "项目名称\n\n项目内容\n\n责任单位\n\n进展情况\n\n"
        "(一)\n\n主要预期目标\n\n"
        "地区生产总值增长6%以上\n\n区发改局、各街道\n\n正常推进中\n\n"
        "研发经费支出增长12%\n\n区科技局\n\n正常推进中\n\n"
    )
    assert [(r[0], r[1]) for r in _rows(text)] == [
        ("地区生产总值增长6%以上", "区发改局"),
        ("研发经费支出增长12%", "区科技局"),
    ]


def test_a_part_named_main_work_goals_is_goals_not_a_row():
    text = (
        "关于加快全市商贸服务业发展的实施意见\n"
        "一、主要工作目标\n"
        "到2033年,全市商贸服务业实力明显增强,服务网络更加完善。\n"
        "二、重点工作任务\n"
        "1.完善社区商业网点。合理布局便民商业设施。(牵头单位:市商务局  责任单位:各区政府)\n"
        "2.培育商贸龙头企业。支持企业做大做强。(牵头单位:市商务局  责任单位:市财政局)\n"
    )
    assert [(r[0], r[1]) for r in _rows(text)] == [
        ("完善社区商业网点", "市商务局"),
        ("培育商贸龙头企业", "市商务局"),
    ]


def test_a_last_row_stopped_inside_its_quotation_is_cut():
    text = (
        "一、工作分工\n"
        "（一）关于“稳定粮食生产”的问题，由县农业农村局会同县财政局研究提出落实意见。\n"
        "（二）关于“保护耕地”的问题，由县自然资源局负责落实。\n"
        "（三）关于“落实‘菜篮子’\n"
    )
    assert len(decompose(text).items) == 2


def test_the_second_of_two_rows_cut_where_the_first_names_its_units_is_left_out():
    text = (
        "二、重点工作任务\n"
        "1.提高管理效能。健全部门协作机制。(牵头单位:市商务局  责任单位:市发改委、各区政府)\n"
        " 2.规范市场秩序。加快建\n"
    )
    assert [(r[0], r[1]) for r in _rows(text)] == [("提高管理效能", "市商务局")]
    # Two whole rows stay, the second naming no unit.
    whole = (
        "二、重点工作任务\n"
        "1.提高管理效能。健全部门协作机制。(牵头单位:市商务局)\n"
        "2.规范市场秩序。加强日常监管。\n"
    )
    assert len(_rows(whole)) == 2


# --- the text's year --------------------------------------------------------------------------


def test_a_wen_hao_cited_after_another_texts_title_does_not_date_a_page_that_gives_its_own():
    text = (
        "东岭市加快物流业发展实施意见\n"
        "发布时间:2032-05-10 09:30:00\n"
        "根据《省政府关于促进物流业发展的意见》(省政发〔2029〕12号)精神,结合实际,制定本意见。\n"
        "一、重点工作任务\n"
        "1.建设物流园区。6月底前完成园区规划编制。(牵头单位:市商务局)\n"
        "2.培育物流企业。年内新增规模以上物流企业5家。(牵头单位:市发改委)\n"
    )
    d = decompose(text)
    assert d.year == 2032
    assert [(i.named_lead, i.deadline and i.deadline.isoformat()) for i in d.items] == [
        ("市商务局", "2032-06-30"),
        ("市发改委", "2032-12-31"),
    ]
    # With nothing else to date it, the text is of its source's year.
    assert decompose(text.replace("发布时间:2032-05-10 09:30:00\n", "")).year == 2029
