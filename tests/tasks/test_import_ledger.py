"""A 台账 as offices make it by hand imports after a preview, and importing it again
creates nothing new: title rows, abbreviations, 月底 and 长期 deadlines, GBK .csv, .xls,
merged cells, the template with its 说明 sheet and drop-downs."""

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from mingzhu.core.testing import import_through_page, xls
from mingzhu.org.models import UnitAlias
from mingzhu.tasks import actions, services
from mingzhu.tasks.choices import Light
from mingzhu.tasks.models import Task, TaskList
from tests.tasks.ledgers import url

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = [pytest.mark.tree, pytest.mark.usefixtures("chinese")]


@pytest.fixture
def task_list(supervisor):
    year = timezone.localdate().year + 1
    return TaskList.objects.create(
        name="手工台账", kind="meeting", issuer=supervisor.unit, year=year
    )


def ledger(year: int) -> str:
    """A hand-made 台账 as a CSV: a title row and a note row above the header, the
    headings offices use, abbreviations and the deadlines they write."""
    return "\n".join(
        [
            f"{year}年市政府重点工作任务台账,,,,,",
            "填报单位：市督查室,,,,,",
            "序号,工作任务,责任单位,协办单位,分管领导,时间节点",
            f'1,编制年度投资计划,市发改委,"扬中市生态环境局、各镇（街道）",,{year}年12月底',
            "2,推进污染防治攻坚,扬中市生态环境局,新坝镇人民政府,,12月底前",
            "3,老旧小区改造,三茅街道办事处,各相关部门,,三季度末",
            "4,优化营商环境,市发改委,,,长期坚持",
            "5,河道疏浚,新坝镇人民政府,,,6月30日前",
        ]
    )


def gbk_csv(text: str) -> io.BytesIO:
    upload = io.BytesIO(text.encode("gbk"))
    upload.name = "台账.csv"
    return upload


def test_a_messy_gbk_ledger_imports_after_a_preview_and_again_creates_nothing(
    as_user, supervisor, task_list, unit
):
    client = as_user(supervisor)
    year = task_list.year
    before = Task.objects.count()

    preview = client.post(url(task_list), {"file": gbk_csv(ledger(year))})
    assert preview.status_code == 200
    assert Task.objects.count() == before  # nothing written by the preview
    assert len(preview.context["to_create"]) == 5 and not preview.context["refused"]
    page = preview.content.decode()
    assert "编制年度投资计划" in page and 'name="staged"' in page

    done = client.post(url(task_list), {"staged": preview.context["staged"]})
    assert done.status_code == 302
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert set(tasks) == {"1", "2", "3", "4", "5"}
    assert tasks["1"].lead_unit == unit("YZ-DEPT-FGW")
    assert tasks["1"].deadline == dt.date(year, 12, 31)
    co = set(tasks["1"].co_units.values_list("code", flat=True))
    assert "YZ-DEPT-STHJ" in co and {"YZ-XINBA", "321182001000"} <= co  # 各镇（街道）: every town
    assert tasks["2"].lead_unit == unit("YZ-DEPT-STHJ")
    assert list(tasks["2"].co_units.values_list("code", flat=True)) == ["YZ-XINBA"]
    assert tasks["3"].lead_unit == unit("321182001000") and not tasks["3"].co_units.exists()
    assert tasks["3"].deadline == dt.date(year, 9, 30)
    assert tasks["5"].deadline == dt.date(year, 6, 30)
    today = Task.objects.get(pk=tasks["4"].pk).created_at.date()
    assert tasks["4"].long_running and not tasks["1"].long_running
    assert abs((tasks["4"].deadline - today).days - services.REPORT_INTERVAL_DAYS) <= 1

    # The same sheet again: matched by 序号, nothing new, nothing changed.
    again = client.post(url(task_list), {"file": gbk_csv(ledger(year))})
    assert again.status_code == 200
    assert again.context["preview"].unchanged == 5
    assert not again.context["to_create"] and not again.context["to_update"]
    client.post(url(task_list), {"staged": again.context["staged"]})
    assert task_list.tasks.count() == 5 and Task.objects.count() == before + 5


