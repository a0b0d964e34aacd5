import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mingzhu.party import actions
from mingzhu.party.models import HouseholdLink, HouseholdVisit, TrainingAttendance
from mingzhu.tasks.choices import SourceKind, Status

from .conftest import LIXIN, TODAY, XINZHI, YONGSHENG

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def test_it_links_a_member_to_a_household(lixin, member, household):
    link = actions.link_household(
        actor=lixin, household=household(), member=member(), started_on=TODAY, as_of=TODAY
    )
    assert link.is_current and link.member.name == "测试党员"


def test_it_refuses_a_household_linked_twice_naming_the_member(lixin, member, household):
    home = household()
    actions.link_household(
        actor=lixin, household=home, member=member("张三"), started_on=TODAY, as_of=TODAY
    )
    with pytest.raises(ValidationError) as err:
        actions.link_household(
            actor=lixin, household=home, member=member("李四"), started_on=TODAY, as_of=TODAY
        )
    message = err.value.message_dict["household"][0]
    assert "already linked to 张三" in message and "测试户主" in message
    assert HouseholdLink.objects.filter(household=home).count() == 1


def test_it_links_the_household_again_once_the_link_has_ended(lixin, member, household):
    home = household()
    first = actions.link_household(
        actor=lixin, household=home, member=member("张三"), started_on=TODAY, as_of=TODAY
    )
    actions.end_link(first, actor=lixin, ended_on=TODAY, as_of=TODAY)
    second = actions.link_household(
        actor=lixin, household=home, member=member("李四"), started_on=TODAY, as_of=TODAY
    )
    assert second.is_current
    with pytest.raises(ValidationError, match="already ended"):
        actions.end_link(first, actor=lixin, ended_on=TODAY, as_of=TODAY)


def test_it_refuses_a_link_starting_in_the_future(lixin, member, household):
    with pytest.raises(ValidationError) as err:
        actions.link_household(
            actor=lixin,
            household=household(),
            member=member(),
            started_on=TODAY + dt.timedelta(days=1),
            as_of=TODAY,
        )
    assert "started_on" in err.value.message_dict


def test_it_keeps_a_village_to_its_own_households(lixin, member, household):
    with pytest.raises(Http404):
        actions.link_household(
            actor=lixin,
            household=household(code=XINZHI),
            member=member(),
            started_on=TODAY,
            as_of=TODAY,
        )


def test_it_refuses_those_without_the_permission(wmb, member, household):
    with pytest.raises(PermissionDenied):
        actions.link_household(
            actor=wmb, household=household(), member=member(), started_on=TODAY, as_of=TODAY
        )


def test_it_records_a_visit(lixin, member, household):
    visit = actions.log_visit(
        actor=lixin,
        household=household(),
        member=member(),
        visited_on=TODAY,
        findings="一切正常",
        as_of=TODAY,
    )
    assert visit.recorded_by == lixin and visit.task is None


def test_it_refuses_a_visit_dated_in_the_future(lixin, member, household):
    with pytest.raises(ValidationError) as err:
        actions.log_visit(
            actor=lixin,
            household=household(),
            member=member(),
            visited_on=TODAY + dt.timedelta(days=1),
            findings="未来的走访",
            as_of=TODAY,
        )
    assert "lies in the future" in err.value.message_dict["visited_on"][0]
    assert not HouseholdVisit.objects.filter(findings="未来的走访").exists()


def test_it_refuses_a_visit_without_findings(lixin, member, household):
    with pytest.raises(ValidationError) as err:
        actions.log_visit(
            actor=lixin, household=household(), member=member(), visited_on=TODAY, findings=" "
        )
    assert "findings" in err.value.message_dict


def test_it_turns_a_problem_into_a_task_of_the_engine(zzb, unit, member, household):
    visit = actions.log_visit(
        actor=zzb,
        household=household(),
        member=member(),
        visited_on=TODAY,
        findings="路灯不亮",
        problem="房前路灯损坏",
        as_of=TODAY,
    )
    task = visit.task
    assert task is not None
    assert task.source_kind == SourceKind.HOUSEHOLD_VISIT
    assert task.source_object == visit
    assert task.lead_unit == unit(LIXIN) and task.issuer == unit("YZ-DEPT-ZZB")
    assert task.status == Status.ASSIGNED and task.content == "房前路灯损坏"


def test_it_leaves_the_problem_waiting_when_the_recorder_may_not_raise_tasks(
    lixin, zzb, member, household
):
    visit = actions.log_visit(
        actor=lixin,
        household=household(),
        member=member(),
        visited_on=TODAY,
        findings="沟渠淤塞",
        problem="需清淤",
        as_of=TODAY,
    )
    assert visit.task is None
    with pytest.raises(PermissionDenied):
        actions.raise_visit_task(visit, actor=lixin)
    visit = actions.raise_visit_task(visit, actor=zzb, time_limit=5)
    assert visit.task.time_limit == 5
    with pytest.raises(ValidationError, match="already been raised"):
        actions.raise_visit_task(visit, actor=zzb)


def test_it_raises_no_task_without_a_problem(lixin, zzb, member, household):
    visit = actions.log_visit(
        actor=lixin, household=household(), member=member(), visited_on=TODAY, findings="正常"
    )
    with pytest.raises(ValidationError, match="no problem"):
        actions.raise_visit_task(visit, actor=zzb)


def test_it_records_attendance_all_or_none(zzb, member, session):
    one, two = member("甲"), member("乙")
    rows = actions.record_attendance(actor=zzb, session=session, members=[one])
    assert rows[0].hours == Decimal(3)
    with pytest.raises(ValidationError) as err:
        actions.record_attendance(actor=zzb, session=session, members=[two, one])
    assert "甲 is already recorded" in str(err.value.message_dict["members"])
    assert TrainingAttendance.objects.filter(session=session).count() == 1
    with pytest.raises(ValidationError):
        actions.record_attendance(actor=zzb, session=session, members=[two], hours=Decimal(4))


def test_it_keeps_a_town_to_its_villages_for_attendance(sanmao, member, session):
    with pytest.raises(Http404):
        actions.record_attendance(actor=sanmao, session=session, members=[member(code=LIXIN)])
    rows = actions.record_attendance(
        actor=sanmao, session=session, members=[member("永胜党员", code=YONGSHENG)]
    )
    assert len(rows) == 1
