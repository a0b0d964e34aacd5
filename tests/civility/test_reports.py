"""The figures of the volunteer hours and campaign pages (civility.reports), called
directly with the user's records."""

from django.utils import timezone

from mingzhu.civility.models import Participation
from mingzhu.civility.reports import campaign, volunteer_hours
from mingzhu.org.models import OrgUnit


def test_volunteer_hours_name_each_unit(lixin):
    year = timezone.localdate().year
    own = Participation.objects.restrict(lixin)
    report = volunteer_hours(own, year)
    totals = report["totals"]
    of_year = own.filter(activity__held_on__year=year)
    assert totals["hours"] == sum(r.hours for r in of_year)
    assert totals["people"] and len(totals["units"]) == len({r.unit_id for r in of_year})
    for row in (*totals["people"], *totals["units"]):
        assert row["unit_name"] == OrgUnit.objects.get(pk=row["unit"]).name
    assert report["illustrative"] == of_year.filter(activity__is_illustrative=True).exists()
    assert volunteer_hours(own, 1999) == {
        "totals": {"people": [], "units": [], "hours": 0},
        "illustrative": False,
    }


def test_campaign_lists_the_tasks_with_their_lights(wmb, sanmao):
    as_of = timezone.localdate()
    office = campaign(wmb, as_of)
    assert office["summary"]["total"] == 6 and office["summary"]["closed"] == 1
    tasks = [t for entry in office["lists"] for t in entry["tasks"]]
    assert all(t.light == t.light_on(as_of) for t in tasks)
    assert sum(entry["summary"]["total"] for entry in office["lists"]) == 6
    assert not set(office["empty_lists"]) & {entry["task_list"] for entry in office["lists"]}
    assert campaign(sanmao, as_of)["summary"]["total"] == 1