def test_a_changed_row_updates_its_task_and_keeps_what_the_sheet_does_not_carry(
    as_user, supervisor, task_list
):
    client = as_user(supervisor)
    year = task_list.year
    import_through_page(client, url(task_list), {"file": gbk_csv(ledger(year))})
    task = task_list.tasks.get(list_number="2")
    Task.objects.filter(pk=task.pk).update(is_illustrative=True, progress=40)
    changed = ledger(year).replace("2,推进污染防治攻坚", "2,推进污染防治攻坚战")
    preview = client.post(url(task_list), {"file": gbk_csv(changed)})
    assert [w[0] for w in preview.context["to_update"]] == [5]
    assert not preview.context["to_create"]
    import_through_page(client, url(task_list), {"file": gbk_csv(changed)})
    task.refresh_from_db()
    assert task.title == "推进污染防治攻坚战"
    assert task.is_illustrative and task.progress == 40
    assert task_list.tasks.count() == 5
    assert LogEntry.objects.get_for_object(task).filter(actor=supervisor).exists()


def test_an_xlsx_with_merged_lead_units_headings_and_the_example_row(
    as_user, supervisor, task_list, unit
):
    wb = Workbook()
    ws = wb.active
    ws.append(["重点工作任务清单"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "任务内容", "牵头单位", "配合单位", "完成时限"])
    ws.append(["示例", "（示例）这一行不导入", "市发改委", "", "年底前"])
    ws.append(["一、生态环境"])
    ws.append([1, "治理黑臭水体", "市生态环境局", "", "年底前"])
    ws.append([2, "整治入河排口", None, "", "年底前"])
    ws.merge_cells("C5:C6")  # one lead unit for both rows
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "清单.xlsx"
    response = import_through_page(as_user(supervisor), url(task_list), {"file": buffer})
    assert response.status_code == 302
    tasks = list(task_list.tasks.order_by("list_number"))
    assert [t.title for t in tasks] == ["治理黑臭水体", "整治入河排口"]
    assert all(t.lead_unit == unit("YZ-DEPT-STHJ") for t in tasks)


def test_an_xls_ledger_with_a_title_row(as_user, supervisor, task_list, unit):
    upload = io.BytesIO(
        xls(
            [
                ["台账"],
                ["序号", "任务内容", "牵头单位", "完成时限"],
                ["1", "疏浚河道", "新坝镇人民政府", "12月底前"],
            ]
        )
    )
    upload.name = "台账.xls"
    response = import_through_page(as_user(supervisor), url(task_list), {"file": upload})
    assert response.status_code == 302
    task = task_list.tasks.get()
    assert task.lead_unit == unit("YZ-XINBA")
    assert task.deadline == dt.date(task_list.year, 12, 31)


