"""`mingzhu import investment FILE.xlsx`: the monthly investment progress sheet from the
command line, all rows or none, as the user it names."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mingzhu.core.testing import xlsx
from mingzhu.projects.models import MonthlyInvestment

HEADER = ["项目名称", "所在镇（街道）", "年度计划投资（万元）", "累计完成投资（万元）", "形象进度"]


@pytest.fixture
def projects(make_project):
    return (
        make_project(name="临溪风电塔筒项目"),
        make_project(town="321182001000", name="临溪冷链仓储项目"),
    )


def _sheet(tmp_path, rows, name="进度表.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx(rows).getvalue())
    return str(path)


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "investment", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_the_sheet_as_the_user_with_the_month_given(tmp_path, projects, fgw):
    a, b = projects
    path = _sheet(
        tmp_path,
        [
            ["临溪县重点项目投资进度表"],
            HEADER,
            ["临溪风电塔筒项目", "新坝镇", 900, 150, "钢结构安装"],
            ["临溪冷链仓储项目", "三茅街道", 400, 80, ""],
        ],
    )
    out, _err = _run(path, "--month", "2026-04", "--user", "fgw", "--json")
    assert json.loads(out) == {"created": 0, "updated": 2, "unchanged": 0, "errors": []}
    april = MonthlyInvestment.objects.get(project=a, year=2026, month=4)
    assert (april.completed, april.progress) == (Decimal("150"), "钢结构安装")
    assert MonthlyInvestment.objects.get(project=b, month=4).completed == Decimal("80")


def test_it_writes_nothing_when_a_row_is_refused_unless_valid_only(tmp_path, projects, xinba):
    a, b = projects
    path = _sheet(
        tmp_path,
        [
            ["临溪县2026年1-4月重点项目投资进度表"],
            HEADER,
            ["临溪风电塔筒项目", "新坝镇", 900, 150, ""],
            ["临溪冷链仓储项目", "", 400, 80, ""],  # 三茅街道's: not xinba's
        ],
    )
    with pytest.raises(CommandError, match="Nothing imported"):
        _run(path, "--user", "xinba")
    assert not MonthlyInvestment.objects.filter(project__in=projects).exists()
    out, _err = _run(path, "--user", "xinba", "--valid-only", "--json")
    result = json.loads(out)
    assert result["updated"] == 1
    assert result["errors"] == ["Row 4, 项目名称: No project named 临溪冷链仓储项目 in your scope."]
    assert MonthlyInvestment.objects.get(project=a, month=4).completed == Decimal("150")
    assert not MonthlyInvestment.objects.filter(project=b).exists()


def test_it_names_the_row_errors_in_the_plain_output(tmp_path, projects, xinba):
    path = _sheet(
        tmp_path, [["临溪县2026年1-4月重点项目投资进度表"], HEADER, ["无此项目", "", 1, 1, ""]]
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "investment", path, "--user", "xinba", stdout=out, stderr=err)
    assert "Row 3, 项目名称: No project named 无此项目 in your scope." in err.getvalue()


@pytest.mark.parametrize("username", ["leader", "gxj"])
def test_it_refuses_a_user_who_may_not_record_investment(tmp_path, projects, request, username):
    request.getfixturevalue(username)
    path = _sheet(tmp_path, [["临溪县2026年1-4月"], HEADER, ["临溪风电塔筒项目", "", 1, 1, ""]])
    with pytest.raises(CommandError, match="may not record investment"):
        _run(path, "--user", username)
    assert not MonthlyInvestment.objects.filter(project__in=projects).exists()


def test_it_refuses_a_month_not_written_as_one_and_a_missing_file(tmp_path, projects, xinba):
    path = _sheet(tmp_path, [HEADER, ["临溪风电塔筒项目", "", 1, 1, ""]])
    with pytest.raises(CommandError, match="--month must be a month"):
        _run(path, "--month", "四月", "--user", "xinba")
    with pytest.raises(CommandError, match="no such file"):
        _run(str(tmp_path / "无.xlsx"), "--user", "xinba")
    with pytest.raises(CommandError, match="--month on the command line"):
        _run(path, "--user", "xinba")
    assert not MonthlyInvestment.objects.filter(project__in=projects).exists()
