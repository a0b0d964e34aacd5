import itertools
from collections import Counter

from mingzhu.livelihood import demo
from mingzhu.livelihood.models import (
    CitizenRequest,
    CoverageRecord,
    MonitoredHousehold,
    MutualAidFund,
)
from mingzhu.tasks.models import Task


def test_the_demo_is_loaded_flagged_and_consistent(db):
    requests = CitizenRequest.objects.filter(is_illustrative=True)
    assert requests.count() == demo.REQUESTS
    assert MonitoredHousehold.objects.filter(is_illustrative=True).count() == demo.HOUSEHOLDS
    assert MutualAidFund.objects.filter(is_illustrative=True).count() == demo.FUNDS
    assert CoverageRecord.objects.filter(is_illustrative=True).exists()
    sample = requests.select_related("task").order_by("?")[:50]
    for r in sample:
        assert r.task.object_id == r.pk and r.task.source_kind == "citizen_request"
        assert r.requester_phone().startswith("1") and "*" in r.phone_masked
    # the tasks' codes do not collide with those the engine hands out next
    assert Task.objects.values("code").distinct().count() == Task.objects.count()


def test_loading_again_changes_nothing(db):
    before = (
        CitizenRequest.objects.count(),
        Task.objects.count(),
        MonitoredHousehold.objects.count(),
    )
    assert demo.load() == {"requests": 0, "households": 0, "funds": 0, "coverage": 0}
    after = (
        CitizenRequest.objects.count(),
        Task.objects.count(),
        MonitoredHousehold.objects.count(),
    )
    assert before == after


def test_the_demo_callbacks_follow_the_reopen_once_rule(db):
    """Every demo callback is a rating of its task: the first unresolved or dissatisfied
    one reopened it to the same unit, the second closed it; a request reopened long ago
    has been answered and called back again since."""
    import datetime as dt

    from django.utils import timezone

    from mingzhu.livelihood.actions import is_satisfied
    from mingzhu.livelihood.models import Callback
    from mingzhu.tasks.choices import EventAction
    from mingzhu.tasks.models import TaskEvent

    requests = CitizenRequest.objects.filter(is_illustrative=True).select_related("task")
    callbacks: dict[int, list] = {}
    for c in Callback.objects.filter(request__in=requests).order_by("called_at", "pk"):
        callbacks.setdefault(c.task_id, []).append(c)
    ratings: dict[int, list] = {}
    events = TaskEvent.objects.filter(task__in=requests.values("task"), action=EventAction.RATE)
    for e in events.order_by("at", "pk"):
        ratings.setdefault(e.task_id, []).append(e)
    assert set(callbacks) == set(ratings)
    reopened_and_closed = 0
    for task_id, calls in callbacks.items():
        events = ratings[task_id]
        assert len(calls) == len(events) <= 2
        for c, e in zip(calls, events, strict=True):
            assert e.at == c.called_at and e.satisfied == is_satisfied(c.resolved, c.satisfaction)
        assert [e.to_status for e in events[:-1]] == ["returned"] * (len(events) - 1)
        if len(events) == 2:
            assert not events[0].satisfied and events[1].to_status == "closed"
            reopened_and_closed += 1
        else:
            assert events[0].to_status == ("closed" if events[0].satisfied else "returned")
    assert reopened_and_closed > 0
    # Nothing stays reopened for months: the unit answers again within days.
    long_ago = timezone.localdate() - dt.timedelta(days=60)
    stale = requests.filter(task__status="returned", task__assigned_on__lt=long_ago)
    assert not stale.exists()
    for r in requests.filter(task__rework_count=1, task__status="closed")[:20]:
        assert r.task.result and len(callbacks[r.task_id]) == 2


def test_the_demo_requests_hold_what_the_engine_writes(db):
    """The demo's requests were played through the actions, not written as rows: each was
    registered and dispatched by the desk (the request's own events); its task's events
    chain from its creation to its status, in time order, the handling steps taken by the
    lead unit's people, the rating by the desk; each dispatch notified the unit, each
    answer the desk; the unit contacted the caller only while the round was open."""
    from mingzhu.livelihood.choices import RequestAction
    from mingzhu.livelihood.models import RequestEvent
    from mingzhu.org.models import User
    from mingzhu.tasks.choices import EventAction
    from mingzhu.tasks.models import Notification, TaskEvent

    requests = CitizenRequest.objects.filter(is_illustrative=True)
    tasks = {
        t.pk: t
        for t in Task.objects.filter(pk__in=requests.values("task")).select_related("lead_unit")
    }
    assert len(tasks) == demo.REQUESTS and all(t.is_illustrative for t in tasks.values())
    desk = User.objects.get(username="rexian")
    own = RequestEvent.objects.filter(request__in=requests)
    for action in (RequestAction.REGISTER, RequestAction.DISPATCH):
        assert set(own.filter(action=action).values_list("actor", flat=True)) == {desk.pk}
        assert own.filter(action=action).count() == demo.REQUESTS
    units = dict(User.objects.values_list("pk", "unit__path"))
    events: dict[int, list] = {}
    for e in TaskEvent.objects.filter(task__in=list(tasks)).order_by("at", "pk"):
        events.setdefault(e.task_id, []).append(e)
    handling = {EventAction.ACCEPT, EventAction.REQUEST_CLOSURE}
    for pk, task in tasks.items():
        chain = events[pk]
        assert [e.action for e in chain[:2]] == [EventAction.CREATE, EventAction.ASSIGN]
        assert chain[0].from_status == "" and chain[-1].to_status == task.status
        for before, after in itertools.pairwise(chain):
            assert after.from_status == before.to_status, (task.code, after.action)
        for e in chain:
            if e.action in handling:
                assert units[e.actor_id].startswith(task.lead_unit.path), (task.code, e.action)
            else:
                assert e.actor_id == desk.pk, (task.code, e.action)
    notified = Notification.objects.filter(task__in=list(tasks)).values_list(
        "event__action", flat=True
    )
    counts = {a: n for a, n in Counter(notified).items() if a}
    kinds = Counter(e.action for chain in events.values() for e in chain)
    assert counts[EventAction.ASSIGN] >= kinds[EventAction.ASSIGN] == demo.REQUESTS
    assert counts[EventAction.REQUEST_CLOSURE] >= kinds[EventAction.REQUEST_CLOSURE] > 0
    contacts = own.filter(action=RequestAction.CONTACT).select_related("request")
    assert contacts.count() > demo.REQUESTS // 2
    for contact in contacts:
        chain = events[contact.request.task_id]
        accepted = next(e.at for e in chain if e.action == EventAction.ACCEPT)
        answers = [e.at for e in chain if e.action == EventAction.REQUEST_CLOSURE]
        assert accepted <= contact.at and all(contact.at <= at for at in answers[:1])
