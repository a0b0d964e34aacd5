"""tasks.play: a script of steps runs the engine's own actions at back-dated times, and a
step the engine refuses stops the script loudly."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.tasks import actions
from mingzhu.tasks.choices import EventAction, Status
from mingzhu.tasks.models import Notification
from mingzhu.tasks.play import ScriptError, Staff, Step, moment, play, staff_of

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def draft(supervisor, unit):
    return actions.create_task(
        actor=supervisor,
        at=moment(DAY),
        title="演示脚本",
        lead_unit=unit("YZ-DEPT-FGW"),
        deadline=DAY + dt.timedelta(days=30),
    )


def test_it_plays_a_task_to_its_end_through_the_actions(draft, supervisor, fgw):
    task = play(
        draft,
        [
            ("assign", DAY, supervisor),
            ("accept", DAY + dt.timedelta(days=1), fgw),
            ("report_progress", DAY + dt.timedelta(days=5), fgw, {"progress": 50}),
            Step("request_closure", DAY + dt.timedelta(days=9), fgw, {"result": "已完成"}),
            ("verify", moment(DAY + dt.timedelta(days=10), 16), supervisor),
        ],
    )
    assert (task.status, task.progress, task.closed_on) == (
        Status.CLOSED,
        100,
        DAY + dt.timedelta(days=10),
    )
    events = list(task.events.order_by("at", "pk"))
    assert [e.action for e in events] == [
        EventAction.CREATE,
        EventAction.ASSIGN,
        EventAction.ACCEPT,
        EventAction.REPORT,
        EventAction.REQUEST_CLOSURE,
        EventAction.VERIFY,
    ]
    assert [timezone.localtime(e.at).hour for e in events] == [10, 10, 10, 10, 10, 16]
    assert events[2].actor == fgw and events[2].comment == "（示例）"
    assert events[4].comment == "已完成"
    # The engine's notifications came with the steps.
    assert Notification.objects.filter(task=task, recipient=fgw).exists()


def test_a_step_the_engine_refuses_fails_loudly(draft, supervisor, fgw, sanmao):
    with pytest.raises(ScriptError, match="accept"):
        play(draft, [("accept", DAY, fgw)])  # not assigned yet
    play(draft, [("assign", DAY, supervisor)])
    with pytest.raises(ScriptError, match="sanmao"):
        play(draft, [("accept", DAY, sanmao)])  # not the lead unit's
    with pytest.raises(ScriptError, match="no such action"):
        play(draft, [("close_quietly", DAY, supervisor)])
    draft.refresh_from_db()
    assert draft.status == Status.ASSIGNED


def test_a_script_may_not_go_back_in_time(draft, supervisor, fgw):
    play(draft, [("assign", DAY + dt.timedelta(days=2), supervisor)])
    with pytest.raises(ScriptError, match="before"):
        play(draft, [("accept", DAY + dt.timedelta(days=1), fgw)])
    draft.refresh_from_db()
    assert draft.status == Status.ASSIGNED


def test_staff_of_a_unit_is_a_persona_or_an_illustrative_member(unit, fgw):
    assert staff_of(unit("YZ-DEPT-FGW")) == fgw
    staff = staff_of(unit("YZ-DEPT-MZJ"))
    assert staff.unit == unit("YZ-DEPT-MZJ") and staff.is_demo
    assert not staff.has_usable_password()
    assert staff.has_perm("tasks.change_task")
    assert staff_of(unit("YZ-DEPT-MZJ")) == staff
    cast = Staff()
    assert cast(unit("YZ-DEPT-MZJ")) is cast(unit("YZ-DEPT-MZJ"))
    assert cast(unit("YZ-DEPT-MZJ")) == staff
