"""The notices the loops were missing: re-check due, new and answered demands, supervision
sheets; none for drafts cancelled before assignment; the list marks read when opened."""

import datetime as dt

import pytest
from factories import account_enterprise

from mingzhu.enterprises import actions as enterprise_actions
from mingzhu.grid import actions as grid_actions
from mingzhu.grid.models import EventCategory
from mingzhu.tasks import actions
from mingzhu.tasks.choices import DeadlineBasis, EventAction, NoticeKind
from mingzhu.tasks.jobs import supervise
from mingzhu.tasks.models import Notification

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _kinds(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_the_grid_worker_is_told_of_a_recheck_due(grid_worker, supervisor, fgw, unit, as_user):
    category = EventCategory.objects.create(
        name="测试类别",
        responsible_unit=unit("YZ-DEPT-FGW"),
        time_limit=2,
        time_limit_basis=DeadlineBasis.WORKING_DAYS,
    )
    event = grid_actions.report_event(
        actor=grid_worker,
        grid=unit("YZ-XINBA-V02-G01"),
        category=category,
        description="测试事件",
        address="测试地址",
    )
    grid_actions.file_event(event, actor=supervisor)
    event.refresh_from_db()
    before = _kinds(grid_worker, NoticeKind.RECHECK).count()
    actions.accept(event.task, actor=fgw)
    assert _kinds(grid_worker, NoticeKind.RECHECK).count() == before
    actions.request_closure(event.task, actor=fgw, result="已清理")
    notice = _kinds(grid_worker, NoticeKind.RECHECK).latest("pk")
    assert notice.link == event.get_absolute_url() and event.task.lead_unit.name in notice.text
    # The worker sees it in their list (though the task itself is outside their scope).
    page = as_user(grid_worker).get("/tasks/notifications/").content.decode()
    assert notice.text in page


def test_the_industry_bureau_hears_of_a_new_demand_and_the_enterprise_of_the_answer(
    enterprise_user, gxj, fgw, unit
):
    own = account_enterprise("YZ-CO-0001")
    demand = enterprise_actions.raise_demand(
        actor=enterprise_user, enterprise=own, category="land", content="用地指标"
    )
    told = _kinds(gxj, NoticeKind.DEMAND_NEW).latest("pk")
    assert own.name in told.text and told.link == demand.get_absolute_url()
    assert not _kinds(enterprise_user, NoticeKind.DEMAND_NEW).filter(link=told.link).exists()
    enterprise_actions.dispatch_demand(demand.pk, actor=gxj, department=unit("YZ-DEPT-FGW"))
    demand.refresh_from_db()
    actions.accept(demand.task, actor=fgw)
    actions.request_closure(demand.task, actor=fgw, result="已协调用地指标")
    answered = _kinds(enterprise_user, NoticeKind.DEMAND_ANSWERED).latest("pk")
    assert answered.link == demand.get_absolute_url()


def test_no_cancelled_notice_for_a_draft_never_assigned(supervisor, fgw, unit):
    task = actions.create_task(
        actor=supervisor, title="草稿", lead_unit=unit("YZ-DEPT-FGW"), deadline=dt.date(2099, 1, 1)
    )
    actions.cancel(task, actor=supervisor, comment="不再需要")
    assert not Notification.objects.filter(task=task).exists()
    # Once assigned, a cancellation is news to the lead unit.
    other = actions.create_task(
        actor=supervisor,
        title="已交办",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=dt.date(2099, 1, 1),
    )
    actions.assign(other, actor=supervisor)
    actions.cancel(other, actor=supervisor, comment="撤销")
    assert Notification.objects.filter(
        task=other, recipient=fgw, event__action=EventAction.CANCEL
    ).exists()


def test_opening_the_list_marks_the_shown_notices_read(as_user, supervisor, fgw, unit):
    task = actions.create_task(
        actor=supervisor, title="已读", lead_unit=unit("YZ-DEPT-FGW"), deadline=dt.date(2099, 1, 1)
    )
    actions.assign(task, actor=supervisor)
    note = Notification.objects.get(task=task, recipient=fgw)
    assert note.read_at is None
    client = as_user(fgw)
    first = client.get("/tasks/notifications/").content.decode()
    assert "list-group-item-warning" in first  # shown as new this once
    note.refresh_from_db()
    assert note.read_at is not None


def test_supervision_sheets_reach_the_supervised_unit_as_notices(supervisor, fgw, unit):
    task = actions.create_task(
        actor=supervisor, title="逾期", lead_unit=unit("YZ-DEPT-FGW"), deadline=dt.date(2030, 6, 28)
    )
    actions.assign(task, actor=supervisor)
    actions.accept(task, actor=fgw)
    counts = supervise(dt.date(2030, 7, 1))
    assert counts["created"] >= 1 and counts["notified"] >= 1
    sheet = task.sheets.get()
    notice = Notification.objects.get(recipient=fgw, sheet=sheet)
    assert notice.kind == NoticeKind.SHEET and notice.task == task
    again = supervise(dt.date(2030, 7, 1))
    assert again["notified"] == 0
    assert Notification.objects.filter(recipient=fgw, sheet=sheet).count() == 1
