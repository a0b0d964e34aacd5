"""`mingzhu demo --no-serve` loads the demo data and may run again without changing it;
every task in it stands where the engine's own actions would have brought it."""

import json
from collections import defaultdict
from io import StringIO

from auditlog.models import LogEntry
from django.core.management import call_command

from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.actions import RULES
from mingzhu.tasks.choices import EventAction, SourceKind, Status
from mingzhu.tasks.models import Task, TaskEvent


def _counts() -> tuple[int, int, int]:
    return OrgUnit.objects.count(), User.objects.count(), LogEntry.objects.count()


def test_it_is_idempotent(db):
    before = _counts()
    call_command("demo", "--no-serve", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--no-serve", "--json", stdout=out)
    assert _counts() == before
    assert json.loads(out.getvalue()) == {"units": before[0], "users": before[1]}


# What each recorded action does to the state, as the engine's actions do it: the rule
# that allows it (tasks.actions.RULES) and the state it leaves (None: unchanged).
REPLAY = {
    EventAction.ASSIGN: ("assign", Status.ASSIGNED),
    EventAction.ACCEPT: ("accept", Status.ACCEPTED),
    EventAction.REPORT: ("report_progress", Status.IN_PROGRESS),
    EventAction.REQUEST_CLOSURE: ("request_closure", Status.CLOSURE_REQUESTED),
    EventAction.VERIFY: ("verify", Status.CLOSED),
    EventAction.RETURN: ("return_for_rework", Status.RETURNED),
    EventAction.REQUEST_EXTENSION: ("request_extension", None),
    EventAction.APPROVE_EXTENSION: ("approve_extension", Status.DEFERRED),
    EventAction.CANCEL: ("cancel", Status.CANCELLED),
    # The requester's rating: its state is decided below (the first dissatisfied rating
    # reopens, any other closes).
    EventAction.RATE: ("rate", Status.CLOSED),
}


# The livelihood demo's citizen requests and assistance measures (about 2,000 tasks) still
# write their rows by hand; playing them through the engine is yet to be done.
NOT_YET_PLAYED = (SourceKind.CITIZEN_REQUEST, SourceKind.ASSISTANCE)


def replay_faults(tasks=None) -> list[str]:
    """Every task whose events are not a legal path of the engine from its creation to
    its present state."""
    tasks = Task.objects.all() if tasks is None else tasks
    faults = []
    events = defaultdict(list)
    for event in TaskEvent.objects.filter(task__in=tasks).order_by("at", "pk"):
        events[event.task_id].append(event)
    for task in tasks.only("pk", "code", "status"):
        history = events.get(task.pk, [])
        if not history or history[0].action != EventAction.CREATE:
            faults.append(f"{task.code}: no creation event first")
            continue
        state, reopened = Status.DRAFT, False
        for event in history[1:]:
            rule, after = REPLAY.get(event.action, (None, None))
            if rule is None or state not in RULES[rule][0]:
                faults.append(f"{task.code}: {event.action} from {state}")
                break
            if event.action == EventAction.RATE and not event.satisfied and not reopened:
                after, reopened = Status.RETURNED, True
            after = after or state
            if (event.from_status, event.to_status) != (state, after):
                faults.append(
                    f"{task.code}: {event.action} recorded {event.from_status}->"
                    f"{event.to_status}, the engine gives {state}->{after}"
                )
                break
            state = after
        else:
            if state != task.status:
                faults.append(f"{task.code}: is {task.status}, its events give {state}")
    return faults


def test_every_demo_task_is_where_its_events_lead(db):
    played = Task.objects.exclude(source_kind__in=NOT_YET_PLAYED)
    assert played.count() > 500
    assert set(played.values_list("source_kind", flat=True)) >= {
        SourceKind.MANUAL,
        SourceKind.GRID_EVENT,
        SourceKind.FACTOR_REQUEST,
        SourceKind.DEMAND,
        SourceKind.HAZARD,
        SourceKind.REMEDIATION,
        SourceKind.VILLAGE_INSPECTION,
        SourceKind.FACILITY_FAULT,
    }
    assert replay_faults(played) == []


def test_the_replay_check_finds_a_task_the_engine_did_not_produce(db):
    task = Task.objects.filter(status=Status.CLOSED).first()
    Task.objects.filter(pk=task.pk).update(status=Status.IN_PROGRESS)
    TaskEvent.objects.filter(task__status=Status.DRAFT).delete()
    faults = replay_faults()
    assert f"{task.code}: is {Status.IN_PROGRESS}, its events give {Status.CLOSED}" in faults
    assert any("no creation event first" in f for f in faults)
