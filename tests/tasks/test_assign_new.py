"""Opening a task and assigning it at once (``assign_new``): the same checks and the same
record as ``assign``, on the draft just created in the caller's transaction."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingzhu.tasks import actions
from mingzhu.tasks.choices import EventAction, Status
from mingzhu.tasks.models import Notification, Task

from .conftest import FAR

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _draft(supervisor, unit, **values):
    return actions.create_task(
        actor=supervisor, title="开办即派", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR, **values
    )


def test_a_new_draft_is_assigned_as_assign_would(supervisor, fgw, unit):
    with transaction.atomic():
        task = actions.assign_new(_draft(supervisor, unit), actor=supervisor, comment="请办理")
    stored = Task.objects.get(pk=task.pk)
    assert stored.status == Status.ASSIGNED
    assert stored.assigned_on is not None
    event = stored.events.get(action=EventAction.ASSIGN)
    assert (event.actor, event.from_status, event.comment) == (supervisor, Status.DRAFT, "请办理")
    # The lead unit hears of it, the actor does not.
    heard = set(Notification.objects.filter(event=event).values_list("recipient", flat=True))
    assert fgw.pk in heard
    assert supervisor.pk not in heard


def test_the_issuing_side_only(supervisor, fgw, unit):
    with pytest.raises(PermissionDenied), transaction.atomic():
        actions.assign_new(_draft(supervisor, unit), actor=fgw)


def test_outside_a_transaction_or_not_a_draft_it_is_assign(supervisor, unit):
    task = actions.assign_new(_draft(supervisor, unit), actor=supervisor)  # autocommit
    assert Task.objects.get(pk=task.pk).status == Status.ASSIGNED
    with pytest.raises(actions.TransitionError), transaction.atomic():
        actions.assign_new(task, actor=supervisor)  # read again and refused: not a draft
