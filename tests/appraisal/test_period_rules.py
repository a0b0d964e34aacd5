"""A quarter's flags and assessment are published only once the quarter has ended: a
result of a running quarter would count what is not yet due as missed."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.appraisal import actions
from mingzhu.appraisal.choices import DEPARTMENT_SCHEME, TOWN_SCHEME
from mingzhu.appraisal.models import AppraisalResult, FlagAward
from mingzhu.core.actions import ActionError
from mingzhu.core.periods import quarter_of


def _running_quarter(supervisor, code=TOWN_SCHEME):
    year, quarter = quarter_of(timezone.localdate())
    AppraisalResult.objects.filter(scheme_code=code, year=year, quarter=quarter).delete()
    return actions.compute_result(actor=supervisor, scheme_code=code, year=year, quarter=quarter)


@pytest.mark.parametrize("code", [TOWN_SCHEME, DEPARTMENT_SCHEME])
def test_the_running_quarter_is_not_published(supervisor, code):
    draft = _running_quarter(supervisor, code)
    flags = FlagAward.objects.count()
    with pytest.raises(ActionError) as refused:
        actions.publish_result(draft.pk, actor=supervisor)
    assert draft.label in str(refused.value) and draft.period_end.isoformat() in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.published_at is None
    assert FlagAward.objects.count() == flags


def test_a_quarter_is_published_from_the_day_after_its_end(supervisor):
    draft = actions.compute_result(actor=supervisor, scheme_code=TOWN_SCHEME, year=2011, quarter=4)
    last_day = timezone.make_aware(dt.datetime(2011, 12, 31, 23, 0))
    with pytest.raises(ActionError):
        actions.publish_result(draft.pk, actor=supervisor, at=last_day)
    actions.publish_result(draft.pk, actor=supervisor, at=last_day + dt.timedelta(hours=2))
    draft.refresh_from_db()
    assert draft.status == "published"


def test_the_page_offers_no_publishing_and_refuses_it(as_user, supervisor):
    draft = _running_quarter(supervisor)
    client = as_user(supervisor)
    assert 'id="publish"' not in client.get(draft.get_absolute_url()).content.decode()
    response = client.post(f"/appraisal/results/{draft.pk}/publish/", follow=True)
    assert draft.label in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
