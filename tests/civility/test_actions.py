import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mingzhu.civility import actions
from mingzhu.civility.choices import ApplicationAction, ApplicationStatus, ObjectionOutcome
from mingzhu.civility.models import Application, ApplicationEvent
from mingzhu.core.models import ImmutableError

from .conftest import D

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

S = ApplicationStatus


def test_it_runs_the_whole_way_to_the_award(submitted, wmb, lixin):
    app = submitted()
    assert app.status == S.SUBMITTED
    actions.review_application(app, actor=wmb, approve=True, on=D)
    app = actions.publish_notice(app, actor=wmb, start=dt.date(2025, 3, 4))
    assert (app.notice_start, app.notice_end) == (dt.date(2025, 3, 4), dt.date(2025, 3, 10))
    with pytest.raises(actions.ApplicationError, match="runs until 2025-03-10"):
        actions.award(app, actor=wmb, on=dt.date(2025, 3, 10))
    app = actions.award(app, actor=wmb, on=dt.date(2025, 3, 11))
    assert app.status == S.AWARDED and app.decided_on == dt.date(2025, 3, 11)
    steps = list(app.events.values_list("action", "from_status", "to_status", "actor"))
    assert steps == [
        (ApplicationAction.SUBMIT, "", S.SUBMITTED, lixin.pk),
        (ApplicationAction.APPROVE, S.SUBMITTED, S.APPROVED, wmb.pk),
        (ApplicationAction.PUBLISH, S.APPROVED, S.ON_NOTICE, wmb.pk),
        (ApplicationAction.AWARD, S.ON_NOTICE, S.AWARDED, wmb.pk),
    ]
    with pytest.raises(actions.AlreadyDone):
        actions.award(app, actor=wmb, on=dt.date(2025, 3, 12))


def test_it_records_objections_only_during_the_notice(on_notice, wmb):
    app = on_notice()  # 2025-03-04 .. 2025-03-10
    with pytest.raises(ValidationError) as err:
        actions.record_objection(app, actor=wmb, received_on=dt.date(2025, 3, 11), content="迟到")
    assert "during the public notice (2025-03-04 – 2025-03-10)" in str(err.value)
    with pytest.raises(ValidationError):
        actions.record_objection(app, actor=wmb, received_on=dt.date(2025, 3, 3), content="早到")
    objection = actions.record_objection(
        app, actor=wmb, received_on=dt.date(2025, 3, 10), content="反映不实"
    )
    assert objection.outcome == ObjectionOutcome.PENDING


def test_it_holds_the_award_while_an_objection_is_checked(on_notice, wmb):
    app = on_notice()
    objection = actions.record_objection(
        app, actor=wmb, received_on=dt.date(2025, 3, 5), content="反映不实"
    )
    after = dt.date(2025, 3, 20)
    with pytest.raises(actions.ApplicationError, match="still being checked"):
        actions.award(app, actor=wmb, on=after)
    with pytest.raises(actions.ApplicationError, match="still being checked"):
        actions.refuse(app, actor=wmb, reason="x", on=after)
    actions.resolve_objection(
        objection, actor=wmb, upheld=False, resolution="经核查不属实", on=dt.date(2025, 3, 7)
    )
    with pytest.raises(actions.AlreadyDone):
        actions.resolve_objection(objection, actor=wmb, upheld=True, resolution="再查", on=after)
    assert actions.award(app, actor=wmb, on=after).status == S.AWARDED


def test_it_refuses_the_title_after_an_upheld_objection(on_notice, wmb):
    app = on_notice()
    objection = actions.record_objection(
        app, actor=wmb, received_on=dt.date(2025, 3, 5), content="存在违规"
    )
    actions.resolve_objection(
        objection, actor=wmb, upheld=True, resolution="属实", on=dt.date(2025, 3, 6)
    )
    with pytest.raises(actions.ApplicationError, match="was upheld"):
        actions.award(app, actor=wmb, on=dt.date(2025, 3, 20))
    with pytest.raises(ValidationError):
        actions.refuse(app, actor=wmb, reason=" ", on=dt.date(2025, 3, 20))
    app = actions.refuse(app, actor=wmb, reason="异议属实", on=dt.date(2025, 3, 20))
    assert app.status == S.NOT_AWARDED
    actions_seen = list(app.events.values_list("action", flat=True))
    assert actions_seen[-3:] == [
        ApplicationAction.OBJECTION,
        ApplicationAction.RESOLVE,
        ApplicationAction.REFUSE,
    ]


def test_it_rejects_only_with_a_reason(submitted, wmb):
    app = submitted()
    with pytest.raises(ValidationError):
        actions.review_application(app, actor=wmb, approve=False, on=D)
    app = actions.review_application(app, actor=wmb, approve=False, comment="材料不全", on=D)
    assert app.status == S.REJECTED
    with pytest.raises(actions.AlreadyDone):
        actions.review_application(app, actor=wmb, approve=False, comment="再拒", on=D)
    with pytest.raises(actions.ApplicationError):
        actions.publish_notice(app, actor=wmb, start=D)


def test_it_lets_only_the_civilisation_office_decide(submitted, lixin, xinba, leader):
    app = submitted()
    for who in (lixin, xinba, leader):
        with pytest.raises(PermissionDenied):
            actions.review_application(app, actor=who, approve=True, on=D)


def test_it_hides_applications_out_of_scope(submitted, sanmao, wmb):
    app = submitted()
    with pytest.raises(Http404):
        actions.review_application(app, actor=sanmao, approve=True, on=D)


def test_it_keeps_a_village_to_applying_for_itself(submitted, unit):
    with pytest.raises(PermissionDenied):
        submitted(code="YZ-XINBA-V03")
    assert not Application.objects.filter(unit__code="YZ-XINBA-V03", applicant="立新村").exists()


def test_it_refuses_the_same_application_twice(submitted):
    submitted()
    with pytest.raises(ValidationError) as err:
        submitted()
    assert "has already applied" in str(err.value)


def test_it_refuses_a_retired_category_and_an_empty_applicant(submitted, category):
    with pytest.raises(ValidationError) as err:
        submitted(applicant="  ")
    assert "applicant" in err.value.message_dict
    category.is_active = False
    category.save()
    with pytest.raises(ValidationError) as err:
        submitted()
    assert "category" in err.value.message_dict


def test_it_keeps_events_immutable(submitted):
    event = ApplicationEvent.objects.filter(application=submitted()).first()
    with pytest.raises(ImmutableError):
        event.save()
    with pytest.raises(ImmutableError):
        event.delete()


def test_it_records_volunteers_once_per_activity(xinba, unit):
    from decimal import Decimal

    from mingzhu.civility.models import VolunteerActivity

    activity = VolunteerActivity.objects.create(
        title="测试活动", organiser=unit("YZ-XINBA"), held_on=D, place="村部", hours=Decimal(2)
    )
    row = actions.add_participation(
        actor=xinba, activity=activity, volunteer="王丽", unit=unit("YZ-XINBA-V02")
    )
    assert row.hours == Decimal(2)
    with pytest.raises(ValidationError, match="already recorded"):
        actions.add_participation(
            actor=xinba, activity=activity, volunteer="王丽", unit=unit("YZ-XINBA-V02")
        )
    with pytest.raises(ValidationError) as err:
        actions.add_participation(
            actor=xinba, activity=activity, volunteer="张伟", unit=unit("YZ-XINBA"), hours=3
        )
    assert "hours" in err.value.message_dict
