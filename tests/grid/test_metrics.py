import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.grid import actions
from mingzhu.grid.metrics import event_metrics
from mingzhu.grid.models import GridEvent
from mingzhu.tasks import actions as task_actions

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _at(day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2025, 3, day, hour))


@pytest.fixture
def cases(make_event, grid_worker, fgw, campaign):
    """Three cases filed on Monday 2025-03-03 with 2 working days (due Wednesday 03-05):
    closed on the deadline, closed a day late (after one rework), still open."""

    def run(event, *, closures, passes_on):
        task_id = GridEvent.objects.get(pk=event.pk).task_id
        task_actions.accept(task_id, actor=fgw, at=_at(3, 11))
        for n, day in enumerate(closures):
            task_actions.request_closure(task_id, actor=fgw, result="已处置", at=_at(day, 9))
            last = n == len(closures) - 1
            if last and passes_on is None:
                break
            actions.recheck_event(
                event,
                actor=grid_worker,
                passed=last,
                comment="" if last else "仍存在",
                at=_at(passes_on if last else day, 15),
            )

    on_time = make_event("handling", campaign=campaign, at=_at(3))
    run(on_time, closures=[5], passes_on=5)
    late = make_event("handling", campaign=campaign, at=_at(3))
    run(late, closures=[4, 6], passes_on=6)
    open_case = make_event("handling", at=_at(3))
    run(open_case, closures=[5], passes_on=None)
    return GridEvent.objects.filter(pk__in=[on_time.pk, late.pk, open_case.pk])


def _row(rows, key, value):
    return next(r for r in rows if r[key] == value)


def test_it_counts_cases_due_in_the_period(cases, unit, campaign):
    result = event_metrics(cases, dt.date(2025, 3, 5), dt.date(2025, 3, 6))
    fgw = _row(result["units"], "unit", unit("YZ-DEPT-FGW").pk)
    assert (fgw["due"], fgw["closed"], fgw["closed_on_time"]) == (3, 2, 1)
    assert fgw["on_time_rate"] == round(1 / 3, 4)
    assert fgw["closure_rate"] == round(2 / 3, 4)
    # Closure requests in the period: 03-05 (on time), 03-06 (late), 03-05 (open).
    assert fgw["rework_rate"] == 0.0
    mine = _row(result["campaigns"], "campaign", campaign.pk)
    assert (mine["due"], mine["closed"], mine["closed_on_time"]) == (2, 2, 1)
    assert mine["name"] == campaign.name


def test_it_counts_rework_in_the_period(cases, unit):
    result = event_metrics(cases, dt.date(2025, 3, 3), dt.date(2025, 3, 6))
    fgw = _row(result["units"], "unit", unit("YZ-DEPT-FGW").pk)
    # Four closure requests (one returned after the re-check on 03-04).
    assert fgw["rework_rate"] == 0.25


def test_it_counts_a_case_closed_after_the_period_as_open(cases, unit):
    result = event_metrics(cases, dt.date(2025, 3, 5), dt.date(2025, 3, 5))
    fgw = _row(result["units"], "unit", unit("YZ-DEPT-FGW").pk)
    assert (fgw["due"], fgw["closed"], fgw["closed_on_time"]) == (3, 1, 1)


def test_it_has_no_rates_when_nothing_falls_due(cases, unit):
    result = event_metrics(cases, dt.date(2025, 3, 1), dt.date(2025, 3, 4))
    fgw = _row(result["units"], "unit", unit("YZ-DEPT-FGW").pk)
    assert fgw["due"] == 0 and fgw["on_time_rate"] is None and fgw["closure_rate"] is None


def test_it_leaves_unfiled_events_out(make_event):
    events = GridEvent.objects.filter(pk__in=[make_event("reported").pk, make_event("rejected").pk])
    assert event_metrics(events, dt.date(2000, 1, 1), dt.date(2099, 1, 1)) == {
        "units": [],
        "campaigns": [],
    }


def test_it_computes_metrics_in_a_fixed_number_of_queries(cases, django_assert_max_num_queries):
    # facts, unit names, campaign names
    with django_assert_max_num_queries(3):
        event_metrics(cases, dt.date(2025, 3, 1), dt.date(2025, 3, 31))
