"""Who hears of a task's events, remembered for a run of many actions (the demo's play):
the same people as read afresh, and forgotten as soon as a user's roles change."""

import pytest

from mingzhu.org.models import Role
from mingzhu.tasks import actions
from mingzhu.tasks.memo import remembered, remembering

from .conftest import FAR

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def test_remembered_only_inside_the_block():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert remembered("k", read) == 1
    assert remembered("k", read) == 2  # not remembered outside
    with remembering():
        assert remembered("k", read) == 3
        assert remembered("k", read) == 3
    assert remembered("k", read) == 4


def test_recipients_are_forgotten_when_roles_change(supervisor, fgw, unit):
    task = actions.create_task(
        actor=supervisor, title="记忆", lead_unit=unit("YZ-DEPT-FGW"), deadline=FAR
    )
    with remembering():
        first = actions.recipients(task, ("handling",))
        assert fgw.pk in first
        assert actions.recipients(task, ("handling",)) == first
        roles = list(fgw.roles.all())
        fgw.roles.set(Role.objects.none())
        assert fgw.pk not in actions.recipients(task, ("handling",))
        fgw.roles.set(roles)
        assert actions.recipients(task, ("handling",)) == first
