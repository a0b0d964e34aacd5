from io import BytesIO

import pytest
from openpyxl import Workbook

from mingzhu.core.tabular import WorkbookError
from mingzhu.targets.importer import HEADERS, import_observations
from mingzhu.targets.models import Observation

from .conftest import CITY, XINBA

URL = "/targets/observations/import/"


def workbook(*rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "observations.xlsx"
    return buffer


def test_it_imports_every_row(xinba):
    file = workbook(
        ["GDP", "亿元", XINBA, 2021, 80.5, "镇统计站"],
        ["一般公共预算收入", "亿元", "新坝镇", "2022", "5.2", None],
    )
    result = import_observations(file, actor=xinba)
    assert result.errors == [] and result.created == 2
    obs = Observation.objects.get(unit__code=XINBA, indicator__code="GPBR")
    assert obs.period == "2022" and obs.entered_by == xinba and obs.source == ""


def test_it_updates_an_existing_value_only_when_told(xinba, observe, gdp):
    observe(gdp, XINBA, "2021", 70)
    refused = import_observations(workbook(["GDP", "亿元", XINBA, 2021, 71]), actor=xinba)
    assert [(e.row, e.field) for e in refused.errors] == [(2, "数值")]
    assert "70" in str(refused.errors[0]) and "71" in str(refused.errors[0])
    assert Observation.objects.get(unit__code=XINBA, indicator=gdp).value == 70
    same = import_observations(workbook(["GDP", "亿元", XINBA, 2021, 70]), actor=xinba)
    assert same.errors == [] and (same.created, same.updated) == (0, 1)
    result = import_observations(
        workbook(["GDP", "亿元", XINBA, 2021, 71]), actor=xinba, overwrite=True
    )
    assert (result.created, result.updated) == (0, 1)
    obs = Observation.objects.get(unit__code=XINBA, indicator=gdp)
    assert obs.value == 71
    from auditlog.models import LogEntry

    change = LogEntry.objects.get_for_object(obs).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert change.actor == xinba and "value" in change.changes_dict


def test_the_page_replaces_a_value_only_when_ticked(as_user, xinba, observe, gdp):
    observe(gdp, XINBA, "2021", 70)
    response = as_user(xinba).post(URL, {"file": workbook(["GDP", "亿元", XINBA, 2021, 71])})
    assert response.status_code == 400 and "70" in response.content.decode()
    ticked = {"file": workbook(["GDP", "亿元", XINBA, 2021, 71]), "overwrite": "on"}
    assert as_user(xinba).post(URL, ticked).status_code == 302
    assert Observation.objects.get(unit__code=XINBA, indicator=gdp).value == 71


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (["GDP", "亿元", XINBA, 2021, "很多"], "数值", "很多"),
        (["GDP", "万元", XINBA, 2021, 1], "单位", "亿元"),
        (["GDP", "亿元", XINBA, "2021Q1", 1], "期间", "2021Q1"),
        (["GDP", "亿元", XINBA, "2021-03", 1], "期间", "2021-03"),
        (["NOPE", "亿元", XINBA, 2021, 1], "指标", ""),
        (["GDP", "亿元", CITY, 2021, 1], "地区", ""),  # a town enters only its own
        (["GDP", "亿元", XINBA, 2021, None], "数值", ""),
    ],
)
def test_it_names_row_and_column_and_writes_nothing(xinba, row, column, words):
    good = ["GPBR", "亿元", XINBA, 2021, 5]
    result = import_observations(workbook(good, row), actor=xinba)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.row, error.field) == (3, column) and words in str(error)
    assert "3" in str(error) and column in str(error)
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_it_refuses_the_same_period_twice(xinba):
    row = ["GDP", "亿元", XINBA, 2021, 1]
    result = import_observations(workbook(row, row), actor=xinba)
    assert [(e.row, e.field) for e in result.errors] == [(3, "期间")]
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_it_refuses_a_sheet_without_its_columns(xinba):
    with pytest.raises(WorkbookError):
        import_observations(workbook(["GDP"], headers=["指标"]), actor=xinba)


def test_it_imports_through_the_page(as_user, xinba):
    file = workbook(["GDP", "亿元", XINBA, 2021, 80.5])
    response = as_user(xinba).post(URL, {"file": file})
    assert response.status_code == 302
    assert Observation.objects.filter(unit__code=XINBA).count() == 1


def test_it_shows_the_errors_on_the_page(as_user, xinba):
    file = workbook(["GDP", "亿元", XINBA, 2021, "n/a"])
    response = as_user(xinba).post(URL, {"file": file})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-errors"' in page and "数值" in page and "n/a" in page
    assert not Observation.objects.filter(unit__code=XINBA).exists()


def test_it_refuses_a_file_that_is_not_a_workbook(as_user, xinba):
    bad = BytesIO(b"not a workbook")
    bad.name = "x.xlsx"
    response = as_user(xinba).post(URL, {"file": bad})
    assert response.status_code == 400 and 'id="import-errors"' in response.content.decode()


def test_it_reimports_an_export(as_user, tjj):
    exported = as_user(tjj).get("/targets/observations/", {"export": "xlsx"}).content
    count = Observation.objects.count()
    result = import_observations(BytesIO(exported), actor=tjj)
    assert result.errors == [] and result.created == 0 and result.updated == count
