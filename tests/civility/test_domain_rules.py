"""The civility module's rules at every door: no award or refusal while the public notice
runs (nor dated in the future, which would close it early), no hours for an activity not
yet held, and no volunteer work credited to a peer county outside the city's tree."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mingzhu.civility import actions
from mingzhu.civility.choices import ApplicationStatus as S
from mingzhu.civility.models import Application, Participation, VolunteerActivity

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

PEER = "320281000000"  # 江阴市


@pytest.fixture
def running_notice(lixin, wmb, unit, category):
    """An application filed a week ago, on public notice from today for 7 days."""
    today = timezone.localdate()
    app = actions.submit_application(
        actor=lixin,
        category=category,
        year=today.year,
        applicant="立新村公示中",
        unit=unit("YZ-XINBA-V02"),
        on=today - dt.timedelta(days=7),
    )
    actions.review_application(app, actor=wmb, approve=True, on=today - dt.timedelta(days=6))
    return actions.publish_notice(app, actor=wmb, start=today)


def test_no_award_dated_after_a_notice_still_running(running_notice, wmb):
    app = running_notice
    later = app.notice_end + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        actions.award(app, actor=wmb, on=later)
    assert later.isoformat() in refused.value.message_dict["on"][0]
    with pytest.raises(actions.ApplicationError, match="runs until"):
        actions.award(app, actor=wmb)
    assert Application.objects.get(pk=app.pk).status == S.ON_NOTICE


def test_no_refusal_while_the_notice_runs(running_notice, wmb):
    with pytest.raises(actions.ApplicationError, match="runs until"):
        actions.refuse(running_notice, actor=wmb, reason="提前否决")
    assert Application.objects.get(pk=running_notice.pk).status == S.ON_NOTICE


def test_the_award_page_and_the_api_refuse_a_future_date(as_user, running_notice, wmb):
    later = str(running_notice.notice_end + dt.timedelta(days=1))
    page = as_user(wmb).post(f"/civility/applications/{running_notice.pk}/award/", {"on": later})
    assert page.status_code == 400 and later in page.content.decode()
    api = as_user(wmb).post(
        f"/api/v1/civility/applications/{running_notice.pk}/award/",
        {"on": later},
        "application/json",
    )
    assert api.status_code == 400 and later in str(api.json()["on"])
    assert Application.objects.get(pk=running_notice.pk).status == S.ON_NOTICE


@pytest.fixture
def next_week(unit):
    return VolunteerActivity.objects.create(
        title="下周活动",
        organiser=unit("YZ-XINBA"),
        held_on=timezone.localdate() + dt.timedelta(days=7),
        place="村部",
        hours=Decimal(2),
    )


@pytest.fixture
def held(unit):
    return VolunteerActivity.objects.create(
        title="上周活动",
        organiser=unit("YZ-XINBA"),
        held_on=timezone.localdate() - dt.timedelta(days=7),
        place="村部",
        hours=Decimal(2),
    )


def test_no_hours_for_an_activity_not_yet_held(xinba, unit, next_week):
    with pytest.raises(ValidationError) as refused:
        actions.add_participation(
            actor=xinba, activity=next_week, volunteer="王丽", unit=unit("YZ-XINBA-V02")
        )
    assert next_week.held_on.isoformat() in refused.value.message_dict["hours"][0]
    assert not Participation.objects.filter(activity=next_week).exists()


def test_no_volunteer_from_a_peer_county(xinba, unit, held):
    with pytest.raises(ValidationError) as refused:
        actions.add_participation(actor=xinba, activity=held, volunteer="外县人", unit=unit(PEER))
    assert "江阴市" in refused.value.message_dict["unit"][0]
    assert not Participation.objects.filter(activity=held).exists()


def test_the_volunteer_page_refuses_both(as_user, xinba, unit, held, next_week):
    client = as_user(xinba)
    early = client.post(
        f"/civility/activities/{next_week.pk}/volunteers/add/",
        {"volunteer": "王丽", "unit": unit("YZ-XINBA-V02").pk},
    )
    assert early.status_code == 400 and next_week.held_on.isoformat() in early.content.decode()
    url = f"/civility/activities/{held.pk}/volunteers/add/"
    form = client.get(url).context["form"]
    assert not form.fields["unit"].queryset.filter(code=PEER).exists()
    peer = client.post(url, {"volunteer": "外县人", "unit": unit(PEER).pk})
    assert peer.status_code == 400 and "unit" in peer.context["form"].errors
    assert not Participation.objects.filter(activity__in=[held, next_week]).exists()
    ok = client.post(url, {"volunteer": "王丽", "unit": unit("YZ-XINBA-V02").pk})
    assert ok.status_code == 302 and Participation.objects.filter(activity=held).count() == 1
