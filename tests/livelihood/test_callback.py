"""The callback (回访): its outcomes through the engine's reopen-once rating, who may
record it and reveal the phone on its form, the form itself (masked phone, the unit's
answer, nothing preset) and the API."""

import re

import pytest
from django.contrib.auth.models import Permission

from mingzhu.livelihood import actions
from mingzhu.livelihood.models import Callback, CitizenRequest, PersonalDataAccess
from mingzhu.org.models import Role
from mingzhu.tasks.choices import EventAction

from .conftest import NAME, PHONE, at

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

ANSWER = "已安排养护队于3月6日修复路面。"


@pytest.fixture
def answered(dispatched, fgw):
    """answered() -> a request dispatched to 发改委 and answered, awaiting its callback."""

    def make():
        request = dispatched()
        actions.accept(request.pk, actor=fgw, at=at("2030-03-04", 14))
        actions.answer(request.pk, actor=fgw, result=ANSWER, at=at("2030-03-06"))
        return CitizenRequest.objects.get(pk=request.pk)

    return make


def _form_url(request) -> str:
    return f"{request.get_absolute_url()}callback/"


def _action_form(html: str) -> str:
    """The callback form itself (the reveal button is a form of its own above it)."""
    return re.search(r'<form[^>]*id="action-form".*?</form>', html, re.S).group(0)


# -- outcomes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resolved", "satisfaction"),
    [(False, "satisfied"), (True, "dissatisfied"), (False, "dissatisfied")],
)
def test_unresolved_or_dissatisfied_reopens_to_the_same_unit_in_the_task_timeline(
    as_user, answered, rexian, fgw, resolved, satisfaction
):
    request = answered()
    actions.callback(
        request.pk, actor=rexian, resolved=resolved, satisfaction=satisfaction, comment="仍未修好"
    )
    request = CitizenRequest.objects.get(pk=request.pk)
    task = request.task
    assert request.status == "handling" and request.reopened
    assert task.status == "returned" and task.lead_unit.code == "YZ-DEPT-FGW"
    rating = task.events.get(action=EventAction.RATE)
    assert (rating.from_status, rating.to_status, rating.satisfied) == (
        "closure_requested",
        "returned",
        False,
    )
    assert rating.actor == rexian and "仍未修好" in rating.comment
    # The unit sees the reopening in its task's timeline and may answer again.
    page = as_user(fgw).get(task.get_absolute_url())
    assert page.status_code == 200
    assert "仍未修好" in page.content.decode()
    assert "request_closure" in page.context["available"]


def test_resolved_and_satisfied_closes_at_the_first_callback(answered, rexian):
    request = answered()
    actions.callback(request.pk, actor=rexian, resolved=True, satisfaction="satisfied")
    request = CitizenRequest.objects.get(pk=request.pk)
    assert request.status == "closed" and not request.reopened
    assert request.task.status == "closed" and request.task.rework_count == 0


def test_the_second_callback_closes_for_good_and_keeps_the_dissatisfaction(answered, rexian, fgw):
    request = answered()
    actions.callback(request.pk, actor=rexian, resolved=True, satisfaction="dissatisfied")
    actions.answer(request.pk, actor=fgw, result="再次现场处理。", at=at("2030-03-08"))
    actions.callback(request.pk, actor=rexian, resolved=False, satisfaction="dissatisfied")
    request = CitizenRequest.objects.get(pk=request.pk)
    assert request.status == "closed" and request.task.status == "closed"
    assert request.task.rework_count == 1
    assert list(request.callbacks.order_by("pk").values_list("resolved", "satisfaction")) == [
        (True, "dissatisfied"),
        (False, "dissatisfied"),
    ]
    ratings = request.task.events.filter(action=EventAction.RATE).order_by("pk")
    assert list(ratings.values_list("satisfied", "to_status")) == [
        (False, "returned"),
        (False, "closed"),
    ]


# -- who may ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["fgw", "xinba", "lixin", "leader", "supervisor"])
def test_only_the_desk_opens_and_records_the_callback(as_user, request, answered, persona):
    user = request.getfixturevalue(persona)
    obj = answered()
    client = as_user(user)
    assert client.get(_form_url(obj)).status_code in (403, 404)
    body = {"resolved": "1", "satisfaction": "satisfied"}
    assert client.post(_form_url(obj), body).status_code in (403, 404)
    assert client.post(_form_url(obj), {"reveal": "1"}).status_code in (403, 404)
    assert not Callback.objects.filter(request=obj).exists()
    assert not PersonalDataAccess.objects.filter(object_id=obj.pk, viewer=user).exists()
    assert CitizenRequest.objects.get(pk=obj.pk).status == "answered"


def test_the_desk_calls_back_only_a_request_awaiting_it(as_user, dispatched, rexian):
    obj = dispatched()
    assert as_user(rexian).get(_form_url(obj)).status_code == 403


