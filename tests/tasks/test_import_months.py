"""A 台账 an office has kept for months imports as it is: an item already overdue comes in
as of the day the sheet says it was handed out (交办时间, 发现时间 …), red once assigned,
with its history true; one with no such day, or a day that cannot be, is refused at its
cell; a row the ledger marks done (整改情况 已完成 …) is left out and named, a progress
column (正在推进, 已完成选址) is not read as done. Sheets composed with invented items."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from mingzhu.core.audit import history_for
from mingzhu.core.testing import import_command, import_through_page, xlsx
from mingzhu.tasks import actions, history
from mingzhu.tasks.choices import EventAction, Light, Status
from mingzhu.tasks.importer import import_tasks
from mingzhu.tasks.models import Task, TaskEvent, TaskList
from tests.tasks.ledgers import cn, url

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = [pytest.mark.tree, pytest.mark.usefixtures("chinese")]

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
# An item handed out three months ago and due a month ago: overdue on import.
HANDED = TODAY - 90 * DAY
PAST = TODAY - 30 * DAY
FUTURE = TODAY + 60 * DAY


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="巡察整改台账（测试）", kind="other", issuer=supervisor.unit, year=TODAY.year
    )


HEADER = ["序号", "存在问题", "整改措施", "整改责任单位", "交办时间", "整改时限", "整改情况"]


def months_ledger():
    """A 整改台账 kept since spring: overdue items with their 交办时间, items still due,
    items put right (已完成, 已整改, 已销号) and items still open (正在整改, 持续整改)."""
    return [
        ["青石县巡察反馈问题整改台账（虚构）"],
        HEADER,
        [1, "村级财务公开不及时（虚构）", "按月公开", "市发改委", cn(HANDED), cn(PAST), "正在整改"],
        [2, "项目资料归档不全（虚构）", "补齐档案", "新坝镇人民政府", HANDED, PAST, "未完成"],
        [3, "食堂账目不清（虚构）", "清理账目", "市发改委", cn(HANDED), cn(PAST), "已完成"],
        [4, "公车使用登记缺失（虚构）", "建立登记", "新坝镇人民政府", "", cn(PAST), "已整改"],
        [5, "会议室超标装修（虚构）", "整改到位", "市发改委", cn(HANDED), cn(FUTURE), "持续整改"],
        [6, "临时工管理不规范（虚构）", "清理规范", "市发改委", "", cn(FUTURE), "已销号"],
        [7, "宣传栏内容陈旧（虚构）", "及时更新", "新坝镇人民政府", "", cn(FUTURE), ""],
    ]


# -- through the importer ---------------------------------------------------------------


def test_an_overdue_item_is_created_as_of_its_handed_out_day(supervisor, task_list):
    result = import_tasks(xlsx(months_ledger()), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert result.created == 4
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert set(tasks) == {"1", "2", "5", "7"}  # 3, 4 and 6 are done
    overdue = tasks["1"]
    assert overdue.deadline == PAST and overdue.status == Status.DRAFT
    # Its history: it existed from the day it was handed out, not before.
    (event,) = overdue.events.all()
    assert event.action == EventAction.CREATE and event.actor == supervisor
    assert timezone.localdate(event.at) == HANDED
    assert HANDED.isoformat() in event.comment
    existed = Task.objects.filter(pk=overdue.pk)
    assert history.tasks_on(existed, HANDED).exists()
    assert not history.tasks_on(existed, HANDED - DAY).exists()
    # An item due later, handed out in the spring, is created as of that day too; one
    # without a day is created today.
    assert timezone.localdate(tasks["5"].events.get().at) == HANDED
    assert timezone.localdate(tasks["7"].events.get().at) == TODAY
    # The audit trail says when the rows were written: today, by the importer.
    (created,) = [e for e in history_for(overdue) if e.action == LogEntry.Action.CREATE]
    assert created.actor == supervisor and timezone.localdate(created.timestamp) == TODAY
    # Overdue at once: red by the ledger's light rule as soon as it is handed over.
    assert overdue.light_on(TODAY) is None  # a draft carries no light
    actions.assign(overdue, actor=supervisor)
    assert Task.objects.get(pk=overdue.pk).light_on(TODAY) == Light.RED


def test_the_result_names_the_done_rows_apart_from_the_errors(supervisor, task_list):
    result = import_tasks(xlsx(months_ledger()), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert [(e.row, e.field) for e in result.left_out] == [
        (5, "整改情况"),
        (6, "整改情况"),
        (8, "整改情况"),
    ]
    assert [str(e) for e in result.left_out] == [
        "第 5 行，整改情况：台账记为已完成（已完成），未导入",
        "第 6 行，整改情况：台账记为已完成（已整改），未导入",
        "第 8 行，整改情况：台账记为已完成（已销号），未导入",
    ]
    assert result.remarks == [
        "待创建的行中有 2 行已逾期：任务按表中所记交办时间创建，交办后即亮红灯。"
    ]


def test_an_overdue_item_without_a_handed_out_column_is_refused_and_nothing_is_written(
    supervisor, task_list
):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改时限"],
        [1, "档案室漏雨（虚构）", "市发改委", cn(FUTURE)],
        [2, "路灯损坏未修（虚构）", "新坝镇人民政府", cn(PAST)],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    (error,) = result.errors
    assert (error.row, error.field) == (3, "整改时限")
    assert f"完成时限 {PAST.isoformat()} 已过" in error.message
    assert "“交办时间”列" in error.message and "发现时间" in error.message
    assert not task_list.tasks.exists()  # all or nothing


def test_an_overdue_item_with_an_empty_handed_out_cell_is_refused_at_that_cell(
    supervisor, task_list
):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "发现时间", "整改时限"],
        [1, "路灯损坏未修（虚构）", "新坝镇人民政府", "", cn(PAST)],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    (error,) = result.errors
    assert (error.row, error.field) == (2, "发现时间")
    assert "请在此填写交办时间" in error.message
    assert not task_list.tasks.exists()


@pytest.mark.parametrize(
    ("handed", "deadline", "words"),
    [
        (TODAY + 5 * DAY, FUTURE, "交办时间不能在将来"),
        (PAST + DAY, PAST, "交办时间不能晚于完成时限"),
        (HANDED, HANDED - DAY, "交办时间不能晚于完成时限"),
    ],
)
def test_a_handed_out_day_that_cannot_be_is_refused(supervisor, task_list, handed, deadline, words):
    sheet = [
        ["序号", "督办事项", "承办单位", "督办时间", "办结时限"],
        [1, "清理僵尸企业（虚构）", "市发改委", cn(handed), cn(deadline)],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    (error,) = result.errors
    assert (error.row, error.field) == (2, "督办时间")
    assert words in error.message and handed.isoformat() in error.message
    assert not task_list.tasks.exists()


def test_a_handed_out_cell_that_is_no_day_refuses_an_overdue_row_and_is_noted_on_another(
    supervisor, task_list
):
    sheet = [
        ["序号", "信访事项", "责任单位", "受理时间", "化解时限"],
        [1, "反映小区停车难（虚构）", "市发改委", "春节前后", cn(FUTURE)],
        [2, "反映噪声扰民（虚构）", "新坝镇人民政府", "春节前后", cn(PAST)],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list, valid_only=True)
    (error,) = result.errors
    assert (error.row, error.field) == (3, "受理时间")
    assert "日期格式应为" in error.message and "须写明交办时间" in error.message
    (note,) = [n for n in result.notes if n.field == "受理时间"]
    assert note.row == 2 and "任务按今天创建" in note.message
    (task,) = task_list.tasks.all()
    assert timezone.localdate(task.events.get().at) == TODAY


def test_a_handed_out_day_without_its_year_is_read_in_the_titles_year(supervisor, task_list):
    handed = dt.date(TODAY.year - 1, 3, 5)
    sheet = [
        [f"{handed.year}年督查事项台账（虚构）"],
        ["序号", "督查事项", "承办单位", "交办日期", "办结时限"],
        [1, "整治河道垃圾（虚构）", "新坝镇人民政府", "3月5日", f"{handed.year}年6月30日"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    (task,) = task_list.tasks.all()
    assert timezone.localdate(task.events.get().at) == handed


@pytest.mark.parametrize(
    "words", ["已完成", "已整改", "已办结", "已化解", "已销号", "完成", " 已完成。", "整改完成"]
)
def test_the_words_of_completion_leave_a_row_out(supervisor, task_list, words):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改时限", "完成情况"],
        [1, "垃圾清运不及时（虚构）", "新坝镇人民政府", cn(PAST), words],
        [2, "绿化带缺株（虚构）", "新坝镇人民政府", cn(FUTURE), "未完成"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    # The done row is left out even though its deadline has passed and no day is given.
    assert not result.errors
    assert [(e.row, e.field) for e in result.left_out] == [(2, "完成情况")]
    assert list(task_list.tasks.values_list("title", flat=True)) == ["绿化带缺株（虚构）"]


@pytest.mark.parametrize(
    ("heading", "words"),
    [
        ("整改情况", "未完成"),
        ("整改情况", "正在整改"),
        ("整改情况", "持续整改"),
        ("进展情况", "正在推进"),
        ("进展情况", "已完成选址"),
        ("办理情况", "完成80%"),
        ("办理情况", "已完成前期工作，正在施工"),
        ("状态", "整改中"),
        ("是否办结", "否"),
    ],
)
def test_progress_is_not_completion(supervisor, task_list, heading, words):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改时限", heading],
        [1, "农贸市场排水不畅（虚构）", "新坝镇人民政府", cn(FUTURE), words],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors and not result.left_out
    assert task_list.tasks.count() == 1


def test_a_yes_in_a_was_it_closed_column_is_done(supervisor, task_list):
    sheet = [
        ["序号", "督查事项", "承办单位", "办结时限", "办理进展", "是否办结"],
        [1, "加快安置房交付（虚构）", "市发改委", cn(FUTURE), "已完成选址", "否"],
        [2, "解决集镇供水不足（虚构）", "新坝镇人民政府", cn(PAST), "已通水", "是"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert [(e.row, e.field) for e in result.left_out] == [(3, "是否办结")]
    assert list(task_list.tasks.values_list("title", flat=True)) == ["加快安置房交付（虚构）"]


def test_a_re_import_leaves_the_done_row_out_and_the_overdue_row_unchanged(supervisor, task_list):
    import_tasks(xlsx(months_ledger()), actor=supervisor, task_list=task_list)
    before = list(TaskEvent.objects.filter(task__task_list=task_list).values_list("pk", "at"))
    result = import_tasks(xlsx(months_ledger()), actor=supervisor, task_list=task_list)
    assert not result.errors and result.created == 0 and result.unchanged == 4
    assert len(result.left_out) == 3
    after = list(TaskEvent.objects.filter(task__task_list=task_list).values_list("pk", "at"))
    assert after == before


# -- through the page -------------------------------------------------------------------


def test_the_preview_says_how_many_rows_are_overdue_and_which_are_done(
    as_user, supervisor, task_list
):
    client = as_user(supervisor)
    preview = client.post(url(task_list), {"file": xlsx(months_ledger())})
    assert preview.status_code == 200
    assert not task_list.tasks.exists()  # nothing written by the preview
    page = preview.content.decode()
    assert "待创建的行中有 2 行已逾期" in page
    assert "另有 3 行按表中所记不导入" in page
    assert "第 5 行，整改情况：台账记为已完成（已完成），未导入" in page
    assert 'id="preview-left-out"' in page and 'id="preview-refused"' not in page
    assert [row for row, _new, _what in preview.context["to_create"]] == [3, 4, 7, 9]

    done = client.post(url(task_list), {"staged": preview.context["staged"]})
    assert done.status_code == 302
    assert task_list.tasks.count() == 4
    told = [str(m) for m in done.wsgi_request._messages]
    assert any("待创建的行中有 2 行已逾期" in m for m in told)
    assert any("第 6 行，整改情况：台账记为已完成（已整改），未导入" in m for m in told)


def test_the_page_refuses_an_overdue_row_without_its_day_in_chinese(as_user, supervisor, task_list):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改时限", "整改情况"],
        [1, "路灯损坏未修（虚构）", "新坝镇人民政府", cn(PAST), "正在整改"],
        [2, "垃圾清运不及时（虚构）", "新坝镇人民政府", cn(PAST), "已完成"],
    ]
    response = import_through_page(as_user(supervisor), url(task_list), {"file": xlsx(sheet)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "第 2 行，整改时限：完成时限" in page and "“交办时间”列" in page
    assert "第 3 行，整改情况：台账记为已完成（已完成），未导入" in page
    assert not task_list.tasks.exists()


def test_a_sheet_whose_rows_are_all_done_has_nothing_to_import(as_user, supervisor, task_list):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改时限", "整改情况"],
        [1, "垃圾清运不及时（虚构）", "新坝镇人民政府", cn(PAST), "已完成"],
    ]
    response = as_user(supervisor).post(url(task_list), {"file": xlsx(sheet)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "台账记为已完成（已完成），未导入" in page
    assert not task_list.tasks.exists()


def test_one_who_may_not_import_writes_nothing(as_user, fgw, task_list):
    client = as_user(fgw)
    response = client.post(url(task_list), {"file": xlsx(months_ledger())})
    assert response.status_code == 403
    assert not task_list.tasks.exists()


# -- from the command line --------------------------------------------------------------


def test_the_command_names_the_done_rows_and_the_overdue_count(tmp_path, supervisor):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx(months_ledger()).getvalue())
    summary = import_command("tasks", str(path), "--list", "命令行台账", "--user", "supervisor")
    assert summary["created"] == 4 and not summary["errors"]
    assert len(summary["left_out"]) == 3 and "未导入" in summary["left_out"][0]
    assert "2 行已逾期" in summary["remarks"][0]
