import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from mingzhu.core.models import ImmutableError
from mingzhu.tasks import actions, services
from mingzhu.tasks.choices import DeadlineBasis, EventAction, Status
from mingzhu.tasks.models import Task, TaskCodeCounter, TaskEvent

from .conftest import FAR, STEPS

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def test_it_creates_a_draft_with_a_readable_code(supervisor, unit):
    task = actions.create_task(
        actor=supervisor, title="新任务", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    # The year of the code is the year of creation, not the deadline's.
    assert re.fullmatch(rf"{timezone.localdate().year}-DB-\d{{4}}", task.code)
    assert task.status == Status.DRAFT
    assert task.issuer == supervisor.unit
    assert task.events.get().action == EventAction.CREATE
    second = actions.create_task(
        actor=supervisor, title="又一个", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    assert int(second.code[-4:]) == int(task.code[-4:]) + 1


def test_it_numbers_on_past_9999(supervisor, unit):
    first = actions.create_task(
        actor=supervisor, title="第9999个", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    prefix = first.code.rsplit("-", 1)[0]
    # A ledger whose codes were given before the prefix had a counter: the counter starts
    # after the highest number its codes carry, 10000 after 9999.
    Task.objects.filter(pk=first.pk).update(code=f"{prefix}-9999")
    TaskCodeCounter.objects.filter(prefix=f"{prefix}-").delete()
    tenth_thousand = actions.create_task(
        actor=supervisor, title="第10000个", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    assert tenth_thousand.code == f"{prefix}-10000"
    next_one = actions.create_task(
        actor=supervisor, title="第10001个", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    assert next_one.code == f"{prefix}-10001"
    assert TaskCodeCounter.objects.get(prefix=f"{prefix}-").number == 10001


def test_a_new_code_reads_no_codes_of_its_prefix(supervisor, unit):
    """The number comes from the prefix's counter: one update, whatever the ledger holds."""
    actions.create_task(
        actor=supervisor, title="第一个", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    with CaptureQueriesContext(connection) as queries:
        task = actions.create_task(
            actor=supervisor, title="第二个", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
        )
    table = Task._meta.db_table
    reads = [q["sql"] for q in queries if "LIKE" in q["sql"] and table in q["sql"]]
    assert reads == []
    counted = [q["sql"] for q in queries if TaskCodeCounter._meta.db_table in q["sql"]]
    assert len(counted) == 1 and counted[0].startswith("UPDATE")
    assert TaskCodeCounter.objects.get(prefix=task.code_prefix()).number == int(task.code[-4:])


def test_a_code_given_by_other_means_moves_the_counter_past_it(supervisor, unit):
    fgw = unit("YZ-DEPT-FGW")
    first = actions.create_task(actor=supervisor, title="第一个", lead_unit=fgw, deadline=FAR)
    prefix, number = first.code_prefix(), int(first.code[-4:])
    # The demo gives its example tasks their codes itself.
    given = actions.create_task(
        actor=supervisor,
        title="示例",
        lead_unit=fgw,
        deadline=FAR,
        code=f"{prefix}{number + 1:04d}",
    )
    after = actions.create_task(actor=supervisor, title="其后", lead_unit=fgw, deadline=FAR)
    assert given.code == f"{prefix}{number + 1:04d}"
    assert after.code == f"{prefix}{number + 2:04d}"
    Task.objects.create(
        code=f"{prefix}{number + 3:04d}",
        title="又一个示例",
        issuer=fgw,
        lead_unit=fgw,
        deadline=FAR,
    )
    made = actions.create_tasks(
        [{"title": f"批量{i}", "lead_unit": fgw, "deadline": FAR} for i in range(3)],
        actor=supervisor,
    )
    assert [t.code for t in made] == [f"{prefix}{number + n:04d}" for n in (4, 5, 6)]


def test_a_creation_rolled_back_gives_its_number_back(supervisor, unit):
    fgw = unit("YZ-DEPT-FGW")
    first = actions.create_task(actor=supervisor, title="第一个", lead_unit=fgw, deadline=FAR)
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.create_task(actor=supervisor, title="撤回", lead_unit=fgw, deadline=FAR)
        raise RuntimeError
    again = actions.create_task(actor=supervisor, title="第二个", lead_unit=fgw, deadline=FAR)
    assert int(again.code[-4:]) == int(first.code[-4:]) + 1


def test_it_refuses_creation_without_the_permission(fgw, outsider, unit):
    for user in (fgw, outsider):
        with pytest.raises(PermissionDenied):
            actions.create_task(actor=user, title="x", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR)


@pytest.mark.parametrize("status", list(STEPS))
def test_it_reaches_every_state_with_one_event_per_transition(make_task, status):
    task = make_task(status)
    events = list(task.events.order_by("at", "pk"))
    assert len(events) == 1 + len(STEPS[status])
    assert events[-1].to_status == status
    for before, after in zip(events, events[1:], strict=False):
        assert after.from_status == before.to_status


def test_it_records_assign_and_accept_dates(make_task, fgw):
    task = make_task(Status.ACCEPTED)
    assert task.assigned_on and task.accepted_on
    assert task.assignee == fgw


def test_it_counts_rework_and_lets_the_unit_carry_on(make_task, fgw):
    task = make_task(Status.RETURNED)
    assert task.rework_count == 1
    task = actions.report_progress(task, actor=fgw, progress=90, comment="补充材料")
    assert task.status == Status.IN_PROGRESS
    task = actions.request_closure(task, actor=fgw, result="材料已补齐")
    assert task.status == Status.CLOSURE_REQUESTED


def test_it_keeps_the_original_deadline_when_deferred(make_task):
    task = make_task(Status.DEFERRED, deadline=dt.date(2099, 1, 31))
    assert task.original_deadline == dt.date(2099, 1, 31)
    assert task.deadline == dt.date(2099, 3, 2)
    assert task.requested_deadline is None


def test_it_closes_with_full_progress(make_task):
    task = make_task(Status.CLOSED)
    assert task.progress == 100 and task.closed_on is not None


def test_it_lets_a_co_unit_report_progress(make_task, xinba, unit):
    task = make_task(Status.ACCEPTED)
    task.co_units.add(unit("YZ-XINBA"))
    task = actions.report_progress(task.pk, actor=xinba, progress=30)
    assert task.progress == 30


def test_it_updates_the_parent_progress(make_task, fgw):
    parent = make_task(Status.ACCEPTED)
    child_a = make_task(Status.ACCEPTED, parent=parent, weight=1)
    make_task(Status.ACCEPTED, parent=parent, weight=3)
    actions.report_progress(child_a, actor=fgw, progress=100)
    parent.refresh_from_db()
    assert parent.progress == 25


# Refused transitions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "action", "kwargs"),
    [
        (Status.DRAFT, "accept", {}),
        (Status.ASSIGNED, "report_progress", {"progress": 10}),
        (Status.ACCEPTED, "verify", {}),
        (Status.IN_PROGRESS, "return_for_rework", {"comment": "x"}),
        (Status.CLOSED, "cancel", {"comment": "x"}),
        (Status.CANCELLED, "assign", {}),
        (Status.CLOSURE_REQUESTED, "request_closure", {"result": "x"}),
    ],
)
def test_it_refuses_a_transition_from_the_wrong_state(
    make_task, supervisor, fgw, status, action, kwargs
):
    task = make_task(status)
    actor = supervisor if action in ("verify", "return_for_rework", "cancel", "assign") else fgw
    with pytest.raises(actions.TransitionError):
        getattr(actions, action)(task, actor=actor, **kwargs)
    assert Task.objects.get(pk=task.pk).status == status


def test_it_refuses_closure_without_evidence(make_task, fgw):
    task = make_task(Status.IN_PROGRESS)
    with pytest.raises(actions.TransitionError, match="evidence"):
        actions.request_closure(task, actor=fgw, result="  ")


def test_it_accepts_an_attachment_as_evidence(make_task, fgw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = make_task(Status.IN_PROGRESS)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    photo = SimpleUploadedFile("现场.jpg", buffer.getvalue(), content_type="image/jpeg")
    task = actions.request_closure(task, actor=fgw, files=[photo])
    event = task.events.get(action=EventAction.REQUEST_CLOSURE)
    stored = event.attachments.get()
    assert stored.name == "现场.jpg"
    assert (stored.content_type, stored.uploaded_by, stored.size) == ("image/jpeg", fgw, photo.size)


def test_it_refuses_an_attachment_of_the_wrong_type(make_task, fgw):
    task = make_task(Status.IN_PROGRESS)
    bad = SimpleUploadedFile("run.exe", b"MZ")
    with pytest.raises(ValidationError):
        actions.request_closure(task, actor=fgw, files=[bad])


def test_it_refuses_return_and_cancel_without_a_reason(make_task, supervisor):
    task = make_task(Status.CLOSURE_REQUESTED)
    with pytest.raises(actions.TransitionError):
        actions.return_for_rework(task, actor=supervisor, comment="")
    with pytest.raises(actions.TransitionError):
        actions.cancel(task, actor=supervisor, comment=" ")


def test_it_refuses_progress_out_of_range(make_task, fgw):
    task = make_task(Status.ACCEPTED)
    with pytest.raises(actions.TransitionError):
        actions.report_progress(task, actor=fgw, progress=101)


def test_it_refuses_an_extension_after_the_deadline(make_task, fgw):
    task = make_task(Status.ACCEPTED, deadline=dt.date(2025, 1, 10))
    with pytest.raises(actions.TransitionError, match="before the deadline"):
        actions.request_extension(
            task,
            actor=fgw,
            new_deadline=dt.date(2025, 2, 1),
            comment="x",
            at=dt.datetime(2025, 1, 11, 3, tzinfo=dt.UTC),
        )


def test_it_refuses_an_extension_to_an_earlier_date(make_task, fgw):
    task = make_task(Status.ACCEPTED)
    with pytest.raises(actions.TransitionError):
        actions.request_extension(task, actor=fgw, new_deadline=dt.date(2098, 1, 1), comment="x")


def test_it_refuses_to_approve_an_extension_nobody_asked_for(make_task, supervisor):
    task = make_task(Status.IN_PROGRESS)
    with pytest.raises(actions.TransitionError):
        actions.approve_extension(task, actor=supervisor)


def test_it_never_lets_the_lead_unit_verify_its_own_task(make_task, supervisor, leader):
    task = make_task(Status.CLOSURE_REQUESTED, lead="YZ-DEPT-DB", handler=supervisor, issuer=leader)
    with pytest.raises(PermissionDenied):
        actions.verify(task, actor=supervisor)
    assert actions.verify(task, actor=leader).status == Status.CLOSED


def test_it_refuses_the_handling_side_the_issuing_actions(make_task, fgw):
    task = make_task(Status.CLOSURE_REQUESTED)
    for action in (actions.verify, actions.return_for_rework, actions.cancel):
        with pytest.raises(PermissionDenied):
            action(task, actor=fgw, comment="x")


def test_it_refuses_the_issuing_side_the_handling_actions(make_task, supervisor, leader):
    task = make_task(Status.ASSIGNED)
    for user in (supervisor, leader):
        with pytest.raises(PermissionDenied):
            actions.accept(task, actor=user)


def test_it_answers_404_out_of_scope(make_task, xinba, outsider, grid_worker):
    task = make_task(Status.CLOSURE_REQUESTED)
    for user in (xinba, outsider, grid_worker):
        with pytest.raises(Http404):
            actions.verify(task, actor=user)


def test_it_reports_a_second_verification_as_a_conflict(make_task, supervisor, leader):
    task = make_task(Status.CLOSURE_REQUESTED)
    actions.verify(task, actor=supervisor)
    with pytest.raises(actions.AlreadyDone):
        actions.verify(task, actor=leader)
    assert task.events.filter(action=EventAction.VERIFY).count() == 1


def test_it_notifies_after_commit(
    make_task, supervisor, caplog, django_capture_on_commit_callbacks
):
    task = make_task(Status.DRAFT)
    with (
        caplog.at_level("INFO", logger="mingzhu.tasks"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        actions.assign(task, actor=supervisor)
    assert len(callbacks) == 1
    assert f"task {task.code}: assign" in caplog.text


def test_it_keeps_events_immutable(make_task):
    event = make_task(Status.ASSIGNED).events.first()
    event.comment = "改写"
    with pytest.raises(ImmutableError):
        event.save()
    with pytest.raises(ImmutableError):
        event.delete()
    assert TaskEvent.objects.get(pk=event.pk).comment != "改写"


def test_it_lists_the_actions_a_user_may_take(make_task, supervisor, fgw, xinba):
    task = make_task(Status.CLOSURE_REQUESTED)
    assert actions.available_actions(supervisor, task) == ["verify", "return_for_rework", "cancel"]
    assert actions.available_actions(fgw, task) == []
    task = make_task(Status.ACCEPTED)
    assert actions.available_actions(fgw, task) == [
        "report_progress",
        "request_closure",
        "request_extension",
    ]
    assert actions.available_actions(xinba, task) == []


def test_it_sets_a_working_hours_deadline_to_the_minute(supervisor, fgw, unit):
    reported = dt.datetime(2025, 9, 30, 16, 0, tzinfo=services.WORK_ZONE)  # before the holiday
    task = actions.create_task(
        actor=supervisor,
        at=reported,
        title="暴露垃圾",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline_basis=DeadlineBasis.WORKING_HOURS,
        time_limit=4,
    )
    assert task.due_at == dt.datetime(2025, 10, 9, 11, 0, tzinfo=services.WORK_ZONE)
    assert task.deadline == dt.date(2025, 10, 9)  # the lights work by the day
    actions.assign(task, actor=supervisor, at=reported)
    actions.accept(task, actor=fgw, at=reported)
    actions.request_extension(
        task, actor=fgw, new_deadline=dt.date(2025, 10, 10), comment="需要时间", at=reported
    )
    task = actions.approve_extension(task, actor=supervisor, at=reported)
    assert task.deadline == dt.date(2025, 10, 10)
    assert task.due_at == dt.datetime(2025, 10, 10, 17, 30, tzinfo=services.WORK_ZONE)
