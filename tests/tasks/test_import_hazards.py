"""What a hazard, inspection or petition 台账 writes beside the problem imports too: a 时限
cell saying the item is done (已化解, 已整改) leaves the row out like its 整改情况 would;
排查时间, 检查时间, 反馈时间, 立案时间 are the day the item was handed out; a time limit
counted from that day (3日内, 15个工作日内, 一个月内, 30日内办结) is its deadline, working
days through the holiday calendar; 整改目标 and 责任人 are kept in the task's text. Through
the importer, the preview and its confirmation, the background job and the command.
Sheets composed with invented items."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.core.testing import import_command, import_through_page, xlsx
from mingzhu.notify import background
from mingzhu.notify.models import BackgroundJob
from mingzhu.org.models import User
from mingzhu.system import params
from mingzhu.system.models import ParameterValue
from mingzhu.tasks import services
from mingzhu.tasks.importer import import_tasks
from mingzhu.tasks.models import HolidayYear, TaskList
from tests.tasks.ledgers import cn, url

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = [pytest.mark.tree, pytest.mark.usefixtures("chinese")]

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
# The Tuesday before the National Day holiday of 2026 (10月1日–7日 off, 10月10日, a
# Saturday, worked to make up): three working days after it are 9月30日, 10月8日, 10月9日.
BEFORE_HOLIDAY = dt.date(2026, 9, 29)
FOUND = TODAY - 10 * DAY


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="隐患排查整治台账（测试）", kind="other", issuer=supervisor.unit, year=TODAY.year
    )


def a_month_after(day: dt.date) -> dt.date:
    """The same day of the next month, or that month's last day when it is shorter."""
    first = (day.replace(day=1) + 32 * DAY).replace(day=1)
    last = (first + 32 * DAY).replace(day=1) - DAY
    return first.replace(day=min(day.day, last.day))


def hazard_ledger():
    """A town's 隐患排查整治台账: 排查时间, 整改期限 in working days and days, one item put
    right (已整改 in its 整改期限), 整改目标 and 责任人."""
    return [
        ["青石镇安全生产隐患排查整治台账（虚构）"],
        ["序号", "隐患描述", "整改措施", "整改目标", "责任单位", "责任人", "排查时间", "整改期限"],
        [
            1,
            "沿街门店灭火器过期（虚构）",
            "更换灭火器",
            "消除火灾隐患",
            "新坝镇人民政府",
            "王小禾",
            cn(BEFORE_HOLIDAY),
            "3个工作日内",
        ],
        [
            2,
            "仓库杂物堵塞疏散通道（虚构）",
            "清理通道",
            "通道畅通",
            "市发改委",
            "李青松",
            cn(BEFORE_HOLIDAY),
            "7个工作日",
        ],
        [3, "配电箱未上锁（虚构）", "加锁", "", "新坝镇人民政府", "", cn(FOUND), "已整改"],
        [4, "广告牌松动（虚构）", "加固", "", "新坝镇人民政府", "", cn(FOUND), "30日内办结"],
        [5, "消防通道画线褪色（虚构）", "重新画线", "", "市发改委", "", "", "一个月内"],
    ]


# -- through the importer ---------------------------------------------------------------


