import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from mingzhu.grid import actions
from mingzhu.grid.choices import Decision, EventStatus
from mingzhu.grid.models import EventCategory, EventPhoto, EventRecheck, GridEvent
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import DeadlineBasis, EventAction, SourceKind, Status
from mingzhu.tasks.models import Task

from .conftest import SANMAO_GRID, XINBA_GRID, photo

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_it_runs_the_whole_flow(make_event, grid_worker, supervisor, fgw, unit):
    event = make_event("reported")
    assert event.status == EventStatus.REPORTED and event.reported_by == grid_worker

    actions.file_event(event, actor=supervisor)
    event.refresh_from_db()
    task = event.task
    assert event.decision == Decision.FILED and event.decided_by == supervisor
    assert task.status == Status.ASSIGNED and task.lead_unit == unit("YZ-DEPT-FGW")
    assert task.source_kind == SourceKind.GRID_EVENT and task.source_object == event
    assert event.status == EventStatus.HANDLING

    task_actions.accept(task, actor=fgw)
    task_actions.request_closure(task, actor=fgw, result="已清理")
    event.refresh_from_db()
    assert event.status == EventStatus.AWAITING_RECHECK

    actions.recheck_event(event, actor=grid_worker, passed=True, photos=[photo()])
    event = GridEvent.objects.select_related("task").get(pk=event.pk)
    assert event.status == EventStatus.CLOSED and event.task.status == Status.CLOSED
    verify = event.task.events.get(action=EventAction.VERIFY)
    assert verify.actor == grid_worker
    recheck = EventRecheck.objects.get(event=event)
    assert recheck.passed and recheck.photos.count() == 1


def test_it_returns_a_failed_recheck_for_rework(make_event, grid_worker, fgw):
    event = make_event("returned")
    assert event.task.status == Status.RETURNED and event.task.rework_count == 1
    assert event.task.events.get(action=EventAction.RETURN).comment == "仍存在"
    task_actions.request_closure(event.task, actor=fgw, result="再次处置")
    actions.recheck_event(event, actor=grid_worker, passed=True)
    event = GridEvent.objects.select_related("task").get(pk=event.pk)
    assert event.status == EventStatus.CLOSED
    assert list(event.rechecks.values_list("passed", flat=True)) == [False, True]


def test_it_derives_the_status_from_the_task(make_event, supervisor):
    event = make_event("handling")
    task_actions.cancel(event.task, actor=supervisor, comment="重复上报")
    event = GridEvent.objects.select_related("task").get(pk=event.pk)
    assert event.status == EventStatus.CANCELLED
    assert GridEvent.objects.with_status(EventStatus.CANCELLED).filter(pk=event.pk).exists()


def test_it_sets_the_deadline_from_the_category_in_working_hours(make_event, supervisor, unit):
    garbage = EventCategory.objects.create(
        name="测试暴露垃圾",
        responsible_unit=unit("YZ-DEPT-FGW"),
        time_limit=4,
        time_limit_basis=DeadlineBasis.WORKING_HOURS,
    )
    # 2025-09-30 16:00: one working hour left, then the National Day holiday (Oct 1-8).
    event = make_event(category=garbage, at=_at(dt.date(2025, 9, 30), 16))
    actions.file_event(event, actor=supervisor, at=_at(dt.date(2025, 9, 30), 16))
    task = Task.objects.get(grid_event=event)
    assert task.deadline == dt.date(2025, 10, 9)
    assert task.deadline_basis == DeadlineBasis.WORKING_HOURS and task.time_limit == 4
    assert task.assigned_on == dt.date(2025, 9, 30)


def test_it_files_to_another_unit_when_the_centre_says_so(make_event, supervisor, unit):
    event = make_event()
    actions.file_event(event, actor=supervisor, responsible_unit=unit("YZ-XINBA"))
    assert Task.objects.get(grid_event=event).lead_unit == unit("YZ-XINBA")


def test_it_rejects_with_a_reason(make_event, supervisor):
    event = make_event("rejected")
    assert event.decision_reason == "不属实" and event.task is None
    assert GridEvent.objects.with_status(EventStatus.REJECTED).filter(pk=event.pk).exists()


