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
