"""Party work only inside the city's tree, and hours or activities only for what has
taken place: at the actions and on the pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mingzhu.party import actions
from mingzhu.party.models import (
    PartyGroup,
    PartyGroupActivity,
    TrainingAttendance,
    TrainingCourse,
    TrainingSession,
)
from mingzhu.tasks.models import Task

from .conftest import TODAY

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

PEER = "320281000000"  # 江阴市


@pytest.fixture
def visit(lixin, member, household):
    return actions.log_visit(
        actor=lixin,
        household=household(),
        member=member(),
        visited_on=TODAY,
        findings="路灯损坏",
        problem="需维修路灯",
        as_of=TODAY,
    )


def test_no_visit_task_for_a_peer_county(visit, zzb, unit):
    with pytest.raises(ValidationError) as refused:
        actions.raise_visit_task(visit, actor=zzb, lead_unit=unit(PEER))
    assert "江阴市" in refused.value.message_dict["lead_unit"][0]
    visit.refresh_from_db()
    assert visit.task is None and not Task.objects.filter(lead_unit__code=PEER).exists()


def test_the_raise_task_page_offers_no_peer_county(as_user, visit, zzb, unit):
    url = f"/party/visits/{visit.pk}/raise-task/"
    client = as_user(zzb)
    offered = client.get(url).context["form"].fields["lead_unit"].queryset
    assert offered.filter(code="YZ-XINBA").exists() and not offered.filter(code=PEER).exists()
    response = client.post(url, {"lead_unit": unit(PEER).pk, "time_limit": 5})
    assert response.status_code == 400 and "lead_unit" in response.context["form"].errors
    assert Task.objects.filter(lead_unit__code=PEER).count() == 0


@pytest.fixture
def next_week_session(unit):
    day = timezone.localdate() + dt.timedelta(days=7)
    course = TrainingCourse.objects.create(
        name="下周课程", year=day.year, organiser=unit("YZ-DEPT-ZZB")
    )
    return TrainingSession.objects.create(course=course, held_on=day, hours=3)


def test_no_hours_for_a_session_not_yet_held(zzb, member, next_week_session):
    with pytest.raises(ValidationError) as refused:
        actions.record_attendance(actor=zzb, session=next_week_session, members=[member()])
    assert next_week_session.held_on.isoformat() in refused.value.message_dict["session"][0]
    assert not TrainingAttendance.objects.filter(session=next_week_session).exists()


def test_the_attendance_page_refuses_a_session_not_yet_held(
    as_user, zzb, member, next_week_session
):
    one = member()
    url = f"/party/sessions/{next_week_session.pk}/attendance/"
    response = as_user(zzb).post(url, {"members": [one.pk]})
    assert response.status_code == 400
    assert next_week_session.held_on.isoformat() in response.content.decode()
    assert not TrainingAttendance.objects.filter(session=next_week_session).exists()


def test_the_activity_form_refuses_a_day_in_the_future(as_user, zzb, branch):
    group = PartyGroup.objects.create(organisation=branch(), name="测试小组")
    day = timezone.localdate() + dt.timedelta(days=3)
    form = {"group": group.pk, "held_on": day.isoformat(), "kind": "meeting", "topic": "未开的会"}
    response = as_user(zzb).post("/party/activities/add/", form)
    assert response.status_code == 200
    assert day.isoformat() in response.context["form"].errors["held_on"][0]
    assert not PartyGroupActivity.objects.filter(topic="未开的会").exists()
    form["held_on"] = timezone.localdate().isoformat()
    assert as_user(zzb).post("/party/activities/add/", form).status_code == 302
