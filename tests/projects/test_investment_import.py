"""The towns' monthly investment progress sheet (重点项目投资进度表) imported into the
project ledger: plans and the month's completed investment of existing projects."""

import io
from decimal import Decimal

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils import translation

from mingzhu.core.testing import import_through_page, xlsx
from mingzhu.projects import actions
from mingzhu.projects.models import InvestmentPlan, MonthlyInvestment

URL = "/projects/investment-import/"
TITLE = "临溪县2026年1-10月重点项目投资进度表"
HEADER = [
    "序号",
    "项目名称",
    "所在镇（街道）",
    "年度计划投资（万元）",
    "1-10月累计完成投资（万元）",
    "形象进度",
    "备注",
]


def _months(project, year=2026) -> dict[int, Decimal]:
    return dict(
        MonthlyInvestment.objects.filter(project=project, year=year).values_list(
            "month", "completed"
        )
    )


def _plan(project, year=2026):
    return (
        InvestmentPlan.objects.filter(project=project, year=year)
        .values_list("planned", flat=True)
        .first()
    )


@pytest.fixture
def two(make_project, xinba):
    """Two projects of 新坝镇, the first with January to September 2026 recorded."""
    a = make_project(name="临溪光伏组件项目")
    b = make_project(name="临溪精密机械项目")
    months = dict.fromkeys(range(1, 10), 100)
    actions.record_investment(a.pk, actor=xinba, year=2026, monthly=months)
    return a, b


def test_cumulative_gives_the_month_less_the_months_recorded(as_user, xinba, two):
    a, b = two
    rows = [
        [TITLE],
        ["单位：万元"],
        HEADER,
        ["一、产业项目"],
        [1, "临溪光伏组件项目", "新坝镇", 3000, 1250, "主体完工", ""],
        [2, "临溪精密机械项目", "新坝镇", 800, 420, "设备安装", ""],
        ["合计", "", "", 3800, 1670, "", ""],
        ["注：本表由各镇（街道）填报"],
    ]
    response = import_through_page(as_user(xinba), URL, {"file": xlsx(rows)})
    assert response.status_code == 302
    assert _months(a)[10] == Decimal("350") and len(_months(a)) == 10
    assert _months(b) == {10: Decimal("420")} and _plan(b) == Decimal("800")
    entry = LogEntry.objects.get_for_object(
        MonthlyInvestment.objects.get(project=a, month=10)
    ).first()
    assert entry.actor == xinba


def test_the_month_column_is_the_month_figure(as_user, xinba, two):
    a, _b = two
    rows = [
        ["临溪县2026年10月重点项目投资进度表"],
        ["项目名称", "本月完成投资（万元）"],
        ["临溪光伏组件项目", 75.5],
    ]
    assert import_through_page(as_user(xinba), URL, {"file": xlsx(rows)}).status_code == 302
    assert _months(a)[10] == Decimal("75.50")
    assert _plan(a) is None


def test_amounts_in_yi_yuan_are_converted_exactly(as_user, xinba, two):
    a, b = two
    rows = [
        [TITLE],
        ["单位：亿元"],
        ["项目名称", "年度计划投资", "1-10月累计完成投资"],
        ["临溪光伏组件项目", 1.2345, "0.1"],
        ["临溪精密机械项目", "3000万元", 0.05],
    ]
    assert import_through_page(as_user(xinba), URL, {"file": xlsx(rows)}).status_code == 302
    assert _plan(a) == Decimal("12345") and _months(a)[10] == Decimal("100")
    assert _plan(b) == Decimal("3000") and _months(b)[10] == Decimal("500")


def test_a_figure_finer_than_the_ledger_keeps_is_refused(as_user, xinba, two):
    rows = [[TITLE], ["项目名称", "1-10月累计完成投资（元）"], ["临溪精密机械项目", 12345]]
    response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "Row 3, 1-10月累计完成投资（元）" in response.content.decode()
    assert not MonthlyInvestment.objects.filter(project=two[1]).exists()


def test_a_project_outside_the_scope_reads_as_one_that_does_not_exist(
    as_user, xinba, two, make_project
):
    make_project(town="321182001000", name="三茅物流园项目")
    rows = [
        [TITLE],
        ["序号", "项目名称", "年度计划投资（万元）", "1-10月累计完成投资（万元）"],
        [1, "临溪精密机械项目", 800, 420],
        [2, "并不存在的项目", 100, 10],
        [3, "三茅物流园项目", 100, 10],
    ]
    # The preview lists the refused rows beside the good one; confirming writes nothing.
    response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 200 and response.context["preview"].updated == 1
    errors = [str(e) for e in response.context["preview"].errors]
    assert errors == [
        "Row 4, 项目名称: No project named 并不存在的项目 in your scope.",
        "Row 5, 项目名称: No project named 三茅物流园项目 in your scope.",
    ]
    assert import_through_page(as_user(xinba), URL, {"file": xlsx(rows)}).status_code == 400
    assert not MonthlyInvestment.objects.filter(project=two[1]).exists()
    assert not InvestmentPlan.objects.filter(project=two[1]).exists()


