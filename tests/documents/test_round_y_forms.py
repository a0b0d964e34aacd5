"""Forms met on a twenty-fifth held-out set (set Y), each on a short example written for the
test (names, figures and dates invented)."""

import datetime as dt
from decimal import Decimal

from mingzhu.documents.decompose import decompose

# --- a covering notice's own points -----------------------------------------------------------


def test_the_points_a_covering_notice_announces_are_no_tasks():
    text = (
        "某市人民政府办公室关于印发2031年重点工作责任分解的通知\n"
        "各县(区)人民政府,市政府各部门:\n"
        "《2031年重点工作责任分解》已经市政府同意,现印发给你们,请结合以下要求认真贯彻执行。\n"
        "一、2031年是规划实施的关键一年。各级各部门要提高站位,确保全年目标任务圆满完成。\n"
        "二、责任分解中,列第一位的单位为牵头单位。牵头单位要按季报告进展情况。\n"
        "某市人民政府办公室\n"
        "2031年3月2日\n"
    )
    assert decompose(text).items == []


def test_points_announced_as_matters_of_a_notice_whose_projects_are_attached_are_no_tasks():
    text = (
        "某区人民政府办公室关于印发2032年民生实事项目的通知\n"
        "各街道办事处,区级各部门:\n"
        "根据区人代会票决结果,确定2032年实施20项民生实事项目(详见附件),现将有关事宜通知如下:\n"
        "一、明确目标任务。共两类20项:一是市级项目分解至我区8项,二是区级项目12项。\n"
        "二、强化部门协同。各牵头部门抓总,配合单位共同努力,确保按期完工。\n"
        "三、严格督查考核。区政府督查室要定期开展跟踪督查。\n"
    )
    assert decompose(text).items == []


def test_the_points_of_a_notice_end_at_its_date_line_and_the_rows_it_sends_stay_rows():
    text = (
        "各镇人民政府:\n"
        "现将《2033年重点工作》印发给你们,并提出以下意见。\n"
        "一、高度重视,提高站位。各级各部门要把重点工作摆上重要位置。\n"
        "某县人民政府办公室\n"
        "2033年2月1日\n"
        "2033年重点工作\n"
        "1.新建农贸市场3个。(牵头单位:县商务局)\n"
        "2.改造农村公路40公里。(牵头单位:县交通运输局)\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead) for i in d.items] == [
        ("新建农贸市场3个", "县商务局"),
        ("改造农村公路40公里", "县交通运输局"),
    ]


# --- units named by the rows ------------------------------------------------------------------


def test_a_lead_note_in_tortoise_shell_brackets_with_a_bracket_among_its_co_units():
    text = (
        "一、保护利用文化遗产\n"
        "1.加强非遗传承。建设一批非遗工坊,办好非遗展示周。〔省文化和旅游厅、省文物局牵头,"
        "各市(区)政府配合〕\n"
        "2.扶持精品创作。资助一批地方戏曲剧目。〔省委宣传部牵头〕\n"
    )
    d = decompose(text)
    assert [(i.named_lead, i.named_co) for i in d.items] == [
        ("省文化和旅游厅", ["省文物局", "各市(区)政府"]),
        ("省委宣传部", []),
    ]


# --- targets ----------------------------------------------------------------------------------


def test_events_counted_in_chang_ci():
    text = "1.全年举办大型文化活动5场次,组织送戏下乡不少于80场。(牵头单位:县文旅局)\n"
    targets = {(t.indicator, t.value, t.unit) for t in decompose(text).targets}
    assert ("大型文化活动", Decimal("5"), "场次") in targets
    assert ("送戏下乡", Decimal("80"), "场") in targets


# --- a table flattened one cell a line ----------------------------------------------------------


def test_a_table_with_a_column_of_categories_and_one_of_leaders():
    text = (
        "2031年体育工作任务表\n"
        "序号\n指标\n工作任务\n完成时限\n责任领导\n责任股室\n(单位)\n备注\n"
        "1\n公共体育\n新建社区健身点12个。\n11月底前\n王 某\n群体股\n体育中心\n"
        "2\n全年举办全民健身赛事不少于20场。\n群体股\n"
        "3\n体育产业\n培育体育服务企业2家。\n"
        "4\n安全生产\n完成体育场馆消防设施改造。\n9月底前\n李某某\n场馆股\n"
    )
    d = decompose(text)
    assert [(i.title, i.named_lead, i.named_leader) for i in d.items] == [
        ("新建社区健身点12个", "群体股", "王某"),
        ("全年举办全民健身赛事不少于20场", "群体股", ""),
        ("培育体育服务企业2家", "", ""),
        ("完成体育场馆消防设施改造", "场馆股", "李某某"),
    ]


def test_what_the_year_is_to_do_opening_with_quan_nian_is_due_by_its_end():
    text = "2031年全县文化工作要点\n1.全年接待游客80万人次,举办文化节会4场次。(责任单位:县文旅局)\n"
    dates = {t.indicator: t.deadline for t in decompose(text).targets}
    assert set(dates.values()) == {dt.date(2031, 12, 31)}
