"""The request lifecycle through the task engine: dispatch, return, re-dispatch, answer,
callback and reopen; bad input; who may do what."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from mingzhu.core.actions import ActionError
from mingzhu.livelihood import actions
from mingzhu.livelihood.models import Callback, CitizenRequest, RequestEvent
from mingzhu.tasks import actions as task_actions
from mingzhu.tasks.choices import EventAction, SourceKind
from mingzhu.tasks.models import Task

from .conftest import FGW, LIXIN, PHONE, XINBA, at

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def test_it_registers_a_request_with_its_personal_data_protected(make_request):
    request = make_request()
    assert request.number.startswith("RX2030")
    assert request.status == "registered"
    assert request.phone_masked == "138****5678" and request.name_masked == "王**"
    assert PHONE not in request.phone_cipher and request.requester_phone() == PHONE
    stored = CitizenRequest.objects.filter(pk=request.pk).values().get()
    assert not any(PHONE in str(v) or "王建国" in str(v) for v in stored.values())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"content": "   "}, "content"),
        ({"phone": "1381234"}, "phone"),
        ({"phone": "hello"}, "phone"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(make_request, overrides, field):
    before = CitizenRequest.objects.count()
    with pytest.raises(ValidationError) as caught:
        make_request(**overrides)
    assert field in caught.value.message_dict
    assert CitizenRequest.objects.count() == before


def test_the_village_must_lie_in_the_town(make_request, unit):
    with pytest.raises(ValidationError) as caught:
        make_request(town=unit("321182001000"))
    assert "village" in caught.value.message_dict


def test_only_the_desk_registers_and_dispatches(make_request, fgw, xinba, unit):
    with pytest.raises(PermissionDenied):
        actions.register_request(
            actor=xinba,
            channel="web",
            request_type="help",
            category=None,
            content="x",
            town=unit(XINBA),
        )
    request = make_request()
    # 新坝镇 sees the request (its town) but is not the desk
    with pytest.raises(PermissionDenied):
        actions.dispatch(request.pk, actor=xinba, unit=unit(FGW))
    # 发改委 does not even see an undispatched request
    with pytest.raises(Http404):
        actions.dispatch(request.pk, actor=fgw, unit=unit(FGW))


def test_dispatch_makes_a_task_with_the_time_limit_of_the_type(dispatched):
    request = dispatched()
    task = request.task
    assert task.source_kind == SourceKind.CITIZEN_REQUEST
    assert task.source_object == request
    assert task.status == "assigned" and task.lead_unit.code == FGW
    assert task.deadline == dt.date(2030, 3, 7)  # help: 3 working days from Monday
    assert request.status == "dispatched"
    complaint = dispatched(request_type="complaint")
    assert complaint.task.deadline == dt.date(2030, 3, 21)  # 13 working days
    urgent = dispatched(request_type="urgent")
    assert urgent.task.deadline == dt.date(2030, 3, 4)  # the same day
    assert urgent.task.urgency == "urgent"


def test_the_whole_loop_with_a_reopening(dispatched, rexian, fgw):
    request = dispatched()
    actions.accept(request.pk, actor=fgw, at=at("2030-03-04", 14))
    assert CitizenRequest.objects.get(pk=request.pk).status == "handling"
    actions.answer(request.pk, actor=fgw, result="已修复路面。", at=at("2030-03-06"))
    assert CitizenRequest.objects.get(pk=request.pk).status == "answered"
    first_task = request.task_id
    actions.callback(
        request.pk,
        actor=rexian,
        resolved=False,
        satisfaction="basic",
        comment="仍有积水",
        at=at("2030-03-07"),
    )
    # Not resolved: the same task goes back to the unit for re-handling (重办).
    request = CitizenRequest.objects.get(pk=request.pk)
    assert request.task_id == first_task and request.task.status == "returned"
    assert request.status == "handling" and request.reopened
    assert request.task.lead_unit.code == FGW and request.task.rework_count == 1
    actions.answer(request.pk, actor=fgw, result="已清理积水。", at=at("2030-03-08"))
    actions.callback(request.pk, actor=rexian, resolved=False, satisfaction="dissatisfied")
    # A second dissatisfied answer is final: the request is closed.
    request = CitizenRequest.objects.get(pk=request.pk)
    assert request.status == "closed" and request.task.status == "closed"
    with pytest.raises(ActionError):
        actions.callback(request.pk, actor=rexian, resolved=False, satisfaction="dissatisfied")
    assert Callback.objects.filter(request=request, task_id=first_task).count() == 2
    # The history: the request's own steps, and its task's events with the two ratings.
    assert list(request.events.order_by("pk").values_list("action", flat=True)) == [
        "register",
        "dispatch",
    ]
    ratings = request.task.events.filter(action=EventAction.RATE).order_by("pk")
    assert list(ratings.values_list("satisfied", "to_status")) == [
        (False, "returned"),
        (False, "closed"),
    ]
    assert "仍有积水" in ratings.first().comment
    rounds = Task.objects.filter(object_id=request.pk, source_kind=SourceKind.CITIZEN_REQUEST)
    assert rounds.count() == 1


@pytest.mark.parametrize(
    ("resolved", "satisfaction", "reopens"),
    [
        (True, "satisfied", False),
        (True, "basic", False),
        (True, "dissatisfied", True),
        (False, "satisfied", True),
    ],
)
def test_a_callback_closes_or_reopens_once(
    dispatched, rexian, fgw, resolved, satisfaction, reopens
):
    request = dispatched()
    actions.accept(request.pk, actor=fgw)
    actions.answer(request.pk, actor=fgw, result="已修复。")
    actions.callback(request.pk, actor=rexian, resolved=resolved, satisfaction=satisfaction)
    request = CitizenRequest.objects.get(pk=request.pk)
    assert request.reopened == reopens
    assert request.task.status == ("returned" if reopens else "closed")


def test_only_the_desk_rates_at_callback(dispatched, rexian, fgw, xinba, leader):
    request = dispatched()
    actions.accept(request.pk, actor=fgw)
    actions.answer(request.pk, actor=fgw, result="已修复。")
    task = CitizenRequest.objects.get(pk=request.pk).task
    assert task_actions.may_review(rexian, task, as_source_reviewer=True)
    assert actions.rates_task(rexian, task)
    for other in (fgw, xinba, leader):
        assert not actions.rates_task(other, task)
    # The handling unit rates neither through the request nor through the engine.
    with pytest.raises(PermissionDenied):
        actions.callback(request.pk, actor=fgw, resolved=True, satisfaction="satisfied")
    with pytest.raises(PermissionDenied):
        task_actions.rate(task, actor=fgw, satisfied=True)
    assert CitizenRequest.objects.get(pk=request.pk).status == "answered"


def test_the_desk_calls_back_only_after_the_answer(dispatched, rexian, fgw):
    request = dispatched()
    with pytest.raises(ActionError):
        actions.callback(request.pk, actor=rexian, resolved=True, satisfaction="satisfied")
    actions.accept(request.pk, actor=fgw)
    actions.answer(request.pk, actor=fgw, result="已修复。")
    # the unit never calls back on itself
    with pytest.raises(PermissionDenied):
        actions.callback(request.pk, actor=fgw, resolved=True, satisfaction="satisfied")
    with pytest.raises(ValidationError):
        actions.callback(request.pk, actor=rexian, resolved=True, satisfaction="great")


def test_a_misdirected_request_is_returned_once_and_redispatched(dispatched, rexian, fgw, unit):
    request = dispatched()
    with pytest.raises(ActionError):
        actions.return_request(request.pk, actor=fgw, reason="  ")
    actions.return_request(request.pk, actor=fgw, reason="不属于本单位职责，应由住建局办理。")
    request = CitizenRequest.objects.get(pk=request.pk)
    assert request.status == "returned" and request.return_count == 1
    old = request.task
    # the same unit again is refused
    with pytest.raises(ValidationError):
        actions.redispatch(request.pk, actor=rexian, unit=unit(FGW))
    actions.redispatch(request.pk, actor=rexian, unit=unit("YZ-DEPT-ZJJ"), at=at("2030-03-05"))
    request = CitizenRequest.objects.get(pk=request.pk)
    old.refresh_from_db()
    assert old.status == "cancelled" and "住建局" in old.events.last().comment
    assert request.task.lead_unit.code == "YZ-DEPT-ZJJ" and request.status == "dispatched"
    # 发改委 no longer sees it; a second return is refused
    with pytest.raises(Http404):
        actions.return_request(request.pk, actor=fgw, reason="again")
    assert not actions.may_return(rexian, request)


def test_only_the_handling_unit_returns_a_request(dispatched, xinba, rexian):
    request = dispatched()
    with pytest.raises(PermissionDenied):
        actions.return_request(request.pk, actor=xinba, reason="不是我们的")
    with pytest.raises(PermissionDenied):
        actions.return_request(request.pk, actor=rexian, reason="不是我们的")


def test_a_request_cannot_be_returned_after_the_answer(dispatched, fgw):
    request = dispatched()
    actions.accept(request.pk, actor=fgw)
    actions.answer(request.pk, actor=fgw, result="已修复。")
    with pytest.raises(ActionError):
        actions.return_request(request.pk, actor=fgw, reason="不属于本单位")


def test_the_desk_does_not_dispatch_to_itself_nor_twice(make_request, rexian, unit):
    request = make_request()
    with pytest.raises(ValidationError):
        actions.dispatch(request.pk, actor=rexian, unit=unit("YZ-DEPT-SWZX"))
    actions.dispatch(request.pk, actor=rexian, unit=unit(LIXIN))
    with pytest.raises(ActionError):
        actions.dispatch(request.pk, actor=rexian, unit=unit(FGW))
    assert Task.objects.filter(object_id=request.pk, source_kind="citizen_request").count() == 1


def test_a_village_handles_what_is_dispatched_to_it(make_request, rexian, lixin, unit):
    request = actions.dispatch(make_request().pk, actor=rexian, unit=unit(LIXIN))
    actions.accept(request.pk, actor=lixin)
    actions.answer(request.pk, actor=lixin, result="村里已修复。")
    assert CitizenRequest.objects.get(pk=request.pk).status == "answered"


def test_request_events_are_immutable(make_request):
    event = RequestEvent.objects.filter(request=make_request()).first()
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
