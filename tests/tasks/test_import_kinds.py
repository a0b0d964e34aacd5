"""The last words of a rectification 台账 the task import reads: 半个月内, 半年内 and limits
in hours (24小时内, 48小时内, 72小时内) in the 时限 cell, counted from the day the item was
found or from the import day; a 整改类型 (整改方式) column — 立行立改, 立即整改 due by the end of
the import month, 持续整改, 长期整改, 长期坚持 long-running, 限期整改, 分阶段整改 needing the
时限 cell — giving the deadline of an empty 时限 cell, the 时限 winning when both are given
(a differing 整改类型 said in the remarks); the template's help for 完成时限. Through the
importer, the preview and its confirmation, the background job and the command. Sheets
composed with invented items."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from mingzhu.core.periods import month_end
from mingzhu.core.testing import import_command, import_through_page, xlsx
from mingzhu.notify import background
from mingzhu.notify.models import BackgroundJob
from mingzhu.system import params
from mingzhu.system.models import ParameterValue
from mingzhu.tasks import services
from mingzhu.tasks.importer import import_tasks
from mingzhu.tasks.models import TaskList
from tests.tasks.ledgers import cn, url

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = [pytest.mark.tree, pytest.mark.usefixtures("chinese")]

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
FOUND = TODAY - 2 * DAY
MONTH_END = month_end(TODAY.year, TODAY.month)
LATER = TODAY + 90 * DAY  # after the end of this month, whatever the day


@pytest.fixture
def task_list(supervisor):
    return TaskList.objects.create(
        name="问题整改台账（测试）", kind="other", issuer=supervisor.unit, year=TODAY.year
    )


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, month_end(year, month).day))


def by_number(task_list) -> dict:
    return {t.list_number: t for t in task_list.tasks.all()}


# -- 半个月内, 半年内, hours -----------------------------------------------------------------


def hours_ledger():
    """A 隐患 ledger whose limits are half a month, half a year and hours, some counted
    from the 排查时间, one from the import day."""
    return [
        ["柳湾镇隐患排查整治台账（虚构）"],
        ["序号", "隐患描述", "责任单位", "排查时间", "整改期限"],
        [1, "燃气报警器失灵（虚构）", "新坝镇人民政府", cn(FOUND), "24小时内"],
        [2, "电动车楼道充电（虚构）", "新坝镇人民政府", cn(FOUND), "48小时内"],
        [3, "堆场未覆盖（虚构）", "市发改委", cn(FOUND), "72小时内整改到位"],
        [4, "护栏缺损（虚构）", "市发改委", cn(FOUND), "半个月内"],
        [5, "排水沟淤塞（虚构）", "新坝镇人民政府", cn(FOUND), "半年内"],
        [6, "消防水池缺水（虚构）", "新坝镇人民政府", "", "半个月内"],
    ]


def test_half_a_month_half_a_year_and_hours_are_counted_from_the_day_found(supervisor, task_list):
    result = import_tasks(xlsx(hours_ledger()), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert result.created == 6
    tasks = by_number(task_list)
    # Hours are whole days from the day found, rounded up; 72 hours is three days.
    assert tasks["1"].deadline == FOUND + DAY
    assert tasks["2"].deadline == FOUND + 2 * DAY
    assert tasks["3"].deadline == FOUND + 3 * DAY
    # 半个月 is 15 days, 半年 six months.
    assert tasks["4"].deadline == FOUND + 15 * DAY
    assert tasks["5"].deadline == months_after(FOUND, 6)
    # No day in 排查时间: from the import day.
    assert tasks["6"].deadline == TODAY + 15 * DAY
    assert not any(t.long_running for t in tasks.values())
    notes = [str(n) for n in result.notes if n.field == "整改期限"]
    assert (
        f"第 3 行，整改期限：“24小时内”自排查时间起算（本行自 {FOUND.isoformat()} 起，"
        f"{(FOUND + DAY).isoformat()} 到期）"
    ) in notes
    assert (
        f"第 8 行，整改期限：“半个月内”自今天（{TODAY.isoformat()}）起算："
        f"{(TODAY + 15 * DAY).isoformat()} 到期"
    ) in notes


@pytest.mark.parametrize("value", ["半年", "半天内", "半小时内"])
def test_a_half_of_the_year_or_of_a_day_is_still_no_time_limit(supervisor, task_list, value):
    sheet = [
        ["序号", "隐患描述", "责任单位", "整改期限"],
        [1, "楼道堆放杂物（虚构）", "新坝镇人民政府", value],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    assert [(e.row, e.field) for e in result.errors] == [(2, "整改期限")]
    assert "不是完成时限" in result.errors[0].message
    assert not task_list.tasks.exists()


# -- 整改类型 ------------------------------------------------------------------------------


def kinds_ledger(heading: str = "整改类型"):
    """An audit 整改台账 whose 整改时限 is empty where the 整改类型 says enough, and given
    where a time limit is needed."""
    return [
        ["审计发现问题整改台账（虚构）"],
        ["序号", "审计发现问题", "整改责任单位", heading, "整改时限"],
        [1, "专项资金拨付滞后（虚构）", "市发改委", "立行立改", ""],
        [2, "合同未按规定备案（虚构）", "新坝镇人民政府", "立即整改", None],
        [3, "内控制度不健全（虚构）", "市发改委", "持续整改", ""],
        [4, "资产台账未更新（虚构）", "新坝镇人民政府", "长期整改", ""],
        [5, "票据管理不规范（虚构）", "市发改委", "长期坚持", ""],
        [6, "项目超概算（虚构）", "市发改委", "限期整改", cn(LATER)],
        [7, "往来款长期挂账（虚构）", "新坝镇人民政府", "分阶段整改", "15个工作日内"],
        [8, "公务用车登记缺失（虚构）", "新坝镇人民政府", "", "年底前"],
    ]


@pytest.mark.parametrize("heading", ["整改类型", "整改方式"])
def test_the_rectification_kind_gives_the_deadline_of_an_empty_time_limit(
    supervisor, task_list, heading
):
    result = import_tasks(xlsx(kinds_ledger(heading)), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert result.created == 8
    tasks = by_number(task_list)
    # 立行立改, 立即整改: the end of the import month, as a 时限 cell's 立行立改.
    assert tasks["1"].deadline == tasks["2"].deadline == MONTH_END
    assert not tasks["1"].long_running
    # 持续整改, 长期整改, 长期坚持: long-running, due at the next monthly report.
    for number in ("3", "4", "5"):
        assert tasks[number].long_running
        assert tasks[number].deadline == services.next_report_due(TODAY)
    # With a time limit, the 时限 cell gives it.
    assert tasks["6"].deadline == LATER
    assert tasks["7"].deadline == services.add_working_days(TODAY, 15)
    assert tasks["8"].deadline == dt.date(TODAY.year, 12, 31)
    # Said once per words, at the 整改类型 column; no remark: nothing disagrees.
    notes = [str(n) for n in result.notes if n.field == heading]
    assert notes == [
        f"第 3 行，{heading}：立行立改：按本月底（{MONTH_END.isoformat()}）为完成时限",
        f"第 4 行，{heading}：立即整改：按本月底（{MONTH_END.isoformat()}）为完成时限",
    ]
    assert result.remarks == []


@pytest.mark.parametrize("words", ["限期整改", "分阶段整改", "限时整改"])
def test_a_kind_needing_a_time_limit_without_one_is_refused_at_its_column(
    supervisor, task_list, words
):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改类型", "整改时限"],
        [1, "会议记录不全（虚构）", "新坝镇人民政府", words, ""],
        [2, "公示不及时（虚构）", "市发改委", "立行立改", ""],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list)
    (error,) = result.errors
    assert (error.row, error.field) == (2, "整改类型")
    assert error.message == (
        f"“{words}”须有整改时限：请在“整改时限”列填写（如 2026年6月30日前、15个工作日内）"
    )
    assert not task_list.tasks.exists()


def test_without_a_time_limit_column_the_kind_gives_the_deadline(supervisor, task_list):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改方式"],
        [1, "宣传栏破旧（虚构）", "新坝镇人民政府", "立行立改"],
        [2, "制度未上墙（虚构）", "市发改委", "持续整改"],
        [3, "档案缺目录（虚构）", "市发改委", ""],
        [4, "工作日志缺页（虚构）", "新坝镇人民政府", "限期整改"],
        [5, "窗口服务态度差（虚构）", "新坝镇人民政府", "即知即改"],
        [6, "村规民约未修订（虚构）", "市发改委", "长效管理"],
    ]
    result = import_tasks(xlsx(sheet), actor=supervisor, task_list=task_list, valid_only=True)
    assert [(e.row, e.field) for e in result.errors] == [(5, "整改方式")]
    assert "请在“完成时限”列填写" in result.errors[0].message
    tasks = by_number(task_list)
    assert set(tasks) == {"1", "2", "3", "5", "6"}
    # Other words of at once and of work that goes on too.
    assert tasks["1"].deadline == tasks["5"].deadline == MONTH_END
    assert tasks["2"].long_running and tasks["6"].long_running
    assert tasks["3"].deadline == dt.date(TODAY.year, 12, 31)
    assert any(
        "表中没有“完成时限”列" in str(n) and "整改方式另有所指的除外" in str(n)
        for n in result.notes
    )


def differing_ledger():
    """Both cells given: the 时限 wins; three rows' 整改类型 says otherwise."""
    return [
        ["序号", "反馈问题", "整改责任单位", "整改类型", "整改时限"],
        [1, "干部培训不足（虚构）", "市发改委", "立行立改", cn(LATER)],
        [2, "考核流于形式（虚构）", "新坝镇人民政府", "持续整改", cn(LATER)],
        [3, "基层减负不到位（虚构）", "新坝镇人民政府", "限期整改", "长期坚持"],
        [4, "信息报送迟缓（虚构）", "市发改委", "限期整改", cn(LATER)],
        [5, "值班制度落实不严（虚构）", "市发改委", "立行立改", cn(MONTH_END)],
        [6, "调研不深入（虚构）", "市发改委", "长期坚持", "持续整改"],
    ]


