"""Forms met in held-out set AU (a year's 实事 as a digest run into one line, as names one a
line under each district, as names listed after 包括 by field; a covering circular's comment
form; a call for proposals run into one paragraph): composed examples with invented names."""

from mingzhu.documents.decompose import decompose
from tests.documents.found import target_set, titles

RUN_ON = (
    "青石区2031年度十件民生实事项目出炉\n"
    "青石区通过人大代表票决确定了十件民生实事项目 [1] "
    "项目一:病有所医 - 建设东湖社区卫生服务中心儿童保健室 [1] "
    "项目二:劳有所得 - 实施精准就业帮扶 全年城镇新增就业1800人 [2] "
    "项目三:环境有改善 - 对南湾等2公里河道实施生态综合治理 "
    "对东岭片区4座排涝泵站进行全面维修改造 [2] "
    "项目四:住有所居 - 实施住宅老旧电梯更新项目 更新更换96台老旧电梯 [3]\n"
)


def test_a_digest_run_into_one_line_gives_a_row_a_point():
    assert [row.split("，")[0] for row in titles(RUN_ON)] == [
        "建设东湖社区卫生服务中心儿童保健室",
        "实施精准就业帮扶",
        "对南湾等2公里河道实施生态综合治理",
        "实施住宅老旧电梯更新项目",
    ]


def test_its_points_give_their_counts_and_the_proposals_counted_none():
    found = {(v, u): i for i, _c, v, u, d in target_set(RUN_ON) if d == "2031-12-31"}
    assert set(found) == {("1800", "人"), ("2", "公里"), ("4", "座"), ("96", "台")}
    assert "老旧电梯" in found["96", "台"] and "排涝泵站" in found["4", "座"]


NAMES = (
    "青石市各区2031年民生实事出炉\n\n"
    "东城区\n\n东城区人民政府\n\n2031年实施民生实事项目4项\n\n"
    "实验小学教学楼维修改造项目\n\n翠苑小区消防设施维修项目\n\n"
    "东湖等3个小区屋顶防水修缮项目\n\n社区党群服务中心建设项目\n\n"
    "西城区\n\n西城区人民政府\n\n2031年实施民生实事项目3项\n\n"
    "西城区校园安全工程\n\n西城区城市更新(老旧小区改造)工程\n\n管网畅通项目\n"
)


def test_works_named_one_a_line_are_rows_of_the_year():
    items = decompose(NAMES).items
    assert [i.title for i in items] == [
        "实验小学教学楼维修改造项目",
        "翠苑小区消防设施维修项目",
        "东湖等3个小区屋顶防水修缮项目",
        "社区党群服务中心建设项目",
        "西城区校园安全工程",
        "西城区城市更新(老旧小区改造)工程",
        "管网畅通项目",
    ]
    assert {str(i.deadline) for i in items} == {"2031-12-31"}


BY_FIELD = (
    "记者从青石区2031年民生实事项目新闻发布会上获悉，青石区确定民生实事项目共4大类9个，"
    "计划总投资3.2亿元。其中，教育惠民领域2个，包括东园小学建设项目、南湖小学改扩建项目；"
    "生态环境领域2个，包括燃气锅炉低氮改造项目、北河支流生态修复项目；城市品质提升领域3个，"
    "包括老旧管网更新改造项目(一期)、社区基础设施提升项目、农村道路硬化项目；公共服务领域2个，"
    "包括创业就业提质项目、社区老年日间照料中心建设项目。\n"
)


def test_works_named_after_baokuo_by_field_are_rows_and_the_lists_size_no_target():
    assert titles(BY_FIELD) == [
        "东园小学建设项目",
        "南湖小学改扩建项目",
        "燃气锅炉低氮改造项目",
        "北河支流生态修复项目",
        "老旧管网更新改造项目(一期)",
        "社区基础设施提升项目",
        "农村道路硬化项目",
        "创业就业提质项目",
        "社区老年日间照料中心建设项目",
    ]
    assert not any(unit == "个" for _i, _c, _v, unit, _d in target_set(BY_FIELD))


CIRCULAR = (
    "关于印发2031年《政府工作报告》主要任务上半年落实情况的通报\n"
    "各乡镇人民政府，县政府各部门：\n"
    "请各乡镇、县直有关单位要进一步细化工作措施，确保按时完成各项目标任务。\n"
    "附件：2031年《政府工作报告》主要任务上半年落实情况\n"
    "请您对该政策的制定及执行提出宝贵的意见或建议。\n"
    "  • 姓  名:\n\n  • 联系方式:\n\n  • *内  容:\n\n  • *验 证 码:\n"
)


def test_the_empty_fields_of_a_comment_form_under_the_page_are_notitles():
    assert not any(
        word in row for row in titles(CIRCULAR) for word in ("姓", "联系方式", "内", "验")
    )


def test_a_call_for_proposals_run_into_one_paragraph_gives_notitles():
    text = (
        "为进一步提升民生福祉，现面向社会公开征集2032年青石区为民办实事项目建议，具体事项公告如下："
        "一、征集目的本次征集旨在广泛听取社会各界的意见和建议，二、征集时间通告之日起至2031年11月30日，"
        "三、征集内容围绕就业创业、教育养老等重点民生领域，四、征集方式请将意见建议发送至我们。\n"
    )
    assert titles(text) == []