def test_a_name_that_matches_nothing_is_a_row_error_in_chinese(as_user, supervisor, task_list):
    text = "序号,任务内容,牵头单位,完成时限\n1,修缮码头,市宇宙局,年底前\n2,清理河道,发改委,下辈子\n"
    response = import_through_page(as_user(supervisor), url(task_list), {"file": gbk_csv(text)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "市宇宙局" in page and "第 2 行" in page and "第 3 行" in page
    assert "完成时限" in page
    assert not task_list.tasks.exists()


def test_an_unknown_leader_is_a_note_not_a_refusal(as_user, supervisor, task_list):
    text = "序号,任务内容,牵头单位,责任领导,完成时限\n1,修缮码头,发改委,张三丰,年底前\n"
    client = as_user(supervisor)
    preview = client.post(url(task_list), {"file": gbk_csv(text)})
    assert "张三丰" in " ".join(preview.context["notes"])
    client.post(url(task_list), {"staged": preview.context["staged"]})
    assert task_list.tasks.get().leader is None


def test_a_staged_file_is_imported_once_and_only_by_its_user(
    as_user, supervisor, task_list, leader
):
    client = as_user(supervisor)
    preview = client.post(url(task_list), {"file": gbk_csv(ledger(task_list.year))})
    token = preview.context["staged"]
    assert as_user(leader).post(url(task_list), {"staged": token}).status_code == 400
    assert client.post(url(task_list), {"staged": token}).status_code == 302
    second = client.post(url(task_list), {"staged": token})
    assert second.status_code == 400
    assert task_list.tasks.count() == 5


def test_the_same_number_twice_in_a_sheet_is_refused(as_user, supervisor, task_list):
    text = "序号,任务内容,牵头单位,完成时限\n1,甲,发改委,年底前\n1,乙,发改委,年底前\n"
    response = import_through_page(as_user(supervisor), url(task_list), {"file": gbk_csv(text)})
    assert response.status_code == 400
    assert not task_list.tasks.exists()


# -- the template ---------------------------------------------------------------------


def test_the_template_has_instructions_drop_downs_and_an_example_the_import_skips(
    as_user, supervisor, task_list
):
    client = as_user(supervisor)
    response = client.get(f"/tasks/lists/{task_list.pk}/template/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers == ["序号", "任务内容", "牵头单位", "配合单位", "责任领导", "完成时限"]
    assert sheet["A2"].value == "示例"
    assert "说明" in wb.sheetnames
    notes = [row[0] for row in wb["说明"].iter_rows(min_row=2, values_only=True)]
    assert "牵头单位" in notes and "完成时限" in notes
    validations = sheet.data_validations.dataValidation
    assert any(v.type == "list" and "C3" in str(v.sqref) for v in validations)
    # The unit drop-down lists units the user may choose.
    options = wb.worksheets[-1]
    assert "发展和改革委员会" in [c.value for c in options["A"]]
    # The template filled in only with its example imports nothing.
    upload = io.BytesIO(response.content)
    upload.name = "模板.xlsx"
    refused = client.post(url(task_list), {"file": upload})
    assert refused.status_code == 400 and not task_list.tasks.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("fgw", 403), ("outsider", 403), ("supervisor", 200)]
)
def test_the_template_and_the_import_are_for_those_who_may_issue(
    as_user, request, task_list, persona, status
):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(f"/tasks/lists/{task_list.pk}/template/").status_code == status
    response = client.post(url(task_list), {"file": gbk_csv(ledger(task_list.year))})
    assert response.status_code == (403 if status == 403 else 200)
    assert not task_list.tasks.exists()


# -- long-running tasks ----------------------------------------------------------------


def test_a_long_running_task_is_lit_by_its_monthly_report(supervisor, unit):
    today = dt.date(2030, 3, 1)
    due = services.next_report_due(today)
    common = {"status": "in_progress", "progress": 0, "start": today, "long_running": True}
    assert (
        services.light(deadline=due, as_of=today + dt.timedelta(days=20), **common) == Light.GREEN
    )
    assert services.light(deadline=due, as_of=due, **common) == Light.YELLOW
    assert services.light(deadline=due, as_of=due + dt.timedelta(days=1), **common) == Light.RED
    # A dated task this far behind would be yellow; a long-running one is not behind.
    dated = {**common, "long_running": False}
    late = today + dt.timedelta(days=20)
    assert services.light(deadline=due, as_of=late, **dated) == Light.YELLOW


def test_a_progress_report_moves_a_long_running_tasks_next_report(supervisor, fgw, unit):
    today = timezone.localdate()
    task = actions.create_task(
        actor=supervisor,
        title="长期任务",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=today,
        long_running=True,
    )
    Task.objects.filter(pk=task.pk).update(status="in_progress")
    actions.report_progress(task.pk, actor=fgw, progress=10)
    task.refresh_from_db()
    assert task.deadline == services.next_report_due(today)
    assert task.light_on(today) == Light.GREEN


def test_the_task_page_says_a_task_is_long_running(as_user, supervisor, unit):
    task = actions.create_task(
        actor=supervisor,
        title="长期任务",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=services.next_report_due(timezone.localdate()),
        long_running=True,
    )
    page = as_user(supervisor).get(task.get_absolute_url()).content.decode()
    assert 'id="long-running"' in page


# -- unit names and the alias table ------------------------------------------------------


def test_an_alias_the_administrator_enters_is_matched(
    as_user, administrator, supervisor, task_list, unit
):
    client = as_user(administrator)
    response = client.post("/org/aliases/add/", {"name": "市府办", "unit": unit("YZ-DEPT-FGW").pk})
    assert response.status_code == 302
    alias = UnitAlias.objects.get(name="市府办")
    assert LogEntry.objects.get_for_object(alias).filter(actor=administrator).exists()
    text = "序号,任务内容,牵头单位,完成时限\n1,修缮码头,市府办,年底前\n"
    import_through_page(as_user(supervisor), url(task_list), {"file": gbk_csv(text)})
    assert task_list.tasks.get().lead_unit == unit("YZ-DEPT-FGW")


@pytest.mark.parametrize("persona", ["supervisor", "fgw", "outsider"])
def test_only_the_administrator_edits_aliases(as_user, request, unit, persona):
    client = as_user(request.getfixturevalue(persona))
    response = client.post("/org/aliases/add/", {"name": "x局", "unit": unit("YZ-DEPT-FGW").pk})
    assert response.status_code == 403
    assert not UnitAlias.objects.exists()


# -- the pure pieces ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "long_running"),
    [
        ("2026年12月底", dt.date(2026, 12, 31), False),
        ("12月底前", dt.date(2027, 12, 31), False),
        ("年底前", dt.date(2027, 12, 31), False),
        ("三季度末", dt.date(2027, 9, 30), False),
        ("6月30日前", dt.date(2027, 6, 30), False),
        ("2026/6/15", dt.date(2026, 6, 15), False),
        ("长期坚持", None, True),
        ("持续推进", None, True),
        ("下辈子", None, False),
        ("2026年2月30日", None, False),
    ],
)
def test_deadline_phrases(text, day, long_running):
    from mingzhu.core.periods import deadline_in

    assert deadline_in(text, 2027) == (day, long_running)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("市发改委", "YZ-DEPT-FGW"),
        ("发改委", "YZ-DEPT-FGW"),
        ("扬中市生态环境局", "YZ-DEPT-STHJ"),
        ("市生态环境局", "YZ-DEPT-STHJ"),
        ("新坝镇人民政府", "YZ-XINBA"),
        ("三茅街道办事处", "321182001000"),
    ],
)
def test_unit_names_offices_write(db, name, code):
    from mingzhu.org.matching import UnitMatcher

    assert UnitMatcher.of_city().find(name).code == code


