from mingzhu.grid.choices import EventStatus
from mingzhu.grid.demo import load_grid
from mingzhu.grid.models import Campaign, EventCategory, GridEvent
from mingzhu.tasks.models import Task


def test_it_loads_the_demo_once(db):
    counts = (GridEvent.objects.count(), Task.objects.count(), EventCategory.objects.count())
    assert load_grid() == 0
    assert (GridEvent.objects.count(), Task.objects.count(), EventCategory.objects.count()) == (
        counts
    )


def test_it_shows_every_state_in_both_towns(db):
    events = GridEvent.objects.select_related("task", "grid")
    assert {e.status for e in events} >= {
        EventStatus.REPORTED,
        EventStatus.REJECTED,
        EventStatus.HANDLING,
        EventStatus.AWAITING_RECHECK,
        EventStatus.RETURNED,
        EventStatus.CLOSED,
    }
    towns = {e.grid.code.split("-V")[0] for e in events}
    assert towns >= {"YZ-XINBA", "321182001000"}
    assert all(e.is_illustrative and "示例" in e.description for e in events)
    names = set(Campaign.objects.values_list("name", flat=True))
    assert {"背街小巷整治", "户外广告清理", "工地围挡提档升级"} <= names
    garbage = EventCategory.objects.get(name="暴露垃圾")
    assert (garbage.time_limit, garbage.time_limit_basis) == (4, "working_hours")