def test_it_refuses_reports_outside_the_workers_grids(grid_worker, category, unit):
    with pytest.raises(Http404):
        actions.report_event(
            actor=grid_worker, grid=unit(SANMAO_GRID), category=category, description="x"
        )
    with pytest.raises(Http404):  # not a grid at all
        actions.report_event(
            actor=grid_worker, grid=unit("YZ-XINBA-V02"), category=category, description="x"
        )


@pytest.mark.parametrize("persona", ["xinba", "supervisor", "leader", "outsider"])
def test_it_refuses_reports_by_anyone_but_grid_workers(request, persona, category, unit):
    with pytest.raises(PermissionDenied):
        actions.report_event(
            actor=request.getfixturevalue(persona),
            grid=unit(XINBA_GRID),
            category=category,
            description="x",
        )


def test_it_refuses_bad_reports(grid_worker, category, campaign, unit):
    grid = unit(XINBA_GRID)
    with pytest.raises(ValidationError) as exc:
        actions.report_event(actor=grid_worker, grid=grid, category=category, description="")
    assert "description" in exc.value.message_dict
    category.is_active = False
    category.save()
    with pytest.raises(ValidationError) as exc:
        actions.report_event(actor=grid_worker, grid=grid, category=category, description="x")
    assert "category" in exc.value.message_dict
    category.is_active = True
    category.save()
    campaign.end_date = dt.date(2020, 12, 31)
    campaign.save()
    with pytest.raises(ValidationError) as exc:
        actions.report_event(
            actor=grid_worker, grid=grid, category=category, campaign=campaign, description="x"
        )
    assert "campaign" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        actions.report_event(
            actor=grid_worker, grid=grid, category=category, description="x", latitude=91
        )
    assert "latitude" in exc.value.message_dict
    with pytest.raises(ValidationError):
        actions.report_event(
            actor=grid_worker,
            grid=grid,
            category=category,
            description="x",
            photos=[photo("病毒.exe")],
        )
    with pytest.raises(ValidationError):
        actions.report_event(
            actor=grid_worker,
            grid=grid,
            category=category,
            description="x",
            photos=[photo("说明.pdf")],  # an attachment the task engine takes, but no photo
        )
    assert not GridEvent.objects.filter(description="x").exists()
    assert not EventPhoto.objects.filter(name__in=["病毒.exe", "说明.pdf"]).exists()


def test_it_refuses_filing_by_anyone_but_the_centre(make_event, grid_worker, xinba, leader):
    event = make_event()
    for user in (grid_worker, xinba, leader):
        with pytest.raises(PermissionDenied):
            actions.file_event(event, actor=user)
        with pytest.raises(PermissionDenied):
            actions.reject_event(event, actor=user, reason="x")
    assert GridEvent.objects.get(pk=event.pk).decision == Decision.PENDING


def test_it_hides_events_outside_the_scope(make_event, sanmao, fgw):
    event = make_event()
    for user in (sanmao, fgw):
        with pytest.raises(Http404):
            actions.file_event(event, actor=user)


def test_it_lets_the_centres_staff_file(make_event, supervisor, unit):
    from mingzhu.org.models import Role, User

    centre = User.objects.create(username="centre", unit=unit("YZ-DEPT-SWZX"))
    centre.roles.set([Role.objects.get(code="dept_staff")])
    event = make_event()
    assert not actions.may_file(centre)  # staff without the permission to change events
    role = Role.objects.create(code="centre", name="指挥中心", data_scope="all")
    role.permissions.set(supervisor.roles.get().permissions.all())
    centre.roles.set([role])
    centre = User.objects.get(pk=centre.pk)
    assert actions.may_file(centre)
    actions.file_event(event, actor=centre)
    assert Task.objects.get(grid_event=event).issuer == unit("YZ-DEPT-SWZX")


def test_it_refuses_deciding_twice(make_event, supervisor):
    event = make_event("handling")
    with pytest.raises(actions.TransitionError):
        actions.file_event(event, actor=supervisor)
    with pytest.raises(actions.TransitionError):
        actions.reject_event(event, actor=supervisor, reason="x")


