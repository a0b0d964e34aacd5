"""The rural panel's city figures, counted in the database, are the city rows of the
pages' reports (rural.reports), for every persona, today and on past days, and after the
tasks behind them change."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.org.models import User
from mingzhu.rural import reports
from mingzhu.rural.cockpit import city_completion, city_facilities
from mingzhu.rural.models import FacilityFault, Remediation, RemediationProgramme
from mingzhu.tasks.choices import Status
from mingzhu.tasks.models import Task

PERSONAS = ("leader", "nyj", "lixin", "sanmao", "xinba")


def days():
    today = timezone.localdate()
    return [
        (today, False),
        (today - dt.timedelta(days=20), True),
        (today - dt.timedelta(days=120), True),
        (dt.date(today.year - 1, 12, 31), True),
    ]


def expected_completion(programme, user, as_of):
    return reports.environment_progress(programme, user, as_of)["city"]


def expected_facilities(user, as_of, historical):
    start = dt.date(as_of.year, 1, 1)
    return reports.facility_stats(user, start, as_of, as_of, historical=historical)["city"]


@pytest.mark.parametrize("username", PERSONAS)
def test_the_figures_are_the_reports_city_rows(db, username):
    user = User.objects.get(username=username)
    programme = RemediationProgramme.objects.order_by("-start_date").first()
    assert programme is not None
    seen = []
    for as_of, past in days():
        when = as_of if past else None
        completion = city_completion(programme, user, when)
        assert completion == expected_completion(programme, user, when)
        facilities = city_facilities(user, dt.date(as_of.year, 1, 1), as_of, past)
        assert facilities == expected_facilities(user, as_of, past)
        seen.append((completion["completed"], facilities["repair"]["due"]))
    if username == "leader":  # the demo has figures to compare, not only zeros
        assert any(done or due for done, due in seen)


def test_they_follow_the_tasks(leader):
    programme = RemediationProgramme.objects.order_by("-start_date").first()
    today = timezone.localdate()
    items = Remediation.objects.filter(programme=programme, task__isnull=False)
    # Close every item of one natural village, cancel one of another, leave a third open.
    villages = list(items.values_list("natural_village_id", flat=True).distinct()[:3])
    assert len(villages) == 3
    Task.objects.filter(
        pk__in=items.filter(natural_village_id=villages[0]).values("task_id")
    ).update(status=Status.CLOSED, closed_on=today, progress=100)
    Task.objects.filter(
        pk__in=items.filter(natural_village_id=villages[1]).values("task_id")[:1]
    ).update(status=Status.CANCELLED)
    faults = FacilityFault.objects.filter(task__isnull=False)
    fault_tasks = Task.objects.filter(pk__in=faults.values("task_id"))
    fault_tasks.filter(pk__in=faults.values("task_id")[:2]).update(
        deadline=today - dt.timedelta(days=3), status=Status.IN_PROGRESS, closed_on=None
    )
    fault_tasks.filter(pk__in=faults.values("task_id")[2:4]).update(
        deadline=today - dt.timedelta(days=3), status=Status.CLOSED, closed_on=today
    )
    assert city_completion(programme, leader, None) == expected_completion(programme, leader, None)
    assert city_facilities(leader, dt.date(today.year, 1, 1), today, False) == (
        expected_facilities(leader, today, False)
    )
    assert expected_facilities(leader, today, False)["repair"]["overdue_open"] >= 2
