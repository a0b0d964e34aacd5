"""The requester's rating: satisfied closes; dissatisfied reopens the same task once; a
second dissatisfied rating is final. One event per rating."""

import pytest
from django.core.exceptions import PermissionDenied

from mingzhu.tasks import actions
from mingzhu.tasks.choices import EventAction, Status
from mingzhu.tasks.metrics import task_facts

pytestmark = [pytest.mark.django_db, pytest.mark.tree]


def rate(task, actor, satisfied, comment=""):
    return actions.rate(
        task, actor=actor, satisfied=satisfied, comment=comment, as_source_reviewer=False
    )


def test_satisfied_closes(make_task, supervisor):
    task = rate(make_task(Status.CLOSURE_REQUESTED), supervisor, True, "满意")
    assert task.status == Status.CLOSED and task.closed_on and task.progress == 100
    event = task.events.get(action=EventAction.RATE)
    assert (event.satisfied, event.from_status, event.to_status, event.comment) == (
        True,
        Status.CLOSURE_REQUESTED,
        Status.CLOSED,
        "满意",
    )
    assert not actions.was_reopened(task)


def test_dissatisfied_reopens_the_same_task_once(make_task, supervisor, fgw):
    task = make_task(Status.CLOSURE_REQUESTED)
    task = rate(task, supervisor, False, "没解决")
    assert task.status == Status.RETURNED and task.rework_count == 1
    assert actions.was_reopened(task)
    # The lead unit works on it again and answers again.
    actions.request_closure(task, actor=fgw, result="再次处理")
    task = rate(task, supervisor, False, "还是不满意")
    assert task.status == Status.CLOSED  # final: no second reopening
    ratings = list(
        task.events.filter(action=EventAction.RATE).values_list("satisfied", "to_status")
    )
    assert ratings == [(False, Status.RETURNED), (False, Status.CLOSED)]
    # The reopening counts as a return in the unit's rework rate.
    ((_extra, facts),) = task_facts(
        type(task).objects.filter(pk=task.pk), task.created_at.date(), task.closed_on
    )
    assert facts.returns == 1 and facts.closure_requests == 2


def test_only_an_answer_awaiting_closure_is_rated(make_task, supervisor):
    with pytest.raises(actions.TransitionError):
        rate(make_task(Status.IN_PROGRESS), supervisor, True)
    closed = make_task(Status.CLOSED)
    with pytest.raises(actions.AlreadyDone):
        rate(closed, supervisor, True)


def test_the_lead_unit_does_not_rate_its_own_work(make_task, fgw):
    task = make_task(Status.CLOSURE_REQUESTED)
    with pytest.raises(PermissionDenied):
        rate(task, fgw, True)
    assert task.events.filter(action=EventAction.RATE).count() == 0


def test_rating_is_no_button_of_the_task_page(make_task, supervisor):
    task = make_task(Status.CLOSURE_REQUESTED)
    assert "verify" in actions.available_actions(supervisor, task)
    assert "rate" not in actions.available_actions(supervisor, task)


def test_one_on_time_rule():
    """Closed on or before the deadline in force (after an approved extension), by as_of."""
    import datetime as dt

    from mingzhu.tasks.services import closed_on_time

    d = dt.date(2025, 6, 30)
    assert closed_on_time(status=Status.CLOSED, closed_on=d, deadline=d)
    assert not closed_on_time(status=Status.CLOSED, closed_on=d + dt.timedelta(1), deadline=d)
    assert not closed_on_time(status=Status.CLOSURE_REQUESTED, closed_on=None, deadline=d)
    assert not closed_on_time(
        status=Status.CLOSED, closed_on=d, deadline=d, as_of=d - dt.timedelta(1)
    )
