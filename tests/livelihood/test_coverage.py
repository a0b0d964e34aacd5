from io import BytesIO

import pytest

from mingzhu.core.testing import xlsx
from mingzhu.livelihood import actions, importer
from mingzhu.livelihood.models import CoverageRecord, CoverageTarget
from mingzhu.tasks.choices import SourceKind

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

HEADERS = ["村（社区）编码", "村（社区）", "险种", "户籍人口", "参保人数"]


def _xlsx(rows) -> BytesIO:
    return xlsx([HEADERS, *rows], name="coverage.xlsx")


GOOD = [
    ["YZ-XINBA-V02", "立新村", "基本养老保险", 2000, 1800],
    ["YZ-XINBA-V02", "立新村", "基本医疗保险", 2000, 1990],
]


def test_it_imports_all_rows_or_none(supervisor):
    bad = _xlsx(
        [
            *GOOD,
            ["YZ-NOWHERE", "", "基本养老保险", 100, 90],
            ["YZ-XINBA-V03", "", "失业保险", 100, 90],
            ["YZ-XINBA-V03", "", "基本医疗保险", 100, 120],
            ["YZ-XINBA-V03", "", "基本养老保险", "many", 1],
        ]
    )
    result = importer.import_coverage(bad, actor=supervisor, year=2030)
    assert not CoverageRecord.objects.filter(year=2030).exists()
    messages = [str(e) for e in result.errors]
    assert any("Row 4" in m and "YZ-NOWHERE" in m for m in messages)
    assert any("Row 5" in m and "险种" in m for m in messages)
    assert any("Row 6" in m and "参保人数" in m for m in messages)
    assert any("Row 7" in m and "户籍人口" in m for m in messages)
    result = importer.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
    assert (result.created, result.updated) == (2, 0)
    again = importer.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_follow_up_tasks_for_villages_below_the_target(supervisor, lixin, unit):
    importer.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
    CoverageTarget.objects.create(year=2030, scheme="pension", rate=95)
    CoverageTarget.objects.create(year=2030, scheme="medical", rate=98)
    import datetime as dt

    assert actions.raise_follow_ups(actor=supervisor, year=2030, as_of=dt.date(2030, 3, 4)) == 1
    record = CoverageRecord.objects.get(year=2030, scheme="pension", village__code="YZ-XINBA-V02")
    assert record.task.source_kind == SourceKind.COVERAGE
    assert record.task.lead_unit.code == "YZ-XINBA-V02" and record.task.status == "assigned"
    # open task: not raised twice
    assert actions.raise_follow_ups(actor=supervisor, year=2030, as_of=dt.date(2030, 3, 4)) == 0
    # the village accepts its follow-up through the task engine
    from mingzhu.tasks import actions as task_actions

    task_actions.accept(record.task_id, actor=lixin)


@pytest.mark.parametrize("persona", ["lixin", "xinba", "fgw", "outsider"])
def test_only_the_supervision_side_imports(as_user, request, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/livelihood/coverage/import/").status_code == 403
    response = client.post("/livelihood/coverage/import/", {"year": 2030, "file": _xlsx(GOOD)})
    assert response.status_code == 403


def test_the_import_page(as_user, supervisor):
    client = as_user(supervisor)
    page = client.get("/livelihood/coverage/import/")
    assert page.status_code == 200 and "/livelihood/coverage/template/" in page.content.decode()
    bad = client.post(
        "/livelihood/coverage/import/",
        {"year": 2030, "file": _xlsx([["YZ-XINBA-V02", "", "基本养老保险", 10, 20]])},
    )
    text = bad.content.decode()
    assert bad.status_code == 400 and "import-errors" in text and "参保人数" in text
    not_excel = BytesIO(b"not a workbook")
    not_excel.name = "x.xlsx"
    response = client.post("/livelihood/coverage/import/", {"year": 2030, "file": not_excel})
    assert response.status_code == 400
    no_year = client.post("/livelihood/coverage/import/", {"year": "", "file": _xlsx(GOOD)})
    assert no_year.status_code == 400 and not CoverageRecord.objects.filter(year=2030).exists()
    preview = client.post("/livelihood/coverage/import/", {"year": 2030, "file": _xlsx(GOOD)})
    assert preview.status_code == 200 and preview.context["preview"].created == 2
    assert not CoverageRecord.objects.filter(year=2030).exists()  # a preview writes nothing
    carried = dict(preview.context["carried"])
    assert carried["year"] == "2030"
    ok = client.post(
        "/livelihood/coverage/import/", {"staged": preview.context["staged"], **carried}
    )
    assert ok.status_code == 302 and ok["Location"] == "/livelihood/coverage/?year=2030"
    page = client.get("/livelihood/coverage/", {"year": 2030})
    assert page.status_code == 200 and len(page.context["rows"]) == 2


def test_a_re_import_updates_by_village_year_and_scheme(supervisor):
    importer.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
    CoverageRecord.objects.filter(year=2030).update(is_illustrative=True)
    record = CoverageRecord.objects.get(year=2030, scheme="pension")
    changed = [["", "立新村", "养老保险", 2000, 1850], GOOD[1]]
    with_name = _xlsx([[r[0], r[1], r[2], r[3], r[4]] for r in changed])
    result = importer.import_coverage(with_name, actor=supervisor, year=2030)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    record.refresh_from_db()
    assert record.insured == 1850 and record.is_illustrative  # the 示例 flag is kept
    from auditlog.models import LogEntry

    assert LogEntry.objects.get_for_object(record).filter(actor=supervisor).exists()
    assert CoverageRecord.objects.filter(year=2030).count() == 2


def test_the_template_reads_back(as_user, supervisor):
    from openpyxl import load_workbook

    from mingzhu.core.tabular import read_table

    response = as_user(supervisor).get("/livelihood/coverage/template/")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    notes = [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]  # 说明
    assert "险种" in notes and "参保人数" in notes
    sheet = book.worksheets[0]
    assert sheet.data_validations.dataValidation  # scheme and village drop-downs
    # The template's only row is the example, which is not imported.
    assert read_table(BytesIO(response.content), importer.COLUMNS).rows == []


@pytest.mark.parametrize("persona", ["lixin", "xinba", "fgw", "outsider"])
def test_only_the_supervision_side_gets_the_template(as_user, request, persona):
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/livelihood/coverage/template/").status_code == 403
