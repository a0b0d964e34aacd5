"""Parts of a report that only record work done, the first counted place listed after 在,
and a goal a dated list quotes by its slogan: composed examples (invented names and
figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [i.title for i in decompose(text).items]


RECORD = (
    "(一)织密“网格化”护林责任。构建“镇-村-网格”三级林长体系,下设村级林长9名、"
    "网格护林员38名,确保林地“有人管、有人护”。同时联合开展巡查行动5次,形成震慑态势。\n"
    "(二)做实“常态化”防火治理。修建防火隔离带14公里,设立检查卡口7个,组织开展防火演练"
    "8次,实现了火情“早发现、早处置”。\n"
    "(三)营造“共治化”参与氛围。开展宣传活动12场,发放资料3000余份。截至目前累计受理"
    "群众反映的涉林问题46条,办结率100%,形成了群众监督网络。\n"
)


def test_the_parts_of_a_report_of_work_done_give_no_rows_and_no_targets():
    assert _rows(RECORD) == []
    assert _targets(RECORD) == set()


def test_a_report_looking_back_then_ahead_keeps_the_rows_ahead():
    text = (
        "青岚镇林长制工作情况汇报\n"
        "一、主要做法\n" + RECORD + "二、下一步打算\n"
        "(一)加强巡护队伍建设。年底前新增护林员20名。\n"
        "(二)推进防火设施建设。力争新建防火隔离带10公里。\n"
        "(三)深化宣传教育。计划开展宣传活动15场。\n"
    )
    assert _rows(text) == ["加强巡护队伍建设", "推进防火设施建设", "深化宣传教育"]
    assert {(t[2], t[3]) for t in _targets(text)} == {("20", "名"), ("10", "公里"), ("15", "场")}


def test_rows_that_look_back_and_ahead_are_kept():
    text = (
        "青岚县林业局2031年工作计划\n"
        "一、重点工作\n"
        "(一)加强护林队伍建设。去年已聘用护林员38名,今年将于6月底前新增护林员20名。\n"
        "(二)推进防火设施建设。已修建防火隔离带14公里,年内再新建隔离带10公里。\n"
        "(三)深化宣传教育。累计开展宣传活动12场,力争全年开展宣传活动15场。\n"
    )
    assert _rows(text) == ["加强护林队伍建设", "推进防火设施建设", "深化宣传教育"]


def test_the_first_of_counted_places_listed_after_zai_is_a_target():
    text = (
        "青岚区应急局2031年工作计划\n"
        "一、重点任务\n"
        "1.推进智慧应急建设。一是建设完善商户智慧化管控系统,在全区4200余户沿街商户、"
        "58个“一老一小”场所,构建综合预警系统。\n"
    )
    assert _targets(text) == {
        ("沿街商户", ">=", "4200", "户", "2031-12-31"),
        ("“一老一小”场所", ">=", "58", "个", "2031-12-31"),
    }


def test_a_place_said_after_zai_without_a_list_is_no_target():
    text = (
        "青岚区应急局2031年工作计划\n"
        "一、重点任务\n"
        "1.推进智慧应急建设。建设完善商户管控系统,在4200户沿街商户构建综合预警系统。\n"
    )
    assert _targets(text) == set()


def test_a_goal_a_dated_list_quotes_by_its_slogan_is_a_target():
    text = (
        "青岚区应急局2031年工作计划\n"
        "一、总体目标\n"
        "到2031年底,力争实现以下目标:安全形势持续稳定向好,火灾起数和伤亡人数实现“双下降”,"
        "坚决杜绝重大事故;应急能力显著增强。\n"
    )
    assert _targets(text) == {
        ("火灾起数和伤亡人数实现“双下降”", None, "None", "", "2031-12-31"),
    }


def test_a_slogan_outside_a_dated_list_of_goals_is_no_target():
    text = (
        "青岚区应急局2031年工作计划\n一、重点任务\n1.加强宣传。围绕安全生产实现“双下降”开展宣传。\n"
    )
    assert _targets(text) == set()
