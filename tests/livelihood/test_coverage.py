from io import BytesIO

import pytest
from openpyxl import Workbook

from mingzhu.livelihood import actions
from mingzhu.livelihood.models import CoverageRecord, CoverageTarget
from mingzhu.tasks.choices import SourceKind

HEADERS = ["村（社区）编码", "村（社区）", "险种", "户籍人口", "参保人数"]


def _xlsx(rows) -> BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "coverage.xlsx"
    return buffer


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
    result = actions.import_coverage(bad, actor=supervisor, year=2030)
    assert not CoverageRecord.objects.filter(year=2030).exists()
    messages = [str(e) for e in result["errors"]]
    assert any("Row 4" in m and "YZ-NOWHERE" in m for m in messages)
    assert any("Row 5" in m and "险种" in m for m in messages)
    assert any("Row 6" in m and "参保人数" in m for m in messages)
    assert any("Row 7" in m and "户籍人口" in m for m in messages)
    result = actions.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
    assert (result["created"], result["updated"]) == (2, 0)
    again = actions.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
    assert (again["created"], again["updated"]) == (0, 2)


def test_follow_up_tasks_for_villages_below_the_target(supervisor, lixin, unit):
    actions.import_coverage(_xlsx(GOOD), actor=supervisor, year=2030)
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
    bad = client.post(
        "/livelihood/coverage/import/",
        {"year": 2030, "file": _xlsx([["YZ-XINBA-V02", "", "基本养老保险", 10, 20]])},
    )
    assert bad.status_code == 400 and "import-errors" in bad.content.decode()
    not_excel = BytesIO(b"not a workbook")
    not_excel.name = "x.xlsx"
    response = client.post("/livelihood/coverage/import/", {"year": 2030, "file": not_excel})
    assert response.status_code == 400
    ok = client.post("/livelihood/coverage/import/", {"year": 2030, "file": _xlsx(GOOD)})
    assert ok.status_code == 302
    page = client.get("/livelihood/coverage/", {"year": 2030})
    assert page.status_code == 200 and len(page.context["rows"]) == 2