def test_a_town_outside_the_scope_reads_as_one_that_does_not_exist(
    as_user, xinba, two, make_project
):
    make_project(town="321182001000", name="三茅物流园项目")
    rows = [
        [TITLE],
        HEADER,
        [1, "三茅物流园项目", "三茅街道", 100, 10, "", ""],
        [2, "并不存在的项目", "并不存在镇", 100, 10, "", ""],
    ]
    response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    errors = [str(e) for e in response.context["errors"]]
    assert errors == [
        "Row 3, 所在镇（街道）: Unknown town, or one outside your scope: 三茅街道",
        "Row 3, 项目名称: No project named 三茅物流园项目 in your scope.",
        "Row 4, 所在镇（街道）: Unknown town, or one outside your scope: 并不存在镇",
        "Row 4, 项目名称: No project named 并不存在的项目 in your scope.",
    ]


def test_the_errors_are_in_chinese(as_user, xinba, two, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    rows = [[TITLE], HEADER, [1, "并不存在的项目", "新坝镇", 100, 10, "", ""]]
    with translation.override("zh-hans"):
        response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    page = response.content.decode()
    assert "第 3 行，项目名称：您的数据范围内新坝镇没有名为“并不存在的项目”的项目。" in page


def test_two_projects_of_one_name_are_told_apart_by_the_town(as_user, supervisor, make_project):
    x = make_project(name="临溪物流中心项目")
    s = make_project(town="321182001000", name="临溪物流中心项目")
    rows = [
        [TITLE],
        ["项目名称", "所在镇（街道）", "1-10月累计完成投资"],
        ["临溪物流中心项目", "三茅街道", 66],
    ]
    assert import_through_page(as_user(supervisor), URL, {"file": xlsx(rows)}).status_code == 302
    assert _months(s) == {10: Decimal("66")} and _months(x) == {}
    rows = [[TITLE], ["项目名称", "1-10月累计完成投资"], ["临溪物流中心项目", 66]]
    response = as_user(supervisor).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 400 and "give the town" in response.content.decode()


def test_a_cumulative_below_the_recorded_months_is_refused(as_user, xinba, two):
    a, _b = two
    rows = [[TITLE], ["项目名称", "1-10月累计完成投资"], ["临溪光伏组件项目", 899]]
    response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "899 is less than the 900 already recorded for months 1 to 9 of 2026" in (
        response.content.decode()
    )
    assert 10 not in _months(a)


def test_a_recorded_figure_is_refused_and_replaced_with_the_option(as_user, xinba, two):
    a, _b = two
    actions.record_investment(a.pk, actor=xinba, year=2026, planned=3000, monthly={10: 300})
    rows = [[TITLE], HEADER, [1, "临溪光伏组件项目", "新坝镇", 3000, 1250, "", ""]]
    response = import_through_page(as_user(xinba), URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "2026-10 already has 300 recorded" in response.content.decode()
    assert _months(a)[10] == Decimal("300")
    response = import_through_page(as_user(xinba), URL, {"file": xlsx(rows), "overwrite": "on"})
    assert response.status_code == 302
    assert _months(a)[10] == Decimal("350")
    # The same sheet again changes nothing.
    preview = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert preview.status_code == 200 and preview.context["preview"].unchanged == 1


def test_a_title_without_a_month_takes_the_month_chosen_on_the_page(as_user, xinba, two):
    _a, b = two
    rows = [
        ["临溪县重点项目投资进度表"],
        ["填报日期：2026年8月5日"],
        ["项目名称", "累计完成投资（万元）"],
        ["临溪精密机械项目", 42],
    ]
    data = {"file": xlsx(rows), "report_month": "2026-07"}
    assert import_through_page(as_user(xinba), URL, data).status_code == 302
    assert _months(b) == {7: Decimal("42")}


def test_a_heading_of_one_month_names_the_report_month_in_the_titles_year(as_user, xinba, two):
    _a, b = two
    rows = [
        ["临溪县2026年重点项目投资进度表"],
        ["项目名称", "9月完成投资"],
        ["临溪精密机械项目", 12],
    ]
    assert import_through_page(as_user(xinba), URL, {"file": xlsx(rows)}).status_code == 302
    assert _months(b) == {9: Decimal("12")}


def test_a_month_neither_the_title_nor_the_page_gives_is_refused(as_user, xinba, two):
    rows = [
        ["临溪县重点项目投资进度表"],
        ["项目名称", "累计完成投资（万元）"],
        ["临溪精密机械项目", 42],
    ]
    response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "choose the report month on the page" in response.content.decode()
    # A month chosen that the title contradicts is refused too.
    rows[0] = [TITLE]
    response = as_user(xinba).post(URL, {"file": xlsx(rows), "report_month": "2026-09"})
    assert response.status_code == 400 and "is not the one the sheet names" in (
        response.content.decode()
    )
    assert not MonthlyInvestment.objects.filter(project=two[1]).exists()


def test_nothing_is_written_when_one_row_is_refused(as_user, xinba, two):
    _a, b = two
    rows = [
        [TITLE],
        HEADER,
        [1, "临溪精密机械项目", "新坝镇", 800, 420, "", ""],
        [2, "临溪光伏组件项目", "新坝镇", "很多", 1000, "", ""],
    ]
    response = import_through_page(as_user(xinba), URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "Row 4, 年度计划投资（万元）: Not a number: 很多" in response.content.decode()
    assert _plan(b) is None and _months(b) == {}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("xinba", 200),
        ("sanmao", 200),
        ("supervisor", 200),
        ("fgw", 200),
        ("leader", 403),
        ("gxj", 403),
        ("outsider", 403),
        ("enterprise_user", 403),
    ],
)
def test_who_may_open_and_post_the_page(as_user, request, persona, status, two):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.get("/projects/investment-template/").status_code == status
    rows = [[TITLE], ["项目名称", "1-10月累计完成投资"], ["临溪精密机械项目", 5]]
    response = import_through_page(client, URL, {"file": xlsx(rows)})
    written = MonthlyInvestment.objects.filter(project=two[1]).exists()
    if persona in {"xinba", "supervisor", "fgw"}:
        assert response.status_code == 302 and written
    else:
        # sanmao opens the page but 新坝镇's project is not one of its own.
        assert response.status_code in {400, 403} and not written
        assert response.status_code == (400 if status == 200 else 403)
    ledger = client.get("/projects/")
    if ledger.status_code == 200:
        assert ('id="import-investment"' in ledger.content.decode()) == (status == 200)


def test_the_key_project_office_records_every_towns_projects(as_user, fgw, make_project, unit):
    """The 发改委 compiles the city's sheet: projects of several towns in one import."""
    a = make_project(name="临溪港区码头项目")
    b = make_project(town="321182001000", name="临溪物流中心项目")
    rows = [
        [TITLE],
        ["项目名称", "年度计划投资（万元）", "1-10月累计完成投资（万元）"],
        ["临溪港区码头项目", 500, 300],
        ["临溪物流中心项目", 200, 120],
    ]
    assert import_through_page(as_user(fgw), URL, {"file": xlsx(rows)}).status_code == 302
    assert _months(a) == {10: Decimal("300")} and _months(b) == {10: Decimal("120")}
    entry = LogEntry.objects.get_for_object(MonthlyInvestment.objects.get(project=b)).first()
    assert entry.actor == fgw


def test_who_may_record_investment_by_hand(as_user, make_project, fgw, xinba, sanmao, leader):
    project = make_project(name="临溪手填项目")
    url = f"/projects/{project.pk}/investment/"
    data = {"year": 2026, "month": 3, "completed": "12.5", "progress": "桩基施工"}
    for user, status in ((leader, 403), (sanmao, 404), (fgw, 200), (xinba, 200)):
        page = as_user(user).get(project.get_absolute_url())
        assert page.status_code == (404 if user is sanmao else 200)
        if page.status_code == 200:
            shown = 'id="action-investment"' in page.content.decode()
            assert shown == (status == 200), user
        assert as_user(user).get(url).status_code == status
    assert as_user(fgw).post(url, data).status_code == 302
    record = MonthlyInvestment.objects.get(project=project, month=3)
    assert (record.completed, record.progress) == (Decimal("12.5"), "桩基施工")
    with pytest.raises(PermissionDenied):
        actions.record_investment(project.pk, actor=leader, year=2026, monthly={4: 1})
    assert not MonthlyInvestment.objects.filter(project=project, month=4).exists()
    # A remark alone goes on a month already recorded, not on one without its figure.
    assert (
        as_user(xinba).post(url, {"year": 2026, "month": 3, "remark": "进度滞后"}).status_code
        == 302
    )
    assert MonthlyInvestment.objects.get(project=project, month=3).remark == "进度滞后"
    refused = as_user(xinba).post(url, {"year": 2026, "month": 5, "remark": "未开工"})
    assert refused.status_code == 400 and "remark" in refused.context["form"].errors
    assert not MonthlyInvestment.objects.filter(project=project, month=5).exists()


def test_the_progress_and_remark_are_kept_on_the_months_record(as_user, xinba, two):
    a, b = two
    rows = [
        [TITLE],
        HEADER,
        [1, "临溪光伏组件项目", "新坝镇", 3000, 1250, "主体完工", "待验收"],
        [2, "临溪精密机械项目", "新坝镇", 800, 420, "设备安装", ""],
    ]
    assert import_through_page(as_user(xinba), URL, {"file": xlsx(rows)}).status_code == 302
    october = MonthlyInvestment.objects.get(project=a, year=2026, month=10)
    assert (october.progress, october.remark) == ("主体完工", "待验收")
    assert MonthlyInvestment.objects.get(project=b, month=10).remark == ""
    # The same sheet again changes nothing; a different text needs the option.
    again = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert again.context["preview"].unchanged == 2
    rows[2][5] = "竣工验收"
    refused = import_through_page(as_user(xinba), URL, {"file": xlsx(rows)})
    assert refused.status_code == 400 and "Row 3, 形象进度" in refused.content.decode()
    assert MonthlyInvestment.objects.get(project=a, month=10).progress == "主体完工"
    replaced = import_through_page(as_user(xinba), URL, {"file": xlsx(rows), "overwrite": "on"})
    assert replaced.status_code == 302
    assert MonthlyInvestment.objects.get(project=a, month=10).progress == "竣工验收"


def test_a_progress_without_the_months_figure_is_refused(as_user, xinba, two):
    rows = [
        [TITLE],
        ["项目名称", "年度计划投资（万元）", "形象进度"],
        ["临溪精密机械项目", 800, "前期手续办理中"],
    ]
    response = import_through_page(as_user(xinba), URL, {"file": xlsx(rows)})
    assert response.status_code == 400
    assert "Row 3, 形象进度: Give the month&#x27;s completed investment" in (
        response.content.decode()
    )
    assert not InvestmentPlan.objects.filter(project=two[1]).exists()


def test_the_progress_is_shown_on_the_project_and_in_the_export(
    as_user, xinba, make_project, monkeypatch
):
    import datetime as dt

    from django.utils import timezone

    project = make_project(name="临溪展示项目")
    actions.record_investment(
        project.pk,
        actor=xinba,
        year=2026,
        monthly={9: 10, 10: 20},
        notes={9: {"progress": "基础施工"}, 10: {"progress": "主体封顶", "remark": "提前完成"}},
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 10, 20))
    page = as_user(xinba).get(project.get_absolute_url()).content.decode()
    table = page[page.index('id="investment-months"') :]
    assert table.index("基础施工") < table.index("主体封顶") < table.index("提前完成")
    export = as_user(xinba).get("/projects/", {"export": "xlsx", "q": "临溪展示项目"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(r for r in rows if "Progress (形象进度)" in r)
    found = next(r for r in rows if "临溪展示项目" in r)
    record = dict(zip(header, found, strict=False))
    assert record["Progress (形象进度)"] == "主体封顶" and record["Remarks"] == "提前完成"
    assert record["Latest month reported"] == 10


def test_the_preview_says_what_each_row_changes(as_user, xinba, two):
    a, _b = two
    actions.record_investment(a.pk, actor=xinba, year=2026, planned=2800)
    rows = [
        [TITLE],
        HEADER,
        [1, "临溪光伏组件项目", "新坝镇", 3000, 1250, "主体完工", ""],
        [2, "临溪精密机械项目", "新坝镇", "", 420, "", "资金到位"],
    ]
    response = as_user(xinba).post(URL, {"file": xlsx(rows), "overwrite": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    # The plan recorded beside the sheet's, the month the cumulative figure leaves, the texts.
    assert (
        "Row 3: 临溪光伏组件项目：plan of 2026 2800 → 3000 (10k yuan)；"
        "completed in 2026-10 350 (10k yuan)；形象进度：主体完工" in page
    )
    assert "Row 4: 临溪精密机械项目：completed in 2026-10 420 (10k yuan)；备注：资金到位" in page