def differing_remark() -> str:
    later = cn(LATER)
    return (
        "有 3 行的整改类型与整改时限不一致，按整改时限导入："
        f"第 2 行（立行立改，{later}）、第 3 行（持续整改，{later}）、第 4 行（限期整改，长期坚持）"
    )


def test_the_time_limit_wins_and_a_differing_kind_is_remarked(supervisor, task_list):
    result = import_tasks(xlsx(differing_ledger()), actor=supervisor, task_list=task_list)
    assert not result.errors
    assert result.created == 6
    tasks = by_number(task_list)
    assert tasks["1"].deadline == tasks["2"].deadline == tasks["4"].deadline == LATER
    assert not tasks["2"].long_running
    assert tasks["3"].long_running
    assert tasks["5"].deadline == MONTH_END
    assert tasks["6"].long_running
    assert result.remarks == [differing_remark()]


# -- through the page, the worker and the command --------------------------------------------


def test_the_preview_remarks_the_differing_kinds_and_the_confirmation_imports(
    as_user, supervisor, task_list
):
    client = as_user(supervisor)
    preview = client.post(url(task_list), {"file": xlsx(differing_ledger())})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'id="preview-remarks"' in page
    assert differing_remark() in page
    assert not task_list.tasks.exists()
    done = import_through_page(client, url(task_list), {"file": xlsx(differing_ledger())})
    assert done.status_code == 302
    assert task_list.tasks.count() == 6
    told = " ".join(str(m) for m in done.wsgi_request._messages)
    assert "有 3 行的整改类型与整改时限不一致" in told


