from mingzhu.party import demo
from mingzhu.party.models import (
    Household,
    HouseholdLink,
    HouseholdVisit,
    PartyGroup,
    PartyMember,
    PartyOrganisation,
    TrainingAttendance,
)
from mingzhu.tasks.choices import SourceKind
from mingzhu.tasks.models import Task


def test_it_loads_flagged_party_data(db):
    assert PartyOrganisation.objects.filter(kind="committee").count() >= 6
    assert PartyMember.objects.count() >= 100
    assert not PartyMember.objects.filter(is_illustrative=False).exists()
    assert not Household.objects.filter(is_illustrative=False).exists()
    # Every group has a leader of its own organisation.
    for group in PartyGroup.objects.select_related("leader"):
        assert group.leader.organisation_id == group.organisation_id
    linked = HouseholdLink.objects.filter(ended_on__isnull=True).count()
    assert 0 < linked < Household.objects.count()
    assert HouseholdVisit.objects.exclude(problem="").exists()
    assert TrainingAttendance.objects.exists()


def test_it_turns_some_problems_into_tasks(db):
    tasks = Task.objects.filter(source_kind=SourceKind.HOUSEHOLD_VISIT)
    assert tasks.count() == demo.TASK_VISITS
    # 立新村 (persona lixin) has some of them.
    assert HouseholdVisit.objects.filter(
        household__village__code="YZ-XINBA-V02", task__isnull=False
    ).exists()


def test_it_loads_once(db):
    before = (PartyMember.objects.count(), HouseholdVisit.objects.count(), Task.objects.count())
    assert demo.load() == 0
    after = (PartyMember.objects.count(), HouseholdVisit.objects.count(), Task.objects.count())
    assert before == after