def test_a_hazard_ledger_counts_its_time_limits_from_the_day_each_hazard_was_found(
    supervisor, task_list, keep_calendar
):
    people = User.objects.count()
    result = import_tasks(xlsx(hazard_ledger()), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert result.created == 4
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert set(tasks) == {"1", "2", "4", "5"}
    # Working days through the holiday calendar: the National Day holiday is skipped, its
    # make-up Saturday counted.
    assert tasks["1"].deadline == dt.date(2026, 10, 9)
    assert tasks["2"].deadline == dt.date(2026, 10, 14)
    assert tasks["4"].deadline == FOUND + 30 * DAY
    # No day in 排查时间: counted from the import day.
    assert tasks["5"].deadline == a_month_after(TODAY)
    # Each is created as of the day the hazard was found (排查时间), the last today.
    assert timezone.localdate(tasks["1"].events.get().at) == BEFORE_HOLIDAY
    assert timezone.localdate(tasks["4"].events.get().at) == FOUND
    assert timezone.localdate(tasks["5"].events.get().at) == TODAY
    # 整改目标 and 责任人 are in the task's text, labelled; no user is made of a 责任人.
    assert tasks["1"].title == "沿街门店灭火器过期（虚构）"
    assert tasks["1"].content == (
        "沿街门店灭火器过期（虚构）\n更换灭火器\n整改目标：消除火灾隐患\n责任人：王小禾"
    )
    assert tasks["4"].content == "广告牌松动（虚构）\n加固"
    assert User.objects.count() == people
    assert tasks["1"].leader is None


def test_a_month_is_counted_from_the_import_day_when_no_day_is_given(supervisor, task_list):
    sheet = [
        ["序号", "隐患描述", "责任单位", "整改期限"],
        [1, "楼道堆放电瓶车（虚构）", "新坝镇人民政府", "一个月内"],
        [2, "井盖破损（虚构）", "新坝镇人民政府", "15个工作日内"],
        [3, "路灯不亮（虚构）", "市发改委", "15个工作日内"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert tasks["1"].deadline == a_month_after(TODAY)
    assert tasks["2"].deadline == tasks["3"].deadline == services.add_working_days(TODAY, 15)
    # Said once per cell's words, naming the day counted from.
    notes = [str(n) for n in result.notes if n.field == "整改期限"]
    assert notes == [
        f"第 2 行，整改期限：“一个月内”自今天（{TODAY.isoformat()}）起算："
        f"{tasks['1'].deadline.isoformat()} 到期",
        f"第 3 行，整改期限：“15个工作日内”自今天（{TODAY.isoformat()}）起算："
        f"{tasks['2'].deadline.isoformat()} 到期，按工作日计算（已计入节假日和调休上班日）",
    ]


def test_a_year_whose_holidays_are_not_entered_is_warned_of(supervisor, task_list, keep_calendar):
    HolidayYear.objects.filter(year=2026).delete()
    sheet = [
        ["序号", "隐患描述", "责任单位", "排查时间", "整改期限"],
        [1, "沿街门店灭火器过期（虚构）", "新坝镇人民政府", cn(BEFORE_HOLIDAY), "3个工作日内"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    # The statutory days only (10月1日–3日) and the weekend off: 9月30日, 10月5日, 10月6日.
    assert task_list.tasks.get().deadline == dt.date(2026, 10, 6)
    assert any("2026" in r and "节假日安排" in r for r in result.remarks)


@pytest.mark.parametrize(
    "heading", ["排查时间", "排查日期", "检查时间", "检查日期", "反馈时间", "反馈日期", "立案时间"]
)
def test_the_day_a_problem_was_found_or_fed_back_is_its_handed_out_day(
    supervisor, task_list, heading
):
    found, past = TODAY - 60 * DAY, TODAY - 20 * DAY
    sheet = [
        ["序号", "存在问题", "整改责任单位", heading, "整改时限"],
        [1, "河道漂浮物未清理（虚构）", "新坝镇人民政府", cn(found), cn(past)],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    # Overdue on import, and importable: the sheet says when it was found.
    assert not result.errors
    task = task_list.tasks.get()
    assert task.deadline == past
    assert timezone.localdate(task.events.get().at) == found
    assert "1 行已逾期" in result.remarks[0]


@pytest.mark.parametrize(
    ("heading", "words"),
    [
        ("化解时限", "已化解"),
        ("整改时限", "已整改"),
        ("整改期限", "已完成"),
        ("办结时限", "已办结"),
        ("整改时限", "已整改到位。"),
    ],
)
def test_a_time_limit_cell_saying_done_leaves_the_row_out(supervisor, task_list, heading, words):
    sheet = [
        ["序号", "信访事项", "责任单位", heading],
        [1, "反映小区电梯停运（虚构）", "新坝镇人民政府", words],
        [2, "反映菜场噪声扰民（虚构）", "市发改委", cn(TODAY + 30 * DAY)],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    (left,) = result.left_out
    assert (left.row, left.field) == (2, heading)
    assert str(left) == f"第 2 行，{heading}：台账记为已完成（{words.rstrip('。')}），未导入"
    assert list(task_list.tasks.values_list("title", flat=True)) == ["反映菜场噪声扰民（虚构）"]


def test_done_rows_of_both_columns_are_named_in_row_order(supervisor, task_list):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改时限", "整改情况"],
        [1, "公示栏破损（虚构）", "新坝镇人民政府", "已整改", ""],
        [2, "台账缺页（虚构）", "新坝镇人民政府", cn(TODAY + 9 * DAY), "已完成"],
        [3, "档案未归档（虚构）", "市发改委", cn(TODAY + 9 * DAY), "正在整改"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert [(e.row, e.field) for e in result.left_out] == [(2, "整改时限"), (3, "整改情况")]
    assert task_list.tasks.count() == 1


@pytest.mark.parametrize("value", ["15", 15, "3日", "尽快"])
def test_a_number_without_its_unit_is_still_refused(supervisor, task_list, value):
    sheet = [
        ["序号", "隐患描述", "责任单位", "整改期限"],
        [1, "楼道堆放电瓶车（虚构）", "新坝镇人民政府", value],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    (error,) = result.errors
    assert (error.row, error.field) == (2, "整改期限")
    assert "不是完成时限" in error.message and "15个工作日内" in error.message
    assert not task_list.tasks.exists()


def test_a_time_limit_whose_found_day_is_no_day_is_refused(supervisor, task_list):
    sheet = [
        ["序号", "隐患描述", "责任单位", "排查时间", "整改期限"],
        [1, "楼道堆放电瓶车（虚构）", "新坝镇人民政府", "节前", "3日内"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert [(e.row, e.field) for e in result.errors] == [(2, "整改期限")]
    assert result.errors[0].message == "“3日内”自排查时间起算，而该格不是日期"


@pytest.mark.parametrize(
    ("goal", "person"),
    [("整改要求", "具体责任人"), ("工作目标", "联系人"), ("整改目标（要求）", "责任人")],
)
def test_the_goal_and_the_person_are_labelled_by_their_headings(
    supervisor, task_list, goal, person
):
    sheet = [
        ["序号", "存在问题", "整改措施", goal, "整改责任单位", person, "整改时限"],
        [
            1,
            "村务公开不及时（虚构）",
            "按月公开",
            "每月10日前公开",
            "新坝镇人民政府",
            "周一鸣",
            "年底前",
        ],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert not result.errors
    label = goal.partition("（")[0]
    assert task_list.tasks.get().content == (
        f"村务公开不及时（虚构）\n按月公开\n{label}：每月10日前公开\n{person}：周一鸣"
    )
    # Imported again, nothing changes.
    again = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert again.unchanged == 1 and again.created == again.updated == 0


# -- through the page, the worker and the command ------------------------------------------


def test_the_preview_names_the_done_row_and_the_counted_limits(
    as_user, supervisor, task_list, keep_calendar
):
    client = as_user(supervisor)
    preview = client.post(url(task_list), {"file": xlsx(hazard_ledger())})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "第 5 行，整改期限：台账记为已完成（已整改），未导入" in page
    assert "“3个工作日内”自排查时间起算（本行自 2026-09-29 起，2026-10-09 到期）" in page
    assert "沿街门店灭火器过期（虚构）" in page
    assert not task_list.tasks.exists()
    done = import_through_page(client, url(task_list), {"file": xlsx(hazard_ledger())})
    assert done.status_code == 302
    assert task_list.tasks.count() == 4
    told = [str(m) for m in done.wsgi_request._messages]
    assert any("台账记为已完成（已整改）" in m for m in told)


def test_the_background_job_imports_the_same_rows(as_user, supervisor, task_list, keep_calendar):
    ParameterValue.objects.create(name="imports.background_rows", value="3")
    try:
        client = as_user(supervisor)
        response = client.post(url(task_list), {"file": xlsx(hazard_ledger())})
        job = BackgroundJob.objects.get()
        assert response["Location"] == f"/imports/{job.pk}/"
        (previewed,) = background.run_due(worker="test-worker")
        assert previewed.status == "done", previewed.error
        page = client.get(f"/imports/{job.pk}/").content.decode()
        assert "台账记为已完成（已整改），未导入" in page
        client.post(f"/imports/{job.pk}/confirm/")
        (imported,) = background.run_due(worker="test-worker")
        assert imported.status == "done", imported.error
    finally:
        params.clear_cache()
    tasks = {t.list_number: t for t in task_list.tasks.all()}
    assert set(tasks) == {"1", "2", "4", "5"}
    assert tasks["1"].deadline == dt.date(2026, 10, 9)
    assert "整改目标：消除火灾隐患" in tasks["1"].content


def test_the_command_reads_the_same_ledger(tmp_path, supervisor, keep_calendar):
    path = tmp_path / "隐患台账.xlsx"
    path.write_bytes(xlsx(hazard_ledger()).getvalue())
    summary = import_command("tasks", str(path), "--list", "命令行隐患台账", "--user", "supervisor")
    assert summary["created"] == 4 and not summary["errors"]
    assert summary["left_out"] == ["第 5 行，整改期限：台账记为已完成（已整改），未导入"]
    task_list = TaskList.objects.get(name="命令行隐患台账")
    assert task_list.tasks.get(list_number="2").deadline == dt.date(2026, 10, 14)