def test_the_preview_names_the_kind_needing_its_limit(as_user, supervisor, task_list):
    sheet = [
        ["序号", "存在问题", "整改责任单位", "整改类型", "整改时限"],
        [1, "会议记录不全（虚构）", "新坝镇人民政府", "分阶段整改", ""],
    ]
    client = as_user(supervisor)
    preview = client.post(url(task_list), {"file": xlsx(sheet)})
    assert "“分阶段整改”须有整改时限" in preview.content.decode()
    assert not task_list.tasks.exists()


def test_the_background_job_reads_kinds_and_hours(as_user, supervisor, task_list):
    ParameterValue.objects.create(name="imports.background_rows", value="3")
    try:
        client = as_user(supervisor)
        response = client.post(url(task_list), {"file": xlsx(kinds_ledger())})
        job = BackgroundJob.objects.get()
        assert response["Location"] == f"/imports/{job.pk}/"
        (previewed,) = background.run_due(worker="test-worker")
        assert previewed.status == "done", previewed.error
        client.post(f"/imports/{job.pk}/confirm/")
        (imported,) = background.run_due(worker="test-worker")
        assert imported.status == "done", imported.error
    finally:
        params.clear_cache()
    tasks = by_number(task_list)
    assert len(tasks) == 8
    assert tasks["1"].deadline == MONTH_END
    assert tasks["3"].long_running


def test_the_command_reads_the_same_ledgers(tmp_path, supervisor):
    hours = tmp_path / "隐患台账.xlsx"
    hours.write_bytes(xlsx(hours_ledger()).getvalue())
    summary = import_command(
        "tasks", str(hours), "--list", "命令行隐患台账", "--user", "supervisor"
    )
    assert summary["created"] == 6 and not summary["errors"]
    tasks = by_number(TaskList.objects.get(name="命令行隐患台账"))
    assert tasks["3"].deadline == FOUND + 3 * DAY
    assert tasks["5"].deadline == months_after(FOUND, 6)
    differing = tmp_path / "反馈问题整改台账.xlsx"
    differing.write_bytes(xlsx(differing_ledger()).getvalue())
    summary = import_command(
        "tasks", str(differing), "--list", "命令行整改台账", "--user", "supervisor"
    )
    assert summary["created"] == 6 and not summary["errors"]
    assert summary["remarks"] == [differing_remark()]


# -- the template --------------------------------------------------------------------------


def test_the_template_says_time_limits_and_at_once_are_read(as_user, supervisor, task_list):
    response = as_user(supervisor).get(f"/tasks/lists/{task_list.pk}/template/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    help_of = {
        row[0]: " ".join(map(str, row[1:])) for row in book["说明"].iter_rows(values_only=True)
    }
    deadline = help_of["完成时限"]
    assert "15个工作日内" in deadline and "自本行交办时间" in deadline
    assert "“立行立改”（以导入当月月底为完成时限）" in deadline
