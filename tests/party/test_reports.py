"""The figures the party pages read from the database (party.reports), called directly."""

from decimal import Decimal

import pytest

from mingzhu.party.models import TrainingAttendance
from mingzhu.party.reports import training_report
from mingzhu.party.services import training_summary


@pytest.mark.django_db
def test_the_training_report_lists_the_years_people_by_hours():
    attendance = TrainingAttendance.objects.all()
    year = attendance.order_by("-session__held_on").first().session.held_on.year
    report = training_report(attendance, year)
    of_year = attendance.filter(session__held_on__year=year)
    expected = training_summary(
        of_year.values_list("member_id", "session__held_on__year", "hours"), year
    )
    assert report["summary"] == expected
    people = report["people"]
    assert people and {m.pk for m, _p in people} == set(expected["people"])
    assert all(p == expected["people"][m.pk] for m, p in people)
    keys = [(-p["hours"], m.name) for m, p in people]
    assert keys == sorted(keys)
    assert training_report(attendance, 1999) == {
        "summary": training_summary([], 1999),
        "people": [],
    }
    assert report["summary"]["hours"] == sum((p["hours"] for _m, p in people), Decimal(0))