def test_the_desk_reveals_the_phone_on_the_form_and_the_view_is_recorded(as_user, answered, rexian):
    obj = answered()
    client = as_user(rexian)
    response = client.post(_form_url(obj), {"reveal": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert PHONE in html and NAME in html
    # Revealing records no callback and keeps the form open, still with nothing chosen.
    assert not Callback.objects.filter(request=obj).exists()
    assert "checked" not in _action_form(html)
    access = PersonalDataAccess.objects.get(object_id=obj.pk, viewer=rexian)
    assert access.fields == "name,phone" and access.purpose == "view"
    # The log lists the view.
    log = client.get("/livelihood/access-log/").content.decode()
    assert obj.number in log


def test_a_desk_without_the_reveal_permission_calls_back_but_sees_the_phone_masked(
    as_user, answered, rexian
):
    role = Role.objects.get(users=rexian, permissions__codename="reveal_requester")
    role.permissions.remove(Permission.objects.get(codename="reveal_requester"))
    obj = answered()
    client = as_user(rexian)
    html = client.get(_form_url(obj)).content.decode()
    assert "138****5678" in html and 'id="reveal"' not in html
    assert client.post(_form_url(obj), {"reveal": "1"}).status_code == 403
    assert not PersonalDataAccess.objects.filter(object_id=obj.pk).exists()
    body = {"resolved": "1", "satisfaction": "basic"}
    assert client.post(_form_url(obj), body).status_code == 302
    assert CitizenRequest.objects.get(pk=obj.pk).status == "closed"


# -- the form -------------------------------------------------------------------------


def test_the_form_shows_the_masked_phone_and_the_answer_and_presets_nothing(
    as_user, answered, rexian
):
    obj = answered()
    response = as_user(rexian).get(_form_url(obj))
    assert response.status_code == 200
    html = response.content.decode()
    assert "138****5678" in html and PHONE not in html and NAME not in html
    assert 'id="reveal"' in html
    assert ANSWER in html and "发展和改革委员会" in html
    form = _action_form(html)
    for value in ("satisfied", "basic", "dissatisfied"):
        assert f'value="{value}"' in form
    assert 'type="radio"' in form and "checked" not in form and "selected" not in form
    assert 'id="first-callback"' in html and 'id="second-callback"' not in html
    assert not PersonalDataAccess.objects.filter(object_id=obj.pk).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"resolved": "1"}, "satisfaction"),
        ({"satisfaction": "satisfied"}, "resolved"),
        ({"resolved": "1", "satisfaction": "great"}, "satisfaction"),
        ({}, "resolved"),
    ],
)
def test_the_form_requires_both_answers(as_user, answered, rexian, body, field):
    obj = answered()
    response = as_user(rexian).post(_form_url(obj), body)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Callback.objects.filter(request=obj).exists()
    assert CitizenRequest.objects.get(pk=obj.pk).status == "answered"


def test_the_second_callback_form_shows_the_first_and_the_new_answer(
    as_user, answered, rexian, fgw
):
    obj = answered()
    client = as_user(rexian)
    first = {"resolved": "0", "satisfaction": "basic", "comment": "积水仍在"}
    assert client.post(_form_url(obj), first).status_code == 302
    assert CitizenRequest.objects.get(pk=obj.pk).status == "handling"
    # The reopened request is the unit's again; the desk cannot call back meanwhile.
    assert client.get(_form_url(obj)).status_code == 403
    actions.answer(obj.pk, actor=fgw, result="已清理积水。")
    html = client.get(_form_url(obj)).content.decode()
    assert 'id="second-callback"' in html and "积水仍在" in html
    assert "已清理积水。" in html and "checked" not in _action_form(html)
    second = {"resolved": "0", "satisfaction": "dissatisfied"}
    assert client.post(_form_url(obj), second).status_code == 302
    assert CitizenRequest.objects.get(pk=obj.pk).status == "closed"


# -- API ------------------------------------------------------------------------------


def test_the_api_records_callbacks_with_the_same_rule(as_user, answered, rexian, fgw, xinba):
    obj = answered()
    url = f"/api/v1/livelihood/requests/{obj.pk}/"
    body = as_user(rexian).get(url).json()
    assert body["answer"] == ANSWER and body["phone_masked"] == "138****5678"
    assert PHONE not in str(body)
    # Nothing is presumed: a missing answer is refused, in form data and in JSON.
    desk = as_user(rexian)
    missing = desk.post(f"{url}callback/", {"satisfaction": "satisfied"})
    assert missing.status_code == 400 and "resolved" in missing.json()
    missing = desk.post(f"{url}callback/", {"resolved": True}, content_type="application/json")
    assert missing.status_code == 400 and "satisfaction" in missing.json()
    for user in (fgw, xinba):
        refused = as_user(user).post(
            f"{url}callback/",
            {"resolved": True, "satisfaction": "satisfied"},
            content_type="application/json",
        )
        assert refused.status_code in (403, 404)
    assert not Callback.objects.filter(request=obj).exists()
    first = desk.post(
        f"{url}callback/",
        {"resolved": False, "satisfaction": "satisfied"},
        content_type="application/json",
    )
    assert first.status_code == 200
    assert first.json()["status"] == "handling" and first.json()["reopened"] is True
    actions.answer(obj.pk, actor=fgw, result="再次答复。")
    assert as_user(rexian).get(url).json()["answer"] == "再次答复。"
    second = desk.post(
        f"{url}callback/",
        {"resolved": "false", "satisfaction": "dissatisfied"},
    )
    assert second.status_code == 200 and second.json()["status"] == "closed"
    third = desk.post(
        f"{url}callback/",
        {"resolved": True, "satisfaction": "satisfied"},
        content_type="application/json",
    )
    assert third.status_code == 400
    assert Callback.objects.filter(request=obj).count() == 2
