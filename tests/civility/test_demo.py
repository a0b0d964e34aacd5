from mingzhu.civility import demo
from mingzhu.civility.choices import ApplicationStatus, ObjectionOutcome
from mingzhu.civility.models import (
    Application,
    Category,
    Objection,
    Participation,
    VolunteerActivity,
)
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.models import TaskList


def test_it_loads_the_default_categories(db):
    creation = set(Category.objects.filter(kind="creation").values_list("name", flat=True))
    assert {"文明村镇", "文明单位", "文明家庭", "文明校园"} <= creation
    assert Category.objects.filter(kind="commendation", is_illustrative=True).exists()


def test_it_loads_applications_in_every_state_flagged(db):
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus)
    assert not Application.objects.filter(is_illustrative=False).exists()
    for app in Application.objects.all():
        assert app.events.first().action == "submit"
        assert app.events.last().to_status == app.status
    assert Objection.objects.filter(outcome=ObjectionOutcome.PENDING).exists()
    assert Objection.objects.filter(outcome=ObjectionOutcome.UPHELD).exists()


def test_it_loads_volunteer_activities_and_the_campaign(db):
    assert VolunteerActivity.objects.count() >= 20 and Participation.objects.exists()
    task_list = TaskList.objects.get(kind=ListKind.CIVILISED_CITY)
    assert task_list.is_illustrative and task_list.tasks.count() == 6


def test_it_loads_once(db):
    before = (Application.objects.count(), Participation.objects.count(), Category.objects.count())
    assert demo.load() == 0
    after = (Application.objects.count(), Participation.objects.count(), Category.objects.count())
    assert before == after
