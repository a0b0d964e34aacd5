"""联系诉求人: the handling unit records its contact with the caller, the 三率's response."""

import pytest
from django.urls import reverse

from mingzhu.core.actions import ActionError
from mingzhu.livelihood import actions
from mingzhu.livelihood.choices import RequestAction
from mingzhu.livelihood.metrics import rates_for
from mingzhu.livelihood.models import CitizenRequest, RateWeights, RequestEvent

from .conftest import at

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _contacts(request):
    return RequestEvent.objects.filter(request=request, action=RequestAction.CONTACT)


def test_the_handling_unit_records_a_contact_on_the_page(as_user, dispatched, fgw):
    request = dispatched()
    url = reverse("livelihood:citizenrequest_contact", args=[request.pk])
    detail = as_user(fgw).get(request.get_absolute_url())
    assert 'id="action-contact"' in detail.content.decode()
    assert as_user(fgw).get(url).status_code == 200
    empty = as_user(fgw).post(url, {"note": "  "})
    assert empty.status_code in (200, 400)
    assert not _contacts(request).exists()
    done = as_user(fgw).post(url, {"note": "电话联系，约定明日现场查看"})
    assert done.status_code == 302
    [event] = _contacts(request)
    assert (event.actor, event.unit, event.task_id) == (
        fgw,
        request.task.lead_unit,
        request.task_id,
    )
    assert event.comment == "电话联系，约定明日现场查看"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("rexian", 403), ("gxj", 404), ("sanmao", 404), ("outsider", 404), ("leader", 403)],
)
def test_nobody_else_records_a_contact(as_user, dispatched, request, persona, status):
    obj = dispatched()
    url = reverse("livelihood:citizenrequest_contact", args=[obj.pk])
    user = request.getfixturevalue(persona)
    assert as_user(user).post(url, {"note": "电话联系"}).status_code == status
    assert not _contacts(obj).exists()


def test_a_contact_needs_a_note_and_an_open_round(dispatched, fgw, rexian):
    request = dispatched()
    with pytest.raises(ActionError):
        actions.contact_caller(request.pk, actor=fgw, note="")
    actions.return_request(request.pk, actor=fgw, reason="不属于本单位职责")
    with pytest.raises(ActionError):
        actions.contact_caller(request.pk, actor=fgw, note="电话联系")


def test_the_response_rate_counts_contacts_within_the_working_hours(dispatched, fgw):
    # Dispatched on Monday 2030-03-04 at 10:00; 24 hours of office time (08:30–12:00,
    # 13:30–17:30) run to Thursday morning. One contact on Tuesday, one on Friday, one never.
    weights = RateWeights.current()
    weights.contact_hours = 24
    weights.save()
    on_time, late, never = dispatched(), dispatched(), dispatched()
    actions.contact_caller(on_time.pk, actor=fgw, note="电话联系", at=at("2030-03-05", 9))
    actions.contact_caller(late.pk, actor=fgw, note="电话联系", at=at("2030-03-08", 9))
    assert never.pk
    result = rates_for(CitizenRequest.objects.all(), 2030, 3)
    row = next(r for r in result["rows"] if r["name"] == "发展和改革委员会")
    assert (row["dispatched"], row["responded"]) == (3, 1)
    assert row["response_rate"] == round(1 / 3, 4)
