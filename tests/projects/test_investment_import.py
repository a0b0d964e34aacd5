"""The towns' monthly investment progress sheet (重点项目投资进度表) imported into the
project ledger: plans and the month's completed investment of existing projects."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
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


def test_an_unknown_project_and_one_outside_the_scope_are_row_errors(
    as_user, xinba, two, make_project
):
    make_project(town="321182001000", name="三茅物流园项目")
    rows = [
        [TITLE],
        HEADER,
        [1, "临溪精密机械项目", "新坝镇", 800, 420, "", ""],
        [2, "并不存在的项目", "新坝镇", 100, 10, "", ""],
        [3, "三茅物流园项目", "三茅街道", 100, 10, "", ""],
    ]
    # The preview lists the refused rows beside the good one; confirming writes nothing.
    response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    assert response.status_code == 200 and response.context["preview"].updated == 1
    page = response.content.decode()
    assert "Row 4, 项目名称: No project named 并不存在的项目" in page
    assert "Row 5, 项目名称: Project 三茅物流园项目 is outside your scope" in page
    assert "Row 5, 所在镇（街道）" in page  # not a town of xinba's either
    assert import_through_page(as_user(xinba), URL, {"file": xlsx(rows)}).status_code == 400
    assert not MonthlyInvestment.objects.filter(project=two[1]).exists()
    assert not InvestmentPlan.objects.filter(project=two[1]).exists()


def test_the_errors_are_in_chinese(as_user, xinba, two, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    rows = [[TITLE], HEADER, [1, "并不存在的项目", "新坝镇", 100, 10, "", ""]]
    with translation.override("zh-hans"):
        response = as_user(xinba).post(URL, {"file": xlsx(rows)})
    page = response.content.decode()
    assert "第 3 行，项目名称：项目台账中新坝镇没有名为“并不存在的项目”的项目。" in page


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
        ("fgw", 403),
        ("leader", 403),
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
    if persona in {"xinba", "supervisor"}:
        assert response.status_code == 302 and written
    else:
        # sanmao opens the page but 新坝镇's project is not one of its own.
        assert response.status_code in {400, 403} and not written
        assert response.status_code == (400 if status == 200 else 403)
    ledger = client.get("/projects/")
    if ledger.status_code == 200:
        assert ('id="import-investment"' in ledger.content.decode()) == (status == 200)
