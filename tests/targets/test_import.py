from io import BytesIO

import pytest
from openpyxl import Workbook

from mingzhu.core.tabular import WorkbookError
from mingzhu.core.testing import import_through_page
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
    assert same.errors == [] and (same.created, same.updated, same.unchanged) == (0, 0, 1)
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
    assert import_through_page(as_user(xinba), URL, ticked).status_code == 302
    assert Observation.objects.get(unit__code=XINBA, indicator=gdp).value == 71


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (["GDP", "亿元", XINBA, 2021, "很多"], "数值", "很多"),
        # 万元 converts into the indicator's 亿元 (read, not refused); 家 does not.
        (["GDP", "家", XINBA, 2021, 1], "单位", "亿元"),
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
    preview = as_user(xinba).post(URL, {"file": file})
    assert preview.status_code == 200 and not Observation.objects.filter(unit__code=XINBA).exists()
    file = workbook(["GDP", "亿元", XINBA, 2021, 80.5])
    response = import_through_page(as_user(xinba), URL, {"file": file})
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
    flagged = Observation.objects.filter(is_illustrative=True).count()
    result = import_observations(BytesIO(exported), actor=tjj)
    assert result.errors == [] and result.created == 0 and result.updated == 0
    assert result.unchanged == count
    assert flagged and Observation.objects.filter(is_illustrative=True).count() == flagged


def test_a_changed_figure_keeps_its_flag_and_its_source(xinba, observe, gdp):
    obs = observe(gdp, XINBA, "2021", 70)
    Observation.objects.filter(pk=obs.pk).update(is_illustrative=True, source="镇统计站")
    no_source = [h for h in HEADERS if h != "来源"]
    result = import_observations(
        workbook(["GDP", "亿元", XINBA, 2021, 72], headers=no_source), actor=xinba, overwrite=True
    )
    assert result.updated == 1
    obs = Observation.objects.get(pk=obs.pk)
    assert obs.value == 72 and obs.is_illustrative and obs.source == "镇统计站"


def test_the_template_downloads_for_those_who_enter_figures(as_user, xinba, outsider):
    from openpyxl import load_workbook

    response = as_user(xinba).get("/targets/observations/template/")
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert len(wb.sheetnames) == 3 and wb.worksheets[0].data_validations.dataValidation
    assert as_user(outsider).get("/targets/observations/template/").status_code == 403


def test_the_exported_list_imports_again_through_the_page_changing_nothing(as_user, tjj):
    from auditlog.models import LogEntry

    client = as_user(tjj)
    exported = client.get("/targets/observations/", {"export": "xlsx"})
    upload = BytesIO(exported.content)
    upload.name = "observations.xlsx"
    fields = ["pk", "value", "source", "is_illustrative", "entered_by_id", "measure_unit"]
    before = list(Observation.objects.order_by("pk").values(*fields))
    entries = LogEntry.objects.count()
    preview = client.post(URL, {"file": upload})
    assert preview.status_code == 200, preview.context.get("errors")
    result = preview.context["preview"]
    assert (result.created, result.updated, result.errors) == (0, 0, [])
    assert result.unchanged == len(before)
    assert client.post(URL, {"staged": preview.context["staged"]}).status_code == 302
    assert list(Observation.objects.order_by("pk").values(*fields)) == before
    assert LogEntry.objects.count() == entries


def test_the_template_explains_every_column_with_drop_downs(as_user, tjj):
    from openpyxl import load_workbook

    response = as_user(tjj).get("/targets/observations/template/")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS and sheet["A2"].value == "示例"
    notes = list(book.worksheets[1].iter_rows(min_row=2, max_col=4, values_only=True))
    assert all(row[2] for row in notes if row[0] and row[1])
    required = {row[0] for row in notes if row[1] in ("是", "Yes")}
    assert required == set(HEADERS) - {"来源"}
    lists = {str(v.sqref)[0] for v in sheet.data_validations.dataValidation}
    assert lists == {"A", "C"}  # the indicators and the units
