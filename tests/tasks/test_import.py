import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from mingzhu.core.excel import write_xlsx
from mingzhu.core.testing import import_through_page
from mingzhu.tasks.models import Task, TaskList

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

HEADERS = ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
GOOD = [
    [
        1,
        "制定港产城融合实施方案",
        "发改委",
        "资规局、新坝镇",
        "市领导（示例）",
        dt.date(2099, 6, 30),
    ],
    [2, "推进暖企走访全覆盖", "工业和信息化局", "", "", "2099年9月30日"],
]
BAD = [
    [3, "", "不存在的局", "新坝镇", "", "明年"],
    [4, "整治背街小巷", "城管局", "火星镇", "无名氏", "2099-10-01"],
]


def workbook(rows) -> io.BytesIO:
    return io.BytesIO(write_xlsx("任务清单", HEADERS, rows))


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="导入测试清单", kind="meeting", issuer=supervisor.unit, year=2099
    )


def test_it_imports_a_task_list(as_user, supervisor, task_list, unit):
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{task_list.pk}/import/", {"file": workbook(GOOD)}
    )
    assert response.status_code == 302
    first, second = task_list.tasks.order_by("code")
    assert first.lead_unit == unit("YZ-DEPT-FGW")
    assert set(first.co_units.values_list("code", flat=True)) == {"YZ-DEPT-ZRZY", "YZ-XINBA"}
    assert first.leader.username == "leader"
    assert second.deadline == dt.date(2099, 9, 30) and second.leader is None
    assert first.code.startswith("2099-DB-")


def test_it_finds_units_by_the_names_offices_write(as_user, supervisor, task_list, unit):
    rows = [
        [1, "编制年度投资计划", "市发改委", "扬中市生态环境局、县人社局", "", dt.date(2099, 6, 30)],
        [2, "推进污染防治", "扬中市生态环境局", "扬中市新坝镇", "", dt.date(2099, 6, 30)],
    ]
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{task_list.pk}/import/", {"file": workbook(rows)}
    )
    assert response.status_code == 302
    first, second = task_list.tasks.order_by("code")
    assert first.lead_unit == unit("YZ-DEPT-FGW")
    assert set(first.co_units.values_list("code", flat=True)) == {"YZ-DEPT-STHJ", "YZ-DEPT-RSJ"}
    assert second.lead_unit == unit("YZ-DEPT-STHJ")
    assert list(second.co_units.values_list("code", flat=True)) == ["YZ-XINBA"]


