"""A write that the database refuses because another request acted at the same moment (a
unique value taken between the form's check and the save, a deadlock, a lock not obtained)
answers in Chinese: on the form (409) on form pages, as the API's JSON (``conflict`` 409,
``busy`` 503), and as an error page for any other view; never as a server error, and
nothing of the refused write is kept."""

import json
from contextlib import contextmanager

import psycopg
import pytest
from django.db import IntegrityError, OperationalError
from django.db.models.signals import pre_save
from django.test import RequestFactory

from mingzhu.core.middleware import DatabaseRefusalMiddleware, refusal_status
from mingzhu.enterprises.models import Enterprise
from mingzhu.grid.models import EventCategory

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


@contextmanager
def taken_meanwhile(model, name: str):
    """Another request saves a ``model`` named ``name`` just before this one saves its
    own: after the form's or serializer's uniqueness check, before the INSERT."""
    state = {"done": False}

    def take(sender, instance, **kwargs):
        if not state["done"] and instance.pk is None and instance.name == name:
            state["done"] = True
            other = model(**{f.attname: getattr(instance, f.attname) for f in model._meta.fields})
            other.pk = None
            other.save()

    pre_save.connect(take, sender=model, weak=False)
    try:
        yield state
    finally:
        pre_save.disconnect(take, sender=model)


def test_a_form_page_says_on_the_form_that_the_name_was_taken_meanwhile(as_user, supervisor):
    before = EventCategory.objects.count()
    with taken_meanwhile(EventCategory, "井盖缺失") as state:
        response = as_user(supervisor).post(
            "/grid/categories/add/",
            {
                "name": "井盖缺失",
                "time_limit": 8,
                "time_limit_basis": "working_hours",
                "sort_order": 1,
            },
        )
    assert state["done"]
    assert response.status_code == 409
    page = response.content.decode()
    assert "同一时间有人保存或删除了相关记录，本次提交未保存。" in page
    assert 'name="name"' in page and "井盖缺失" in page  # the form, as it was sent
    assert 'name="form_token"' in page  # a fresh token: it may be sent again
    # The refused save left nothing: the transaction it ran in was rolled back.
    assert EventCategory.objects.count() == before


def test_the_same_form_saves_when_nobody_acts_meanwhile(as_user, supervisor):
    response = as_user(supervisor).post(
        "/grid/categories/add/",
        {"name": "井盖缺失", "time_limit": 8, "time_limit_basis": "working_hours", "sort_order": 1},
    )
    assert response.status_code == 302
    assert EventCategory.objects.filter(name="井盖缺失").count() == 1


def test_the_api_answers_409_conflict_in_chinese(as_user, gxj, unit):
    body = {
        "credit_code": "9144030071526726XG",
        "name": "同时登记企业",
        "town": unit("YZ-BAQIAO").pk,
        "industry": "C38",
        "scale": "above",
        "land_mu": "10.5",
    }
    before = Enterprise.objects.count()
    with taken_meanwhile(Enterprise, "同时登记企业") as state:
        response = as_user(gxj).post(
            "/api/v1/enterprises/registry/", body, content_type="application/json"
        )
    assert state["done"]
    assert response.status_code == 409
    assert response.json() == {"detail": "同一时间有人修改了相同的记录。", "code": "conflict"}
    assert Enterprise.objects.count() == before
    # Without the other request, the same body is saved.
    response = as_user(gxj).post(
        "/api/v1/enterprises/registry/", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content


def _deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
    return error


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (IntegrityError("duplicate key value violates unique constraint"), 409),
        (_deadlock(), 503),
        (OperationalError("database is locked"), 503),
        (OperationalError("no such table: tasks_task"), None),
        (ValueError("a programming error"), None),
    ],
)
def test_it_tells_a_refusal_from_a_fault(exc, status):
    assert refusal_status(exc) == status


def test_any_other_page_answers_an_error_page_or_json(leader):
    middleware = DatabaseRefusalMiddleware(lambda request: None)
    factory = RequestFactory()

    page = factory.post("/tasks/1/accept/")
    page.user = leader
    response = middleware.process_exception(page, IntegrityError("duplicate key"))
    assert response.status_code == 409
    text = response.content.decode()
    assert "同一时间有人修改了相同的记录。" in text
    assert "本次提交未保存。请刷新页面查看最新内容后重新提交。" in text

    api = factory.post("/api/v1/tasks/1/accept/")
    api.user = leader
    response = middleware.process_exception(api, _deadlock())
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert json.loads(response.content) == {"detail": "相关记录正被其他操作占用。", "code": "busy"}

    # Anything else is left to the server error page (and its log).
    assert middleware.process_exception(page, ValueError("a bug")) is None