def test_it_refuses_a_rejection_without_reason(make_event, supervisor):
    event = make_event()
    with pytest.raises(actions.TransitionError):
        actions.reject_event(event, actor=supervisor, reason="  ")


def test_it_needs_a_responsible_unit(make_event, supervisor, unit):
    orphan = EventCategory.objects.create(name="无主类别", time_limit=1)
    event = make_event(category=orphan)
    with pytest.raises(ValidationError) as exc:
        actions.file_event(event, actor=supervisor)
    assert "responsible_unit" in exc.value.message_dict
    assert not Task.objects.filter(object_id=event.pk, source_kind="grid_event").exists()


@pytest.mark.parametrize("state", ["reported", "rejected", "handling", "closed", "returned"])
def test_it_refuses_rechecks_out_of_turn(make_event, grid_worker, state):
    event = make_event(state)
    with pytest.raises((actions.TransitionError, PermissionDenied)):
        actions.recheck_event(event, actor=grid_worker, passed=True)


def test_it_refuses_rechecks_by_others(make_event, supervisor, xinba, fgw, sanmao):
    event = make_event("awaiting_recheck")
    for user in (supervisor, xinba, fgw):
        with pytest.raises(PermissionDenied):
            actions.recheck_event(event, actor=user, passed=True)
    with pytest.raises(Http404):
        actions.recheck_event(event, actor=sanmao, passed=True)
    assert Task.objects.get(grid_event=event).status == Status.CLOSURE_REQUESTED


def test_it_refuses_a_failed_recheck_without_reason(make_event, grid_worker):
    event = make_event("awaiting_recheck")
    with pytest.raises(actions.TransitionError):
        actions.recheck_event(event, actor=grid_worker, passed=False, comment="")


def test_it_keeps_the_lead_units_people_from_verifying(make_event, grid_worker, xinba):
    # The task goes to 新坝镇, the town the grid worker belongs to: the worker may not
    # check off a task of their own unit, re-check or not.
    event = make_event("awaiting_recheck", lead="YZ-XINBA", handler=xinba)
    assert not actions.may_recheck(grid_worker, event)
    with pytest.raises(PermissionDenied):
        actions.recheck_event(event, actor=grid_worker, passed=True)
    assert Task.objects.get(grid_event=event).status == Status.CLOSURE_REQUESTED


def test_it_lets_the_grid_worker_verify_only_through_the_recheck(make_event, grid_worker):
    event = make_event("awaiting_recheck")
    # Through the task engine directly, the grid worker cannot even see the task ...
    with pytest.raises((Http404, PermissionDenied)):
        task_actions.verify(event.task_id, actor=grid_worker)
    actions.recheck_event(event, actor=grid_worker, passed=True)
    assert Task.objects.get(pk=event.task_id).status == Status.CLOSED
    # ... and the re-check gave the worker nothing that outlives it.
    assert not grid_worker.has_perm(task_actions.VERIFY_PERMISSION)
    assert not Task.objects.restrict(grid_worker, "view").filter(pk=event.task_id).exists()
    assert not task_actions.is_issuing_side(grid_worker, Task.objects.get(pk=event.task_id))


def test_it_refuses_a_second_recheck(make_event, grid_worker):
    event = make_event("closed")
    with pytest.raises(actions.TransitionError):
        actions.recheck_event(event, actor=grid_worker, passed=True)


def test_it_hides_the_task_from_a_source_reviewer_of_another_grid(make_event, sanmao):
    from mingzhu.org.models import Role, User

    event = make_event("awaiting_recheck")
    other = User.objects.create(username="wangge-sanmao-test", unit=sanmao.unit)
    other.roles.add(Role.objects.get(code="grid_worker"))
    other.custom_units.add(sanmao.unit)
    with pytest.raises(Http404):
        task_actions.verify(event.task_id, actor=other, as_source_reviewer=True)
    assert Task.objects.get(pk=event.task_id).status == Status.CLOSURE_REQUESTED