def test_it_writes_nothing_when_a_row_is_bad(as_user, supervisor, task_list):
    before = Task.objects.count()
    response = import_through_page(
        as_user(supervisor), f"/tasks/lists/{task_list.pk}/import/", {"file": workbook(GOOD + BAD)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    # The sheet's own row numbers: a title row, the header, then the rows.
    for text in ("Row 5", "任务内容", "不存在的局", "完成时限", "Row 6", "火星镇"):
        assert text in page
    assert Task.objects.count() == before


def test_it_imports_the_valid_rows_when_asked(as_user, supervisor, task_list):
    response = import_through_page(
        as_user(supervisor),
        f"/tasks/lists/{task_list.pk}/import/",
        {"file": workbook(GOOD + BAD), "valid_only": "on"},
    )
    assert response.status_code == 302
    assert task_list.tasks.count() == 2


def test_it_refuses_a_file_that_is_not_a_workbook(as_user, supervisor, task_list):
    response = import_through_page(
        as_user(supervisor),
        f"/tasks/lists/{task_list.pk}/import/",
        {"file": io.BytesIO(b"not excel")},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(("persona", "status"), [("fgw", 403), ("outsider", 403), ("leader", 200)])
def test_it_guards_the_import_page(as_user, request, task_list, persona, status):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(f"/tasks/lists/{task_list.pk}/import/").status_code == status


def test_it_imports_from_the_command_line(tmp_path, supervisor):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(workbook(GOOD).getvalue())
    out = io.StringIO()
    call_command(
        "import",
        "tasks",
        str(path),
        "--list",
        "命令行清单",
        "--user",
        "supervisor",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue()) == {"created": 2, "errors": []}
    assert TaskList.objects.get(name="命令行清单").tasks.count() == 2


def test_it_writes_nothing_from_the_command_line_with_bad_rows(tmp_path, supervisor):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(workbook(GOOD + BAD).getvalue())
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command(
            "import",
            "tasks",
            str(path),
            "--list",
            "坏清单",
            "--user",
            "supervisor",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not TaskList.objects.filter(name="坏清单").exists()


def test_it_refuses_an_importer_who_may_not_issue(tmp_path, fgw):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(workbook(GOOD).getvalue())
    with pytest.raises(CommandError, match="may not issue"):
        call_command("import", "tasks", str(path), "--list", "x", "--user", "fgw")


def test_it_takes_the_issuing_user_from_the_environment(tmp_path, supervisor, monkeypatch):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(workbook(GOOD).getvalue())
    monkeypatch.setenv("MINGZHU_USER", "supervisor")
    out = io.StringIO()
    call_command("import", "tasks", str(path), "--list", "环境变量清单", "--json", stdout=out)
    assert json.loads(out.getvalue())["created"] == 2
    assert (
        TaskList.objects.get(name="环境变量清单").tasks.first().events.first().actor == supervisor
    )


def test_it_asks_for_the_issuing_user_when_none_is_named(db, tmp_path, monkeypatch):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(workbook(GOOD).getvalue())
    monkeypatch.delenv("MINGZHU_USER", raising=False)
    with pytest.raises(CommandError, match="MINGZHU_USER"):
        call_command("import", "tasks", str(path), "--list", "无人清单")
    assert not TaskList.objects.filter(name="无人清单").exists()


def _rows(n: int, start: int = 1) -> list:
    """``n`` rows numbered from ``start`` (a row whose 序号 is already in the list updates
    that task instead of adding one)."""
    return [
        [i, f"批量任务{i}", "发改委", "资规局、新坝镇", "市领导（示例）", dt.date(2099, 6, 30)]
        for i in range(start, start + n)
    ]


def test_it_records_every_imported_task_with_its_author(supervisor, task_list):
    from auditlog.models import LogEntry

    from mingzhu.core.audit import history_for
    from mingzhu.tasks.importer import import_tasks

    result = import_tasks(workbook(_rows(3)), actor=supervisor, task_list=task_list)
    assert result.created == 3 and not result.errors
    for task in task_list.tasks.all():
        created, linked = sorted(history_for(task), key=lambda e: e.action)
        assert created.action == LogEntry.Action.CREATE and created.actor == supervisor
        assert created.changes["title"] == [None, task.title]
        assert created.serialized_data["fields"]["code"] == task.code
        assert linked.actor == supervisor
        assert linked.changes["co_units"]["operation"] == "add"
        assert sorted(linked.changes["co_units"]["objects"]) == sorted(
            str(u) for u in task.co_units.all()
        )
        (event,) = task.events.all()
        assert (event.action, event.actor, event.to_status) == ("create", supervisor, "draft")


def test_it_numbers_the_imported_tasks_after_the_existing_ones(supervisor, task_list):
    from mingzhu.tasks.importer import import_tasks

    import_tasks(workbook(_rows(2)), actor=supervisor, task_list=task_list)
    import_tasks(workbook(_rows(3, start=3)), actor=supervisor, task_list=task_list)
    codes = sorted(task_list.tasks.values_list("code", flat=True))
    assert codes == [f"2099-DB-{n:04d}" for n in range(1, 6)]


def test_its_query_count_does_not_grow_with_the_rows(supervisor, task_list):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mingzhu.tasks.importer import import_tasks

    import_tasks(workbook(_rows(1)), actor=supervisor, task_list=task_list)  # caches filled
    counts = []
    # 30 rows: one insert statement per table on both databases (SQLite takes at most
    # 999 parameters in a statement, ~39 tasks); a query per row would add 27.
    for n in (3, 30):
        with CaptureQueriesContext(connection) as ctx:
            result = import_tasks(
                workbook(_rows(n, start=100 * n)), actor=supervisor, task_list=task_list
            )
        assert result.created == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
