"""Layouts of 重点项目 ledgers and progress sheets as counties publish them: a year's
plan headed with its year (2025年投资计划), a unit in the heading merged over the figures
(投资情况（亿元）), a cumulative column 截至8月底已完成投资 and a title （截至8月底）."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mingzhu.core.tabular import Column, read_table
from mingzhu.core.testing import import_through_page, xlsx
from mingzhu.projects.models import InvestmentPlan, MonthlyInvestment, Project

IMPORT = "/projects/import/"
PROGRESS = "/projects/investment-import/"


def _upload(rows, merges=()):
    return SimpleUploadedFile("进度表.xlsx", xlsx(rows, merges).getvalue())


def test_a_heading_with_its_year_is_the_years_plan_and_without_it_the_total(as_user, xinba):
    rows = [
        ["新坝镇2025年重点项目推进情况表"],
        ["单位：万元"],
        ["序号", "项目名称", "项目业主", "建设地点", "计划投资", "2025年投资计划"],
        [1, "松岭冷链仓储项目", "松岭物流有限公司", "新坝镇", 8800, 3200],
    ]
    response = import_through_page(as_user(xinba), IMPORT, {"file": _upload(rows)})
    assert response.status_code == 302
    project = Project.objects.get(name="松岭冷链仓储项目")
    assert project.total_investment == Decimal("8800")
    assert list(project.plans.values_list("year", "planned")) == [(2025, Decimal("3200"))]


def test_a_years_investment_in_yi_yuan_is_the_plan(as_user, xinba):
    rows = [
        ["新坝镇2025年第一季度重点项目集中开工项目表"],
        ["项目名称", "建设单位", "建设地点", "总投资（亿元）", "年度投资（亿元）", "开工时间"],
        ["松岭标准厂房项目", "松岭建设有限公司", "新坝镇", 1.6, 0.7, "2025年1月3日"],
    ]
    with pytest.MonkeyPatch.context() as patch:
        import datetime as dt

        from django.utils import timezone

        patch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2025, 2, 1))
        response = import_through_page(as_user(xinba), IMPORT, {"file": _upload(rows)})
    assert response.status_code == 302
    project = Project.objects.get(name="松岭标准厂房项目")
    assert project.stage == "under_construction"
    assert project.plans.get(year=2025).planned == Decimal("7000")


def test_the_unit_of_a_heading_merged_over_the_figures_is_theirs(as_user, xinba, make_project):
    project = make_project(name="松岭卫生院迁建")
    rows = [
        ["新坝镇2026年重点项目建设进度表（截至6月底）"],
        ["序号", "项目名称", "投资情况（亿元）", None, None, "形象进度"],
        [None, None, "总投资", "2026年计划投资", "1-6月累计完成投资", None],
        [1, "松岭卫生院迁建", 0.6, 0.25, 0.12, "主体施工"],
    ]
    merges = ["C2:E2", "A2:A3", "B2:B3", "F2:F3"]
    response = import_through_page(as_user(xinba), PROGRESS, {"file": _upload(rows, merges)})
    assert response.status_code == 302
    assert InvestmentPlan.objects.get(project=project, year=2026).planned == Decimal("2500")
    month = MonthlyInvestment.objects.get(project=project, year=2026)
    assert (month.month, month.completed, month.progress) == (6, Decimal("1200"), "主体施工")


def test_a_figure_up_to_the_end_of_a_month_and_the_titles_month(as_user, xinba, make_project):
    project = make_project(name="松岭污水管网工程")
    rows = [
        ["2026年新坝镇重点项目进展情况表（截至8月底）"],
        ["单位：亿元"],
        ["项目类别", "项目名称", "2026年计划投资", "截至8月底已完成投资"],
        ["生态环保", "松岭污水管网工程", 0.6, 0.4],
    ]
    assert import_through_page(as_user(xinba), PROGRESS, {"file": _upload(rows)}).status_code == 302
    month = MonthlyInvestment.objects.get(project=project)
    assert (month.year, month.month, month.completed) == (2026, 8, Decimal("4000"))
    # The title alone names the month when the heading does not.
    rows[2][3] = "累计完成投资"
    rows[3][3] = 0.45
    data = {"file": _upload(rows), "overwrite": "on"}
    assert import_through_page(as_user(xinba), PROGRESS, data).status_code == 302
    assert MonthlyInvestment.objects.get(project=project, month=8).completed == Decimal("4500")


def test_the_reader_keeps_a_group_heading_only_when_merged_across():
    wanted = [
        Column("name", "项目名称"),
        Column("total", "总投资", required=False),
        Column("planned", "年度计划投资", required=False, dated=("计划投资",)),
    ]
    merged = [
        ["表一（亿元）"],
        ["项目名称", "投资（亿元）", None],
        ["项目名称", "总投资", "2026年计划投资"],
        ["甲项目", 1, 2],
    ]
    table = read_table(xlsx(merged, ["B2:C2", "A2:A3"]), wanted)
    assert table.headers["planned"] == "2026年计划投资"
    assert table.group_headings == {"total": "投资（亿元）", "planned": "投资（亿元）"}
    assert table.unit("total", {"亿元": 1, "万元": 1}) == "亿元"
    # Not merged: a heading above that happens to be there says nothing of the column.
    table = read_table(
        xlsx([["说明（亿元）", "说明（亿元）"], ["项目名称", "总投资"], ["甲", 3]]), wanted
    )
    assert table.group_headings == {} and "planned" not in table.headers
