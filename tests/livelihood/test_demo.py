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