def test_a_name_matching_nothing_is_not_guessed(db):
    from mingzhu.org.matching import UnitMatcher

    assert UnitMatcher.of_city().candidates("市宇宙局") == []


# -- the round trip: the ledger's export imports again, changing nothing -----------------


def test_the_exported_ledger_imports_again_and_changes_nothing(
    as_user, supervisor, leader, task_list
):
    client = as_user(supervisor)
    year = task_list.year
    import_through_page(client, url(task_list), {"file": gbk_csv(ledger(year))})
    first = task_list.tasks.get(list_number="1")
    longer = "编制年度投资计划\n分解到季度，报市政府审定。"
    Task.objects.filter(pk=first.pk).update(
        is_illustrative=True, leader=leader, content=longer, progress=30
    )
    exported = client.get("/tasks/", {"task_list": task_list.pk, "show": "all", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet.max_row == 2 + 5  # the title row, the header, the five tasks
    fields = ["title", "content", "lead_unit", "leader", "deadline", "long_running"]
    fields += ["list_number", "is_illustrative", "progress", "status"]
    before = {t.pk: t for t in task_list.tasks.all()}
    values = {pk: [getattr(t, f) for f in fields] for pk, t in before.items()}
    co_units = {pk: set(t.co_units.values_list("pk", flat=True)) for pk, t in before.items()}
    entries = LogEntry.objects.count()

    upload = io.BytesIO(exported.content)
    upload.name = "台账.xlsx"
    preview = client.post(url(task_list), {"file": upload})
    assert preview.status_code == 200, preview.context.get("errors")
    assert preview.context["preview"].unchanged == 5
    assert not preview.context["to_create"] and not preview.context["to_update"]
    assert not preview.context["refused"]
    done = client.post(url(task_list), {"staged": preview.context["staged"]})
    assert done.status_code == 302
    after = {t.pk: t for t in task_list.tasks.all()}
    assert set(after) == set(before)
    assert {pk: [getattr(t, f) for f in fields] for pk, t in after.items()} == values
    assert {pk: set(t.co_units.values_list("pk", flat=True)) for pk, t in after.items()} == (
        co_units
    )
    assert LogEntry.objects.count() == entries


def test_a_task_of_another_list_is_refused_by_its_code(as_user, supervisor, task_list):
    client = as_user(supervisor)
    import_through_page(client, url(task_list), {"file": gbk_csv(ledger(task_list.year))})
    other = TaskList.objects.create(
        name="另一台账", kind="meeting", issuer=supervisor.unit, year=task_list.year
    )
    exported = client.get("/tasks/", {"task_list": task_list.pk, "show": "all", "export": "xlsx"})
    upload = io.BytesIO(exported.content)
    upload.name = "台账.xlsx"
    response = client.post(url(other), {"file": upload})
    assert response.status_code == 400
    assert "手工台账" in response.content.decode() and not other.tasks.exists()
