"""tasks.play: a script of steps runs the engine's own actions at back-dated times, and a
step the engine refuses stops the script loudly."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.tasks import actions
from mingzhu.tasks.choices import EventAction, Status
from mingzhu.tasks.models import Notification
from mingzhu.tasks.play import (
    AFTER_ASSIGN,
    ScriptError,
    Staff,
    Step,
    moment,
    play,
    script,
    staff_of,
)

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

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


def test_a_script_spreads_its_steps_and_gives_each_side_its_own(supervisor, fgw):
    steps = script(
        AFTER_ASSIGN[Status.CLOSED],
        issuer=supervisor,
        handler=fgw,
        start=DAY,
        end=DAY + dt.timedelta(days=20),
        values={"request_closure": {"result": "已完成"}},
    )
    assert [s.action for s in steps] == ["accept", "report_progress", "request_closure", "verify"]
    assert [s.actor for s in steps] == [fgw, fgw, fgw, supervisor]
    days = [timezone.localdate(s.at) for s in steps]
    assert days[0] == DAY + dt.timedelta(days=1) and days[-1] == DAY + dt.timedelta(days=20)
    assert days == sorted(days) and len(set(days)) == 4
    assert steps[2].values == {"result": "已完成"} and steps[0].values == {}
    # An end before the day after: everything on the start day, still in order.
    short = script(
        ["accept", "request_closure"], issuer=supervisor, handler=fgw, start=DAY, end=DAY
    )
    assert [timezone.localdate(s.at) for s in short] == [DAY, DAY]
    assert short[0].at < short[1].at


def test_open_task_creates_assigns_and_links_the_task_of_a_domain_object(supervisor, unit):
    from mingzhu.risks.choices import Domain, Level
    from mingzhu.risks.models import Hazard

    hazard = Hazard.objects.create(
        title="演示隐患",
        domain=Domain.FLOOD,
        level=Level.ORDINARY,
        unit=unit("YZ-XINBA"),
        found_on=DAY,
        found_by="巡查",
        description="演示",
        registered_by=supervisor,
        is_illustrative=True,
    )
    task = actions.open_task(
        hazard,
        actor=supervisor,
        at=moment(DAY),
        comment="请整改",
        title="整改演示隐患",
        lead_unit=unit("YZ-XINBA"),
        deadline=DAY + dt.timedelta(days=10),
    )
    hazard.refresh_from_db()
    assert hazard.task == task and task.source_object == hazard
    assert task.status == Status.ASSIGNED and task.is_illustrative
    assert task.events.get(action=EventAction.ASSIGN).comment == "请整改"
    draft = actions.open_task(
        hazard,
        actor=supervisor,
        assign_now=False,
        field=None,
        title="另一项",
        lead_unit=unit("YZ-XINBA"),
        deadline=DAY + dt.timedelta(days=10),
    )
    hazard.refresh_from_db()
    assert draft.status == Status.DRAFT and hazard.task == task
